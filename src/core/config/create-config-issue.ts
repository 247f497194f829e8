import type { ConfigIssue } from "./config-error.js";

/** A 1-based place in the file. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** One step of a key path: a mapping key or a list index. */
export type KeyPathSegment = string | number;

const PLAIN_KEY = /^[\w-]+$/;

/**
 * `["systems", "erp", "feeds", 0]` -> `systems.erp.feeds[0]`. Keys that are
 * not plain words are quoted: `systems["my system"]`.
 */
export function formatKeyPath(path: readonly KeyPathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Builds the issue and its full sentence: `owners[1]: "@acme" is not @user or @org/team (line 7, column 5)`. */
export function createConfigIssue(
  file: string,
  path: readonly KeyPathSegment[],
  position: SourcePosition,
  problem: string,
): ConfigIssue {
  const keyPath = formatKeyPath(path);
  const where = `(line ${position.line}, column ${position.column})`;
  const message = keyPath === "" ? `${problem} ${where}` : `${keyPath}: ${problem} ${where}`;
  return { file, keyPath, line: position.line, column: position.column, problem, message };
}

/** Issues in file order (line, then column); stable for issues at the same place. */
export function sortConfigIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
}
