import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { READ_ONLY_PERMISSIONS } from "../../emulator/emulator-state.js";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import type { Outcome } from "../../src/core/rules/gate-verdict.js";
import { DIGEST_REPO, seedDigestWeek } from "../digest/digest-scenario.js";
import { GATE_SCENARIOS, SCENARIO_REPO, seedGateScenario, VALID_NOTE, type GateScenario } from "../support/gate-scenarios.js";
import { mergeGroupEvent, pullRequestEvent, reviewEvent, workflowRunEvent } from "./support/build-event-payload.js";
import { readWorkflow, stepInputEnv, tokenPermissions, type WorkflowFile } from "./support/example-workflow.js";
import { runBundledAction, type BundledActionRun } from "./support/run-bundled-action.js";

/** The workflow of docs/action.md#workflow: the tests run exactly this file's step. */
const WORKFLOW = readWorkflow(".github/workflows/integ-gate.yml");
const RELAY = readWorkflow("action/examples/integ-gate-review-relay.yml");
const DIGEST = readWorkflow("action/examples/integ-gate-digest.yml");

const STATE_OF: Readonly<Record<Outcome, string>> = {
  skipped: "success",
  pass: "success",
  blocked: "failure",
  pending: "pending",
  error: "error",
};
const SEVERITY: readonly Outcome[] = ["error", "blocked", "pending", "pass", "skipped"];

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(): Promise<Emulator> {
  emulator = await startEmulator();
  return emulator;
}

/** The newest status of each integ-gate context on a commit. */
function newestStatuses(em: Emulator, sha: string): Record<string, { state: string; description: string | null; targetUrl: string | null }> {
  const newest: Record<string, { state: string; description: string | null; targetUrl: string | null }> = {};
  for (const s of [...em.state.statuses(SCENARIO_REPO, sha)].sort((a, b) => b.id - a.id)) {
    if (s.context.startsWith("integ-gate/") && newest[s.context] === undefined) {
      newest[s.context] = { state: s.state, description: s.description, targetUrl: s.targetUrl };
    }
  }
  return newest;
}

/** An Actions GITHUB_TOKEN with the workflow's `permissions:`. */
function workflowToken(em: Emulator, workflow: WorkflowFile = WORKFLOW): string {
  return em.state.createToken({ kind: "actions", permissions: tokenPermissions(workflow), repositories: [SCENARIO_REPO] }).token;
}

/** A token that can also read organisation teams (what docs/action.md#inputs says to pass when .integ.yml names teams). */
function teamReadingToken(em: Emulator): string {
  em.state.setCollaborator(SCENARIO_REPO, "integ-gate-bot", "write");
  return em.state.createToken({
    kind: "user",
    login: "integ-gate-bot",
    permissions: { ...tokenPermissions(WORKFLOW), members: "read" },
  }).token;
}

async function runStep(
  em: Emulator,
  eventName: string,
  payload: unknown,
  token: string,
  options: { workflow?: WorkflowFile; with?: Record<string, string>; secrets?: Record<string, string> } = {},
): Promise<BundledActionRun> {
  const workflow = options.workflow ?? WORKFLOW;
  const step: WorkflowFile = { ...workflow, with: { ...workflow.with, ...options.with } };
  return runBundledAction({
    eventName,
    payload,
    repository: SCENARIO_REPO,
    serverUrl: em.url,
    apiUrl: em.apiUrl,
    graphqlUrl: em.graphqlUrl,
    inputEnv: stepInputEnv(step, { githubToken: token, ...(options.secrets === undefined ? {} : { secrets: options.secrets }) }),
  });
}

