import type { ActionBenchResult } from "./bench-action.js";
import type { ChainResult } from "./bench-chain.js";
import type { EngineBenchResult } from "./bench-engine.js";
import type { FirstEvaluationResult } from "./bench-first-evaluations.js";
import type { MemoryBenchResult } from "./bench-memory.js";
import type { NoteBenchResult } from "./bench-notes.js";
import { round, type Spread } from "./bench-stats.js";
import type { StreamResult, StreamSideResult } from "./bench-stream.js";
import type { WriteQueueProbe } from "./probe-write-queue.js";
import type { MachineInfo } from "./read-machine.js";
import { requestFloor, type RequestFloor } from "./request-floors.js";

/** GitHub's limits per installation and hour (github.com; large installations get up to 12,500). */
export const GITHUB_LIMITS = { restPerHour: 5_000, graphqlPointsPerHour: 5_000, writesPerSecond: 1 } as const;

/** The typical PR's request count may not exceed this (docs/performance.md): `npm run bench` fails otherwise. */
export const TYPICAL_REQUEST_LIMIT = 4;

/** Requests per evaluation for one scenario: spread over repeats, its floor, and how many entered the write queue. */
export interface RequestFigure extends Spread, RequestFloor {
  readonly writeQueue: Spread;
  readonly gets: Spread;
  readonly writes: Spread;
  /** GraphQL rate-limit points spent (GitHub charges a query by the connections it asks for, at least 1). */
  readonly graphqlPoints?: Spread;
}

/** What one app can sustain per hour, and which limit decides it. */
export interface Capacity {
  readonly eventsPerHour: number;
  readonly limitedBy: string;
  readonly byThrottle: number;
  readonly byRest: number | null;
  readonly byGraphqlPoints: number | null;
  readonly byWrites: number | null;
}

/** Everything `npm run bench` writes to bench/results.json. */
export interface BenchResults {
  readonly generatedAt: string;
  readonly durationSeconds: number;
  readonly machine: MachineInfo;
  readonly requests: {
    readonly typical: RequestFigure;
    readonly nonIntegration: RequestFigure;
    readonly large: RequestFigure;
    readonly action: RequestFigure;
  };
  readonly engineMs: EngineBenchResult & { readonly systems: number };
  readonly webhook: {
    readonly p50Ms: number;
    readonly p99Ms: number;
    readonly perSecond: number;
    readonly baselinePerSecond: number;
    /** perSecond / baselinePerSecond. */
    readonly ratio: number;
    readonly baselineP50Ms: number;
    readonly baselineP99Ms: number;
    readonly samples: number;
    readonly answered202: number;
    readonly latencyByStepMs: ChainResult["app"]["latencyByStep"];
    readonly baselineLatencyByStepMs: ChainResult["baseline"]["latencyByStep"];
    readonly method: string;
  };
  readonly action: {
    readonly wallMs: number;
    readonly nodeBaselineMs: number;
    readonly ratio: number;
    readonly wallSpreadMs: Spread;
    readonly nodeBaselineSpreadMs: Spread;
    readonly result: string;
  };
  readonly memory: MemoryBenchResult & {
    /** Each of the last three thousands ended higher than the one before, and at a new peak. */
    readonly rising: boolean;
    /** RSS growth over the last 3,000 deliveries, per delivery (past the warm-up). */
    readonly tailGrowthKbPerDelivery: number;
  };
  readonly noteMs: NoteBenchResult;
  readonly throughput: {
    readonly throttling: "on (Probot 14 defaults)";
    readonly writeQueueScope: string;
    /** True when one app process's installations were seen to share one write queue. */
    readonly writeQueueShared: boolean;
    readonly perEvaluation: Readonly<Record<"first" | "change" | "noChange", RequestFigure>>;
    readonly latencyMs: { readonly p50: number; readonly p99: number; readonly first: Spread; readonly change: Spread; readonly noChange: Spread };
    readonly stream: StreamResult;
    readonly eventsPerSecondPerInstallation: number;
    readonly bareEventsPerSecondPerInstallation: number;
    readonly capacityPerHour: { readonly app: Capacity; readonly bare: Capacity };
    readonly githubLimits: typeof GITHUB_LIMITS;
  };
  readonly checks: { readonly typicalWithinLimit: boolean; readonly engineLinear: boolean; readonly verdicts: readonly string[] };
}

function figure(total: Spread, writeQueue: Spread, gets: Spread, writes: Spread, floor: RequestFloor): RequestFigure {
  return { ...total, ...floor, writeQueue, gets, writes };
}

function fromFirst(r: FirstEvaluationResult, floor: RequestFloor): RequestFigure {
  return { ...figure(r.total, r.writeQueue, r.gets, r.writes, floor), graphqlPoints: r.graphqlPoints };
}

/** Events an hour one installation sustains: the measured rate, capped by each of GitHub's hourly limits. */
export function capacityOf(side: StreamSideResult): Capacity {
  const byThrottle = Math.round(side.perSecond * 3600);
  const cap = (perEvent: number, perHour: number): number | null => (perEvent > 0 ? Math.round(perHour / perEvent) : null);
  const byRest = cap(side.perEvent.restRequests, GITHUB_LIMITS.restPerHour);
  const byGraphqlPoints = cap(side.perEvent.graphqlPoints, GITHUB_LIMITS.graphqlPointsPerHour);
  const byWrites = cap(side.perEvent.writes, GITHUB_LIMITS.writesPerSecond * 3600);
  const options: [string, number | null][] = [
    ["Probot's write queue (measured)", byThrottle],
    ["5,000 REST requests/h", byRest],
    ["5,000 GraphQL points/h", byGraphqlPoints],
    ["1 write/s", byWrites],
  ];
  let best: [string, number] = ["Probot's write queue (measured)", byThrottle];
  for (const [name, value] of options) if (value !== null && value < best[1]) best = [name, value];
  return { eventsPerHour: best[1], limitedBy: best[0], byThrottle, byRest, byGraphqlPoints, byWrites };
}

