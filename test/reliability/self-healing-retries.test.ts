import { afterEach, describe, expect, it } from "vitest";
import { deliverWebhook } from "../../emulator/deliver-webhook.js";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { pullRequestPayload } from "../../emulator/webhook-payloads.js";
import { newestRuns, openPullRequest, seedRepository, startAppHarness, type AppHarness, type SeededPull } from "./support/app-harness.js";
import { startAppProcess, type AppProcess } from "./support/start-app-process.js";

/** What a healthy GitHub gives for the seeded PR: a valid note, the owners' approval awaited. */
const CORRECT = {
  "integ-gate/release-note": { status: "completed", conclusion: "success", title: expect.stringMatching(/release note/i) },
  "integ-gate/owner-approval": { status: "in_progress", conclusion: null, title: expect.stringContaining("@acme/integration-owners") },
};

/** Polls `check` every 100 ms until it holds, or throws after `timeoutMs` with `describe()`. */
async function waitFor(check: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${describe()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function isCorrect(em: Emulator, pr: SeededPull): boolean {
  try {
    expect(newestRuns(em, pr.repo, pr.headSha)).toEqual(CORRECT);
    return true;
  } catch {
    return false;
  }
}

/** The summary GitHub shows for a check of the PR. */
function summaryOf(em: Emulator, pr: SeededPull, name: string): string {
  return em.state.checkRuns(pr.repo, { headSha: pr.headSha, name }).at(-1)?.output.summary ?? "";
}

describe("self-healing retries: a check left on 'Could not read' heals without a new event (the App in process)", () => {
  let h: AppHarness;
  let pr: SeededPull;
  afterEach(async () => {
    await h.close();
  });

  async function start(retryDelays: readonly number[]): Promise<void> {
    h = await startAppHarness({ retryDelays });
    pr = openPullRequest(h.em, seedRepository(h.em), { branch: "feature/blip" });
  }
  const opened = () => pullRequestPayload(h.em, { repo: pr.repo, number: pr.number, action: "opened" });

  it("says when the next try is due, then tries again by itself and ends correct", async () => {
    await start([1_000, 5_000, 10_000]);
    // Four failed tries in a row: the evaluation gives up on this event (a GitHub blip of ~7 s).
    h.em.faults.inject({ match: { graphql: true }, status: 502, times: 4 });

    await h.receive("pull_request", opened());

    expect(newestRuns(h.em, pr.repo, pr.headSha)["integ-gate/release-note"]).toMatchObject({ conclusion: "failure", title: expect.stringMatching(/^Could not read/) });
    expect(summaryOf(h.em, pr, "integ-gate/release-note")).toMatch(/Next try: at \d\d:\d\d:\d\d UTC\*\* \(in about 1 s\)/);
    expect(h.service.retries.pending()).toHaveLength(1);
    await waitFor(() => isCorrect(h.em, pr), 15_000, () => JSON.stringify(newestRuns(h.em, pr.repo, pr.headSha)));
    expect(h.service.retries.pending()).toEqual([]);
    expect(h.logs.some((l) => /self-healing try 1 of 3 for .*#\d+ \(it could not read GitHub\)/.test(l))).toBe(true);
  });

  it("a newer evaluation that reads GitHub cancels the pending try", async () => {
    await start([60_000]);
    h.em.faults.inject({ match: { graphql: true }, status: 502, times: 4 });
    await h.receive("pull_request", opened());
    expect(h.service.retries.pending()).toHaveLength(1);

    await h.receive("pull_request", pullRequestPayload(h.em, { repo: pr.repo, number: pr.number, action: "edited" }));

    expect(isCorrect(h.em, pr)).toBe(true);
    expect(h.service.retries.pending()).toEqual([]);
  });

  it("stops after the last try, and the summary says so", async () => {
    await start([500]);
    h.em.faults.inject({ match: { graphql: true }, status: 502, times: 8 });

    await h.receive("pull_request", opened());
    await waitFor(() => h.results.length === 2, 20_000, () => `${h.results.length} evaluations`);
    await h.service.queue.idle();

    expect(summaryOf(h.em, pr, "integ-gate/owner-approval")).toMatch(/tried again by itself 1 time and stops here/);
    expect(h.service.retries.pending()).toEqual([]);
    expect(h.results.map((r) => r.retryPlan?.kind)).toEqual(["scheduled", "exhausted"]);
  });
});

describe("self-healing retries under probot run, with the App's own delays (30 s, 2 min, 10 min)", () => {
  let em: Emulator | undefined;
  let app: AppProcess | undefined;
  afterEach(async () => {
    await app?.stop();
    await em?.close();
  });

  it("with GitHub's GraphQL failing for ~10 s, the checks are correct within about a minute, with no new event", async () => {
    em = await startEmulator();
    const emulator = em;
    const pr = openPullRequest(emulator, seedRepository(emulator), { branch: "feature/outage" });
    app = await startAppProcess({ ...emulator.probotEnv(), LOG_LEVEL: "info" });

    // The outage: every GraphQL query fails for 10 s.
    emulator.faults.inject({ match: { graphql: true }, status: 502, times: 1_000_000 });
    const outageStart = Date.now();
    const outage = setTimeout(() => emulator.faults.clear(), 10_000);
    try {
      const payload = pullRequestPayload(emulator, { repo: pr.repo, number: pr.number, action: "opened" });
      await deliverWebhook({ url: app.webhookUrl, secret: emulator.app.webhookSecret, event: "pull_request", payload });

      // The evaluation gives up while GitHub still fails: "Could not read", saying when the next try is due.
      await waitFor(
        () => /^Could not read/.test(newestRuns(emulator, pr.repo, pr.headSha)["integ-gate/release-note"]?.title ?? ""),
        20_000,
        () => `${JSON.stringify(newestRuns(emulator, pr.repo, pr.headSha))}\n${app?.output() ?? ""}`,
      );
      expect(summaryOf(emulator, pr, "integ-gate/release-note")).toMatch(/Next try: at \d\d:\d\d:\d\d UTC\*\* \(in about \d+ s\)/);

      // No new event: the App tries again by itself once GitHub answers.
      await waitFor(() => isCorrect(emulator, pr), 60_000, () => `${JSON.stringify(newestRuns(emulator, pr.repo, pr.headSha))}\n${app?.output() ?? ""}`);
      const healed = Date.now();
      console.info(`self-healing: outage 10 s; checks correct ${((healed - outageStart) / 1000).toFixed(1)} s after it began, ${((healed - outageStart - 10_000) / 1000).toFixed(1)} s after it ended`);
    } finally {
      clearTimeout(outage);
    }
  }, 120_000);

  it("with every request to GitHub failing for ~10 s (writes too), the checks are correct within about a minute", async () => {
    em = await startEmulator();
    const emulator = em;
    const repo = seedRepository(emulator);
    const warm = openPullRequest(emulator, repo, { branch: "feature/before-outage" });
    const pr = openPullRequest(emulator, repo, { branch: "feature/full-outage" });
    app = await startAppProcess({ ...emulator.probotEnv(), LOG_LEVEL: "info" });
    // A first event while GitHub is healthy: the installation token is then cached, as in a running App.
    const before = pullRequestPayload(emulator, { repo, number: warm.number, action: "opened" });
    await deliverWebhook({ url: app.webhookUrl, secret: emulator.app.webhookSecret, event: "pull_request", payload: before });
    await waitFor(() => isCorrect(emulator, warm), 20_000, () => app?.output() ?? "");

    emulator.faults.inject({ status: 503, times: 1_000_000 });
    const outageStart = Date.now();
    const outage = setTimeout(() => emulator.faults.clear(), 10_000);
    try {
      const payload = pullRequestPayload(emulator, { repo: pr.repo, number: pr.number, action: "opened" });
      await deliverWebhook({ url: app.webhookUrl, secret: emulator.app.webhookSecret, event: "pull_request", payload });

      await waitFor(() => isCorrect(emulator, pr), 75_000, () => `${JSON.stringify(newestRuns(emulator, pr.repo, pr.headSha))}\n${app?.output() ?? ""}`);
      const healed = Date.now();
      const retried = /self-healing try 1 of 3 for /.test(app.output()) ? "by a self-healing retry" : "by the first evaluation's own retries";
      console.info(`self-healing (full outage): checks correct ${((healed - outageStart) / 1000).toFixed(1)} s after it began, ${((healed - outageStart - 10_000) / 1000).toFixed(1)} s after it ended, ${retried}`);
    } finally {
      clearTimeout(outage);
    }
  }, 120_000);
});
