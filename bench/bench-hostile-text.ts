import { pathToFileURL } from "node:url";
import type { IntegConfig } from "../src/core/config/integ-config.js";
import { parseIntegConfig } from "../src/core/config/parse-integ-config.js";
import type { PullRequestFacts } from "../src/core/facts/pull-request-facts.js";
import { evaluateGate } from "../src/core/rules/evaluate-gate.js";
import { buildConfig } from "../test/support/config-builder.js";
import { buildFacts, changedFile, commit, identityOf, review, textNote } from "../test/support/facts-builder.js";
import {
  CHARACTER_CLASSES,
  DESCRIPTION_FRAMES,
  generateHostileInputs,
  regenerate,
  type CharacterClass,
  type HostileFrame,
  type HostileInput,
  type HostileShape,
  type SizeMeasure,
} from "../test/support/hostile-text.js";
import { round } from "./bench-stats.js";

/**
 * The worst CPU time of one evaluation on hostile text (docs/security.md,
 * "Linear-time text scanning"): every input of the worst-case generator
 * (runs of each character class and alternations of every pair, in every
 * frame), fed through the real entry points, at the size limits:
 *
 * - a 65,536-character PR description, through `evaluateGate` (the note
 *   candidates, the inline note's whole analysis, the rules); the same run
 *   is also the PR's title (256), a label (50), a commit message (65,536) and
 *   a changed path (4,096);
 * - a 64 KiB note file linked from the description, through `evaluateGate`;
 * - a 256 KiB `.integ.yml`, through `parseIntegConfig` (and `evaluateGate`
 *   with it when it parses).
 *
 * Thousands of inputs at the full size would take too long, so it funnels:
 * every input at a small size, the slowest at a quarter of the limit, the
 * slowest of those at the limit. A super-linear cost grows fastest, so it
 * rises to the top at each step. CPU time is `process.cpuUsage` (user and
 * system) around one evaluation.
 */

/** The goal: no evaluation within the limits costs more than this much CPU. */
export const HOSTILE_GOAL_MS = 1_000;

/** One target's figures. */
export interface HostileTargetResult {
  /** What is fed where, and at what size. */
  readonly what: string;
  readonly size: number;
  readonly measure: SizeMeasure;
  /** The worst CPU time of one evaluation at the full size. */
  readonly worstCpuMs: number;
  /** The input that cost it (`shape classes in frame`). */
  readonly worstInput: string;
  /** The median CPU time of the inputs run at the full size. */
  readonly medianFullSizeCpuMs: number;
  readonly sweep: HostileSweep;
  /** How many inputs at each funnel step (small, quarter, full size; the full size adds the pinned inputs). */
  readonly inputs: { readonly screened: number; readonly quarter: number; readonly full: number };
  /** Inputs not run at the full size because their growth predicted more than `MAX_PREDICTED_MS` (each one a failure). */
  readonly predictedOverLimit: readonly { readonly input: string; readonly predictedMs: number }[];
  /** Inputs the entry point threw on (each one a failure: it must never throw). */
  readonly thrown: readonly Thrown[];
}

export interface HostileTextBenchResult {
  readonly goalMs: number;
  readonly description: HostileTargetResult;
  readonly note: HostileTargetResult;
  readonly config: HostileTargetResult;
  /** Every target's worst input within the goal. */
  readonly withinGoal: boolean;
  readonly seconds: number;
}

/** The shapes the bench runs: single-class runs and alternations of pairs (`two-runs` adds little and doubles the count). */
const BENCH_SHAPES: readonly HostileShape[] = ["run", "run-then-other", "alternation"];

/** An input whose growth predicts more than this at the full size is reported, not run (the bench must end). */
const MAX_PREDICTED_MS = 30_000;

/** How much of the generator a run covers. */
export type HostileSweep =
  /** `npm run bench`: every class in every frame, pairs in the frames of `STANDARD_PAIR_FRAMES`, small screening (seconds). */
  | "standard"
  /** `npx tsx bench/bench-hostile-text.ts --full`: pairs in every frame that takes them, larger screening (many minutes). */
  | "full";

/**
 * The frames whose pairs the standard sweep runs: a paragraph's second line
 * for descriptions and notes (where inline constructs are read), the whole
 * file for configs. The full sweep adds the other frames that take pairs.
 */
const STANDARD_PAIR_FRAMES = new Set(["table row", "whole file"]);

