import type { GitHubPort } from "./github-port.js";

/** One error of a GraphQL answer, as GitHub sends it. */
export interface GraphqlErrorInfo {
  readonly type?: string;
  readonly message: string;
  /** Where in `data` the error happened, e.g. `["t0", "team"]`. */
  readonly path?: readonly (string | number)[];
}

/** A GraphQL answer: data (possibly partial) and errors. */
export interface GraphqlResult {
  readonly data: Readonly<Record<string, unknown>> | null;
  readonly errors: readonly GraphqlErrorInfo[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function toErrors(value: unknown): GraphqlErrorInfo[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((e) => {
    const path = Array.isArray(e["path"]) ? (e["path"] as (string | number)[]) : undefined;
    return {
      message: typeof e["message"] === "string" ? e["message"] : "unknown GraphQL error",
      ...(typeof e["type"] === "string" ? { type: e["type"] } : {}),
      ...(path === undefined ? {} : { path }),
    };
  });
}

/**
 * Runs a query and keeps partial answers: Octokit throws when the answer
 * has `errors`, even when most of `data` is there (a team the token cannot
 * read must not fail the whole load). Transport errors (HTTP, network) are
 * rethrown.
 */
export async function runGraphql(
  port: GitHubPort,
  query: string,
  variables: Readonly<Record<string, unknown>>,
): Promise<GraphqlResult> {
  try {
    const data = await port.graphql(query, { ...variables });
    return { data: isRecord(data) ? data : null, errors: [] };
  } catch (error) {
    if (isRecord(error) && Array.isArray(error["errors"])) {
      const data = error["data"];
      return { data: isRecord(data) ? data : null, errors: toErrors(error["errors"]) };
    }
    throw error;
  }
}

/** The errors whose path starts with `prefix`. */
export function errorsAt(result: GraphqlResult, prefix: readonly (string | number)[]): GraphqlErrorInfo[] {
  return result.errors.filter((e) => e.path !== undefined && prefix.every((p, i) => e.path?.[i] === p));
}

/**
 * The name of the field an error happened in, directly under the field
 * `parent` (`fieldUnder(["repository", "pullRequest", "headCommit", "nodes", 0, "commit", "h1"], "commit")`
 * is "h1"): errors are mapped by field names, never by a position in the
 * path that would tie the code to one query's shape. "" when the path does
 * not pass through `parent`.
 */
export function fieldUnder(error: GraphqlErrorInfo, parent: string): string {
  const path = error.path ?? [];
  const at = path.indexOf(parent);
  if (at === -1) return "";
  const next = path.slice(at + 1).find((p): p is string => typeof p === "string");
  return next ?? "";
}
