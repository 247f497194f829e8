import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverWebhook, signWebhook } from "../../emulator/deliver-webhook.js";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { pullRequestPayload } from "../../emulator/webhook-payloads.js";
import type { LoggedRequest } from "../../emulator/request-log.js";
import { seedInstallation } from "../../bench/seed-bench-pulls.js";
import { newestRuns, openPullRequest, seedRepository, type SeededPull } from "../reliability/support/app-harness.js";
import { startMiddlewareServer, type MiddlewareServer } from "../reliability/support/start-middleware-server.js";

let em: Emulator;
let server: MiddlewareServer;
let repo: string;
let pr: SeededPull;
/** A pull request of another installation, whose evaluation is the barrier of `settle`. */
let barrier: { readonly pr: SeededPull; readonly installation: number };

beforeAll(async () => {
  em = await startEmulator();
  server = await startMiddlewareServer(em);
  repo = seedRepository(em);
  pr = openPullRequest(em, repo, { branch: "feature/webhooks" });
  const other = seedInstallation(em, "barrier");
  barrier = { pr: openPullRequest(em, other.repo, { branch: "feature/barrier" }), installation: other.installation };
  await settle(); // signs the barrier's installation in, so that later barriers cost no sign-in request
});
afterAll(async () => {
  await server?.close();
  await em?.close();
});

/** Delivers and returns the status; the emulator's log tells whether any API call followed. */
async function deliver(options: { event?: string; payload?: unknown; signature?: string; rawBody?: string; secret?: string }): Promise<number> {
  const result = await deliverWebhook({
    url: server.webhookUrl,
    secret: options.secret ?? em.app.webhookSecret,
    event: options.event ?? "pull_request",
    payload: options.payload ?? pullRequestPayload(em, { repo, number: pr.number, action: "opened" }),
    ...(options.signature === undefined ? {} : { signature: options.signature }),
    ...(options.rawBody === undefined ? {} : { rawBody: options.rawBody }),
  });
  return result.status;
}

/**
 * Waits for late work (a handler that ran after the answer) on an event, not
 * a fixed time: delivers a valid event for the barrier's pull request (another
 * installation) and waits for its answer, which comes when that evaluation
 * has finished. Anything a delivery under test set off would have asked
 * GitHub by then, however slow the machine.
 */
async function settle(): Promise<void> {
  const { pr: bpr } = barrier;
  const status = await deliver({ payload: pullRequestPayload(em, { repo: bpr.repo, number: bpr.number, action: "synchronize" }) });
  if (status !== 200) throw new Error(`the barrier delivery was answered ${status}`);
}

/** The emulator's log without the barrier's own requests. */
function requestsUnderTest(): LoggedRequest[] {
  return em.log.entries().filter((entry) => entry.installation !== barrier.installation);
}

describe("webhooks that must be refused before any API call", () => {
  const body = (): string => JSON.stringify(pullRequestPayload(em, { repo, number: pr.number, action: "opened" }));
  const refused: ReadonlyArray<{ readonly name: string; readonly delivery: () => Parameters<typeof deliver>[0] }> = [
    { name: "a wrong signature", delivery: () => ({ signature: `sha256=${"0".repeat(64)}` }) },
    { name: "no signature at all", delivery: () => ({ signature: "" }) },
    { name: "a signature made with another secret", delivery: () => ({ secret: "not-the-secret" }) },
    { name: "a valid signature of a different body", delivery: () => ({ signature: signWebhook(em.app.webhookSecret, body().replace('"opened"', '"closed"')) }) },
    { name: "a sha1-style signature in the sha256 header", delivery: () => ({ signature: `sha1=${"a".repeat(40)}` }) },
    { name: "a malformed signature", delivery: () => ({ signature: "sha256=not-hex" }) },
    { name: "a signature over a tampered body (one character changed)", delivery: () => ({ rawBody: body().replace('"opened"', '"opene\\u0064"'), signature: signWebhook(em.app.webhookSecret, body()) }) },
  ];

  it.each(refused)("$name", async ({ delivery }) => {
    em.resetLog();
    const status = await deliver(delivery());
    await settle();

    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(requestsUnderTest()).toEqual([]);
    expect(em.state.checkRuns(repo)).toEqual([]);
  });
});

describe("odd but signed deliveries: a clear answer, never a crash, never a pass", () => {
  it("truncated JSON with a valid signature is refused with 400 and no API call", async () => {
    const full = JSON.stringify(pullRequestPayload(em, { repo, number: pr.number, action: "opened" }));
    const truncated = full.slice(0, Math.floor(full.length / 2));
    em.resetLog();

    const status = await deliver({ rawBody: truncated, signature: signWebhook(em.app.webhookSecret, truncated) });
    await settle();

    expect(status).toBe(400);
    expect(requestsUnderTest()).toEqual([]);
  });

  it("an event integ-gate does not handle is accepted and costs no API call", async () => {
    em.resetLog();
    for (const [event, payload] of [
      ["star", { action: "created", starred_at: null, repository: { name: "integrations", owner: { login: "acme" } }, sender: { login: "someone" } }],
      ["made_up_event", { action: "whatever", installation: { id: 1 } }],
      ["pull_request", { ...pullRequestPayload(em, { repo, number: pr.number, action: "opened" }), action: "locked" }],
    ] as const) {
      const status = await deliver({ event, payload });
      expect({ event, status }).toEqual({ event, status: 200 });
    }
    await settle();
    expect(requestsUnderTest()).toEqual([]);
    expect(em.state.checkRuns(repo)).toEqual([]);
  });

  it("a signed pull_request event without its pull request or repository: an error answer, no API call, the server lives on", async () => {
    em.resetLog();
    const logged = server.logs.length;

    const status = await deliver({ payload: { action: "opened", number: 1 } });
    await settle();

    // GitHub never sends this; only a holder of the secret could. Probot answers 500 and logs the handler's error.
    expect(status).toBe(500);
    expect(requestsUnderTest()).toEqual([]);
    expect(server.logs.slice(logged).some((line) => /"level":50/.test(line))).toBe(true);
  });

  it("a repository without .integ.yml gets nothing posted (and nothing passes)", async () => {
    const bare = seedRepository(em, { name: "no-config", config: null });
    const bpr = openPullRequest(em, bare, { branch: "feature/any" });

    const status = await deliver({ payload: pullRequestPayload(em, { repo: bare, number: bpr.number, action: "opened" }) });

    expect(status).toBe(200);
    expect(em.state.checkRuns(bare)).toEqual([]);
  });

  it("after all of the above the same server still evaluates a genuine delivery correctly", async () => {
    const status = await deliver({});

    expect(status).toBe(200);
    expect(newestRuns(em, repo, pr.headSha)).toMatchObject({
      "integ-gate/release-note": { conclusion: "success" },
      "integ-gate/owner-approval": { status: "in_progress" },
    });
  });
});
