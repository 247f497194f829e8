import { deliverWebhook } from "../emulator/deliver-webhook.js";
import type { Emulator } from "../emulator/start-emulator.js";
import { pullRequestPayload, pullRequestReviewPayload } from "../emulator/webhook-payloads.js";
import { round } from "./bench-stats.js";
import { preEvaluatePulls } from "./pre-evaluate-pulls.js";
import { parseEvaluations } from "./read-process-log.js";
import { seedInstallation, seedTypicalPull, type BenchPull } from "./seed-bench-pulls.js";
import type { ProbotProcess } from "./start-probot-process.js";

/** Memory of the app process over many deliveries. */
export interface MemoryBenchResult {
  readonly deliveries: number;
  /** Peak resident set size of the process over the whole run (VmHWM). */
  readonly peakRssMb: number;
  /** RSS when the last thousand had been sent minus RSS when the first thousand had been sent. */
  readonly growthMb: number;
  readonly rssAtStartMb: number;
  readonly rssAfterFirstThousandMb: number;
  readonly rssAfterLastThousandMb: number;
  /** RSS after every thousand deliveries. */
  readonly rssByThousandMb: readonly number[];
  /** Evaluations the deliveries led to (bursts for one PR coalesce). */
  readonly evaluations: number;
  readonly answered: Readonly<Record<string, number>>;
  readonly durationMs: number;
  readonly method: string;
}

interface Prepared {
  readonly event: string;
  readonly id: string;
  readonly body: string;
  readonly payload: unknown;
}

/**
 * 5,000 deliveries (by default) to one app process at `perSecond`, at most
 * `maxInFlight` unanswered: no-change redeliveries (description edited,
 * labeled, review submitted) on `pulls` PRs that already carry their checks.
 * Probot's write queue is one per process and lets one GraphQL query or
 * write through a second, so 5,000 evaluations would take over an hour:
 * the deliveries instead arrive in bursts per PR, which the app coalesces
 * (while one evaluation of a PR runs, every further delivery for it waits
 * for one re-run). Each delivery still goes through Probot (signature,
 * parsing, a context and an Octokit) and the app's queue.
 */
export async function benchMemory(
  em: Emulator,
  app: ProbotProcess,
  options: { readonly deliveries: number; readonly perSecond: number; readonly pulls: number; readonly maxInFlight: number },
): Promise<MemoryBenchResult> {
  const inst = seedInstallation(em, "memory-org");
  const pulls: BenchPull[] = [];
  for (let i = 0; i < options.pulls; i += 1) {
    const pull = seedTypicalPull(em, inst, `feature/memory-${i}`);
    em.state.addLabel(pull.repo, pull.number, "memory-bench", "dev-bob");
    pulls.push(pull);
  }
  await preEvaluatePulls(em, pulls);
  const prepared: Prepared[] = [];
  for (const pull of pulls) {
    const pr = em.state.requirePull(pull.repo, pull.number);
    const review = pr.reviews[0];
    const payloads: [string, string, unknown][] = [
      ["pull_request", "edited", pullRequestPayload(em, { repo: pull.repo, number: pull.number, action: "edited", changes: { body: { from: pr.body } } })],
      ["pull_request", "labeled", pullRequestPayload(em, { repo: pull.repo, number: pull.number, action: "labeled", label: "memory-bench" })],
    ];
    if (review !== undefined) payloads.push(["pull_request_review", "submitted", pullRequestReviewPayload(em, { repo: pull.repo, number: pull.number, reviewId: review.id })]);
    for (const [event, kind, payload] of payloads) prepared.push({ event, id: `memory-${pull.number}-${kind}`, body: JSON.stringify(payload), payload });
  }

  const secret = em.app.webhookSecret;
  const answered: Record<string, number> = {};
  const rssByThousand: number[] = [];
  const rss = (): number => app.memory()?.rssMb ?? 0;
  const rssAtStart = rss();
  const startEpoch = Date.now();
  const started = performance.now();
  let inFlight = 0;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < options.deliveries; i += 1) {
    const due = started + (i * 1000) / options.perSecond;
    while (performance.now() < due || inFlight >= options.maxInFlight) await new Promise((r) => setTimeout(r, Math.max(1, Math.min(20, due - performance.now()))));
    // Round-robin over PRs and kinds: each PR gets a steady trickle of redeliveries.
    const delivery = prepared[i % prepared.length];
    if (delivery === undefined) break;
    inFlight += 1;
    pending.push(
      deliverWebhook({ url: app.webhookUrl, secret, event: delivery.event, payload: delivery.payload, rawBody: delivery.body, id: delivery.id })
        .then((r) => {
          answered[String(r.status)] = (answered[String(r.status)] ?? 0) + 1;
        })
        .catch(() => {
          answered["error"] = (answered["error"] ?? 0) + 1;
        })
        .finally(() => {
          inFlight -= 1;
        }),
    );
    if ((i + 1) % 1000 === 0) rssByThousand.push(round(rss(), 1));
  }
  await Promise.all(pending);
  const durationMs = performance.now() - started;
  const peak = app.memory()?.peakRssMb ?? 0;
  const evaluations = parseEvaluations(app.output()).filter((e) => e.pull.startsWith(inst.repo.toLowerCase()) && e.finishedAt >= startEpoch).length;
  const first = rssByThousand[0] ?? 0;
  const last = rssByThousand[rssByThousand.length - 1] ?? 0;
  return {
    deliveries: options.deliveries,
    peakRssMb: round(peak, 1),
    growthMb: round(last - first, 1),
    rssAtStartMb: round(rssAtStart, 1),
    rssAfterFirstThousandMb: first,
    rssAfterLastThousandMb: last,
    rssByThousandMb: rssByThousand,
    evaluations,
    answered,
    durationMs: Math.round(durationMs),
    method:
      `${options.deliveries} no-change redeliveries (edited, labeled, review submitted) round-robin over ${options.pulls} PRs of one installation, ` +
      `${options.perSecond}/s, at most ${options.maxInFlight} unanswered, Probot's throttling ON. Its write queue lets one GraphQL query or write through a second, ` +
      `so 5,000 evaluations would take over an hour: the deliveries come in bursts per PR, which the app coalesces into a few evaluations.`,
  };
}
