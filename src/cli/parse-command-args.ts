import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./cli-io.js";

/** The options a command declares (node:util parseArgs option descriptors). */
export type CommandOptions = NonNullable<ParseArgsConfig["options"]>;

/** Parsed options (strings and booleans by name) and positionals. */
export interface CommandArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * Parses one command's arguments strictly: an unknown option, a missing
 * option value or too many positionals is a UsageError (exit 2), worded for
 * a person. `--help`/`-h` is always accepted.
 */
export function parseCommandArgs(args: readonly string[], options: CommandOptions, maxPositionals: number): CommandArgs {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...args],
      options: { ...options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: true,
    }) as { values: Record<string, unknown>; positionals: string[] };
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const values: Record<string, string | boolean | undefined> = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (typeof value === "string" || typeof value === "boolean") values[name] = value;
  }
  if (values["help"] !== true && parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals.slice(maxPositionals).map((p) => JSON.stringify(p)).join(", ");
    throw new UsageError(`unexpected argument${parsed.positionals.length - maxPositionals === 1 ? "" : "s"}: ${extra}`);
  }
  return { values, positionals: parsed.positionals };
}

/** A string option, or undefined. */
export function stringOption(args: CommandArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === "string" ? value : undefined;
}

/** A boolean flag. */
export function flag(args: CommandArgs, name: string): boolean {
  return args.values[name] === true;
}

/** `erp,crm` or `erp crm` -> ["erp", "crm"]; empty entries dropped. */
export function listOption(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(/[\s,]+/u)
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // node's wording: "Unknown option '--foo'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--foo\"" -> keep the first sentence.
  const first = message.split(/\.\s/u)[0] ?? message;
  return first.replace(/\.$/u, "").replace(/^./u, (c) => c.toLowerCase());
}
