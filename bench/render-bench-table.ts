import { TYPICAL_REQUEST_LIMIT, type BenchResults, type Capacity, type RequestFigure } from "./assemble-results.js";
import type { Spread } from "./bench-stats.js";

type Row = readonly [string, string, string];

function spread(s: Spread, unit = "", digits = 0): string {
  const f = (v: number): string => `${v.toFixed(digits)}${unit}`;
  return s.min === s.max ? `${f(s.median)} (n=${s.n})` : `${f(s.median)} (${f(s.min)}–${f(s.max)}, n=${s.n})`;
}

function requests(r: RequestFigure): string {
  return `${spread(r)}; ${r.writeQueue.median} queued`;
}

function ms(v: number): string {
  return v >= 100 ? `${Math.round(v).toLocaleString("en-US")} ms` : `${v.toFixed(2)} ms`;
}

function capacity(c: Capacity): string {
  return `${c.eventsPerHour.toLocaleString("en-US")} events/h (limited by ${c.limitedBy})`;
}

/** The rows of the one table `npm run bench` prints: figure, measured, floor or baseline. */
export function benchTableRows(r: BenchResults): Row[] {
  const t = r.throughput;
  const e = r.engineMs;
  const w = r.webhook;
  const s = t.stream;
  return [
    ["GitHub API requests per evaluation (auth excluded; 'queued' = POST/PATCH/GraphQL)", "median (min–max, n)", "floor the data allows"],
    ["  typical PR: 30 files, 3 reviews, 5 commits, note, owner team", requests(r.requests.typical), `${r.requests.typical.floor}: ${r.requests.typical.why}`],
    ["  not an integration PR", requests(r.requests.nonIntegration), `${r.requests.nonIntegration.floor}: ${r.requests.nonIntegration.why}`],
    ["  3,000 files, 300 reviews, 250 commits", `${requests(r.requests.large)}, ${r.requests.large.gets.median} GET`, `${r.requests.large.floor}: ${r.requests.large.why}`],
    ["  the Action on the typical PR", requests(r.requests.action), `${r.requests.action.floor}: ${r.requests.action.why}`],
    ["  verdict change (owner approves)", requests(t.perEvaluation.change), `${t.perEvaluation.change.floor}: ${t.perEvaluation.change.why}`],
    ["  no-change redelivery", requests(t.perEvaluation.noChange), `${t.perEvaluation.noChange.floor}: ${t.perEvaluation.noChange.why}`],
    ["Engine, pure evaluateGate, 50 systems", "median", "ratio (10 = linear)"],
    ["  30 files", ms(e.files30), ""],
    ["  300 files", ms(e.files300), `×${e.ratio300to30} of 30 files`],
    ["  3,000 files", ms(e.files3000), `×${e.ratio3000to300} of 300 files${e.linear ? " (linear or better)" : "  NOT LINEAR"}`],
    ["Webhook to checks written, app process over HTTP, throttling ON", "integ-gate", "minimal Probot app, same calls"],
    ["  latency p50 / p99", `${ms(w.p50Ms)} / ${ms(w.p99Ms)} (n=${w.samples})`, `${ms(w.baselineP50Ms)} / ${ms(w.baselineP99Ms)}`],
    ["  first evaluation / verdict change / no change", `${ms(w.latencyByStepMs.first.median)} / ${ms(w.latencyByStepMs.change.median)} / ${ms(w.latencyByStepMs.noChange.median)}`, `${ms(w.baselineLatencyByStepMs.first.median)} / ${ms(w.baselineLatencyByStepMs.change.median)} / ${ms(w.baselineLatencyByStepMs.noChange.median)}`],
    ["  deliveries per second, one after another", `${w.perSecond}/s`, `${w.baselinePerSecond}/s (integ-gate ×${w.ratio})`],
    [`Mixed stream on ${s.pulls} PRs of one installation (issue 8)`, "integ-gate", "bare app: 2 GraphQL + 2 writes per webhook"],
    ["  events sustained per second", `${s.app.perSecond}/s (${s.app.handled}/${s.app.events} events${s.app.drained ? "" : ", window closed first"})`, `${s.bare.perSecond}/s (${s.bare.handled} events, one at a time)`],
    ["  requests / queued / GraphQL points per event", `${s.app.perEvent.requests} / ${s.app.perEvent.writeQueue} / ${s.app.perEvent.graphqlPoints}`, `${s.bare.perEvent.requests} / ${s.bare.perEvent.writeQueue} / ${s.bare.perEvent.graphqlPoints}`],
    ["  event to evaluation done, p50 / p99", `${ms(s.app.p50Ms)} / ${ms(s.app.p99Ms)}`, `${ms(s.bare.p50Ms)} / ${ms(s.bare.p99Ms)}`],
    ["  capacity per installation within GitHub's limits", capacity(t.capacityPerHour.app), capacity(t.capacityPerHour.bare)],
    ["Action run (dist/index.js), one evaluation", spread(r.action.wallSpreadMs, " ms"), `node -e 0: ${spread(r.action.nodeBaselineSpreadMs, " ms")} (×${r.action.ratio})`],
    [`Memory of the app process, ${r.memory.deliveries.toLocaleString("en-US")} deliveries`, `peak RSS ${r.memory.peakRssMb} MB`, `growth first→last thousand ${r.memory.growthMb} MB (${r.memory.rssByThousandMb.join(", ")} MB)${r.memory.rising ? "  STILL RISING" : ""}`],
    ["Release note analysis (parse + checks + plain language)", "median", "fastest run"],
    ["  500 / 2,000 / 5,000 words", `${ms(r.noteMs.words500)} / ${ms(r.noteMs.words2000)} / ${ms(r.noteMs.words5000)}`, `${ms(r.noteMs.fastest.words500)} / ${ms(r.noteMs.fastest.words2000)} / ${ms(r.noteMs.fastest.words5000)}`],
  ];
}

/** The table as text, with the machine and the verdict on the request budget. */
export function renderBenchTable(r: BenchResults): string {
  const rows = benchTableRows(r);
  const widths = [0, 1, 2].map((c) => Math.min(72, Math.max(...rows.map((row) => (row[c] ?? "").length))));
  const line = (row: Row): string => row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(" | ").trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("-+-");
  const m = r.machine;
  const out = [
    `integ-gate bench — ${m.cpuModel}, ${m.cores} cores, Node ${m.nodeVersion}, Probot ${m.probotVersion}, load ${m.loadAverageAtStart} at start, ${r.durationSeconds} s`,
    rule,
  ];
  for (const row of rows) {
    if (!row[0].startsWith("  ")) out.push(rule);
    out.push(line(row));
  }
  out.push(rule);
  out.push(`Throttling: ${r.throughput.writeQueueScope}.`);
  out.push(`Memory run: ${r.memory.method} Answers: ${Object.entries(r.memory.answered).map(([k, v]) => `${v}× ${k}`).join(", ")}; ${r.memory.evaluations} evaluations.`);
  out.push(`Stream: ${r.throughput.stream.app.method}; bare app: ${r.throughput.stream.bare.method}.`);
  if (!r.engineMs.linear) out.push("WARNING: engine time grows NOT LINEAR with the number of files.");
  out.push(
    r.checks.typicalWithinLimit
      ? `OK: the typical PR costs at most ${r.requests.typical.max} requests (limit ${TYPICAL_REQUEST_LIMIT}).`
      : `FAIL: the typical PR costs ${r.requests.typical.max} requests, more than ${TYPICAL_REQUEST_LIMIT}.`,
  );
  return out.join("\n");
}
