import { randomUUID } from "node:crypto";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { createIntegGateApp } from "../../app/create-integ-gate-app.js";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { pullRequestPayload } from "../../emulator/webhook-payloads.js";
import type { Outcome } from "../../src/core/rules/gate-verdict.js";
import { cutStatusDescription } from "../../src/github/publish-commit-statuses.js";
import { GATE_SCENARIOS, SCENARIO_REPO, seedGateScenario, type GateScenario } from "../support/gate-scenarios.js";
import { pullRequestEvent } from "./support/build-event-payload.js";
import { readWorkflow, stepInputEnv, tokenPermissions } from "./support/example-workflow.js";
import { runBundledAction } from "./support/run-bundled-action.js";

/**
 * One engine, two front doors: on every shared scenario the App's check runs
 * and the Action's commit statuses say the same thing (same outcome, same
 * one-line title), and both match the scenario's expectation.
 */

const WORKFLOW = readWorkflow(".github/workflows/integ-gate.yml");

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

type Seen = { readonly outcome: Outcome | "app-failure"; readonly title: string | null };

/** What the App's newest run of a check says, in the engine's terms (App `failure` is blocked or error). */
function appCheck(em: Emulator, sha: string, name: string): Seen | null {
  const runs = em.state.checkRuns(SCENARIO_REPO, { headSha: sha, name });
  const run = runs[runs.length - 1];
  if (run === undefined) return null;
  const title = run.output.title;
  if (run.status !== "completed") return { outcome: "pending", title };
  if (run.conclusion === "success") return { outcome: "pass", title };
  if (run.conclusion === "neutral") return { outcome: "skipped", title };
  return { outcome: "app-failure", title };
}

/** What the Action's newest status of a context says, in the engine's terms (a `success` is pass or skipped). */
function actionStatus(em: Emulator, sha: string, context: string): { state: string; description: string | null } | null {
  const statuses = em.state.statuses(SCENARIO_REPO, sha).filter((s) => s.context === context).sort((a, b) => b.id - a.id);
  const status = statuses[0];
  return status === undefined ? null : { state: status.state, description: status.description };
}

const APP_SHOWS: Readonly<Record<Outcome, Seen["outcome"]>> = {
  pass: "pass",
  skipped: "skipped",
  pending: "pending",
  blocked: "app-failure",
  error: "app-failure",
};
const ACTION_SHOWS: Readonly<Record<Outcome, string>> = {
  pass: "success",
  skipped: "success",
  pending: "pending",
  blocked: "failure",
  error: "error",
};

describe("the App and the Action reach the same verdict on every shared scenario", () => {
  it.each(GATE_SCENARIOS.map((s) => [s.name, s] as const))("%s", async (_name, scenario: GateScenario) => {
    const em = await startEmulator();
    emulator = em;
    const seeded = seedGateScenario(em.state, scenario);

    // The App, through real Probot, on the pull_request webhook.
    const probot = new Probot({
      appId: em.app.id,
      privateKey: em.app.privateKey,
      baseUrl: em.apiUrl,
      logLevel: "fatal",
      Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({
        ...options,
        throttle: { ...(options["throttle"] as object | undefined), enabled: false },
        retry: { enabled: false },
      })),
    });
    await probot.load(createIntegGateApp({ appId: em.app.id }));
    await probot.receive({
      id: randomUUID(),
      name: "pull_request",
      payload: pullRequestPayload(em, { repo: seeded.repo, number: seeded.number, action: "opened" }),
    } as Parameters<Probot["receive"]>[0]);

    // The Action, the bundled file, on pull_request_target (a token that reads teams when the config names one).
    const token = em.state.createToken({ kind: "actions", permissions: tokenPermissions(WORKFLOW), repositories: [SCENARIO_REPO] }).token;
    let githubToken = token;
    if (scenario.readsTeams === true) {
      em.state.setCollaborator(SCENARIO_REPO, "integ-gate-bot", "write");
      githubToken = em.state.createToken({ kind: "user", login: "integ-gate-bot", permissions: { ...tokenPermissions(WORKFLOW), members: "read" } }).token;
    }
    const run = await runBundledAction({
      eventName: "pull_request_target",
      payload: pullRequestEvent(em, seeded.repo, seeded.number, "opened"),
      repository: SCENARIO_REPO,
      serverUrl: em.url,
      apiUrl: em.apiUrl,
      graphqlUrl: em.graphqlUrl,
      inputEnv: stepInputEnv(WORKFLOW, { githubToken }),
    });

    for (const [name, key] of [
      ["integ-gate/release-note", "releaseNote"],
      ["integ-gate/owner-approval", "ownerApproval"],
    ] as const) {
      const app = appCheck(em, seeded.headSha, name);
      const action = actionStatus(em, seeded.headSha, name);
      if (scenario.expected === "no-config") {
        expect(app, `${name} (App)`).toBeNull();
        expect(action, `${name} (Action)\n${run.stdout}`).toBeNull();
        continue;
      }
      const expected = scenario.expected[key];
      expect(app?.outcome, `${name} (App)`).toBe(APP_SHOWS[expected]);
      expect(action?.state, `${name} (Action)\n${run.stdout}`).toBe(ACTION_SHOWS[expected]);
      expect(action?.description, `${name}: the same title through both doors`).toBe(cutStatusDescription(app?.title ?? ""));
    }
  });
});
