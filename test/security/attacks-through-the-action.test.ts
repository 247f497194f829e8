import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { mergeGroupEvent, pullRequestEvent } from "../action/support/build-event-payload.js";
import { readWorkflow, stepInputEnv, tokenPermissions } from "../action/support/example-workflow.js";
import { runBundledAction, type BundledActionRun } from "../action/support/run-bundled-action.js";
import { openPullRequest, seedRepository } from "../reliability/support/app-harness.js";
import { NOTE_TEXT } from "../support/github-fixtures.js";

/**
 * The attacks of docs/security.md against the bundled Action (dist/index.js,
 * a real process with the real HTTP client), with a token that could read
 * another private repository of the owner: the one a team-reading token
 * would be. Every request also passes the request guard.
 */
const WORKFLOW = readWorkflow(".github/workflows/integ-gate.yml");
const SECRET = "SECRET-SALARY-TABLE";
let em: Emulator;
let repo: string;
let token: string;

beforeAll(async () => {
  em = await startEmulator();
  repo = seedRepository(em);
  em.state.createRepo({ owner: "acme", name: "payroll", outsider: true, files: { "docs/release-notes/salaries.md": `# Salaries\n\n${SECRET}. ${NOTE_TEXT}` } });
  for (const name of [repo, "acme/payroll"]) em.state.setCollaborator(name, "integ-gate-bot", "write");
  token = em.state.createToken({ kind: "user", login: "integ-gate-bot", permissions: { ...tokenPermissions(WORKFLOW), members: "read" } }).token;
});
afterAll(async () => {
  await em?.close();
});

function run(eventName: string, payload: unknown): Promise<BundledActionRun> {
  return runBundledAction({
    eventName,
    payload,
    repository: repo,
    serverUrl: em.url,
    apiUrl: em.apiUrl,
    graphqlUrl: em.graphqlUrl,
    inputEnv: stepInputEnv({ ...WORKFLOW, with: { ...WORKFLOW.with, token: "${{ secrets.INTEG_GATE_TOKEN }}" } }, { githubToken: token, secrets: { INTEG_GATE_TOKEN: token } }),
  });
}

function newest(sha: string): Record<string, { state: string; description: string | null }> {
  const out: Record<string, { state: string; description: string | null }> = {};
  for (const s of [...em.state.statuses(repo, sha)].sort((a, b) => b.id - a.id)) {
    if (out[s.context] === undefined) out[s.context] = { state: s.state, description: s.description };
  }
  return out;
}

describe("the bundled Action: no way through the gate", () => {
  const up = (n: number): string => Array.from({ length: n }, () => "%252e%252e").join("/");
  it.each([
    ["dots encoded twice", () => `docs/release-notes/${up(4)}/payroll/contents/docs/release-notes/salaries.md`],
    ["a blob URL with dots encoded once", () => `${em.url}/acme/integrations/blob/main/docs/release-notes/%2e%2e/%2E%2E/%2e%2e/%2e%2e/payroll/contents/docs/release-notes/salaries.md`],
    ["an encoded # after dots", () => `docs/release-notes/${up(4)}/payroll/contents/docs/release-notes/salaries.md%2523.md`],
  ])("a note link with %s reads nothing outside this repository", async (name, link) => {
    const pr = openPullRequest(em, repo, { branch: `feature/action-${name.replace(/\W+/g, "-")}`, note: null, body: `Release note: [note](${link()})` });
    const result = await run("pull_request_target", pullRequestEvent(em, repo, pr.number, "opened"));
    expect(newest(pr.headSha)["integ-gate/release-note"]?.state).toBe("failure");
    expect(`${result.stdout}${result.summary}`).not.toContain(SECRET);
  });

  it("an owner's change request after 3,200 comment reviews still blocks", async () => {
    const pr = openPullRequest(em, repo, { branch: "feature/action-reviews" });
    em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    for (let i = 0; i < 3_200; i += 1) em.state.addReview(repo, pr.number, { user: "dev-bob", state: "COMMENTED", body: `nit ${i}` });
    em.state.addReview(repo, pr.number, { user: "maria-ops", state: "CHANGES_REQUESTED" });
    await run("pull_request_target", pullRequestEvent(em, repo, pr.number, "synchronize"));
    expect(newest(pr.headSha)["integ-gate/owner-approval"]?.state).toBe("failure");
  }, 120_000);

  it("an owner named as the 11th co-author cannot approve", async () => {
    em.state.commit({
      repo,
      branch: "feature/action-co-authors",
      author: "dev-alice",
      message: "Change the export",
      coAuthors: [...Array.from({ length: 10 }, (_, i) => ({ name: `Pair ${i}`, email: `pair-${i}@example.com` })), { name: "Maria", email: "maria-ops@acme.example" }],
      files: { "integrations/erp/action-co.ts": "export const x = 1;\n", "docs/release-notes/action-co.md": NOTE_TEXT },
    });
    const pr = em.state.createPullRequest({ repo, head: "feature/action-co-authors", body: "Release note: [note](docs/release-notes/action-co.md)", author: "dev-alice" });
    em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    await run("pull_request_target", pullRequestEvent(em, repo, pr.number, "synchronize"));
    expect(newest(pr.headSha)["integ-gate/owner-approval"]?.state).toBe("failure");
  });

  it("a merge_group event for a commit the queue does not list is an error, never one PR's pass", async () => {
    const passing = openPullRequest(em, repo, { branch: "feature/action-passing" });
    em.state.addReview(repo, passing.number, { user: "maria-ops", state: "APPROVED" });
    const group = em.state.createMergeGroup(repo, "main", [passing.number]);
    em.state.setMergeQueue(repo, "main", []);
    const result = await run("merge_group", mergeGroupEvent(em, repo, group));
    const statuses = newest(group.headSha);
    expect(statuses["integ-gate/owner-approval"]?.state).toBe("error");
    expect(result.outputs["result"]).toBe("error");
  });

  it("swapping the linked note after the owner approved holds the approval back", async () => {
    const other = "docs/release-notes/action-swap-other.md";
    const pr = openPullRequest(em, repo, { branch: "feature/action-swap", files: { [other]: NOTE_TEXT.replace("Product ids", "Another change") } });
    em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    em.state.advanceClock(60_000);
    em.state.editPullRequestBody(repo, pr.number, `Release note: [note](${other})`, "dev-alice");
    await run("pull_request_target", pullRequestEvent(em, repo, pr.number, "edited"));
    expect(newest(pr.headSha)["integ-gate/owner-approval"]?.state).toBe("pending");
  });
});
