import { getOctokit } from "@actions/github";

/** The Octokit the Action uses (REST methods, pagination, `graphql`). */
export type ActionOctokit = ReturnType<typeof getOctokit>;

/** How to reach GitHub. */
export interface ActionOctokitOptions {
  readonly token: string;
  /** GITHUB_API_URL, e.g. `https://api.github.com` or `https://ghe.example.com/api/v3`. */
  readonly apiUrl: string;
  /** GITHUB_GRAPHQL_URL, e.g. `https://api.github.com/graphql` or `https://ghe.example.com/api/graphql`. */
  readonly graphqlUrl: string;
  /** Retries of a transient failure (5xx, 429, secondary rate limit); default 3. */
  readonly retries?: number;
  /** First backoff delay in ms, doubled on each retry; default 1000. A `retry-after` header wins (up to 60 s). */
  readonly retryBaseMs?: number;
  /** A fetch to use instead of the proxy-aware one (tests). */
  readonly fetch?: typeof fetch;
}

/** The Octokit, and how many HTTP requests it has sent (retries included). */
export interface CountedOctokit {
  readonly octokit: ActionOctokit;
  requestCount(): number;
  retryCount(): number;
}

/** Where Octokit sends GraphQL when nobody says otherwise (its own GHES rule). */
function derivedGraphqlUrl(apiUrl: string): string {
  const base = apiUrl.replace(/\/+$/, "");
  return /\/api\/v3$/.test(base) ? base.replace(/\/api\/v3$/, "/api/graphql") : `${base}/graphql`;
}

function isTransient(error: unknown): { readonly retry: boolean; readonly afterMs: number | null } {
  if (typeof error !== "object" || error === null) return { retry: false, afterMs: null };
  const status = (error as { status?: unknown }).status;
  const headers = ((error as { response?: { headers?: Record<string, unknown> } }).response?.headers ?? {}) as Record<
    string,
    unknown
  >;
  const retryAfter = Number(headers["retry-after"]);
  const afterMs = Number.isFinite(retryAfter) && retryAfter >= 0 ? Math.min(retryAfter, 60) * 1000 : null;
  if (typeof status !== "number") return { retry: false, afterMs: null };
  if (status >= 500 || status === 429) return { retry: true, afterMs };
  if (status === 403) {
    const message = String((error as { message?: unknown }).message ?? "");
    const limited = headers["x-ratelimit-remaining"] === "0" || afterMs !== null || /rate limit/i.test(message);
    return { retry: limited, afterMs };
  }
  return { retry: false, afterMs: null };
}

/**
 * An Octokit for the Action: base URL from GITHUB_API_URL, GraphQL sent to
 * GITHUB_GRAPHQL_URL (Octokit would otherwise derive it from the base URL),
 * transient failures retried with backoff, and every HTTP request counted.
 */
export function createActionOctokit(options: ActionOctokitOptions): CountedOctokit {
  const retries = options.retries ?? 3;
  const baseMs = options.retryBaseMs ?? 1000;
  const octokit = getOctokit(options.token, {
    baseUrl: options.apiUrl.replace(/\/+$/, ""),
    userAgent: "integ-gate-action",
    ...(options.fetch === undefined ? {} : { request: { fetch: options.fetch } }),
  });
  const implicitGraphql = new Set(["/graphql", derivedGraphqlUrl(options.apiUrl)]);
  let requests = 0;
  let retried = 0;
  octokit.hook.wrap("request", async (request, requestOptions) => {
    if (typeof requestOptions.url === "string" && implicitGraphql.has(requestOptions.url)) {
      requestOptions.url = options.graphqlUrl;
    }
    for (let attempt = 0; ; attempt += 1) {
      requests += 1;
      try {
        return await request(requestOptions);
      } catch (error) {
        const transient = isTransient(error);
        if (!transient.retry || attempt >= retries) throw error;
        retried += 1;
        const delay = transient.afterMs ?? baseMs * 2 ** attempt;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  });
  return { octokit, requestCount: () => requests, retryCount: () => retried };
}
