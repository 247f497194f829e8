// `npm run demo`: the loopback GitHub, the real App as a process, and a short
// story on acme/order-sync, printed as a person would see it on the PR.
import { fileURLToPath } from "node:url";
import { deliverWebhook } from "../emulator/deliver-webhook.js";
import { startEmulator, type Emulator } from "../emulator/start-emulator.js";
import { ensureFreshBuild } from "./ensure-fresh-build.js";
import { DEMO_REPO, ORDER_SYNC_STORY, openOrderSyncPullRequest, seedOrderSync, type StoryStep } from "./order-sync-story.js";
import { renderPullRequestView } from "./render-pull-request-view.js";
import { showDigest } from "./show-digest.js";
import { startAppProcess, type AppProcess } from "./start-app-process.js";
import { waitForChecks } from "./wait-for-checks.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const print = (line = ""): void => void process.stdout.write(`${line}\n`);

/** `--name=N` from the command line when N is a positive number, else `fallback`. */
function numberOption(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg === undefined ? Number.NaN : Number(arg.slice(name.length + 3));
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** `npm run demo -- --details`: also print each check's full details page (markdown). */
const showDetails = process.argv.includes("--details");
/** `npm run demo -- --requests`: also list each step's GitHub API requests. */
const showRequests = process.argv.includes("--requests");
/** `npm run demo -- --step-timeout=30`: seconds to wait for each step's verdict (default 15). */
const stepTimeoutMs = 1_000 * numberOption("step-timeout", 15);

/** API requests since the last reset, without app authentication (JWT, token exchange). */
function describeRequests(em: Emulator): string {
  const entries = em.log.entries().filter((e) => !e.auth);
  const graphql = entries.filter((e) => e.graphqlOperation !== undefined).length;
  const writes = entries.filter((e) => e.graphqlOperation === undefined && e.method !== "GET").length;
  const reads = entries.length - graphql - writes;
  const parts = [`${graphql} GraphQL`, ...(reads > 0 ? [`${reads} REST read${reads === 1 ? "" : "s"}`] : []), `${writes} check-run write${writes === 1 ? "" : "s"}`];
  return `${entries.length} GitHub API request${entries.length === 1 ? "" : "s"} (${parts.join(", ")})`;
}

async function playStep(em: Emulator, app: AppProcess, pr: number, step: StoryStep, index: number): Promise<number> {
  print(`${index + 1}. ${step.headline}`);
  em.resetLog();
  for (const delivery of step.act(em, pr)) {
    const answer = await deliverWebhook({ url: app.webhookUrl, secret: em.app.webhookSecret, event: delivery.event, payload: delivery.payload });
    if (answer.status >= 300) throw new Error(`the app answered ${answer.status} to ${delivery.event}: ${answer.body}`);
  }
  const checks = await waitForChecks(em, { repo: DEMO_REPO, headSha: () => em.state.requirePull(DEMO_REPO, pr).headSha }, step.expect, {
    timeoutMs: stepTimeoutMs,
  });
  for (const line of renderPullRequestView(checks, step.show)) print(line);
  if (showDetails) {
    for (const run of [checks.releaseNote, checks.ownerApproval]) {
      print(`   --- ${run?.name ?? "?"} details ---`);
      for (const line of (run?.output.summary ?? "").split("\n")) print(`   | ${line}`);
    }
  }
  const requests = em.log.entries().filter((e) => !e.auth).length;
  if (showRequests) {
    for (const e of em.log.entries().filter((entry) => !entry.auth)) print(`     ${e.method} ${e.path}${e.graphqlOperation === undefined ? "" : ` (${e.graphqlOperation})`} → ${e.status}`);
  }
  print(`   ↳ ${describeRequests(em)}`);
  return requests;
}

async function main(): Promise<number> {
  let em: Emulator | undefined;
  let app: AppProcess | undefined;
  let stopped: Promise<void> | undefined;
  let interrupted = false;
  let failedStep: number | null = null;
  const stopAll = (): Promise<void> =>
    (stopped ??= (async () => {
      await app?.stop();
      await em?.close();
    })());
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupted = true;
    print(`\nDemo interrupted (${signal}); stopping the app and the emulator.`);
    void stopAll().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  process.once("exit", () => app?.kill());

  try {
    // 1. A build of the App that is not older than its sources (npm start runs lib/).
    const build = ensureFreshBuild(root, (reason) => process.stdout.write(`Building the App first (npm run build; ${reason})… `));
    if (build.built) print(`done in ${(build.ms / 1000).toFixed(1)} s.`);
    const started = Date.now();
    if (process.env["INTEG_GATE_DRY_RUN"] === "true") print("Note: INTEG_GATE_DRY_RUN=true, so the App only logs its writes and no check will appear.");
    // 2. The loopback GitHub with acme/order-sync, and the App as its own process.
    em = await startEmulator();
    seedOrderSync(em);
    app = await startAppProcess({ root, probotEnv: em.probotEnv(), onSpawned: (spawned) => (app = spawned) });
    print(`integ-gate demo: the App (npm start) on ${new URL(app.webhookUrl).host}, a local GitHub on ${em.host}, repository ${DEMO_REPO}`);
    print(`.integ.yml: erp feeds crm; finance and sales impacted; owners @maria-ops or @acme/integration-owners;`);
    print(`            sales signs off by @dana-sales; developers @acme/engineering (dev-alice, dev-bob) never count.`);
    print();
    // 3. The story: change GitHub, deliver the webhooks, wait for the verdicts, print the PR.
    const pr = openOrderSyncPullRequest(em);
    let total = 0;
    for (const [index, step] of ORDER_SYNC_STORY.entries()) {
      try {
        total += await playStep(em, app, pr, step, index);
      } catch (error) {
        failedStep = index + 1;
        throw error;
      }
      print();
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    print(`Demo finished: ${DEMO_REPO}#${pr} is ready to merge (both checks green) after ${ORDER_SYNC_STORY.length} steps, ${total} GitHub API requests, ${seconds} s.`);
    print();
    // 4. After the merge: what the departments receive (docs/digest.md).
    await showDigest(em, pr, print);
    return 0;
  } catch (error) {
    if (interrupted) return 130;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\nDemo failed${failedStep === null ? "" : ` at step ${failedStep}`}: ${message}\n`);
    const appOutput = app?.output().trim();
    if (appOutput) process.stderr.write(`\nThe app's log (last lines):\n${appOutput.split("\n").slice(-15).join("\n")}\n`);
    return 1;
  } finally {
    await stopAll();
  }
}

process.exitCode = await main();
