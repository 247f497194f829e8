import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverWebhook } from "../../emulator/deliver-webhook.js";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { pullRequestPayload, pullRequestReviewPayload } from "../../emulator/webhook-payloads.js";
import { newestRuns, openPullRequest, seedRepository, type SeededPull } from "./support/app-harness.js";
import { startAppProcess, type AppProcess } from "./support/start-app-process.js";
import { findRedisServer, startRedisServer, type RedisServer } from "./support/start-redis-server.js";

/**
 * Many machines: two app processes behind a "load balancer" (deliveries
 * alternate between them) share Probot's rate-limit throttle through a real
 * redis-server (REDIS_URL). Skipped only when redis-server is not installed.
 */
const redisBinary = findRedisServer();
if (redisBinary === null) {
  console.warn("SKIPPED redis-replicas: redis-server is not installed (apt-get install redis-server; .ci/run installs it)");
}

let em: Emulator;
let redis: RedisServer;
const apps: AppProcess[] = [];

beforeAll(async () => {
  if (redisBinary === null) return;
  em = await startEmulator();
  redis = await startRedisServer(redisBinary);
  const env = { ...em.probotEnv(), REDIS_URL: redis.url, LOG_LEVEL: "info" };
  apps.push(...(await Promise.all([startAppProcess(env), startAppProcess(env)])));
}, 120_000);
afterAll(async () => {
  await Promise.all(apps.map((a) => a.stop()));
  await redis?.stop();
  await em?.close();
});

async function send(app: AppProcess, event: string, payload: unknown): Promise<number> {
  return (await deliverWebhook({ url: app.webhookUrl, secret: em.app.webhookSecret, event, payload })).status;
}

/** Waits until the emulator has seen no request for `quietMs` (deliveries answered 202 keep working). */
async function settle(quietMs = 2_500): Promise<void> {
  for (;;) {
    const last = em.log.entries().at(-1)?.at ?? 0;
    if (Date.now() - last >= quietMs) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Evaluations of `repo#number` logged so far, by both processes. */
function evaluations(repo: string, number: number): number {
  const line = `integ-gate: ${repo}#${number} evaluated`;
  return apps.reduce((n, app) => n + app.output().split(line).length - 1, 0);
}

/**
 * Delivers to one replica and waits until an evaluation of that PR has been
 * logged: Probot answers 202 after 9 s and keeps working, and the next event
 * of this PR should find this one's runs (GitHub's pace for one PR's events).
 */
async function sendAndWait(app: AppProcess, repo: string, number: number, event: string, payload: unknown): Promise<void> {
  const before = evaluations(repo, number);
  expect(await send(app, event, payload)).toBeLessThan(300);
  while (evaluations(repo, number) === before) await new Promise((r) => setTimeout(r, 100));
}

/** Gaps between consecutive throttled (write-queue) requests, from both processes. */
function writeQueueGaps(since: number): number[] {
  const times = em.log
    .entries()
    .filter((e) => e.writeQueue && !e.auth && e.at >= since)
    .map((e) => e.at)
    .sort((a, b) => a - b);
  return times.slice(1).map((t, i) => t - (times[i] as number));
}

describe.skipIf(redisBinary === null)("two app processes sharing Probot's throttle through Redis (REDIS_URL)", () => {
  it("deliveries spread across both: correct checks on every PR, one run per check, writes spaced across the pair", async () => {
    const [a, b] = apps as [AppProcess, AppProcess];
    const repo = seedRepository(em);
    const prs = Array.from({ length: 3 }, (_, i) => openPullRequest(em, repo, { branch: `feature/replica-${i}`, ...(i === 2 ? { body: "No note yet." } : {}) }));
    const since = Date.now();

    await Promise.all(
      prs.map(async (pr: SeededPull, i) => {
        // Alternate the replicas per event, and start each PR on a different one.
        const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
        await sendAndWait(first, repo, pr.number, "pull_request", pullRequestPayload(em, { repo, number: pr.number, action: "opened" }));
        const review = em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
        await sendAndWait(second, repo, pr.number, "pull_request_review", pullRequestReviewPayload(em, { repo, number: pr.number, reviewId: review.id }));
        em.state.addLabel(repo, pr.number, "integration", "dev-alice");
        await sendAndWait(first, repo, pr.number, "pull_request", pullRequestPayload(em, { repo, number: pr.number, action: "labeled", label: "integration" }));
      }),
    );
    await settle();

    prs.forEach((pr, i) => {
      const noted = i !== 2;
      expect(newestRuns(em, repo, pr.headSha)).toMatchObject({
        "integ-gate/release-note": { conclusion: noted ? "success" : "failure" },
        "integ-gate/owner-approval": noted ? { conclusion: "success" } : { status: "in_progress" },
      });
      const names = em.state.checkRuns(repo, { headSha: pr.headSha }).map((r) => r.name).sort();
      expect(names).toEqual(["integ-gate/owner-approval", "integ-gate/release-note"]);
    });

    // Both processes evaluated something.
    for (const app of apps) expect(app.output()).toMatch(/integ-gate: acme\/integrations#\d+ evaluated/);
    // The shared throttle: Probot's write queue (POST/PATCH/GraphQL) is one queue across the pair, about a second apart.
    const gaps = writeQueueGaps(since);
    expect(gaps.length).toBeGreaterThan(5);
    // (Two processes without a shared throttle send their queued requests independently, often within a few ms.)
    const sorted = [...gaps].sort((x, y) => x - y);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    expect(median).toBeGreaterThanOrEqual(900);
    expect(sorted[0]).toBeGreaterThanOrEqual(500);
    console.info(`redis replicas: ${gaps.length + 1} throttled requests across both processes, gaps min ${sorted[0]} ms, median ${median} ms`);

    // The throttle's state lives in Redis, and both processes are connected to it.
    const client = new Redis(redis.url);
    try {
      const keys = await client.keys("b_octokit-*");
      expect(keys.length).toBeGreaterThan(0);
      const clients = String(await client.call("CLIENT", "LIST")).trim().split("\n");
      expect(clients.length).toBeGreaterThanOrEqual(3); // each process, plus this one
    } finally {
      client.disconnect();
    }
  }, 180_000);

  it("the same event delivered to both replicas at once: the final checks are right (a duplicate run is tolerated, and counted)", async () => {
    const [a, b] = apps as [AppProcess, AppProcess];
    const repo = seedRepository(em, { name: "simultaneous" });
    const pr = openPullRequest(em, repo, { branch: "feature/both" });
    em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    const payload = pullRequestPayload(em, { repo, number: pr.number, action: "opened" });

    await Promise.all([send(a, "pull_request", payload), send(b, "pull_request", payload)]);
    // Both replicas logged their evaluation: any duplicate run has been written by then.
    while (evaluations(repo, pr.number) < 2) await new Promise((r) => setTimeout(r, 100));

    expect(newestRuns(em, repo, pr.headSha)).toMatchObject({
      "integ-gate/release-note": { conclusion: "success" },
      "integ-gate/owner-approval": { conclusion: "success" },
    });
    const runs = em.state.checkRuns(repo, { headSha: pr.headSha });
    console.info(`simultaneous delivery to both replicas: ${runs.length} runs for 2 checks`);
    expect(runs.length).toBeLessThanOrEqual(4);
  }, 120_000);
});
