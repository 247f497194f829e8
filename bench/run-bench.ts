import { readFileSync, writeFileSync } from "node:fs";
import { startEmulator, type Emulator } from "../emulator/start-emulator.js";
import { assembleResults } from "./assemble-results.js";
import { benchAction } from "./bench-action.js";
import { benchChain } from "./bench-chain.js";
import { benchDigest, type DigestBench } from "./bench-digest.js";
import { benchEngine } from "./bench-engine.js";
import { benchFirstEvaluations } from "./bench-first-evaluations.js";
import { benchHostileText, renderHostileText, type HostileTextBenchResult } from "./bench-hostile-text.js";
import { benchMemory } from "./bench-memory.js";
import { benchNotes } from "./bench-notes.js";
import { benchStream } from "./bench-stream.js";
import { ensureBuild } from "./ensure-build.js";
import { readMachine } from "./read-machine.js";
import { startRequestRecorder, type RequestRecorder } from "./record-api-requests.js";
import { renderBenchTable } from "./render-bench-table.js";
import { killAllStarted, ROOT, startProbotProcess, type ProbotProcess } from "./start-probot-process.js";

/** The whole bench must finish well within 3 minutes; past this it stops and fails. */
const HARD_LIMIT_MS = 175_000;
/** `--hostile` runs apart from the 3 minutes: the standard sweep takes about a minute, `--full` many. */
const HOSTILE_LIMIT_MS = process.argv.includes("--full") ? 3_600_000 : 600_000;

const RESULTS = new URL("./results.json", import.meta.url);

/** The digest's figures of the last `--digest` run, kept by a full run that does not measure them (docs/digest.md "Cost"). */
function previousDigest(): DigestBench | undefined {
  try {
    return (JSON.parse(readFileSync(RESULTS, "utf8")) as { digest?: DigestBench }).digest;
  } catch {
    return undefined;
  }
}

/** The hostile-text figures of the last `--hostile` run, kept by a full run that does not measure them (docs/security.md). */
type RecordedHostileText = HostileTextBenchResult & { readonly generatedAt: string };

function previousHostileText(): RecordedHostileText | undefined {
  try {
    return (JSON.parse(readFileSync(RESULTS, "utf8")) as { hostileText?: RecordedHostileText }).hostileText;
  } catch {
    return undefined;
  }
}

/**
 * `npm run bench -- --hostile` (add `--full` for every pair in every frame):
 * the worst CPU time of one evaluation on the worst-case text generator's
 * inputs at the size limits (docs/security.md, "Linear-time text scanning"),
 * merged into results.json. Exits 1 when an input costs a second or more.
 */
function runHostileBench(started: number): number {
  const sweep = process.argv.includes("--full") ? "full" : "standard";
  const hostile = benchHostileText(sweep, (line) => progress(line, started));
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(readFileSync(RESULTS, "utf8")) as Record<string, unknown>;
  } catch {
    // no results yet: the hostile figures alone
  }
  writeFileSync(RESULTS, `${JSON.stringify({ ...current, hostileText: { ...hostile, generatedAt: new Date().toISOString(), machine: readMachine() } }, null, 2)}\n`);
  process.stdout.write(`${renderHostileText(hostile).join("\n")}\n`);
  return hostile.withinGoal ? 0 : 1;
}

function renderDigestLines(digest: DigestBench): string {
  return digest.windows
    .map((w) => `digest of ${w.pulls} merged PRs: ${w.requests} requests (goal ≤ ${w.goal}), ${(w.ms / 1000).toFixed(1)} s`)
    .join("\n");
}

/**
 * `npm run bench -- --digest`: only the digest (requests and time for windows
 * of 10, 100 and 500 merged PRs), merged into results.json. Seeding 500
 * merged PRs takes about a minute, so the full bench (3-minute limit) keeps
 * the last figures instead of measuring them again.
 */
async function runDigestBench(started: number): Promise<number> {
  const em = await startEmulator();
  try {
    const digest = await benchDigest(em);
    progress(`digest: ${digest.windows.map((w) => `${w.pulls} PRs ${w.requests} requests ${w.ms} ms`).join(", ")}`, started);
    const current = JSON.parse(readFileSync(RESULTS, "utf8")) as Record<string, unknown>;
    writeFileSync(RESULTS, `${JSON.stringify({ ...current, digest: { ...digest, generatedAt: new Date().toISOString(), machine: readMachine() } }, null, 2)}\n`);
    process.stdout.write(`${renderDigestLines(digest)}\n`);
    return digest.withinGoal ? 0 : 1;
  } finally {
    await em.close();
  }
}

