import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverWebhook } from "../../emulator/deliver-webhook.js";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { issueCommentPayload, pullRequestPayload } from "../../emulator/webhook-payloads.js";
import { HARNESS_CONFIG, openPullRequest, seedRepository } from "../reliability/support/app-harness.js";
import { startAppProcess, type AppProcess } from "../reliability/support/start-app-process.js";

let em: Emulator;
let app: AppProcess;

beforeAll(async () => {
  em = await startEmulator();
  app = await startAppProcess({ ...em.probotEnv(), LOG_LEVEL: "trace" });
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await em?.close();
});

async function send(event: string, payload: unknown): Promise<number> {
  return (await deliverWebhook({ url: app.webhookUrl, secret: em.app.webhookSecret, event, payload })).status;
}

/** Waits until the app's output holds `line` (the app is another process: its log arrives through a pipe, after the answer). */
async function waitForLine(line: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!app.output().includes(line)) {
    if (Date.now() > deadline) throw new Error(`no "${line}" within ${timeoutMs} ms in:\n${app.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every secret the app holds or was given: the private key (and each line of it), the webhook secret, each token GitHub issued it. */
function secrets(): string[] {
  const key = em.app.privateKey;
  const keyLines = key
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length >= 16 && !line.startsWith("-----"));
  return [key, ...keyLines, em.app.webhookSecret, ...em.state.tokens.keys()];
}

describe("tokens and private keys never appear in logs or check output", () => {
  it("through opened, failed reads, rate limits, a recheck and an invalid config, at LOG_LEVEL=trace", async () => {
    const repo = seedRepository(em, { config: `${HARNESS_CONFIG}comment: true\n` });
    const pr = openPullRequest(em, repo, { branch: "feature/secrets" });
    expect(await send("pull_request", pullRequestPayload(em, { repo, number: pr.number, action: "opened" }))).toBe(200);

    // A read that fails after every retry: its error text goes into the check summary and the log.
    em.faults.inject({ match: { graphql: true }, status: 502, times: 4 });
    await send("pull_request", pullRequestPayload(em, { repo, number: pr.number, action: "synchronize" }));
    // A secondary rate limit, retried.
    em.faults.inject({ match: { graphql: true }, status: "403-secondary", retryAfter: 1 });
    await send("pull_request", pullRequestPayload(em, { repo, number: pr.number, action: "edited" }));
    // A recheck (a permission read), from someone with and someone without write access.
    for (const user of ["maria-ops", "outsider"]) {
      const comment = em.state.addIssueComment(repo, pr.number, user, "/integ-gate recheck");
      await send("issue_comment", issueCommentPayload(em, { repo, commentId: comment.id }));
    }
    // An invalid config.
    const broken = seedRepository(em, { name: "broken", config: "version: 1\nowners: [\n" });
    const bpr = openPullRequest(em, broken, { branch: "feature/broken" });
    await send("pull_request", pullRequestPayload(em, { repo: broken, number: bpr.number, action: "opened" }));

    // Its log line says the last evaluation is done: everything before it has been logged and written.
    await waitForLine(`integ-gate: ${broken}#${bpr.number} evaluated`);
    const written = [...em.state.checkRuns(repo), ...em.state.checkRuns(broken)].map((run) => JSON.stringify(run));
    const comments = em.state.issueComments(repo).map((c) => JSON.stringify(c));
    const output = app.output();

    // The scenario really exercised the paths it claims to.
    expect(output.includes("retry 1 of 3")).toBe(true);
    // Debug lines (LOG_LEVEL=trace lets everything through): Octokit logs every request and its body.
    expect(output.includes('"level":20')).toBe(true);
    expect(written.join("\n")).toMatch(/Could not read/);
    expect(comments.length).toBeGreaterThan(0);
    expect(em.state.tokens.size).toBeGreaterThan(0);

    const leaks = secrets().filter((secret) => output.includes(secret) || written.some((w) => w.includes(secret)) || comments.some((c) => c.includes(secret)));
    expect(leaks.map((s) => `${s.slice(0, 12)}…`)).toEqual([]);
    expect(/BEGIN (?:RSA )?PRIVATE KEY/.test(output)).toBe(false);
    expect(/\bghs_[A-Za-z0-9]{20,}/.test(output)).toBe(false);
    expect(/eyJ[\w-]{10,}\.eyJ[\w-]{10,}\./.test(output)).toBe(false); // a JWT
    console.info(`secrets check: ${output.length} characters of trace output, ${written.length} check runs, ${comments.length} comments, ${secrets().length} secrets`);
  }, 120_000);
});
