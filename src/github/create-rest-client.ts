import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import type { GitHubPort } from "./github-port.js";
import { trimTrailingSlashes } from "../core/paths/trim-trailing-slashes.js";

/** Where and as whom the command line reads GitHub. */
export interface RestClientOptions {
  readonly token: string;
  /** GITHUB_API_URL: `https://api.github.com`, or `https://HOST/api/v3` on GitHub Enterprise Server. */
  readonly apiUrl: string;
  /** GITHUB_GRAPHQL_URL; when absent, derived as Octokit does (`/api/v3` -> `/api/graphql`, else `/graphql`). */
  readonly graphqlUrl?: string;
  readonly userAgent?: string;
  /** Retries of transient errors (5xx, secondary rate limits); 0 in tests that inject faults. Default 3. */
  readonly retries?: number;
  readonly log?: { warn(message: string): void };
  /** A fetch to use instead of the global one (tests). */
  readonly fetch?: typeof fetch;
}

/** A client and the count of HTTP requests it sent (every attempt, retries included). */
export interface RestClient {
  readonly port: GitHubPort;
  requests(): number;
}

const RetryingOctokit = Octokit.plugin(retry, throttling);

/**
 * The command line's GitHub client: `@octokit/rest` with `@octokit/plugin-retry`
 * (transient 5xx answers are retried with backoff) and
 * `@octokit/plugin-throttling` (waits out primary and secondary rate limits,
 * at most `retries` times, then fails). GraphQL goes to GITHUB_GRAPHQL_URL.
 */
export function createRestClient(options: RestClientOptions): RestClient {
  const apiUrl = trimTrailingSlashes(options.apiUrl);
  const retries = options.retries ?? 3;
  const warn = (message: string): void => options.log?.warn(message);
  const octokit = new RetryingOctokit({
    auth: options.token,
    baseUrl: apiUrl,
    userAgent: options.userAgent ?? "integ-gate-cli",
    ...(options.fetch === undefined ? {} : { request: { fetch: options.fetch } }),
    retry: { retries, doNotRetry: [400, 401, 403, 404, 410, 422, 451] },
    throttle: {
      onRateLimit: (after: number, request: { method: string; url: string }, _o: unknown, count: number) => {
        warn(`GitHub rate limit reached (${request.method} ${request.url}): waiting ${after} s (try ${count + 1} of ${retries + 1})`);
        return count < retries;
      },
      onSecondaryRateLimit: (after: number, request: { method: string; url: string }, _o: unknown, count: number) => {
        warn(`GitHub secondary rate limit (${request.method} ${request.url}): waiting ${after} s (try ${count + 1} of ${retries + 1})`);
        return count < retries;
      },
    },
  });
  let sent = 0;
  const derived = /\/api\/v3$/u.test(apiUrl) ? apiUrl.replace(/\/api\/v3$/u, "/api/graphql") : `${apiUrl}/graphql`;
  const graphqlUrl = options.graphqlUrl ?? derived;
  octokit.hook.before("request", (request) => {
    sent += 1;
    if (typeof request.url === "string" && (request.url === "/graphql" || request.url === derived)) request.url = graphqlUrl;
  });
  const port: GitHubPort = {
    request: async (route, parameters) => {
      const answer = await octokit.request(route, parameters);
      return { status: answer.status, data: answer.data, headers: answer.headers as Record<string, string | number | undefined> };
    },
    graphql: (query, parameters) => octokit.graphql(query, parameters),
  };
  return { port, requests: () => sent };
}