function progress(message: string, started: number): void {
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)} s] ${message}\n`);
}

async function main(): Promise<number> {
  const started = performance.now();
  if (process.argv.includes("--digest")) return runDigestBench(started);
  if (process.argv.includes("--hostile")) return runHostileBench(started);
  const machine = readMachine();
  progress(`build (${ensureBuild()})`, started);

  // 1. CPU-bound figures first, alone on the machine: engine, notes, Action.
  const engine = benchEngine();
  progress(`engine: ${engine.files30} / ${engine.files300} / ${engine.files3000} ms`, started);
  const notes = benchNotes(15);
  progress(`notes: ${notes.words500} / ${notes.words2000} / ${notes.words5000} ms`, started);

  let em: Emulator | undefined;
  let recorder: RequestRecorder | undefined;
  const processes: ProbotProcess[] = [];
  try {
    em = await startEmulator();
    const action = await benchAction(em, 5);
    progress(`action: ${action.wallMs.median} ms, node -e 0 ${action.nodeBaselineMs.median} ms, ${action.requests.median} requests`, started);

    // 2. The app processes, each with Probot's default throttling. Probot keeps one write queue
    //    per process, so each phase gets its own process and the phases run side by side.
    recorder = await startRequestRecorder({ port: em.port });
    const env = em.probotEnv({ GHE_HOST: recorder.host });
    const app = (label: string) => startProbotProcess({ label, appPath: "./lib/app/index.js", env });
    const baseline = (label: string, plan?: string) =>
      startProbotProcess({ label, appPath: "./bench/baseline-app.ts", nodeArgs: ["--import", "tsx"], env: plan === undefined ? env : { ...env, BASELINE_PLAN: plan } });
    const [chainApp, chainBase, firstApp, streamApp, streamBare, memoryApp] = await Promise.all([
      app("integ-gate (chain)"),
      baseline("baseline (chain)"),
      app("integ-gate (first evaluations)"),
      app("integ-gate (stream)"),
      baseline("bare app (stream)", "graphql,graphql,post,post"),
      app("integ-gate (memory)"),
    ]);
    processes.push(chainApp, chainBase, firstApp, streamApp, streamBare, memoryApp);
    progress("app processes up", started);
    const rec = recorder;
    const emu = em;
    const [chain, firsts, stream, memory] = await Promise.all([
      benchChain(emu, rec, chainApp, chainBase, { durationMs: 55_000, minRounds: 3, maxRounds: 12 }).then((r) => {
        progress(`chain: ${r.rounds} rounds`, started);
        return r;
      }),
      benchFirstEvaluations(emu, rec, firstApp, 5).then((r) => {
        progress("first evaluations done", started);
        return r;
      }),
      benchStream(emu, rec, streamApp, streamBare, { pulls: 50, count: 40, perSecond: 2, windowMs: 85_000 }).then((r) => {
        progress(`stream: ${r.app.handled}/${r.app.events} in ${r.app.windowMs} ms`, started);
        return r;
      }),
      benchMemory(emu, memoryApp, { deliveries: 5_000, perSecond: 100, pulls: 5, maxInFlight: 1_200 }).then((r) => {
        progress(`memory: peak ${r.peakRssMb} MB`, started);
        return r;
      }),
    ]);
    await Promise.all(processes.map((p) => p.stop()));

    const results = assembleResults({
      machine,
      durationSeconds: Math.round((performance.now() - started) / 1000),
      engine,
      notes,
      action,
      chain,
      firsts,
      stream,
      memory,
    });
    const digest = previousDigest();
    const hostileText = previousHostileText();
    const kept = { ...(digest === undefined ? {} : { digest }), ...(hostileText === undefined ? {} : { hostileText }) };
    writeFileSync(
      RESULTS,
      `${JSON.stringify({ ...results, ...kept }, (key, value: unknown) => (key === "samples" || key === "profiles" || key === "calls" ? undefined : value), 2)}\n`,
    );
    process.stdout.write(`${renderBenchTable(results)}\n`);
    if (digest !== undefined) process.stdout.write(`${renderDigestLines(digest)} (from the last npm run bench -- --digest)\n`);
    if (hostileText !== undefined) process.stdout.write(`${renderHostileText(hostileText).join("\n")}\n(from the last npm run bench -- --hostile, ${hostileText.generatedAt})\n`);
    process.stdout.write(`Written to ${RESULTS.pathname.slice(ROOT.length)}.\n`);
    return results.checks.typicalWithinLimit ? 0 : 1;
  } finally {
    await Promise.all(processes.map((p) => p.stop().catch(() => undefined)));
    killAllStarted();
    await recorder?.close();
    await em?.close();
  }
}

const limitMs = process.argv.includes("--hostile") ? HOSTILE_LIMIT_MS : HARD_LIMIT_MS;
const watchdog = setTimeout(() => {
  process.stderr.write(`bench: still running after ${limitMs / 1000} s; stopping.\n`);
  killAllStarted();
  process.exit(2);
}, limitMs);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    killAllStarted();
    process.exit(130);
  });
}
process.on("exit", () => killAllStarted());

main()
  .then((code) => {
    clearTimeout(watchdog);
    process.exit(code);
  })
  .catch((error: unknown) => {
    clearTimeout(watchdog);
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    killAllStarted();
    process.exit(1);
  });
