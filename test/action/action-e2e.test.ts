import { afterEach, describe, expect, it } from "vitest";
import { READ_ONLY_PERMISSIONS } from "../../emulator/emulator-state.js";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import type { Outcome } from "../../src/core/rules/gate-verdict.js";
import { GATE_SCENARIOS, SCENARIO_REPO, seedGateScenario, VALID_NOTE, type GateScenario } from "../support/gate-scenarios.js";
import { mergeGroupEvent, pullRequestEvent, reviewEvent, workflowRunEvent } from "./support/build-event-payload.js";
import { readWorkflow, stepInputEnv, tokenPermissions, type WorkflowFile } from "./support/example-workflow.js";
import { runBundledAction, type BundledActionRun } from "./support/run-bundled-action.js";

/** The README's workflow: the tests run exactly this file's step. */
const WORKFLOW = readWorkflow(".github/workflows/integ-gate.yml");
const RELAY = readWorkflow("action/examples/integ-gate-review-relay.yml");

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

/** A token that can also read organisation teams (what the README says to pass when .integ.yml names teams). */
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
  it("triggers on the events and activity types behaviour.md lists, with least privileges", () => {
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
