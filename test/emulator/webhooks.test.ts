import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verify } from "@octokit/webhooks-methods";
import { createNodeMiddleware, Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverWebhook, signWebhook } from "../../emulator/deliver-webhook.js";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import {
  checkRunPayload,
  checkSuitePayload,
  installationPayload,
  issueCommentPayload,
  mergeGroupPayload,
  pullRequestPayload,
  pullRequestReviewPayload,
  pushPayload,
  repositoryEditedPayload,
} from "../../emulator/webhook-payloads.js";
import { seedSample } from "./emulator-test-kit.js";

let em: Emulator;
let sample: ReturnType<typeof seedSample>;

beforeAll(async () => {
  em = await startEmulator();
  sample = seedSample(em);
});

afterAll(async () => {
  await em.close();
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe("webhook signing and delivery", () => {
  it("signs bodies with GitHub's sha256 HMAC, which @octokit/webhooks verifies", async () => {
    const body = JSON.stringify({ zen: "Keep it logically awesome." });
    const sig = signWebhook("s3cret", body);
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(await verify("s3cret", body, sig)).toBe(true);
    expect(await verify("other", body, sig)).toBe(false);
  });

  it("POSTs with GitHub's headers and reports the answer", async () => {
    let seen: { headers: IncomingHttpHeaders; body: string } | undefined;
    const { server, url } = await listen((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        seen = { headers: req.headers, body };
        res.writeHead(202).end("ok");
      });
    });
    try {
      const result = await deliverWebhook({ url, secret: "s3cret", event: "ping", payload: { zen: "z" }, id: "delivery-1" });
      expect(result).toMatchObject({ id: "delivery-1", status: 202, body: "ok" });
      expect(seen?.headers).toMatchObject({
        "x-github-event": "ping",
        "x-github-delivery": "delivery-1",
        "content-type": "application/json",
        "x-hub-signature-256": signWebhook("s3cret", seen?.body ?? ""),
      });
      expect(seen?.headers["user-agent"]).toMatch(/^GitHub-Hookshot\//);
    } finally {
      server.close();
    }
  });
});

describe("payload builders", () => {
  it("fill the emulator's repository, PR and installation into example payloads", () => {
    const p = pullRequestPayload(em, { repo: sample.repo, number: sample.number, action: "synchronize", before: "a".repeat(40) });
    expect(p).toMatchObject({
      action: "synchronize",
      number: sample.number,
      before: "a".repeat(40),
      after: sample.headSha,
      repository: { full_name: "acme/integrations" },
      installation: { id: em.state.installationIdFor(sample.repo) },
      organization: { login: "acme" },
      sender: { login: "dev-alice" },
      pull_request: { head: { sha: sample.headSha }, user: { login: "dev-alice" } },
    });
    expect(p["enterprise"]).toBeUndefined();
    const edited = pullRequestPayload(em, { repo: sample.repo, number: sample.number, action: "edited", changes: { body: { from: "old" } } });
    expect(edited).toMatchObject({ action: "edited", changes: { body: { from: "old" } } });
    expect(edited["before"]).toBeUndefined();
  });

  it("build reviews (state in lower case, as webhooks send it), check runs, suites, comments, pushes and the rest", () => {
    const review = em.state.addReview(sample.repo, sample.number, { user: "maria-ops", state: "APPROVED" });
    expect(pullRequestReviewPayload(em, { repo: sample.repo, number: sample.number, reviewId: review.id })).toMatchObject({
      action: "submitted",
      review: { id: review.id, state: "approved", user: { login: "maria-ops" }, commit_id: sample.headSha },
      pull_request: { number: sample.number },
    });
    const comment = em.state.addIssueComment(sample.repo, sample.number, "maria-ops", "/integ-gate recheck");
    expect(issueCommentPayload(em, { repo: sample.repo, commentId: comment.id })).toMatchObject({
      action: "created",
      comment: { body: "/integ-gate recheck", user: { login: "maria-ops" } },
      issue: { number: sample.number, pull_request: { url: expect.stringContaining("/pulls/1") } },
    });
    expect(checkSuitePayload(em, { repo: sample.repo, headSha: sample.headSha })).toMatchObject({
      action: "rerequested",
      check_suite: { head_sha: sample.headSha, app: { id: em.app.id }, pull_requests: [{ number: sample.number }] },
    });
    const before = em.state.resolveRef(sample.repo, "main") ?? "";
    em.state.commit({ repo: sample.repo, message: "Tighten config", files: { ".integ.yml": "version: 1\nowners: [\"@maria-ops\"]\n" } });
    const push = pushPayload(em, { repo: sample.repo, branch: "main", before });
    expect(push).toMatchObject({ ref: "refs/heads/main", before, commits: [{ modified: [".integ.yml"] }] });
    expect(typeof (push["repository"] as Record<string, unknown>)["pushed_at"]).toBe("number");
    expect(installationPayload(em, { installationId: em.state.installationIdFor(sample.repo) })).toMatchObject({
      action: "created",
      installation: { id: em.state.installationIdFor(sample.repo), account: { login: "acme" } },
      repositories: [{ full_name: "acme/integrations" }],
    });
    const group = em.state.createMergeGroup(sample.repo, "main", [sample.number]);
    expect(mergeGroupPayload(em, { repo: sample.repo, ...group, baseBranch: "main" })).toMatchObject({
      action: "checks_requested",
      merge_group: { head_sha: group.headSha, head_ref: `refs/heads/${group.headRef}`, base_ref: "refs/heads/main" },
    });
    expect(repositoryEditedPayload(em, { repo: sample.repo, changes: { default_branch: { from: "master" } } })).toMatchObject({
      action: "edited",
      changes: { default_branch: { from: "master" } },
    });
  });

  it("drive a real Probot app that reads and writes through the emulator", async () => {
    const seen: string[] = [];
    const probot = new Probot({ appId: em.app.id, privateKey: em.app.privateKey, secret: em.app.webhookSecret, baseUrl: em.apiUrl, logLevel: "fatal" });
    const middleware = await createNodeMiddleware(
      (app) => {
        app.on(["pull_request.opened", "check_run.rerequested"], async (context) => {
          seen.push(`${context.name}.${context.payload.action}`);
          const { owner, repo } = context.repo();
          const pr = await context.octokit.rest.pulls.get({ owner, repo, pull_number: sample.number });
          await context.octokit.rest.checks.create({ owner, repo, name: "probot-e2e", head_sha: pr.data.head.sha, conclusion: "neutral" });
        });
      },
      { probot },
    );
    const { server, url } = await listen((req, res) => void middleware(req, res));
    try {
      em.resetLog();
      const opened = await deliverWebhook({
        url: `${url}/api/github/webhooks`,
        secret: em.app.webhookSecret,
        event: "pull_request",
        payload: pullRequestPayload(em, { repo: sample.repo, number: sample.number, action: "opened" }),
      });
      expect(opened.status).toBe(200);
      const run = em.state.checkRuns(sample.repo, { name: "probot-e2e" })[0];
      expect(run).toMatchObject({ conclusion: "neutral", headSha: sample.headSha });
      await deliverWebhook({
        url: `${url}/api/github/webhooks`,
        secret: em.app.webhookSecret,
        event: "check_run",
        payload: checkRunPayload(em, { repo: sample.repo, checkRunId: run?.id ?? 0 }),
      });
      expect(seen).toEqual(["pull_request.opened", "check_run.rerequested"]);
      // One token exchange, then a GET and a POST per delivery.
      expect(em.log.summary()).toMatchObject({ auth: 1, gets: 2, writeQueue: 2 });
      const bad = await deliverWebhook({ url: `${url}/api/github/webhooks`, secret: "wrong", event: "pull_request", payload: { action: "opened" } });
      expect(bad.status).toBe(400);
      expect(em.log.summary().total).toBe(4);
    } finally {
      server.close();
    }
  });
});
