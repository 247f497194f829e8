import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FaultRule } from "../../emulator/fault-injector.js";
import { pullRequestPayload } from "../../emulator/webhook-payloads.js";
import { newestRuns, openPullRequest, seedRepository, startAppHarness, type AppHarness, type SeededPull } from "./support/app-harness.js";

let h: AppHarness;
let repo: string;
let pr: SeededPull;

beforeEach(async () => {
  h = await startAppHarness();
  repo = seedRepository(h.em);
  pr = openPullRequest(h.em, repo, { branch: "feature/faults" });
});
afterEach(async () => {
  await h.close();
});

const opened = () => pullRequestPayload(h.em, { repo, number: pr.number, action: "opened" });

/** What a healthy GitHub gives for the seeded PR: a valid note, the owners' approval awaited. */
const CORRECT = {
  "integ-gate/release-note": { status: "completed", conclusion: "success", title: expect.stringMatching(/release note/i) },
  "integ-gate/owner-approval": { status: "in_progress", conclusion: null, title: expect.stringContaining("@acme/integration-owners") },
};

/** Requests that reached the emulator's routes, per method and path, faulted or not (token exchanges aside). */
function attempts(match: (e: { method: string; path: string; graphqlOperation?: string | null }) => boolean): { faulted: number; answered: number } {
  const entries = h.em.log.entries().filter((e) => !e.path.includes("/access_tokens") && match(e));
  return { faulted: entries.filter((e) => e.faulted).length, answered: entries.filter((e) => !e.faulted).length };
}

describe("GitHub faults: the checks end correct once GitHub recovers", () => {
  const transient: ReadonlyArray<{ readonly name: string; readonly rule: FaultRule; readonly logged: RegExp }> = [
    { name: "500 on the first GraphQL query", rule: { match: { graphql: true }, status: 500 }, logged: /server error on GraphQL/ },
    { name: "502 twice on the GraphQL query", rule: { match: { graphql: true }, status: 502, times: 2 }, logged: /server error on GraphQL/ },
    {
      name: "503 on creating a check run (GitHub made nothing: integ-gate looks, then creates it)",
      rule: { match: { method: "POST", path: /check-runs/ }, status: 503 },
      logged: /creating integ-gate\/\S+ on \w+ failed .*it was not made, creating it again/,
    },
    {
      name: "502 after GitHub made the check run (the answer was lost: integ-gate keeps the run it made)",
      rule: { match: { method: "POST", path: /check-runs/ }, status: 502, afterProcessing: true },
      logged: /creating integ-gate\/\S+ on \w+ failed .*run \d+ was made, keeping it/,
    },
    {
      name: "a connection dropped after GitHub made the check run",
      rule: { match: { method: "POST", path: /check-runs/ }, drop: true, afterProcessing: true },
      logged: /run \d+ was made, keeping it/,
    },
    {
      name: "403 secondary rate limit with retry-after",
      rule: { match: { graphql: true }, status: "403-secondary", retryAfter: 1 },
      logged: /secondary rate limit on GraphQL .*retry 1 of 3 in 1 s/,
    },
    { name: "429 with retry-after on a check-run write", rule: { match: { method: "POST", path: /check-runs/ }, status: 429, retryAfter: 1 }, logged: /secondary rate limit on POST/ },
    { name: "a dropped connection", rule: { match: { graphql: true }, drop: true }, logged: /on GraphQL/ },
  ];

  it.each(transient)("$name", async ({ rule, logged }) => {
    h.em.faults.inject(rule);

    await h.receive("pull_request", opened());

    expect(h.em.faults.pending()).toBe(0);
    expect(newestRuns(h.em, repo, pr.headSha)).toEqual(CORRECT);
    expect(h.logs.some((line) => logged.test(line))).toBe(true);
    // One run per check: a retried create is not a second run.
    expect(h.em.state.checkRuns(repo, { headSha: pr.headSha })).toHaveLength(2);
  });

  it("a slow GitHub (2 s per GraphQL answer) still ends with the correct checks", async () => {
    h.em.faults.inject({ match: { graphql: true }, delayMs: 2_000, times: 5 });

    await h.receive("pull_request", opened());

    expect(newestRuns(h.em, repo, pr.headSha)).toEqual(CORRECT);
  });

  it("retries a flapping GitHub a bounded number of times per request (at most 4 attempts)", async () => {
    h.em.faults.inject({ match: { graphql: true }, status: 502, times: 3 });

    await h.receive("pull_request", opened());

    const graphql = attempts((e) => e.path === "/graphql");
    expect(graphql.faulted).toBe(3);
    expect(newestRuns(h.em, repo, pr.headSha)).toEqual(CORRECT);
  });
});

