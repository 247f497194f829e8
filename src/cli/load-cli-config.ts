import { dirname } from "node:path";
import type { ConfigIssue } from "../core/config/config-error.js";
import type { IntegConfig } from "../core/config/integ-config.js";
import { parseIntegConfig } from "../core/config/parse-integ-config.js";
import { readTextFile } from "./read-text-file.js";

/**
 * The smallest valid `.integ.yml`: every other key takes the default of
 * integ-yml.md. `owners` is required in a file but plays no part in judging
 * a note, so a stand-in fills it.
 */
const DEFAULT_CONFIG_TEXT = 'version: 1\nowners: ["@integ-gate-cli"]\n';

/** The configuration a command works with. */
export type CliConfig =
  | {
      readonly ok: true;
      readonly config: IntegConfig;
      /** The file's name as given, or null for the built-in defaults. */
      readonly file: string | null;
      /** The config's directory (the working directory for the defaults): the repository root when no git work tree is found. */
      readonly root: string;
      readonly warnings: readonly ConfigIssue[];
    }
  | { readonly ok: false; readonly file: string; readonly issues: readonly ConfigIssue[] };

/**
 * Reads `--config` (a ReadError when the file cannot be read), or the
 * defaults of integ-yml.md when no file is given (rooted at `cwd`).
 */
export function loadCliConfig(file: string | undefined, cwd: string): CliConfig {
  if (file === undefined) {
    const parsed = parseIntegConfig(DEFAULT_CONFIG_TEXT, "(defaults)");
    if (!parsed.ok) throw new Error("integ-gate: the built-in default config is invalid");
    return { ok: true, config: parsed.config, file: null, root: cwd, warnings: [] };
  }
  const read = readTextFile(file, cwd);
  const parsed = parseIntegConfig(read.text, file);
  if (!parsed.ok) return { ok: false, file, issues: parsed.issues };
  return { ok: true, config: parsed.config, file, root: dirname(read.absolutePath), warnings: parsed.warnings };
}

/** `file:line:col: message` for one config issue (the key path leads the message). */
export function formatConfigIssue(issue: ConfigIssue, severity?: "warning"): string {
  const what = issue.keyPath === "" ? issue.problem : `${issue.keyPath}: ${issue.problem}`;
  return `${issue.file}:${issue.line}:${issue.column}: ${severity === undefined ? "" : `${severity}: `}${what}`;
}
