import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/** The repository root (test/action/support -> ../../..). */
export const ROOT = join(import.meta.dirname, "..", "..", "..");

/** What a test needs from a workflow file. */
export interface WorkflowFile {
  /** Event name -> activity types (empty: any). */
  readonly on: Readonly<Record<string, readonly string[]>>;
  /** `permissions:` as written (scope -> read/write). */
  readonly permissions: Readonly<Record<string, string>>;
  /** The integ-gate step: `uses:` and `with:`. */
  readonly uses: string;
  readonly with: Readonly<Record<string, string>>;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

/** Reads a workflow file and its integ-gate step. */
export function readWorkflow(relativePath: string): WorkflowFile {
  const doc = record(parse(readFileSync(join(ROOT, relativePath), "utf8")));
  const on: Record<string, string[]> = {};
  for (const [event, spec] of Object.entries(record(doc["on"]))) {
    const types = record(spec)["types"];
    on[event] = Array.isArray(types) ? types.map(String) : [];
  }
  const permissions: Record<string, string> = {};
  for (const [scope, level] of Object.entries(record(doc["permissions"]))) permissions[scope] = String(level);
  for (const job of Object.values(record(doc["jobs"]))) {
    const steps = record(job)["steps"];
    for (const step of Array.isArray(steps) ? steps : []) {
      const uses = record(step)["uses"];
      if (typeof uses === "string" && /integ-gate/.test(uses)) {
        const withs: Record<string, string> = {};
        for (const [k, v] of Object.entries(record(record(step)["with"]))) withs[k] = String(v);
        return { on, permissions, uses, with: withs };
      }
    }
  }
  throw new Error(`${relativePath} has no integ-gate step`);
}

/** action.yml's inputs and their defaults. */
export function readActionInputDefaults(): Readonly<Record<string, string | undefined>> {
  const doc = record(parse(readFileSync(join(ROOT, "action.yml"), "utf8")));
  const defaults: Record<string, string | undefined> = {};
  for (const [name, spec] of Object.entries(record(doc["inputs"]))) {
    const value = record(spec)["default"];
    defaults[name] = value === undefined ? undefined : String(value);
  }
  return defaults;
}

/**
 * The INPUT_* variables the runner would set for the step: every input of
 * action.yml, from `with:` or else its default, with `${{ github.token }}`
 * and `${{ secrets.NAME }}` evaluated (the only expressions the examples use).
 */
export function stepInputEnv(
  workflow: WorkflowFile,
  values: { readonly githubToken: string; readonly secrets?: Readonly<Record<string, string>> },
): Record<string, string> {
  const env: Record<string, string> = {};
  const evaluate = (text: string): string =>
    text.replace(/\$\{\{([^}]*)\}\}/g, (_m, written: string) => {
      const expression = written.trim();
      if (expression === "github.token" || expression === "secrets.GITHUB_TOKEN") return values.githubToken;
      const secret = /^secrets\.([A-Za-z_]\w*)$/.exec(expression);
      if (secret?.[1] !== undefined) return values.secrets?.[secret[1]] ?? "";
      throw new Error(`the test cannot evaluate \${{ ${expression} }}`);
    });
  for (const [name, fallback] of Object.entries(readActionInputDefaults())) {
    const raw = workflow.with[name] ?? fallback;
    if (raw === undefined) continue;
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = evaluate(raw);
  }
  return env;
}

/** The workflow's `permissions:` as the emulator's token permissions (metadata: read is implied). */
export function tokenPermissions(workflow: WorkflowFile): Record<string, "read" | "write"> {
  const permissions: Record<string, "read" | "write"> = { metadata: "read" };
  for (const [scope, level] of Object.entries(workflow.permissions)) {
    if (level === "read" || level === "write") permissions[scope.replace(/-/g, "_")] = level;
  }
  return permissions;
}
