import { describe, expect, it } from "vitest";
import { createActionOctokit } from "../../action/create-action-octokit.js";

/** A fetch that records URLs and answers from a queue of [status, body] (the last one repeats). */
function recordingFetch(answers: [number, unknown, Record<string, string>?][]) {
  const urls: string[] = [];
  const fetchFn = (async (input: string | URL | Request) => {
    urls.push(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const [status, body, headers] = answers.length > 1 ? answers.shift()! : answers[0]!;
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
  }) as typeof fetch;
  return { urls, fetchFn };
}

describe("createActionOctokit", () => {
  it("sends REST to GITHUB_API_URL and GraphQL to GITHUB_GRAPHQL_URL, even when they do not follow Octokit's rule", async () => {
    const { urls, fetchFn } = recordingFetch([[200, { data: { viewer: { login: "x" } } }]]);
    const { octokit, requestCount } = createActionOctokit({
      token: "t",
      apiUrl: "https://ghe.example.com/api/v3",
      graphqlUrl: "https://graphql.ghe.example.com/custom",
      fetch: fetchFn,
    });
    await octokit.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "integrations" });
    await octokit.graphql("query { viewer { login } }");
    expect(urls).toEqual(["https://ghe.example.com/api/v3/repos/acme/integrations", "https://graphql.ghe.example.com/custom"]);
    expect(requestCount()).toBe(2);
  });

  it("uses github.com's GraphQL endpoint on github.com", async () => {
    const { urls, fetchFn } = recordingFetch([[200, { data: {} }]]);
    const { octokit } = createActionOctokit({
      token: "t",
      apiUrl: "https://api.github.com",
      graphqlUrl: "https://api.github.com/graphql",
      fetch: fetchFn,
    });
    await octokit.graphql("query { viewer { login } }");
    expect(urls).toEqual(["https://api.github.com/graphql"]);
  });

  it("retries a 502 and counts every attempt", async () => {
    const { urls, fetchFn } = recordingFetch([
      [502, { message: "Bad gateway" }],
      [200, { id: 1 }],
    ]);
    const { octokit, requestCount, retryCount } = createActionOctokit({
      token: "t",
      apiUrl: "https://api.github.com",
      graphqlUrl: "https://api.github.com/graphql",
      retryBaseMs: 1,
      fetch: fetchFn,
    });
    const response = await octokit.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "integrations" });
    expect(response.data).toEqual({ id: 1 });
    expect(urls).toHaveLength(2);
    expect(requestCount()).toBe(2);
    expect(retryCount()).toBe(1);
  });

  it("gives up after the retries and throws the last error", async () => {
    const { fetchFn } = recordingFetch([[503, { message: "Unavailable" }]]);
    const { octokit, requestCount } = createActionOctokit({
      token: "t",
      apiUrl: "https://api.github.com",
      graphqlUrl: "https://api.github.com/graphql",
      retries: 2,
      retryBaseMs: 1,
      fetch: fetchFn,
    });
    await expect(octokit.request("GET /repos/{owner}/{repo}", { owner: "a", repo: "b" })).rejects.toMatchObject({ status: 503 });
    expect(requestCount()).toBe(3);
  });

  it("does not retry a 403 that is not a rate limit (a read-only token)", async () => {
    const { fetchFn, urls } = recordingFetch([[403, { message: "Resource not accessible by integration" }]]);
    const { octokit } = createActionOctokit({
      token: "t",
      apiUrl: "https://api.github.com",
      graphqlUrl: "https://api.github.com/graphql",
      retryBaseMs: 1,
      fetch: fetchFn,
    });
    await expect(
      octokit.request("POST /repos/{owner}/{repo}/statuses/{sha}", { owner: "a", repo: "b", sha: "c", state: "success" }),
    ).rejects.toMatchObject({ status: 403 });
    expect(urls).toHaveLength(1);
  });
});