/** Puts the phases' figures together under the keys of bench/results.json (docs/performance.md). */
export function assembleResults(input: {
  readonly machine: MachineInfo;
  readonly durationSeconds: number;
  readonly engine: EngineBenchResult;
  readonly notes: NoteBenchResult;
  readonly action: ActionBenchResult;
  readonly chain: ChainResult;
  readonly firsts: { readonly nonIntegration: FirstEvaluationResult; readonly large: FirstEvaluationResult; readonly writeQueue: WriteQueueProbe };
  readonly stream: StreamResult;
  readonly memory: MemoryBenchResult;
}): BenchResults {
  const { chain, firsts, stream, memory, action } = input;
  const typicalFloor = requestFloor({ changedFiles: 30, gated: true, checksToWrite: 2 });
  const perStep = (step: "first" | "change" | "noChange", floor: RequestFloor) => {
    const r = chain.requests[step];
    return { ...figure(r.total, r.writeQueue, r.gets, r.writes, floor), graphqlPoints: r.graphqlPoints };
  };
  const typical = perStep("first", typicalFloor);
  const byThousand = memory.rssByThousandMb;
  const lastRss = byThousand[byThousand.length - 1] ?? 0;
  const rising = byThousand.length >= 3 && byThousand.slice(-3).every((v, i, a) => i === 0 || v > (a[i - 1] ?? 0)) && lastRss > Math.max(...byThousand.slice(0, -1));
  return {
    generatedAt: new Date().toISOString(),
    durationSeconds: input.durationSeconds,
    machine: input.machine,
    requests: {
      typical,
      nonIntegration: fromFirst(firsts.nonIntegration, requestFloor({ changedFiles: 2, gated: false, checksToWrite: 2 })),
      large: fromFirst(firsts.large, requestFloor({ changedFiles: 3_000, gated: true, checksToWrite: 2 })),
      action: figure(action.requests, action.writeQueue, action.gets, action.writes, { ...typicalFloor, why: typicalFloor.why.replace("check", "commit status") }),
    },
    engineMs: { ...input.engine, systems: 50 },
    webhook: {
      p50Ms: chain.app.p50Ms,
      p99Ms: chain.app.p99Ms,
      perSecond: chain.app.perSecond,
      baselinePerSecond: chain.baseline.perSecond,
      ratio: chain.baseline.perSecond > 0 ? round(chain.app.perSecond / chain.baseline.perSecond, 2) : 0,
      baselineP50Ms: chain.baseline.p50Ms,
      baselineP99Ms: chain.baseline.p99Ms,
      samples: chain.app.samples.length,
      answered202: chain.app.answered202,
      latencyByStepMs: chain.app.latencyByStep,
      baselineLatencyByStepMs: chain.baseline.latencyByStep,
      method:
        `${chain.rounds} rounds of opened -> owner approval -> redelivery on a fresh typical PR, each webhook sent when the previous one was answered (webhook to checks written); ` +
        "the baseline is a minimal Probot app (bench/baseline-app.ts) making the same calls integ-gate made for the same webhook, in its own process at the same time; perSecond = deliveries / summed latency",
    },
    action: {
      wallMs: action.wallMs.median,
      nodeBaselineMs: action.nodeBaselineMs.median,
      ratio: action.ratio,
      wallSpreadMs: action.wallMs,
      nodeBaselineSpreadMs: action.nodeBaselineMs,
      result: action.result,
    },
    memory: { ...memory, rising, tailGrowthKbPerDelivery: byThousand.length >= 4 ? round(((lastRss - (byThousand[byThousand.length - 4] ?? lastRss)) * 1024) / 3000, 1) : 0 },
    noteMs: input.notes,
    throughput: {
      throttling: "on (Probot 14 defaults)",
      writeQueueScope: firsts.writeQueue.summary,
      writeQueueShared: firsts.writeQueue.shared,
      perEvaluation: {
        first: typical,
        change: perStep("change", requestFloor({ changedFiles: 30, gated: true, checksToWrite: 1, configKnown: true })),
        noChange: perStep("noChange", requestFloor({ changedFiles: 30, gated: true, checksToWrite: 0, configKnown: true })),
      },
      latencyMs: {
        p50: chain.app.p50Ms,
        p99: chain.app.p99Ms,
        first: chain.app.latencyByStep.first,
        change: chain.app.latencyByStep.change,
        noChange: chain.app.latencyByStep.noChange,
      },
      stream,
      eventsPerSecondPerInstallation: stream.app.perSecond,
      bareEventsPerSecondPerInstallation: stream.bare.perSecond,
      capacityPerHour: { app: capacityOf(stream.app), bare: capacityOf(stream.bare) },
      githubLimits: GITHUB_LIMITS,
    },
    checks: {
      typicalWithinLimit: typical.max <= TYPICAL_REQUEST_LIMIT,
      engineLinear: input.engine.linear,
      verdicts: [...chain.verdicts, `non-integration: ${firsts.nonIntegration.verdict}`, `large: ${firsts.large.verdict}`, `action: ${action.result}`],
    },
  };
}
