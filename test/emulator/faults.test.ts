import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FaultInjector } from "../../emulator/fault-injector.js";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { installationToken, seedSample, tokenOctokit } from "./emulator-test-kit.js";

let em: Emulator;
let token: string;

beforeAll(async () => {
  em = await startEmulator();
  const sample = seedSample(em);
  token = await installationToken(em, sample.repo);
});

afterEach(() => {
  em.faults.clear();
  em.resetLog();
});

afterAll(async () => {
  await em.close();
});

async function getRepo(): Promise<Response> {
  return fetch(`${em.apiUrl}/repos/acme/integrations`, { headers: { authorization: `token ${token}` } });
}

describe("fault injection", () => {
  it("fails the matching requests the given number of times, then recovers", async () => {
    em.faults.inject({ match: { method: "GET", path: /^\/repos\/acme\/integrations$/ }, status: 502, times: 2 });
    expect((await getRepo()).status).toBe(502);
    expect((await getRepo()).status).toBe(502);
    expect((await getRepo()).status).toBe(200);
    expect(em.log.count({ faulted: true })).toBe(2);
    expect(em.faults.pending()).toBe(0);
  });

  it("sends secondary rate limits as GitHub does: 403 or 429 with retry-after and the secondary message", async () => {
    em.faults.inject({ status: "403-secondary", retryAfter: 7 });
    const res = await getRepo();
    expect(res.status).toBe(403);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(((await res.json()) as { message: string }).message).toMatch(/secondary rate limit/);
    em.faults.inject({ status: 429, retryAfter: 1 });
    expect((await getRepo()).status).toBe(429);
  });

  it("only hits GraphQL when asked to", async () => {
    em.faults.inject({ match: { graphql: true }, status: 500 });
    expect((await getRepo()).status).toBe(200);
    const g = await fetch(em.graphqlUrl, { method: "POST", headers: { authorization: `bearer ${token}` }, body: JSON.stringify({ query: "{ viewer { login } }" }) });
    expect(g.status).toBe(500);
  });

  it("drops connections", async () => {
    em.faults.inject({ drop: true });
    await expect(getRepo()).rejects.toThrow();
    expect((await getRepo()).status).toBe(200);
  });

  it("delays answers without failing them", async () => {
    em.faults.inject({ delayMs: 50 });
    expect((await getRepo()).status).toBe(200);
    expect(em.log.entries({ faulted: true })).toHaveLength(1);
  });

  it("lets Octokit's retry plugin recover from 5xx answers", async () => {
    em.faults.inject({ status: 503, times: 2 });
    const gh = tokenOctokit(em, token, { retry: true });
    const res = await gh.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "integrations" });
    expect(res.status).toBe(200);
    expect(em.log.count({ path: "/repos/acme/integrations" })).toBe(3);
  });
});

describe("random faults", () => {
  it("are reproducible from a seed and close to the requested rate", () => {
    const run = (seed: number): string[] => {
      const f = new FaultInjector();
      f.random({ rate: 0.05, seed });
      return Array.from({ length: 2000 }, () => JSON.stringify(f.decide("GET", "/repos/a/b", false) ?? null));
    };
    const a = run(42);
    expect(run(42)).toEqual(a);
    expect(run(43)).not.toEqual(a);
    const hits = a.filter((d) => d !== "null").length;
    expect(hits).toBeGreaterThan(60);
    expect(hits).toBeLessThan(140);
  });
});
