import { spawn } from "node:child_process";
import type { Emulator } from "../emulator/start-emulator.js";
import { pullRequestEvent } from "../test/action/support/build-event-payload.js";
import { readWorkflow, stepInputEnv, tokenPermissions } from "../test/action/support/example-workflow.js";
import { runBundledAction } from "../test/action/support/run-bundled-action.js";
import { spreadOf, type Spread } from "./bench-stats.js";
import { seedInstallation, seedTypicalPull } from "./seed-bench-pulls.js";

/** The bundled Action (dist/index.js) on the typical PR, beside `node -e 0`. */
export interface ActionBenchResult {
  /** Wall time of one evaluation: process start to exit. */
  readonly wallMs: Spread;
  /** Wall time of `node -e 0` on the same machine. */
  readonly nodeBaselineMs: Spread;
  /** wallMs.median / nodeBaselineMs.median. */
  readonly ratio: number;
  /** GitHub API requests per run (the emulator's count, auth excluded), and what the Action says it made. */
  readonly requests: Spread;
  readonly writeQueue: Spread;
  readonly gets: Spread;
  /** Content-creating REST requests (commit statuses). */
  readonly writes: Spread;
  readonly selfReported: readonly (number | null)[];
  /** The statuses it posted (sanity: the typical PR passes the note and waits for the owner). */
  readonly result: string;
}

function timeNodeNoop(): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ["-e", "0"], { stdio: "ignore" });
    child.on("error", reject);
    child.on("close", () => resolve(performance.now() - t0));
  });
}

/**
 * Runs the committed bundle `repeats` times on fresh typical PRs (the
 * docs/action.md#workflow's step, pull_request_target, a token that can read teams
 * because the config names one), and `node -e 0` as often.
 */
export async function benchAction(em: Emulator, repeats = 5): Promise<ActionBenchResult> {
  const workflow = readWorkflow(".github/workflows/integ-gate.yml");
  const inst = seedInstallation(em, "action-org");
  // docs/action.md#inputs: when .integ.yml names teams, pass a token that can read them.
  em.state.setCollaborator(inst.repo, "integ-gate-bot", "write");
  const token = em.state.createToken({ kind: "user", login: "integ-gate-bot", permissions: { ...tokenPermissions(workflow), members: "read" } }).token;
  const wall: number[] = [];
  const node: number[] = [];
  const requests: number[] = [];
  const writeQueue: number[] = [];
  const gets: number[] = [];
  const writes: number[] = [];
  const selfReported: (number | null)[] = [];
  let result = "";
  for (let i = 0; i < repeats + 1; i += 1) {
    const pr = seedTypicalPull(em, inst, `action-${i}`);
    const payload = pullRequestEvent(em, pr.repo, pr.number, "opened");
    const before = em.log.entries().length;
    const t0 = performance.now();
    const run = await runBundledAction({
      eventName: "pull_request_target",
      payload,
      repository: pr.repo,
      serverUrl: em.url,
      apiUrl: em.apiUrl,
      graphqlUrl: em.graphqlUrl,
      inputEnv: stepInputEnv(workflow, { githubToken: token }),
    });
    const ms = performance.now() - t0;
    const entries = em.log.entries().slice(before).filter((e) => !e.auth);
    if (run.exitCode !== 0 && run.outputs["result"] === undefined) throw new Error(`the Action failed:\n${run.stdout}\n${run.stderr}`);
    const nodeMs = await timeNodeNoop();
    if (i === 0) continue; // warm-up: file cache
    wall.push(ms);
    node.push(nodeMs);
    requests.push(entries.length);
    writeQueue.push(entries.filter((e) => e.writeQueue).length);
    gets.push(entries.filter((e) => e.method === "GET").length);
    writes.push(entries.filter((e) => e.graphqlOperation === undefined && e.method !== "GET" && e.method !== "HEAD").length);
    selfReported.push(run.requestCount);
    result = `${run.outputs["result"] ?? "?"} (exit ${String(run.exitCode)})`;
  }
  const wallMs = spreadOf(wall, 1);
  const nodeBaselineMs = spreadOf(node, 1);
  return {
    wallMs,
    nodeBaselineMs,
    ratio: Math.round((wallMs.median / nodeBaselineMs.median) * 10) / 10,
    requests: spreadOf(requests, 1),
    writeQueue: spreadOf(writeQueue, 1),
    gets: spreadOf(gets, 1),
    writes: spreadOf(writes, 1),
    selfReported,
    result,
  };
}