function describeRun(run: BundledActionRun): string {
  return `exit ${String(run.exitCode)}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}

describe("the example workflow", () => {
  it("triggers on the events and activity types docs/action.md#workflow lists, with least privileges", () => {
    expect(WORKFLOW.on).toEqual({
      pull_request_target: ["opened", "synchronize", "reopened", "edited", "labeled", "unlabeled", "ready_for_review"],
      pull_request_review: ["submitted", "edited", "dismissed"],
      merge_group: ["checks_requested"],
      workflow_dispatch: [],
    });
    expect(WORKFLOW.permissions).toEqual({ statuses: "write", "pull-requests": "read", contents: "read" });
  });

  it("relays fork reviews through workflow_run with the base repository's token", () => {
    expect(RELAY.on).toEqual({ workflow_run: ["completed"] });
    expect(RELAY.permissions).toEqual(WORKFLOW.permissions);
  });
});

describe("the bundled Action on pull_request_target: the shared scenarios", () => {
  it.each(GATE_SCENARIOS.map((s) => [s.name, s] as const))("%s", async (_name, scenario: GateScenario) => {
    const em = await start();
    const seeded = seedGateScenario(em.state, scenario);
    const secrets = scenario.readsTeams === true ? { INTEG_GATE_TOKEN: teamReadingToken(em) } : undefined;
    const run = await runStep(em, "pull_request_target", pullRequestEvent(em, seeded.repo, seeded.number, "synchronize"), workflowToken(em), {
      ...(secrets === undefined ? {} : { secrets, with: { token: "${{ secrets.INTEG_GATE_TOKEN }}" } }),
    });
    const statuses = newestStatuses(em, seeded.headSha);

    if (scenario.expected === "no-config") {
      expect(statuses, describeRun(run)).toEqual({});
      expect(run.outputs["result"]).toBe("error");
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain("there is no .integ.yml on the default branch");
      return;
    }
    const expected = scenario.expected;
    expect(
      { note: statuses["integ-gate/release-note"]?.state, approval: statuses["integ-gate/owner-approval"]?.state },
      describeRun(run),
    ).toEqual({ note: STATE_OF[expected.releaseNote], approval: STATE_OF[expected.ownerApproval] });
    if (expected.ownerApprovalTitle !== undefined) {
      expect(statuses["integ-gate/owner-approval"]?.description).toContain(expected.ownerApprovalTitle);
    }
    if (expected.releaseNoteTitle !== undefined) {
      expect(statuses["integ-gate/release-note"]?.description).toContain(expected.releaseNoteTitle);
    }
    expect(statuses["integ-gate/release-note"]?.targetUrl).toBe(`${em.url}/${SCENARIO_REPO}/actions/runs/4242`);
    const result = SEVERITY.find((o) => o === expected.releaseNote || o === expected.ownerApproval);
    expect(run.outputs["result"]).toBe(result);
    expect(run.outputs["integration"]).toBe(String(expected.integration ?? expected.releaseNote !== "skipped"));
    expect(run.exitCode, describeRun(run)).toBe(result === "error" ? 1 : 0);
    expect(run.summary).toContain("# integ-gate");
    expect(run.summary).toContain(statuses["integ-gate/owner-approval"]?.description ?? "(none)");
  });
});

/** The scenario "valid note, owner has not approved yet", seeded. */
function seedPendingPullRequest(em: Emulator): { number: number; headSha: string } {
  const scenario = GATE_SCENARIOS.find((s) => s.name === "valid note, owner has not approved yet");
  if (scenario === undefined) throw new Error("scenario missing");
  const seeded = seedGateScenario(em.state, scenario);
  return { number: seeded.number, headSha: seeded.headSha };
}

/** A PR from the fork dev-alice/integrations with a valid linked note. */
function seedForkPullRequest(em: Emulator): { number: number; headSha: string } {
  const base = GATE_SCENARIOS.find((s) => s.name === "not an integration pull request");
  if (base === undefined) throw new Error("scenario missing");
  seedGateScenario(em.state, base);
  em.state.createRepo({ owner: "dev-alice", name: "integrations", forkOf: SCENARIO_REPO });
  const note = "docs/release-notes/fork.md";
  const headSha = em.state.commit({
    repo: "dev-alice/integrations",
    branch: "erp-from-fork",
    author: "dev-alice",
    message: "ERP change from a fork",
    files: { "integrations/erp/fork.ts": "export const fork = true;\n", [note]: VALID_NOTE },
  });
  const pr = em.state.createPullRequest({
    repo: SCENARIO_REPO,
    head: "erp-from-fork",
    headRepo: "dev-alice/integrations",
    title: "ERP change from a fork",
    body: `Release note: [${note}](${note})`,
    author: "dev-alice",
  });
  return { number: pr.number, headSha };
}

function statusCount(em: Emulator, sha: string, context: string): number {
  return em.state.statuses(SCENARIO_REPO, sha).filter((s) => s.context === context).length;
}

describe("the bundled Action, one test per event kind", () => {
  it("pull_request on a same-repository PR writes the statuses", async () => {
    const em = await start();
    const pr = seedPendingPullRequest(em);
    const run = await runStep(em, "pull_request", pullRequestEvent(em, SCENARIO_REPO, pr.number, "opened"), workflowToken(em));
    expect(newestStatuses(em, pr.headSha)["integ-gate/owner-approval"]?.state, describeRun(run)).toBe("pending");
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      integration: "true",
      "release-note": "docs/release-notes/erp-product-id.md",
      "release-note-ok": "true",
      approved: "false",
      awaiting: "@maria-ops",
      result: "pending",
    });
  });

  it("pull_request_review: an approval turns owner-approval green and leaves the unchanged release-note status alone", async () => {
    const em = await start();
    const pr = seedPendingPullRequest(em);
    const token = workflowToken(em);
    await runStep(em, "pull_request_target", pullRequestEvent(em, SCENARIO_REPO, pr.number, "opened"), token);
    expect(newestStatuses(em, pr.headSha)["integ-gate/owner-approval"]?.state).toBe("pending");

    em.state.addReview(SCENARIO_REPO, pr.number, { user: "maria-ops", state: "APPROVED" });
    const run = await runStep(em, "pull_request_review", reviewEvent(em, SCENARIO_REPO, pr.number), token);
    const statuses = newestStatuses(em, pr.headSha);
    expect(statuses["integ-gate/owner-approval"]?.state, describeRun(run)).toBe("success");
    expect(statuses["integ-gate/release-note"]?.state).toBe("success");
    expect(statusCount(em, pr.headSha, "integ-gate/release-note")).toBe(1);
    expect(run.outputs["result"]).toBe("pass");
    expect(run.outputs["approved"]).toBe("true");
    expect(run.summary).toContain("unchanged (already shown)");

    // A re-run with nothing new writes nothing.
    const before = em.state.statuses(SCENARIO_REPO, pr.headSha).length;
    await runStep(em, "pull_request_review", reviewEvent(em, SCENARIO_REPO, pr.number, "edited"), token);
    expect(em.state.statuses(SCENARIO_REPO, pr.headSha).length).toBe(before);
  });

  it("merge_group: both statuses on the merge group's head commit, failing while a PR in the group is not approved", async () => {
    const em = await start();
    const pr = seedPendingPullRequest(em);
    const token = workflowToken(em);
    const group = em.state.createMergeGroup(SCENARIO_REPO, "main", [pr.number]);
    const blocked = await runStep(em, "merge_group", mergeGroupEvent(em, SCENARIO_REPO, group), token);
    const first = newestStatuses(em, group.headSha);
    expect(first["integ-gate/owner-approval"]?.state, describeRun(blocked)).toBe("failure");
    expect(first["integ-gate/owner-approval"]?.description).toContain(`#${pr.number}:`);
    expect(first["integ-gate/release-note"]?.state).toBe("success");
    expect(blocked.outputs["result"]).toBe("blocked");
    expect(blocked.exitCode).toBe(0);

    em.state.addReview(SCENARIO_REPO, pr.number, { user: "maria-ops", state: "APPROVED" });
    const passed = await runStep(em, "merge_group", mergeGroupEvent(em, SCENARIO_REPO, group), token);
    expect(newestStatuses(em, group.headSha)["integ-gate/owner-approval"]?.state, describeRun(passed)).toBe("success");
    expect(passed.outputs["result"]).toBe("pass");
  });

  it("workflow_dispatch re-evaluates every open PR", async () => {
    const em = await start();
    const pending = seedPendingPullRequest(em);
    const other = seedGateScenario(em.state, { ...(GATE_SCENARIOS[0] as GateScenario), pr: { ...(GATE_SCENARIOS[0] as GateScenario).pr, branch: "typo-2" } });
    const run = await runStep(em, "workflow_dispatch", { inputs: {}, ref: "refs/heads/main", repository: { full_name: SCENARIO_REPO } }, workflowToken(em));
    expect(newestStatuses(em, pending.headSha)["integ-gate/owner-approval"]?.state, describeRun(run)).toBe("pending");
    expect(newestStatuses(em, other.headSha)["integ-gate/owner-approval"]).toMatchObject({
      state: "success",
      description: "Not an integration pull request",
    });
    expect(run.outputs["result"]).toBe("pending");
    expect(run.stdout).toContain("Re-evaluating 2 open pull request(s).");
  });

  it("a fork PR on pull_request: read-only token, nothing written, the job fails and names the trigger to use", async () => {
    const em = await start();
    const pr = seedForkPullRequest(em);
    const readOnly = em.state.createToken({ kind: "actions", permissions: READ_ONLY_PERMISSIONS, repositories: [SCENARIO_REPO] }).token;
    const run = await runStep(em, "pull_request", pullRequestEvent(em, SCENARIO_REPO, pr.number, "opened"), readOnly);
    expect(em.state.statuses(SCENARIO_REPO, pr.headSha), describeRun(run)).toEqual([]);
    expect(em.log.count({ method: "POST", path: /statuses/ })).toBe(0);
    expect(run.exitCode).toBe(1);
    const notices = run.commands.filter((c) => c.command === "notice").map((c) => c.message);
    expect(notices.join("\n")).toContain("read-only token");
    expect(notices.join("\n")).toContain("pull_request_target");
    expect(run.summary).toContain("read-only token");
    expect(run.summary).toContain("Waiting for approval"); // the full verdict is still in the summary
  });

  it("a token without statuses: write (403 on the write) is reported as read-only and fails the job", async () => {
    const em = await start();
    const pr = seedPendingPullRequest(em);
    const token = em.state.createToken({
      kind: "actions",
      permissions: { metadata: "read", contents: "read", pull_requests: "read", statuses: "read" },
      repositories: [SCENARIO_REPO],
    }).token;
    const run = await runStep(em, "pull_request_target", pullRequestEvent(em, SCENARIO_REPO, pr.number, "opened"), token);
    expect(em.state.statuses(SCENARIO_REPO, pr.headSha), describeRun(run)).toEqual([]);
    expect(em.log.count({ method: "POST", path: /statuses/ })).toBe(1); // stopped after the first refusal
    expect(run.exitCode).toBe(1);
    expect(run.commands.filter((c) => c.command === "notice").map((c) => c.message).join("\n")).toContain("statuses: write");
    expect(run.summary).toContain("not written: the token is read-only");
  });

  it("the same fork PR on pull_request_target gets its statuses", async () => {
    const em = await start();
    const pr = seedForkPullRequest(em);
    const run = await runStep(em, "pull_request_target", pullRequestEvent(em, SCENARIO_REPO, pr.number, "opened"), workflowToken(em));
    expect(newestStatuses(em, pr.headSha)["integ-gate/release-note"]?.state, describeRun(run)).toBe("success");
    expect(newestStatuses(em, pr.headSha)["integ-gate/owner-approval"]?.state).toBe("pending");
  });

  it("a review of a fork PR is read-only; the workflow_run relay evaluates it with the base repository's token", async () => {
    const em = await start();
    const pr = seedForkPullRequest(em);
    em.state.addReview(SCENARIO_REPO, pr.number, { user: "maria-ops", state: "APPROVED" });
    const readOnly = em.state.createToken({ kind: "actions", permissions: READ_ONLY_PERMISSIONS, repositories: [SCENARIO_REPO] }).token;
    const review = await runStep(em, "pull_request_review", reviewEvent(em, SCENARIO_REPO, pr.number), readOnly);
    expect(review.exitCode).toBe(1);
    expect(review.stdout).toContain("workflow_run");
    expect(em.state.statuses(SCENARIO_REPO, pr.headSha)).toEqual([]);

    const relay = await runStep(em, "workflow_run", workflowRunEvent(em, SCENARIO_REPO, pr.number), workflowToken(em, RELAY), { workflow: RELAY });
    const statuses = newestStatuses(em, pr.headSha);
    expect(statuses["integ-gate/owner-approval"]?.state, describeRun(relay)).toBe("success");
    expect(statuses["integ-gate/release-note"]?.state).toBe("success");
    expect(relay.exitCode).toBe(0);
  });

  it("the default GITHUB_TOKEN cannot read a team: owner-approval is an error naming the team and the token needed", async () => {
    const em = await start();
    const scenario = GATE_SCENARIOS.find((s) => s.readsTeams === true);
    if (scenario === undefined) throw new Error("scenario missing");
    const seeded = seedGateScenario(em.state, scenario);
    const run = await runStep(em, "pull_request_target", pullRequestEvent(em, SCENARIO_REPO, seeded.number, "opened"), workflowToken(em));
    const approval = newestStatuses(em, seeded.headSha)["integ-gate/owner-approval"];
    expect(approval?.state, describeRun(run)).toBe("error");
    expect(approval?.description).toContain("@acme/integration-owners");
    expect(approval?.description).toContain("token that can read organization teams");
    expect(run.outputs["result"]).toBe("error");
    expect(run.exitCode).toBe(1);
  });

  it("fails the job on blocked only with fail-on-block: true", async () => {
    const em = await start();
    const scenario = GATE_SCENARIOS.find((s) => s.name === "integration PR without a release note");
    if (scenario === undefined) throw new Error("scenario missing");
    const seeded = seedGateScenario(em.state, scenario);
    const run = await runStep(em, "pull_request_target", pullRequestEvent(em, SCENARIO_REPO, seeded.number, "opened"), workflowToken(em), {
      with: { "fail-on-block": "true" },
    });
    expect(run.outputs["result"]).toBe("blocked");
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("fail-on-block");
  });

  it("annotates .integ.yml errors at their lines", async () => {
    const em = await start();
    const scenario = GATE_SCENARIOS.find((s) => s.name === "invalid .integ.yml on the default branch");
    if (scenario === undefined) throw new Error("scenario missing");
    const seeded = seedGateScenario(em.state, scenario);
    const run = await runStep(em, "pull_request_target", pullRequestEvent(em, SCENARIO_REPO, seeded.number, "opened"), workflowToken(em));
    const errors = run.commands.filter((c) => c.command === "error" && c.properties["file"] === ".integ.yml");
    expect(errors, describeRun(run)).toHaveLength(1);
    expect(errors[0]?.properties).toMatchObject({ line: "3", col: "1" });
    expect(errors[0]?.message).toContain("ownerz");
  });

  it("spends at most 4 requests on a typical PR (2 GraphQL reads that include its statuses, 2 writes) and 2 on an unchanged re-run", async () => {
    const em = await start();
    const pr = seedPendingPullRequest(em);
    const token = workflowToken(em);
    const first = await runStep(em, "pull_request_target", pullRequestEvent(em, SCENARIO_REPO, pr.number, "opened"), token);
    expect(first.requestCount, describeRun(first)).toBeLessThanOrEqual(4);
    em.resetLog();
    const again = await runStep(em, "pull_request_target", pullRequestEvent(em, SCENARIO_REPO, pr.number, "synchronize"), token);
    expect(again.requestCount).toBeLessThanOrEqual(2);
    expect(em.log.count({ method: "POST", path: /statuses/ })).toBe(0);
    expect(em.log.count({ method: "GET", path: /status/ })).toBe(0);
  });

  it("a PR that breaks .integ.yml: its errors are annotated and summarised; only the two statuses are posted", async () => {
    const em = await start();
    const base = GATE_SCENARIOS.find((s) => s.name === "not an integration pull request");
    if (base === undefined) throw new Error("scenario missing");
    const seeded = seedGateScenario(em.state, {
      ...base,
      pr: { ...base.pr, branch: "config-change", files: { ".integ.yml": "version: 1\nowners: [\"@maria-ops\"]\napproval:\n  min: 0\n" } },
    });
    const run = await runStep(em, "pull_request_target", pullRequestEvent(em, SCENARIO_REPO, seeded.number, "opened"), workflowToken(em));
    const contexts = em.state.statuses(SCENARIO_REPO, seeded.headSha).map((s) => s.context);
    expect([...new Set(contexts)].sort(), describeRun(run)).toEqual(["integ-gate/owner-approval", "integ-gate/release-note"]);
    const configErrors = run.commands.filter((c) => c.command === "error" && c.properties["file"] === ".integ.yml");
    expect(configErrors.length).toBeGreaterThanOrEqual(1);
    expect(configErrors[0]?.properties["line"]).toBe("4");
    expect(run.summary).toContain("integ-gate/config");
  });

  it("reports its own request count, equal to what GitHub saw, and retries a transient failure", async () => {
    const em = await start();
    const pr = seedPendingPullRequest(em);
    em.faults.inject({ match: { graphql: true }, status: 502, times: 1 });
    const run = await runStep(em, "pull_request_target", pullRequestEvent(em, SCENARIO_REPO, pr.number, "opened"), workflowToken(em));
    expect(newestStatuses(em, pr.headSha)["integ-gate/owner-approval"]?.state, describeRun(run)).toBe("pending");
    expect(run.requestCount).toBe(em.log.summary().total);
    expect(em.log.summary().faulted).toBe(1);
    expect(run.commands.some((c) => c.command === "warning" && /retry 1 of 3/.test(c.message))).toBe(true);
  });
});

