import { describe, expect, it } from "vitest";
import { createActionOctokit } from "../../action/create-action-octokit.js";

/** A fetch that records URLs and answers 200 with `body`. */
function recordingFetch(body: unknown) {
  const urls: string[] = [];
  const fetchFn = (async (input: string | URL | Request) => {
    urls.push(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  }) as typeof fetch;
  return { urls, fetchFn };
}

describe("createActionOctokit", () => {
  it("sends REST to GITHUB_API_URL and GraphQL to GITHUB_GRAPHQL_URL, even when they do not follow Octokit's rule", async () => {
    const { urls, fetchFn } = recordingFetch({ data: { viewer: { login: "x" } } });
    const octokit = createActionOctokit({
      token: "t",
      apiUrl: "https://ghe.example.com/api/v3",
      graphqlUrl: "https://graphql.ghe.example.com/custom",
      fetch: fetchFn,
    });
    await octokit.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "integrations" });
    await octokit.graphql("query { viewer { login } }");
    expect(urls).toEqual(["https://ghe.example.com/api/v3/repos/acme/integrations", "https://graphql.ghe.example.com/custom"]);
  });

  it("uses github.com's GraphQL endpoint on github.com", async () => {
    const { urls, fetchFn } = recordingFetch({ data: {} });
    const octokit = createActionOctokit({
      token: "t",
      apiUrl: "https://api.github.com",
      graphqlUrl: "https://api.github.com/graphql",
      fetch: fetchFn,
    });
    await octokit.graphql("query { viewer { login } }");
    expect(urls).toEqual(["https://api.github.com/graphql"]);
  });

  it("sends the token", async () => {
    const seen: string[] = [];
    const fetchFn = (async (_input: string | URL | Request, init?: RequestInit) => {
      seen.push(new Headers(init?.headers).get("authorization") ?? "");
      return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
    }) as typeof fetch;
    const octokit = createActionOctokit({ token: "ghs_abc", apiUrl: "https://api.github.com", graphqlUrl: "x", fetch: fetchFn });
    await octokit.request("GET /rate_limit");
    expect(seen).toEqual(["token ghs_abc"]);
  });
});
