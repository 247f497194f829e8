/**
 * The two calls integ-gate makes to GitHub. Probot's Octokit (the App) and
 * @actions/github's Octokit (the Action) both satisfy it structurally, so one
 * loader and one publisher serve both front doors; tests pass a fake or nock.
 */
export interface GitHubPort {
  /** A REST request, e.g. `request("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", {...})`. */
  request(route: string, parameters?: Record<string, unknown>): Promise<GitHubResponse>;
  /** A GraphQL query. Throws on partial errors with `data` and `errors` attached (Octokit's GraphqlResponseError). */
  graphql(query: string, parameters?: Record<string, unknown>): Promise<unknown>;
}

/** A REST answer as Octokit returns it. */
export interface GitHubResponse {
  readonly status: number;
  readonly data: unknown;
  readonly headers: Readonly<Record<string, string | number | undefined>>;
}

/** The HTTP status of an Octokit error (RequestError), or null. */
export function errorStatus(error: unknown): number | null {
  if (typeof error !== "object" || error === null) return null;
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" ? status : null;
}

/** The response headers carried by an Octokit error, lower-case names. */
export function errorHeaders(error: unknown): Readonly<Record<string, string | number | undefined>> {
  if (typeof error !== "object" || error === null) return {};
  const response = (error as { response?: { headers?: unknown } }).response;
  const headers = response?.headers;
  return typeof headers === "object" && headers !== null ? (headers as Record<string, string | number | undefined>) : {};
}

/** One line describing an error for a log or a check summary. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const status = errorStatus(error);
    return status === null ? oneLine(error.message) : `${status}: ${oneLine(error.message)}`;
  }
  return oneLine(String(error));
}

/** An error text for a log line or a check title: HTML error pages reduced to their text, one line, at most 200 characters. */
function oneLine(text: string): string {
  const plain = /<\/?[a-z][^<>]*>/i.test(text) ? text.replace(/<[^<>]*>/g, " ") : text;
  const line = plain.replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** Whether a REST route sends a request that GitHub's throttling queues as a write (everything but GET/HEAD). */
export function isWriteQueued(route: string): boolean {
  const method = /^([A-Z]+)\s/.exec(route.trim())?.[1] ?? "GET";
  return method !== "GET" && method !== "HEAD";
}
