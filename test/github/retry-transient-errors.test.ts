import nock from "nock";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { describeError } from "../../src/github/github-port.js";
import { classifyTransientError, retryTransientErrors } from "../../src/github/retry-transient-errors.js";
import { fakePort } from "../support/github-fake-port.js";

function httpError(status: number, message: string, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(message), { status, response: { headers } });
}

describe("retryTransientErrors", () => {
  it("waits retry-after on a secondary rate limit, logs the wait, then succeeds", async () => {
    let calls = 0;
    const gh = fakePort(() => {
      calls += 1;
      if (calls === 1) throw httpError(403, "You have exceeded a secondary rate limit", { "retry-after": "7" });
      return { status: 200, headers: {}, data: { ok: true } };
    });
    const waits: number[] = [];
    const warnings: string[] = [];
    const port = retryTransientErrors(gh.port, { sleep: async (ms) => void waits.push(ms), log: { warn: (m) => warnings.push(m) } });

    const answer = await port.request("POST /repos/{owner}/{repo}/check-runs", { owner: "a", repo: "b" });

    expect(answer.data).toEqual({ ok: true });
    expect(waits).toEqual([7000]);
    expect(warnings[0]).toContain("secondary rate limit");
    expect(warnings[0]).toContain("7 s");
    // Octokit's own retry plugin is switched off for the request: one authority for waits.
    expect(gh.requests[0]?.parameters["request"]).toEqual({ retries: 0 });
  });

  it("retries 429 and 5xx a bounded number of times, then gives up", async () => {
    const gh = fakePort(() => {
      throw httpError(502, "Bad gateway");
    });
    const waits: number[] = [];
    const port = retryTransientErrors(gh.port, { retries: 2, baseDelayMs: 100, sleep: async (ms) => void waits.push(ms) });

    await expect(port.request("GET /x")).rejects.toThrow("Bad gateway");
    expect(gh.requests).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
  });

  it("never repeats a check-run create after a 5xx (GitHub may have made it: the publisher looks first)", async () => {
    const gh = fakePort(() => {
      throw httpError(502, "<html><body><h1>502 Bad Gateway</h1>\n</body></html>");
    });
    const port = retryTransientErrors(gh.port, { sleep: async () => undefined });

    const failure = port.request("POST /repos/{owner}/{repo}/check-runs", { owner: "a", repo: "b" });

    await expect(failure).rejects.toThrow("Bad Gateway");
    expect(gh.requests).toHaveLength(1);
    // An update in place is safe to repeat.
    await expect(port.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", { owner: "a", repo: "b", check_run_id: 1 })).rejects.toThrow();
    expect(gh.requests).toHaveLength(5);
  });

  it("describes an HTML error page in one short line", () => {
    expect(describeError(httpError(502, "<html><body><h1>502 Bad Gateway</h1>\n<p>The server\n is down</p></body></html>"))).toBe(
      "502: 502 Bad Gateway The server is down",
    );
  });

  it("waits until x-ratelimit-reset on a primary rate limit, but not longer than the cap", () => {
    const now = 1_000_000;
    const soon = httpError(403, "API rate limit exceeded", { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(now / 1000 + 30) });
    expect(classifyTransientError(soon, now)).toEqual({ reason: "rate limit", waitMs: 31_000 });
    expect(classifyTransientError(httpError(404, "Not Found"), now)).toBeNull();
    expect(classifyTransientError(httpError(429, "Too many"), now)?.reason).toBe("secondary rate limit");
  });

  it("does not retry when GitHub asks for a longer wait than allowed", async () => {
    const gh = fakePort(() => {
      throw httpError(429, "Too many", { "retry-after": "3600" });
    });
    const port = retryTransientErrors(gh.port, { maxDelayMs: 60_000, sleep: async () => undefined });
    await expect(port.request("GET /x")).rejects.toThrow("Too many");
    expect(gh.requests).toHaveLength(1);
  });

  it("with Probot's Octokit (retry plugin on), the attempts stay bounded: waits never multiply", async () => {
    const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    const octokit = new ProbotOctokit({ auth: { token: "t" }, log: quiet, throttle: { enabled: false } });
    let hits = 0;
    nock("https://api.github.com")
      .get("/repos/acme/integrations/pulls")
      .times(20)
      .reply(() => {
        hits += 1;
        return [502, {}];
      });
    const port = retryTransientErrors(octokit, { retries: 1, sleep: async () => undefined });

    await expect(port.request("GET /repos/{owner}/{repo}/pulls", { owner: "acme", repo: "integrations" })).rejects.toThrow();

    expect(hits).toBe(2);
    nock.cleanAll();
  });
});
