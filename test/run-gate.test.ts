import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/start-emulator.js";
import { installationOctokit } from "./emulator/emulator-test-kit.js";
import { runGate, type RunGateOptions } from "../src/run-gate.js";
import { seedTypicalPullRequest, SCENARIO_CONFIG } from "./support/github-scenario.js";

let em: Emulator;
let lines: string[];
const log = {
  info: (m: string) => lines.push(m),
  warn: (m: string) => lines.push(`warn: ${m}`),
  error: (m: string) => lines.push(`error: ${m}`),
};

async function options(repo: string, extra: Partial<RunGateOptions> = {}): Promise<RunGateOptions> {
  return { github: await installationOctokit(em, repo), appId: em.app.id, log, retry: { sleep: async () => undefined }, ...extra };
}

beforeEach(async () => {
  em = await startEmulator();
  lines = [];
});
afterEach(async () => {
  await em.close();
});

describe("runGate", () => {
  it("in a dry run, reads and logs what it would write, and writes nothing", async () => {
    const pr = seedTypicalPullRequest(em, { config: `${SCENARIO_CONFIG}comment: true\n` });

    const result = await runGate({ owner: "acme", repo: "integrations", number: pr.number }, await options(pr.repo, { dryRun: true }));

    expect(em.state.checkRuns(pr.repo)).toEqual([]);
    expect(em.state.issueComments(pr.repo)).toEqual([]);
    expect(result.writes.map((w) => w.action)).toEqual(["dry-run", "dry-run"]);
    expect(lines.join("\n")).toMatch(/would create integ-gate\/release-note/);
    expect(lines.join("\n")).toMatch(/would create the summary comment/);
  });

  it("logs the requests of each evaluation, write-queue and GETs apart", async () => {
    const pr = seedTypicalPullRequest(em);

    const result = await runGate({ owner: "acme", repo: "integrations", number: pr.number }, await options(pr.repo));

    expect(result.requests).toMatchObject({ total: 4, writeQueue: 4, reads: 0 });
    expect(lines.at(-1)).toContain("4 requests (4 write-queue, 0 GET, 0 not modified)");
  });

  it("keeps one summary comment and requests the owners' review once", async () => {
    const pr = seedTypicalPullRequest(em, { config: `${SCENARIO_CONFIG}comment: true\napproval:\n  request_reviews: true\n` });
    const target = { owner: "acme", repo: "integrations", number: pr.number };

    const first = await runGate(target, await options(pr.repo));
    const second = await runGate(target, await options(pr.repo));

    expect([first.comment, second.comment]).toEqual(["created", "unchanged"]);
    expect([first.reviewRequest, second.reviewRequest]).toEqual(["requested", "nothing to do"]);
    expect(em.state.issueComments(pr.repo, pr.number)).toHaveLength(1);
    expect(em.state.requestedReviewers(pr.repo, pr.number).teams).toEqual(["integration-owners"]);
  });

  it("says integ-gate could not read GitHub when GraphQL keeps failing, never silence and never a pass", async () => {
    const pr = seedTypicalPullRequest(em);
    em.faults.inject({ match: { graphql: true }, status: 502, times: 100 });

    const result = await runGate({ owner: "acme", repo: "integrations", number: pr.number, headShaHint: pr.headSha }, await options(pr.repo));

    expect(result.checks.map((c) => c.outcome)).toEqual(["error", "error"]);
    const runs = em.state.checkRuns(pr.repo, { headSha: pr.headSha });
    expect(runs.map((r) => r.conclusion)).toEqual(["failure", "failure"]);
    expect(runs[0]?.output.title).toMatch(/^Could not read/);
    expect(lines.some((l) => l.includes("server error") && l.includes("retry"))).toBe(true);
  });

  it("retries a secondary rate limit after retry-after and then succeeds", async () => {
    const pr = seedTypicalPullRequest(em);
    em.faults.inject({ match: { graphql: true }, status: "403-secondary", retryAfter: 2 });
    const waits: number[] = [];

    await runGate({ owner: "acme", repo: "integrations", number: pr.number }, await options(pr.repo, { retry: { sleep: async (ms) => void waits.push(ms) } }));

    expect(waits).toEqual([2000]);
    expect(em.state.checkRuns(pr.repo).map((r) => r.conclusion)).toEqual(["success", null]);
  });

  it("gives PRs that share a head commit the most restrictive verdict", async () => {
    const pr = seedTypicalPullRequest(em);
    em.state.setBranch(pr.repo, "release", em.state.resolveRef(pr.repo, "main") as string);
    const second = em.state.createPullRequest({ repo: pr.repo, head: "feature/product-id", base: "release", title: "Backport", body: "No note", author: "dev-alice" });

    const result = await runGate({ owner: "acme", repo: "integrations", number: pr.number }, await options(pr.repo));

    expect(result.checks[0]?.outcome).toBe("blocked");
    expect(result.checks[0]?.title).toContain(`#${second.number}`);
  });
});
