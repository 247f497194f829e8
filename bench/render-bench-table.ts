import { TYPICAL_REQUEST_LIMIT, type BenchResults, type Capacity, type RequestFigure } from "./assemble-results.js";
import type { Spread } from "./bench-stats.js";

/** One row: figure, measured, floor or baseline. A row whose figure is not indented heads a section. */
type Row = readonly [string, string, string];

function spread(s: Spread, unit = "", digits = 0): string {
  const f = (v: number): string => `${v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })}${unit}`;
  return s.min === s.max ? `${f(s.median)} (all ${s.n})` : `${f(s.median)} (${f(s.min)}–${f(s.max)}, n=${s.n})`;
}

function requests(r: RequestFigure): string {
  return `${spread(r)}, ${r.writeQueue.median} queued${r.graphqlPoints === undefined ? "" : `, ${r.graphqlPoints.median} GraphQL pts`}`;
}

function floor(r: RequestFigure): string {
  return `${r.floor} (${r.short})`;
}

function ms(v: number): string {
  return v >= 100 ? `${Math.round(v).toLocaleString("en-US")} ms` : `${v.toFixed(1)} ms`;
}

/** A latency, or "not done in N s" for events the window closed on. */
function late(v: number | null, windowMs: number): string {
  return v === null ? `not done in ${Math.round(windowMs / 1000)} s` : ms(v);
}

function capacity(c: Capacity): string {
  return `${c.eventsPerHour.toLocaleString("en-US")}/h, bound by ${c.limitedBy}`;
}

/** The rows of the one table `npm run bench` prints. */
export function benchTableRows(r: BenchResults): Row[] {
  const t = r.throughput;
  const e = r.engineMs;
  const w = r.webhook;
  const s = t.stream;
  const m = r.memory;
  return [
    ["**API requests per evaluation** (auth excluded; queued = POST/PATCH/GraphQL)", "median (spread), queued, points", "floor the data allows"],
    ["typical PR (30 files, 3 reviews, 5 commits, note, owner team)", requests(r.requests.typical), floor(r.requests.typical)],
    ["not an integration PR", requests(r.requests.nonIntegration), floor(r.requests.nonIntegration)],
    ["3,000 files, 300 reviews, 250 commits", `${requests(r.requests.large)}, ${r.requests.large.gets.median} GET`, floor(r.requests.large)],
    ["the Action on the typical PR", `${requests(r.requests.action)}, ${r.requests.action.gets.median} GET`, floor(r.requests.action)],
    ["verdict change (the owner approves)", requests(t.perEvaluation.change), floor(t.perEvaluation.change)],
    ["no-change redelivery", requests(t.perEvaluation.noChange), floor(t.perEvaluation.noChange)],
    ["**Engine** (pure evaluateGate, 50 systems)", "median", "growth (×10 files = linear at ×10)"],
    ["30 / 300 / 3,000 files", `${ms(e.files30)} / ${ms(e.files300)} / ${ms(e.files3000)}`, `×${e.ratio300to30}, ×${e.ratio3000to300}${e.linear ? " (linear or better)" : " NOT LINEAR"}`],
    ["**Webhook to checks written** (app process, HTTP, throttling on)", "integ-gate", "minimal Probot app, same calls"],
    ["latency p50 / p99", `${ms(w.p50Ms)} / ${ms(w.p99Ms)} (n=${w.samples})`, `${ms(w.baselineP50Ms)} / ${ms(w.baselineP99Ms)}`],
    ["first evaluation / verdict change / no change", `${ms(w.latencyByStepMs.first.median)} / ${ms(w.latencyByStepMs.change.median)} / ${ms(w.latencyByStepMs.noChange.median)}`, `${ms(w.baselineLatencyByStepMs.first.median)} / ${ms(w.baselineLatencyByStepMs.change.median)} / ${ms(w.baselineLatencyByStepMs.noChange.median)}`],
    ["deliveries per second on one process", `${w.perSecond}/s`, `${w.baselinePerSecond}/s (integ-gate ×${w.ratio})`],
    [`**Mixed stream, ${s.pulls} PRs, one installation**`, "integ-gate", "bare app (2 GraphQL + 2 writes each)"],
    ["events per second sustained", `${s.app.perSecond}/s (${s.app.handled} of ${s.app.events}${s.app.drained ? "" : ", window closed"})`, `${s.bare.perSecond}/s (${s.bare.handled} of ${s.bare.events}, one at a time)`],
    ["requests / queued / GraphQL points per event", `${s.app.perEvent.requests} / ${s.app.perEvent.writeQueue} / ${s.app.perEvent.graphqlPoints}`, `${s.bare.perEvent.requests} / ${s.bare.perEvent.writeQueue} / ${s.bare.perEvent.graphqlPoints}`],
    ["event to its checks, p50 / p99", `${late(s.app.p50Ms, s.app.windowMs)} / ${late(s.app.p99Ms, s.app.windowMs)}`, `${late(s.bare.p50Ms, s.bare.windowMs)} / ${late(s.bare.p99Ms, s.bare.windowMs)}`],
    ["events per hour within GitHub's limits", capacity(t.capacityPerHour.app), capacity(t.capacityPerHour.bare)],
    ["**Action run** (dist/index.js, one evaluation)", spread(r.action.wallSpreadMs, " ms"), `node -e 0: ${spread(r.action.nodeBaselineSpreadMs, " ms")}, ×${r.action.ratio}`],
    [`**Memory**, app process, ${m.deliveries.toLocaleString("en-US")} deliveries`, `peak RSS ${m.peakRssMb} MB`, `growth ${m.growthMb} MB (RSS after each 1,000: ${m.rssByThousandMb.join(", ")}; last 3,000: ${m.tailGrowthKbPerDelivery} KB each)`],
    ["**Release note analysis** 500 / 2,000 / 5,000 words", `${ms(r.noteMs.words500)} / ${ms(r.noteMs.words2000)} / ${ms(r.noteMs.words5000)}`, `fastest ${ms(r.noteMs.fastest.words500)} / ${ms(r.noteMs.fastest.words2000)} / ${ms(r.noteMs.fastest.words5000)}`],
  ];
}