describe("GitHub Enterprise Server URLs", () => {
  it("sends GraphQL to GITHUB_GRAPHQL_URL even when it is not where Octokit would derive it from GITHUB_API_URL", async () => {
    const em = await start();
    const pr = seedPendingPullRequest(em);
    const seen: string[] = [];
    // A front server that serves GraphQL only at /custom/graphql and forwards it to the emulator.
    const proxy = createServer((req, res) => {
      seen.push(`${req.method ?? ""} ${req.url ?? ""}`);
      if (req.url !== "/custom/graphql") {
        res.writeHead(404).end();
        return;
      }
      const upstream = httpRequest(em.graphqlUrl, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    try {
      const graphqlUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/custom/graphql`;
      const run = await runBundledAction({
        eventName: "pull_request_target",
        payload: pullRequestEvent(em, SCENARIO_REPO, pr.number, "opened"),
        repository: SCENARIO_REPO,
        serverUrl: em.url,
        apiUrl: em.apiUrl,
        graphqlUrl,
        inputEnv: stepInputEnv(WORKFLOW, { githubToken: workflowToken(em) }),
      });
      expect(newestStatuses(em, pr.headSha)["integ-gate/owner-approval"]?.state, describeRun(run)).toBe("pending");
      expect(seen.length).toBeGreaterThanOrEqual(1);
      expect(seen.every((line) => line === "POST /custom/graphql")).toBe(true);
      expect(em.log.count({ graphql: true })).toBe(seen.length);
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });
});

describe("the bundled Action's digest mode", () => {
  it("loads the digest code on demand and writes the digest (the example digest workflow, on its schedule)", async () => {
    const em = await start();
    const seed = seedDigestWeek(em);
    // The step as written, with the window of the seeded week instead of `${{ inputs.since || '7d' }}`.
    const step = { ...DIGEST, with: { ...DIGEST.with, since: seed.since, until: seed.until } };
    const token = em.state.createToken({ kind: "actions", permissions: tokenPermissions(DIGEST), repositories: [DIGEST_REPO] }).token;
    const run = await runBundledAction({
      eventName: "schedule",
      payload: { schedule: "0 6 * * 1" },
      repository: DIGEST_REPO,
      serverUrl: em.url,
      apiUrl: em.apiUrl,
      graphqlUrl: em.graphqlUrl,
      inputEnv: stepInputEnv(step, { githubToken: token }),
    });
    expect(run.exitCode, describeRun(run)).toBe(0);
    expect(run.outputs).toMatchObject({ changes: "6", departments: "finance,warehouse,sales" });
    expect(run.summary).toContain("# Integration changes merged into main, ");
  });
});
