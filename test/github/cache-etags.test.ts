import { describe, expect, it } from "vitest";
import { cacheEtags, EtagCache } from "../../src/github/cache-etags.js";
import { countRequests } from "../../src/github/count-requests.js";
import { fakePort } from "../support/github-fake-port.js";

describe("cacheEtags", () => {
  it("revalidates a repeated GET with If-None-Match and reuses the answer on 304", async () => {
    const gh = fakePort((request) => {
      const headers = (request.parameters["headers"] ?? {}) as Record<string, string>;
      if (headers["if-none-match"] === '"v1"') throw Object.assign(new Error("Not modified"), { status: 304 });
      return { status: 200, headers: { etag: '"v1"' }, data: [{ login: "maria-ops" }] };
    });
    const counted = countRequests(gh.port);
    const cache = new EtagCache();
    const port = cacheEtags(counted.port, cache, "42", { onNotModified: counted.noteNotModified });

    const first = await port.request("GET /orgs/{org}/teams/{team_slug}/members", { org: "acme", team_slug: "owners" });
    const second = await port.request("GET /orgs/{org}/teams/{team_slug}/members", { org: "acme", team_slug: "owners" });

    expect(second.data).toEqual(first.data);
    expect(counted.counts()).toMatchObject({ total: 2, reads: 2, notModified: 1 });
  });

  it("keeps installations apart, bounds the entries and forgets them after their lifetime", async () => {
    let clock = 0;
    const cache = new EtagCache({ maxEntries: 2, ttlMs: 1000, now: () => clock });
    const answer = { status: 200, headers: {}, data: null };
    cache.store("1", "a", '"a"', answer);
    cache.store("1", "b", '"b"', answer);
    cache.store("1", "c", '"c"', answer);
    expect(cache.size("1")).toBe(2);
    expect(cache.lookup("1", "a")).toBeUndefined();
    expect(cache.lookup("2", "b")).toBeUndefined();
    clock = 5000;
    expect(cache.lookup("1", "c")).toBeUndefined();
  });

  it("never caches writes", async () => {
    const gh = fakePort(() => ({ status: 201, headers: { etag: '"w"' }, data: {} }));
    const port = cacheEtags(gh.port, new EtagCache(), "1");
    await port.request("POST /repos/{owner}/{repo}/check-runs", {});
    await port.request("POST /repos/{owner}/{repo}/check-runs", {});
    expect(gh.requests.every((r) => r.parameters["headers"] === undefined)).toBe(true);
  });
});