interface Target {
  readonly key: "description" | "note" | "config";
  readonly what: string;
  readonly size: number;
  readonly measure: SizeMeasure;
  readonly frames: readonly HostileFrame[];
  /** Screening sizes of the standard and the full sweep, and the size of the funnel's middle step. */
  readonly screenSize: { readonly standard: number; readonly full: number };
  readonly quarterSize: number;
  readonly evaluate: (text: string) => unknown;
}

/** How many inputs go on from the screening to the middle step, and from there to the full size. */
const KEEP = { standard: { quarter: 24, full: 6 }, full: { quarter: 40, full: 8 } } as const;

type Pin = Pick<HostileInput, "shape" | "classes" | "frame">;

function pin(shape: HostileShape, units: readonly string[], frameName: string, frames: readonly HostileFrame[]): Pin {
  const classes = units.map((u) => CHARACTER_CLASSES.find((c) => c.unit === u));
  const frame = frames.find((f) => f.name === frameName);
  if (frame === undefined || classes.some((c) => c === undefined)) throw new Error(`no such hostile input: ${shape} ${units.join("+")} in ${frameName}`);
  return { shape, classes: classes as CharacterClass[], frame };
}

/**
 * Inputs that were the worst of a sweep once (each fixed since, see
 * docs/security.md): always run at the full size, so a return of any of them
 * shows even when the screening's ranking misses it.
 */
function pinned(key: Target["key"]): Pin[] {
  const d = DESCRIPTION_FRAMES;
  switch (key) {
    case "description":
      return [
        pin("run-then-other", ["."], "plain", d),
        pin("alternation", [".", "!"], "plain", d),
        pin("run-then-other", [" "], "table row", d),
        pin("run", ["\u0000"], "inline note", d),
        pin("alternation", ["-", "\n"], "plain", d),
        pin("run", ["["], "plain", d),
      ];
    case "note":
      return [pin("alternation", ["<", "?"], "table row", d), pin("alternation", ["-", "\n"], "plain", d), pin("run-then-other", [" "], "table row", d)];
    case "config":
      return [pin("alternation", ["?", "\n"], "whole file", CONFIG_FRAMES), pin("alternation", ["?", "\n"], "department alias", CONFIG_FRAMES)];
  }
}

const NOTE_PATH = "docs/release-notes/hostile.md";
const OWNERS = ["@maria-ops"];

function hostileConfig(): IntegConfig {
  return buildConfig({
    systems: [{ name: "crm", owners: OWNERS, departments: ["sales", "customer_service"] }],
    departments: [
      { name: "sales", aliases: ["sales team"] },
      { name: "customer_service", aliases: ["support desk"] },
    ],
    releaseNote: { plainLanguage: { jargon: new Map([["synergy", "working together"]]) } },
  });
}

/** A gated PR: one file under the CRM system, a merge commit, an owner's approval. */
function hostileFacts(overrides: Partial<PullRequestFacts>): PullRequestFacts {
  return buildFacts({
    files: [changedFile("integrations/crm/export.ts")],
    changedFilesCount: 1,
    commits: [commit("c".repeat(40), "dev-alice", { parentShas: ["p".repeat(40), "q".repeat(40)] })],
    commitsCount: 1,
    reviews: [review("maria-ops", "APPROVED")],
    ...overrides,
  });
}

function descriptionTarget(): Target {
  const config = hostileConfig();
  return {
    key: "description",
    what: "65,536-character PR description through evaluateGate (also the title, a label, a commit message and a path)",
    size: 65_536,
    measure: "utf16",
    frames: DESCRIPTION_FRAMES,
    screenSize: { standard: 1_024, full: 2_048 },
    quarterSize: 16_384,
    evaluate: (text) =>
      evaluateGate({
        kind: "ready",
        config,
        facts: hostileFacts({
          body: text,
          title: text.slice(0, 256),
          labels: [text.slice(0, 50)],
          files: [changedFile(`integrations/crm/${text.slice(0, 4_096)}`), changedFile("integrations/crm/export.ts")],
          changedFilesCount: 2,
          commits: [
            commit("c".repeat(40), "dev-alice", {
              message: text,
              parentShas: ["p".repeat(40), "q".repeat(40)],
              authors: [identityOf("dev-alice"), identityOf(null, text.slice(0, 256))],
            }),
          ],
        }),
      }),
  };
}

