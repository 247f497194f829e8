import type { DigestActionInputs } from "./run-digest-action.js";
import type { ActionInputs } from "./run-action.js";

/** Reads one input as the runner passes it (`core.getInput`). */
export type InputReader = (name: string) => string;

const TRUE = new Set(["true", "True", "TRUE"]);
const FALSE = new Set(["false", "False", "FALSE"]);

function readBoolean(read: InputReader, name: string, fallback: boolean): boolean {
  const value = read(name).trim();
  if (value === "") return fallback;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new Error(`The input \`${name}\` must be true or false, not "${value}".`);
}

/** `gate` (default): evaluate pull requests; `digest`: the merged release notes per department (docs/digest.md). */
export type ActionMode = "gate" | "digest";

/** The token and the other inputs of action.yml, with its defaults when the runner passes none. */
export function readActionInputs(
  read: InputReader,
): ActionInputs & { readonly token: string; readonly mode: ActionMode; readonly digest: DigestActionInputs } {
  const token = read("token").trim();
  if (token === "") {
    throw new Error("The input `token` is empty: pass `token: ${{ github.token }}` (the default) or a token that can read teams.");
  }
  const configPath = (read("config-path").trim() || ".integ.yml").replace(/^\.\//, "");
  if (configPath !== ".integ.yml") {
    // docs/configuration.md: the file is `.integ.yml` at the repository root, read from the default branch.
    throw new Error(
      `The input \`config-path\` is "${configPath}", but integ-gate reads its configuration from .integ.yml at the root of the default branch (the App reads the same file). Move the file there and remove the input.`,
    );
  }
  const mode = read("mode").trim() || "gate";
  if (mode !== "gate" && mode !== "digest") throw new Error(`The input \`mode\` must be gate or digest, not "${mode}".`);
  const digest: DigestActionInputs = {
    since: read("since").trim() || "7d",
    until: read("until").trim(),
    departments: read("department")
      .split(/[\s,]+/u)
      .filter((d) => d !== ""),
    dir: read("digest-dir").trim() || "integ-gate-digest",
  };
  return {
    token,
    mode,
    digest,
    configPath,
    failOnBlock: readBoolean(read, "fail-on-block", false),
    statuses: readBoolean(read, "statuses", true),
  };
}