describe("GitHub faults that outlast the retries: the checks say integ-gate could not read GitHub, never a pass", () => {
  it("GraphQL down (502 on every attempt): both checks fail with 'Could not read'", async () => {
    h.em.faults.inject({ match: { graphql: true }, status: 502, times: 1_000 });

    await h.receive("pull_request", opened());

    const runs = newestRuns(h.em, repo, pr.headSha);
    for (const name of ["integ-gate/release-note", "integ-gate/owner-approval"]) {
      expect(runs[name]).toMatchObject({ status: "completed", conclusion: "failure", title: expect.stringMatching(/^Could not read/) });
    }
    // Bounded: 1 attempt + 3 retries for the query, and then it stopped asking.
    expect(attempts((e) => e.path === "/graphql").faulted).toBe(4);

    // GitHub recovers; the next event (here: a re-run) corrects both checks in place or anew.
    h.em.faults.clear();
    await h.receive("pull_request", pullRequestPayload(h.em, { repo, number: pr.number, action: "synchronize" }));
    expect(newestRuns(h.em, repo, pr.headSha)).toEqual(CORRECT);
  });

  it("a secondary limit asking for a wait beyond 60 s is not waited for: 'Could not read', not a pass", async () => {
    h.em.faults.inject({ match: { graphql: true }, status: "403-secondary", retryAfter: 3_600 });

    await h.receive("pull_request", opened());

    const runs = newestRuns(h.em, repo, pr.headSha);
    expect(runs["integ-gate/release-note"]).toMatchObject({ conclusion: "failure", title: expect.stringMatching(/^Could not read/) });
    expect(runs["integ-gate/owner-approval"]).toMatchObject({ conclusion: "failure", title: expect.stringMatching(/^Could not read/) });
  });

  it("the primary rate limit exhausted until a reset an hour away: 'Could not read', not a pass", async () => {
    h.em.faults.inject({ match: { graphql: true }, status: "403-primary", times: 1 });

    await h.receive("pull_request", opened());

    for (const run of Object.values(newestRuns(h.em, repo, pr.headSha))) {
      expect(run).toMatchObject({ conclusion: "failure", title: expect.stringMatching(/^Could not read/) });
    }
  });

  it("a really exhausted hourly budget (the emulator's own limit) gives 'Could not read' on every PR, never a pass", async () => {
    const tight = await startAppHarness({ emulator: { rateLimits: { graphql: 2 } } });
    try {
      const r = seedRepository(tight.em);
      const prs = [openPullRequest(tight.em, r, { branch: "feature/a" }), openPullRequest(tight.em, r, { branch: "feature/b" })];
      for (const p of prs) tight.em.state.addReview(r, p.number, { user: "maria-ops", state: "APPROVED" });

      for (const p of prs) await tight.receive("pull_request", pullRequestPayload(tight.em, { repo: r, number: p.number, action: "opened" }));

      const runs = newestRuns(tight.em, r, prs[1]?.headSha ?? "");
      expect(runs["integ-gate/release-note"]).toMatchObject({ conclusion: "failure", title: expect.stringMatching(/^Could not read/) });
      expect(runs["integ-gate/owner-approval"]).toMatchObject({ conclusion: "failure", title: expect.stringMatching(/^Could not read/) });
    } finally {
      await tight.close();
    }
  });

  it("GitHub entirely unreachable (every connection dropped): nothing is posted, so nothing passes; the app does not crash", async () => {
    h.em.faults.inject({ drop: true, times: 1_000 });

    await h.receive("pull_request", opened());

    expect(h.em.state.checkRuns(repo)).toEqual([]);
    expect(h.logs).toContainEqual(expect.stringMatching(/^warn: integ-gate: could not write integ-gate\/release-note/));

    // Still alive: once GitHub answers again, the same app posts the correct checks.
    h.em.faults.clear();
    await h.receive("pull_request", opened());
    expect(newestRuns(h.em, repo, pr.headSha)).toEqual(CORRECT);
  }, 90_000);

  it("the note file read (the second GraphQL query) fails after the retries: no check passes", async () => {
    h.em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    // The first GraphQL query (the PR and the config) answers; every attempt at the second (notes, teams) fails.
    h.em.faults.inject({ match: { graphql: true }, delayMs: 1, times: 1 });
    h.em.faults.inject({ match: { graphql: true }, status: 500, times: 4 });

    await h.receive("pull_request", opened());

    expect(h.em.faults.pending()).toBe(0);
    const runs = newestRuns(h.em, repo, pr.headSha);
    expect(runs["integ-gate/release-note"]).toMatchObject({ conclusion: "failure", title: expect.stringMatching(/^Could not read/) });
    expect(runs["integ-gate/owner-approval"]).toMatchObject({ conclusion: "failure", title: expect.stringMatching(/^Could not read/) });

    // Recovery: the same evaluation on a healthy GitHub passes both.
    await h.receive("pull_request", opened());
    expect(newestRuns(h.em, repo, pr.headSha)).toMatchObject({
      "integ-gate/release-note": { conclusion: "success" },
      "integ-gate/owner-approval": { conclusion: "success" },
    });
  });
});
