import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverWebhook } from "../../emulator/deliver-webhook.js";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { pullRequestPayload, pullRequestReviewPayload } from "../../emulator/webhook-payloads.js";
import { freePort } from "../../bench/start-probot-process.js";
import { seedTypicalPullRequest } from "../support/github-scenario.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

let em: Emulator;
let app: ChildProcess;
let webhookUrl: string;
let output = "";

async function waitForPing(url: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the app did not start:\n${output}`);
}

/** API requests of one evaluation (token exchanges are cached for an hour and not counted). */
function evaluationRequests(): { total: number; writeQueue: number; gets: number } {
  const entries = em.log.entries().filter((e) => !e.path.includes("/access_tokens"));
  return {
    total: entries.length,
    writeQueue: entries.filter((e) => e.writeQueue).length,
    gets: entries.filter((e) => e.method === "GET").length,
  };
}

beforeAll(async () => {
  // Build once: `npm start` runs the compiled app (probot run ./lib/app/index.js).
  const build = spawnSync("npm", ["run", "build"], { cwd: root, encoding: "utf8" });
  if (!existsSync(`${root}/lib/app/index.js`)) throw new Error(`npm run build produced no lib/app/index.js:\n${build.stdout}${build.stderr}`);
  em = await startEmulator();
  const port = await freePort();
  webhookUrl = `http://127.0.0.1:${port}/api/github/webhooks`;
  app = spawn("npm", ["start"], {
    cwd: root,
    detached: true,
    env: { ...process.env, ...em.probotEnv(), PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  app.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  app.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await waitForPing(`http://127.0.0.1:${port}/ping`);
}, 240_000);

afterAll(async () => {
  if (app?.pid !== undefined) {
    try {
      process.kill(-app.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await em?.close();
});

async function send(event: string, payload: unknown, signature?: string): Promise<number> {
  const result = await deliverWebhook({ url: webhookUrl, secret: em.app.webhookSecret, event, payload, ...(signature === undefined ? {} : { signature }) });
  return result.status;
}

describe("the app as a process (npm start) against the loopback GitHub", () => {
  it("answers a typical PR with both checks in at most 4 API requests, and a redelivery with no write", async () => {
    const pr = seedTypicalPullRequest(em, { name: "typical" });
    const payload = pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "opened" });
    em.resetLog();
    await send("pull_request", payload); // the first delivery also exchanges the installation token (not counted)
    const opened = evaluationRequests();
    expect(opened.total).toBeLessThanOrEqual(4);
    const first = em.state.checkRuns(pr.repo, { headSha: pr.headSha });
    expect(first.map((r) => [r.name, r.status, r.conclusion])).toEqual([
      ["integ-gate/release-note", "completed", "success"],
      ["integ-gate/owner-approval", "in_progress", null],
    ]);

    // A verdict change: the owner approves.
    const review = em.state.addReview(pr.repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    em.resetLog();
    expect(await send("pull_request_review", pullRequestReviewPayload(em, { repo: pr.repo, number: pr.number, reviewId: review.id }))).toBe(200);
    const change = evaluationRequests();
    // The note at this commit is remembered and the team rides along in GraphQL #1: one query and one PATCH.
    expect(change.total).toBeLessThanOrEqual(2);
    expect(em.state.checkRuns(pr.repo, { name: "integ-gate/owner-approval" }).at(-1)?.conclusion).toBe("success");

    // A redelivery: reads only.
    em.resetLog();
    await send("pull_request_review", pullRequestReviewPayload(em, { repo: pr.repo, number: pr.number, reviewId: review.id }));
    const redelivery = evaluationRequests();
    expect(em.log.entries().filter((e) => e.method === "POST" && !e.graphqlOperation).length + em.log.entries().filter((e) => e.method === "PATCH").length).toBe(0);
    expect(redelivery.total).toBe(1);
    expect(em.state.checkRuns(pr.repo)).toHaveLength(2);
    console.info(`e2e request counts: opened ${JSON.stringify(opened)}, verdict change ${JSON.stringify(change)}, redelivery ${JSON.stringify(redelivery)}`);
  });

  it("reads no other repository through a note link, however its dots are encoded (docs/security.md)", async () => {
    const pr = seedTypicalPullRequest(em, { name: "traversal" });
    em.state.createRepo({ owner: "acme", name: "payroll-e2e", outsider: true, files: { "docs/release-notes/salaries.md": "# Salaries\n\nSECRET-SALARY-TABLE\n" } });
    const up = Array.from({ length: 4 }, () => "%252e%252e").join("/");
    const links = [
      `docs/release-notes/${up}/payroll-e2e/contents/docs/release-notes/salaries.md`,
      `${em.url}/${pr.repo}/blob/main/docs/release-notes/%2E%2E/%2e%2e/%2e%2e/%2e%2e/payroll-e2e/contents/docs/release-notes/salaries.md`,
    ];
    em.state.editPullRequestBody(pr.repo, pr.number, links.map((l) => `- [note](${l})`).join("\n"));

    expect(await send("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "edited" }))).toBe(200);

    const runs = em.state.checkRuns(pr.repo, { headSha: pr.headSha });
    expect(runs.find((r) => r.name === "integ-gate/release-note")?.conclusion).toBe("failure");
    expect(JSON.stringify(runs.map((r) => r.output))).not.toContain("SECRET");
    expect(em.log.entries().filter((e) => e.path.includes("payroll"))).toEqual([]);
  });

  it("rejects a bad signature before any API call", async () => {
    const pr = seedTypicalPullRequest(em, { name: "signature" });
    em.resetLog();

    const status = await send("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "opened" }), "sha256=" + "0".repeat(64));

    expect(status).toBeGreaterThanOrEqual(400);
    expect(em.log.entries()).toEqual([]);
    expect(em.state.checkRuns(pr.repo)).toEqual([]);
  });

  it("posts nothing when the repository has no .integ.yml", async () => {
    const pr = seedTypicalPullRequest(em, { name: "unconfigured", config: null });

    expect(await send("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "opened" }))).toBe(200);

    expect(em.state.checkRuns(pr.repo)).toEqual([]);
  });

  it("posts failing checks naming the line when .integ.yml is invalid", async () => {
    const pr = seedTypicalPullRequest(em, { name: "misconfigured", config: 'version: 1\nowners: ["@acme/integration-owners"]\napproval:\n  minimum: 2\n' });

    expect(await send("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "opened" }))).toBe(200);

    const runs = em.state.checkRuns(pr.repo, { headSha: pr.headSha });
    expect(runs.map((r) => r.conclusion)).toEqual(["failure", "failure"]);
    expect(runs[0]?.output.title).toMatch(/Invalid \.integ\.yml on main \(line 4\)/);
  });
});