/** The table (Markdown, aligned for a terminal), the machine, what was sent, and the verdict on the request budget. */
export function renderBenchTable(r: BenchResults): string {
  const rows = benchTableRows(r).map(([a, b, c]): Row => [a.startsWith("**") ? a : `  ${a}`, b, c]);
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => (row[c] ?? "").length)));
  const line = (row: Row): string => `| ${row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(" | ")} |`;
  const m = r.machine;
  const out = [
    `integ-gate bench: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.nodeVersion}, Probot ${m.probotVersion}, load ${m.loadAverageAtStart} at start; ${r.durationSeconds} s`,
    "",
    line(["Figure", "Measured", "Floor / baseline"]),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...rows.map(line),
    "",
    `Write queue: ${r.throughput.writeQueueScope}.`,
    `Memory: ${r.memory.method} Answers: ${Object.entries(r.memory.answered).map(([k, v]) => `${v} × ${k}`).join(", ")}; ${r.memory.evaluations} evaluations.`,
    `Stream: ${r.throughput.stream.app.method}; the bare app gets ${r.throughput.stream.bare.method}; latency counts from when each event happened.`,
    `Webhook: ${r.webhook.method}.`,
    `Verdicts seen: ${r.checks.verdicts.join("; ")}.`,
  ];
  if (!r.engineMs.linear) out.push("WARNING: engine time grows NOT LINEAR with the number of changed files.");
  out.push(
    r.checks.typicalWithinLimit
      ? `OK: the typical PR costs at most ${r.requests.typical.max} requests (limit ${TYPICAL_REQUEST_LIMIT}).`
      : `FAIL: the typical PR costs up to ${r.requests.typical.max} requests, more than ${TYPICAL_REQUEST_LIMIT}.`,
  );
  return out.join("\n");
}
