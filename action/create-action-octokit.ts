import { getOctokit } from "@actions/github";
import { trimTrailingSlashes } from "../src/core/paths/trim-trailing-slashes.js";

/** The Octokit the Action uses (REST methods, pagination, `graphql`). */
export type ActionOctokit = ReturnType<typeof getOctokit>;

/** How to reach GitHub. */
export interface ActionOctokitOptions {
  readonly token: string;
  /** GITHUB_API_URL, e.g. `https://api.github.com` or `https://ghe.example.com/api/v3`. */
  readonly apiUrl: string;
  /** GITHUB_GRAPHQL_URL, e.g. `https://api.github.com/graphql` or `https://ghe.example.com/api/graphql`. */
  readonly graphqlUrl: string;
  /** A fetch to use instead of the proxy-aware one (tests). */
  readonly fetch?: typeof fetch;
}

/** Where Octokit sends GraphQL when nobody says otherwise (its own GHES rule). */
function derivedGraphqlUrl(apiUrl: string): string {
  const base = trimTrailingSlashes(apiUrl);
  return /\/api\/v3$/.test(base) ? base.replace(/\/api\/v3$/, "/api/graphql") : `${base}/graphql`;
}

/**
 * An Octokit for the Action: REST to GITHUB_API_URL, GraphQL to
 * GITHUB_GRAPHQL_URL. (Octokit derives the GraphQL URL from the base URL:
 * `/api/v3` becomes `/api/graphql`, anything else gets `/graphql`; a server
 * that says otherwise in GITHUB_GRAPHQL_URL is honoured.) Retries and request
 * counting are the shared port wrappers' job (src/github).
 */
export function createActionOctokit(options: ActionOctokitOptions): ActionOctokit {
  const octokit = getOctokit(options.token, {
    baseUrl: trimTrailingSlashes(options.apiUrl),
    userAgent: "integ-gate-action",
    ...(options.fetch === undefined ? {} : { request: { fetch: options.fetch } }),
  });
  const implicitGraphql = new Set(["/graphql", derivedGraphqlUrl(options.apiUrl)]);
  octokit.hook.before("request", (requestOptions) => {
    if (typeof requestOptions.url === "string" && implicitGraphql.has(requestOptions.url)) {
      requestOptions.url = options.graphqlUrl;
    }
  });
  return octokit;
}