function noteTarget(): Target {
  const config = hostileConfig();
  return {
    key: "note",
    what: "64 KiB note file linked from the description, through evaluateGate",
    size: 64 * 1024,
    measure: "utf8",
    frames: DESCRIPTION_FRAMES,
    screenSize: { standard: 1_024, full: 2_048 },
    quarterSize: 16_384,
    evaluate: (text) =>
      evaluateGate({
        kind: "ready",
        config,
        facts: hostileFacts({
          body: `Release note: [the note](${NOTE_PATH})`,
          files: [changedFile("integrations/crm/export.ts"), changedFile(NOTE_PATH, "added")],
          changedFilesCount: 2,
          noteFiles: textNote(NOTE_PATH, text),
        }),
      }),
  };
}

const CONFIG_HEAD = 'version: 1\nowners: ["@maria-ops"]\n';

/** Where a run lands in a `.integ.yml`. */
export const CONFIG_FRAMES: readonly HostileFrame[] = [
  { name: "whole file", before: "", after: "", pairs: true },
  { name: "comment", before: `${CONFIG_HEAD}# `, after: "\n", pairs: false },
  { name: "plain scalar", before: `${CONFIG_HEAD}release_note:\n  inline_heading: `, after: "\n", pairs: true },
  { name: "quoted string", before: `${CONFIG_HEAD}release_note:\n  inline_heading: "`, after: '"\n', pairs: true },
  { name: "block scalar", before: `${CONFIG_HEAD}release_note:\n  inline_heading: |\n    `, after: "\n", pairs: false },
  { name: "glob", before: `${CONFIG_HEAD}systems:\n  crm:\n    paths: ["`, after: '"]\n', pairs: false },
  { name: "key", before: CONFIG_HEAD, after: ": 1\n", pairs: false },
  { name: "placeholder", before: `${CONFIG_HEAD}release_note:\n  placeholders: ["`, after: '"]\n', pairs: false },
  { name: "department alias", before: `${CONFIG_HEAD}departments:\n  sales:\n    aliases: ["`, after: '"]\n', pairs: false },
];

function configTarget(): Target {
  const facts = hostileFacts({ body: "## Human release note\n\n### What changes for you\n\nSales see the product id.\n" });
  return {
    key: "config",
    what: "256 KiB .integ.yml through parseIntegConfig (and evaluateGate with it when it parses)",
    size: 256 * 1024,
    measure: "utf8",
    frames: CONFIG_FRAMES,
    screenSize: { standard: 2_048, full: 4_096 },
    quarterSize: 65_536,
    evaluate: (text) => {
      const parsed = parseIntegConfig(text);
      return parsed.ok ? evaluateGate({ kind: "ready", config: parsed.config, facts }) : parsed;
    },
  };
}

/** CPU milliseconds (user + system) of one call. */
export function cpuMsOf(run: () => unknown): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** An entry point that threw on an input (it must never throw): the input and the error's first line. */
interface Thrown {
  readonly input: string;
  readonly error: string;
}

/** `evaluate` that records a throw instead of ending the bench. */
function guarded(evaluate: (text: string) => unknown, thrown: Thrown[]): (input: HostileInput) => unknown {
  return (input) => {
    try {
      return evaluate(input.text);
    } catch (error) {
      if (thrown.length < 20) thrown.push({ input: input.name, error: (error instanceof Error ? error.message : String(error)).split("\n")[0]?.slice(0, 200) ?? "" });
      return undefined;
    }
  };
}

interface Timed {
  readonly input: HostileInput;
  readonly cpuMs: number;
}

function slowest(timed: readonly Timed[], keep: number): Timed[] {
  return [...timed].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, keep);
}

