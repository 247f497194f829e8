import { dirname } from "node:path";
import type { ConfigIssue } from "../core/config/config-error.js";
import type { IntegConfig } from "../core/config/integ-config.js";
import { parseIntegConfig } from "../core/config/parse-integ-config.js";
import { findCliConfigFile } from "./find-cli-config-file.js";
import type { ConfigSource } from "./find-cli-config-file.js";
import { readTextFile } from "./read-text-file.js";

export type { ConfigSource } from "./find-cli-config-file.js";

/**
 * The smallest valid `.integ.yml`: every other key takes its default
 * (docs/configuration.md#keys). `owners` is required in a file but plays no part in judging
 * a note, so a stand-in fills it.
 */
const DEFAULT_CONFIG_TEXT = 'version: 1\nowners: ["@integ-gate-cli"]\n';

/** The configuration a command works with. */
export type CliConfig =
  | {
      readonly ok: true;
      readonly config: IntegConfig;
      /** The file as given or as found (relative to the working directory), or null for the built-in defaults. */
      readonly file: string | null;
      /** Where the file came from: `--config`, this directory, the git root, or none (the defaults). */
      readonly source: ConfigSource;
      /** The config's directory (the working directory for the defaults): the repository root when no git work tree is found. */
      readonly root: string;
      readonly warnings: readonly ConfigIssue[];
    }
  | { readonly ok: false; readonly file: string; readonly source: ConfigSource; readonly issues: readonly ConfigIssue[] };

/**
 * The config of a command: `--config` when given (a ReadError when it
 * cannot be read), else `.integ.yml` in the working directory, else the one
 * at the root of the git work tree, else the defaults of docs/configuration.md#keys
 * (rooted at `cwd`). See docs/release-note.md.
 */
export function loadCliConfig(file: string | undefined, cwd: string): CliConfig {
  const found = file === undefined ? findCliConfigFile(cwd) : { file, source: "--config" as const };
  if (found === null) {
    const parsed = parseIntegConfig(DEFAULT_CONFIG_TEXT, "(defaults)");
    if (!parsed.ok) throw new Error("integ-gate: the built-in default config is invalid");
    return { ok: true, config: parsed.config, file: null, source: "defaults", root: cwd, warnings: [] };
  }
  const read = readTextFile(found.file, cwd);
  const parsed = parseIntegConfig(read.text, found.file);
  if (!parsed.ok) return { ok: false, file: found.file, source: found.source, issues: parsed.issues };
  return {
    ok: true,
    config: parsed.config,
    file: found.file,
    source: found.source,
    root: dirname(read.absolutePath),
    warnings: parsed.warnings,
  };
}

/**
 * One line for stderr saying which config a command uses, or null when the
 * user named it with `--config`.
 */
export function describeConfigSource(loaded: { readonly file: string | null; readonly source: ConfigSource }): string | null {
  switch (loaded.source) {
    case "--config":
      return null;
    case "working-directory":
      return `integ-gate: using ${loaded.file ?? ".integ.yml"} (found in this directory).`;
    case "git-root":
      return `integ-gate: using ${loaded.file ?? ".integ.yml"} (found at the root of this git repository).`;
    case "defaults":
      return "integ-gate: no --config given and no .integ.yml in this directory or at the git root: using the built-in defaults (no systems or departments).";
  }
}

/** `file:line:col: message` for one config issue (the key path leads the message). */
export function formatConfigIssue(issue: ConfigIssue, severity?: "warning"): string {
  const what = issue.keyPath === "" ? issue.problem : `${issue.keyPath}: ${issue.problem}`;
  return `${issue.file}:${issue.line}:${issue.column}: ${severity === undefined ? "" : `${severity}: `}${what}`;
}
