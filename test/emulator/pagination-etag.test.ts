import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { installationOctokit, installationToken, seedSample, tokenOctokit, type TestOctokit } from "./emulator-test-kit.js";

let em: Emulator;
let gh: TestOctokit;
let token: string;
let bigPr: number;

beforeAll(async () => {
  em = await startEmulator();
  const sample = seedSample(em);
  const files: Record<string, string> = {};
  for (let i = 0; i < 3005; i++) files[`integrations/erp/generated/file-${String(i).padStart(4, "0")}.ts`] = `export const n = ${i};\n`;
  em.state.commit({ repo: sample.repo, branch: "huge", from: "main", author: "dev-alice", files });
  bigPr = em.state.createPullRequest({ repo: sample.repo, head: "huge", author: "dev-alice" }).number;
  token = await installationToken(em, sample.repo);
  gh = tokenOctokit(em, token);
});

afterAll(async () => {
  await em.close();
});

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${em.apiUrl}${path}`, { headers: { authorization: `token ${token}`, ...headers } });
}

describe("pagination", () => {
  it("caps per_page at 100 and links next and last pages", async () => {
    const res = await get(`/repos/acme/integrations/pulls/${bigPr}/files?per_page=500`);
    expect(((await res.json()) as unknown[]).length).toBe(100);
    const link = res.headers.get("link") ?? "";
    expect(link).toContain('rel="next"');
    expect(link).toMatch(/page=30>; rel="last"/);
  });

  it("lists at most 3,000 files of a pull request, while the PR reports the true count", async () => {
    const files = await gh.paginate(gh.rest.pulls.listFiles, { owner: "acme", repo: "integrations", pull_number: bigPr, per_page: 100 });
    expect(files).toHaveLength(3000);
    const pr = await gh.rest.pulls.get({ owner: "acme", repo: "integrations", pull_number: bigPr });
    expect(pr.data.changed_files).toBe(3005);
  });

  it("defaults to 30 per page", async () => {
    const res = await get(`/repos/acme/integrations/pulls/${bigPr}/files`);
    expect(((await res.json()) as unknown[]).length).toBe(30);
  });
});

describe("conditional requests and rate-limit headers", () => {
  it("answers 304 to a matching If-None-Match without spending rate limit", async () => {
    const first = await get("/repos/acme/integrations/contents/.integ.yml");
    const etag = first.headers.get("etag") ?? "";
    const remaining = Number(first.headers.get("x-ratelimit-remaining"));
    expect(etag).not.toBe("");
    const second = await get("/repos/acme/integrations/contents/.integ.yml", { "if-none-match": etag });
    expect(second.status).toBe(304);
    expect(Number(second.headers.get("x-ratelimit-remaining"))).toBe(remaining);
    expect(em.log.count({ path: "/contents/.integ.yml", status: 304 })).toBe(1);
    expect(em.log.summary().notModified).toBeGreaterThanOrEqual(1);
  });

  it("answers 200 with a new ETag once the file changes", async () => {
    const first = await get("/repos/acme/integrations/contents/.integ.yml");
    const etag = first.headers.get("etag") ?? "";
    em.state.commit({ repo: "acme/integrations", message: "change config", files: { ".integ.yml": "version: 1\nowners: [\"@maria-ops\"]\n" } });
    const after = await get("/repos/acme/integrations/contents/.integ.yml", { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
  });

  it("sends x-ratelimit headers for REST (core) and GraphQL (graphql) and counts spending", async () => {
    const a = await get("/repos/acme/integrations");
    const b = await get("/repos/acme/integrations");
    expect(a.headers.get("x-ratelimit-limit")).toBe("5000");
    expect(a.headers.get("x-ratelimit-resource")).toBe("core");
    expect(Number(b.headers.get("x-ratelimit-used"))).toBe(Number(a.headers.get("x-ratelimit-used")) + 1);
    const g = await fetch(em.graphqlUrl, { method: "POST", headers: { authorization: `bearer ${token}` }, body: JSON.stringify({ query: "{ rateLimit { cost remaining } }" }) });
    expect(g.headers.get("x-ratelimit-resource")).toBe("graphql");
  });

  it("answers 403 with remaining 0 once the primary limit is spent", async () => {
    const small = await startEmulator({ rateLimits: { installation: 3 } });
    try {
      const s = seedSample(small);
      const client = await installationOctokit(small, s.repo);
      for (let i = 0; i < 3; i++) await client.rest.repos.get({ owner: "acme", repo: "integrations" });
      await expect(client.rest.repos.get({ owner: "acme", repo: "integrations" })).rejects.toMatchObject({ status: 403 });
    } finally {
      await small.close();
    }
  });
});

describe("secondary rate limit (opt-in)", () => {
  it("refuses writes beyond the configured rate with 403, retry-after and GitHub's message; reads go on", async () => {
    const limited = await startEmulator({ secondaryRateLimit: { writesPerMinute: 2 } });
    try {
      const s = seedSample(limited);
      const t = await installationToken(limited, s.repo);
      const post = (): Promise<Response> =>
        fetch(`${limited.apiUrl}/repos/acme/integrations/issues/1/comments`, { method: "POST", headers: { authorization: `token ${t}` }, body: JSON.stringify({ body: "x" }) });
      expect((await post()).status).toBe(201);
      expect((await post()).status).toBe(201);
      const third = await post();
      expect(third.status).toBe(403);
      expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await third.json()) as { message: string }).message).toMatch(/secondary rate limit/);
      const read = await fetch(`${limited.apiUrl}/repos/acme/integrations`, { headers: { authorization: `token ${t}` } });
      expect(read.status).toBe(200);
      expect(limited.state.issueComments(s.repo, 1)).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });
});

describe("request log", () => {
  it("separates write-queue requests (POST/PATCH/GraphQL) from GETs and can be reset", async () => {
    em.resetLog();
    await gh.rest.repos.get({ owner: "acme", repo: "integrations" });
    await gh.graphql("query Probe { rateLimit { remaining } }");
    await gh.rest.issues.createComment({ owner: "acme", repo: "integrations", issue_number: 1, body: "hi" });
    const s = em.log.summary();
    expect(s).toMatchObject({ total: 3, gets: 1, writeQueue: 2, graphql: 1, rest: 2 });
    expect(em.log.entries({ graphql: true })[0]?.graphqlOperation).toBe("Probe");
    em.resetLog();
    expect(em.log.summary().total).toBe(0);
  });
});
