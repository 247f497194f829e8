import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverWebhook } from "../../emulator/deliver-webhook.js";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { pullRequestPayload, pullRequestReviewPayload } from "../../emulator/webhook-payloads.js";
import { newestRuns, openPullRequest, seedRepository } from "./support/app-harness.js";
import { startMiddlewareServer, type MiddlewareServer } from "./support/start-middleware-server.js";

let em: Emulator;
let server: MiddlewareServer;

beforeAll(async () => {
  em = await startEmulator();
  // Probot gets APP_ID from the env passed to createProbot; the app itself reads process.env, which has none
  // here, so it asks GitHub for its id once (GET /app).
  server = await startMiddlewareServer(em);
});
afterAll(async () => {
  await server?.close();
  await em?.close();
});

describe("serverless: createNodeMiddleware(app) in a plain node:http server", () => {
  it("handles signed webhooks end to end: checks posted, then updated in place when the owner approves", async () => {
    const repo = seedRepository(em);
    const pr = openPullRequest(em, repo, { branch: "feature/serverless" });

    const opened = await deliverWebhook({
      url: server.webhookUrl,
      secret: em.app.webhookSecret,
      event: "pull_request",
      payload: pullRequestPayload(em, { repo, number: pr.number, action: "opened" }),
    });

    expect(opened.status).toBe(200);
    expect(newestRuns(em, repo, pr.headSha)).toEqual({
      "integ-gate/release-note": { status: "completed", conclusion: "success", title: expect.any(String) },
      "integ-gate/owner-approval": { status: "in_progress", conclusion: null, title: expect.stringContaining("@acme/integration-owners") },
    });
    expect(em.log.count({ method: "GET", path: "/app" })).toBe(1);

    const review = em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    const approved = await deliverWebhook({
      url: server.webhookUrl,
      secret: em.app.webhookSecret,
      event: "pull_request_review",
      payload: pullRequestReviewPayload(em, { repo, number: pr.number, reviewId: review.id }),
    });

    expect(approved.status).toBe(200);
    expect(newestRuns(em, repo, pr.headSha)["integ-gate/owner-approval"]?.conclusion).toBe("success");
    expect(em.state.checkRuns(repo, { headSha: pr.headSha })).toHaveLength(2);
    console.info(`serverless deliveries answered in ${opened.durationMs} ms and ${approved.durationMs} ms (throttling on)`);
  });

  it("answers 404 through next() for paths that are not the webhook path", async () => {
    const res = await fetch(server.webhookUrl.replace("/api/github/webhooks", "/elsewhere"));
    expect(res.status).toBe(404);
  });
});