function runTarget(target: Target, sweep: HostileSweep): HostileTargetResult {
  const frames = sweep === "full" ? target.frames : target.frames.map((f) => ({ ...f, pairs: f.pairs && STANDARD_PAIR_FRAMES.has(f.name) }));
  const screenSize = target.screenSize[sweep];
  const keep = KEEP[sweep];
  const gen = (size: number) => generateHostileInputs({ size, measure: target.measure, frames, shapes: BENCH_SHAPES });
  const thrown: Thrown[] = [];
  const evaluate = guarded(target.evaluate, thrown);
  for (const input of gen(screenSize)) {
    evaluate(input); // warm-up: one pass of every path before anything is timed
    break;
  }
  const screened: Timed[] = [];
  for (const input of gen(screenSize)) screened.push({ input, cpuMs: cpuMsOf(() => evaluate(input)) });

  const quarter: Array<Timed & { readonly small: number }> = slowest(screened, keep.quarter).map((t) => {
    const input = regenerate(t.input, target.quarterSize, target.measure);
    return { input, cpuMs: cpuMsOf(() => evaluate(input)), small: t.cpuMs };
  });

  const full: Timed[] = [];
  const predictedOverLimit: Array<{ input: string; predictedMs: number }> = [];
  const toRun: Pin[] = [];
  for (const t of slowest(quarter, keep.full) as Array<Timed & { readonly small: number }>) {
    // Growth from the screening size to the quarter size, carried on to the full size (at least linear).
    const exponent = Math.max(1, Math.log(Math.max(t.cpuMs, 0.01) / Math.max(t.small, 0.01)) / Math.log(target.quarterSize / screenSize));
    const predictedMs = t.cpuMs * (target.size / target.quarterSize) ** exponent;
    if (predictedMs > MAX_PREDICTED_MS) predictedOverLimit.push({ input: t.input.name, predictedMs: Math.round(predictedMs) });
    else toRun.push(t.input);
  }
  const names = new Set(toRun.map((p) => regenerate(p, 16).name));
  for (const p of pinned(target.key)) if (!names.has(regenerate(p, 16).name)) toRun.push(p);
  for (const p of toRun) {
    const input = regenerate(p, target.size, target.measure);
    full.push({ input, cpuMs: cpuMsOf(() => evaluate(input)) });
  }
  const worst = slowest(full, 1)[0];
  const sorted = full.map((t) => t.cpuMs).sort((a, b) => a - b);
  return {
    what: target.what,
    size: target.size,
    measure: target.measure,
    worstCpuMs: round(worst?.cpuMs ?? 0, 1),
    worstInput: worst?.input.name ?? "(none)",
    medianFullSizeCpuMs: round(sorted[sorted.length >> 1] ?? 0, 1),
    inputs: { screened: screened.length, quarter: quarter.length, full: full.length },
    sweep,
    predictedOverLimit,
    thrown,
  };
}

/** Runs the three targets; `onProgress` hears each one's result as it ends. */
export function benchHostileText(sweep: HostileSweep = "standard", onProgress: (line: string) => void = () => undefined): HostileTextBenchResult {
  const started = performance.now();
  const results: HostileTargetResult[] = [];
  for (const target of [descriptionTarget(), noteTarget(), configTarget()]) {
    const r = runTarget(target, sweep);
    onProgress(`hostile ${target.key}: worst ${r.worstCpuMs} ms CPU (${r.worstInput}), ${r.inputs.screened} inputs screened`);
    results.push(r);
  }
  const [description, note, config] = results as [HostileTargetResult, HostileTargetResult, HostileTargetResult];
  return {
    goalMs: HOSTILE_GOAL_MS,
    description,
    note,
    config,
    withinGoal: results.every((r) => r.worstCpuMs < HOSTILE_GOAL_MS && r.predictedOverLimit.length === 0 && r.thrown.length === 0),
    seconds: round((performance.now() - started) / 1000, 1),
  };
}

/** The lines `npm run bench` and this script print. */
export function renderHostileText(r: HostileTextBenchResult): string[] {
  const line = (label: string, t: HostileTargetResult): string =>
    `  ${label.padEnd(34)} worst ${t.worstCpuMs.toFixed(1).padStart(7)} ms CPU  (${t.worstInput}; median at full size ${t.medianFullSizeCpuMs} ms; ${t.inputs.screened} inputs screened)` +
    (t.predictedOverLimit.length > 0 ? `; NOT RUN, predicted over ${MAX_PREDICTED_MS / 1000} s: ${t.predictedOverLimit.map((p) => p.input).join(", ")}` : "") +
    (t.thrown.length > 0 ? `; THREW on ${t.thrown.length}: ${t.thrown.map((e) => `${e.input} (${e.error.slice(0, 60)})`).join(", ")}` : "");
  return [
    `Hostile text, worst CPU per evaluation (goal < ${r.goalMs} ms), ${r.seconds} s:`,
    line("65,536-character description", r.description),
    line("64 KiB note", r.note),
    line("256 KiB .integ.yml", r.config),
    r.withinGoal ? "  all within the goal" : "  OVER THE GOAL",
  ];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = benchHostileText(process.argv.includes("--full") ? "full" : "standard", (l) => process.stderr.write(`${l}\n`));
  process.stdout.write(`${renderHostileText(r).join("\n")}\n`);
  process.exitCode = r.withinGoal ? 0 : 1;
}
