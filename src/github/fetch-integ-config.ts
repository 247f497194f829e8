import type { ConfigIssue } from "../core/config/config-error.js";
import { CONFIG_PATH, type IntegConfig } from "../core/config/integ-config.js";
import { parseIntegConfig } from "../core/config/parse-integ-config.js";
import type { RawBlob, RawRepositoryConfig } from "./pull-request-query.js";

/** Larger files are refused before parsing (docs/configuration.md#files-that-are-refused). */
export const CONFIG_SIZE_LIMIT = 256 * 1024;

/**
 * The default branch's `.integ.yml`, read through the API. It is always the
 * base repository's default branch, never the PR's head.
 */
export type ConfigRead =
  | { readonly kind: "missing"; readonly defaultBranch: string }
  | { readonly kind: "found"; readonly defaultBranch: string; readonly text: string; readonly blobSha: string }
  /** The file exists but is binary or too large to read. */
  | { readonly kind: "unreadable"; readonly defaultBranch: string; readonly problem: string }
  /** The read itself failed (after retries). */
  | { readonly kind: "failed"; readonly detail: string };

/** What the gate makes of the config: rows 0-2, or a resolved config. */
export type ConfigState =
  | { readonly kind: "read-failed"; readonly detail: string }
  | { readonly kind: "no-config" }
  | { readonly kind: "invalid-config"; readonly defaultBranch: string; readonly issues: readonly ConfigIssue[] }
  | { readonly kind: "valid"; readonly defaultBranch: string; readonly config: IntegConfig };

/** The `config` blob of a repository answer (GraphQL `object(expression: "HEAD:.integ.yml")`). */
export function readConfigBlob(repository: RawRepositoryConfig): ConfigRead {
  const defaultBranch = repository.defaultBranchRef?.name;
  if (defaultBranch === undefined) return { kind: "missing", defaultBranch: "" };
  const blob: RawBlob | null = repository.config;
  if (blob === null) return { kind: "missing", defaultBranch };
  if (blob.__typename !== undefined && blob.__typename !== "Blob") {
    return { kind: "unreadable", defaultBranch, problem: `is a ${blob.__typename.toLowerCase()}, not a file` };
  }
  if (blob.isBinary === true) return { kind: "unreadable", defaultBranch, problem: "is a binary file" };
  if (blob.isTruncated === true || (blob.byteSize ?? 0) > CONFIG_SIZE_LIMIT || typeof blob.text !== "string") {
    return { kind: "unreadable", defaultBranch, problem: `is larger than ${CONFIG_SIZE_LIMIT / 1024} KiB` };
  }
  return { kind: "found", defaultBranch, text: blob.text, blobSha: blob.oid ?? "" };
}

/** Parses what was read into the gate's view of the config. */
export function toConfigState(read: ConfigRead): ConfigState {
  switch (read.kind) {
    case "failed":
      return { kind: "read-failed", detail: read.detail };
    case "missing":
      return { kind: "no-config" };
    case "unreadable":
      return {
        kind: "invalid-config",
        defaultBranch: read.defaultBranch,
        issues: [
          {
            file: CONFIG_PATH,
            keyPath: "",
            line: 1,
            column: 1,
            problem: `${CONFIG_PATH} ${read.problem}`,
            message: `${CONFIG_PATH} ${read.problem} (line 1, column 1)`,
          },
        ],
      };
    case "found": {
      const parsed = parseIntegConfig(read.text, CONFIG_PATH);
      return parsed.ok
        ? { kind: "valid", defaultBranch: read.defaultBranch, config: parsed.config }
        : { kind: "invalid-config", defaultBranch: read.defaultBranch, issues: parsed.issues };
    }
  }
}
