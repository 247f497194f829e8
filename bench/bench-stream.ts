import type { Emulator } from "../emulator/start-emulator.js";
import { pullRequestPayload, pullRequestReviewPayload } from "../emulator/webhook-payloads.js";
import { percentile, round } from "./bench-stats.js";
import { planEventStream, type PlannedEvent, type StreamEventKind } from "./plan-event-stream.js";
import { preEvaluatePulls } from "./pre-evaluate-pulls.js";
import { profileRequests, type RequestProfile } from "./profile-requests.js";
import { coveredAt, parseBaselineDeliveries, parseEvaluations } from "./read-process-log.js";
import type { RequestRecorder } from "./record-api-requests.js";
import { readRateLimitUsed, type RateLimitUsed } from "./read-rate-limit.js";
import { seedInstallation, seedTypicalPull, type BenchInstallation, type BenchPull } from "./seed-bench-pulls.js";
import { sendWebhook, type SentWebhook } from "./send-webhook.js";
import type { ProbotProcess } from "./start-probot-process.js";

/** One app's figures for the mixed stream. */
export interface StreamSideResult {
  readonly events: number;
  /** Events dealt with (their PR re-evaluated after they arrived) when the window closed. */
  readonly handled: number;
  /** handled / (last handled − first sent): events per second one installation (and, with Probot's shared queue, one process) keeps up with. */
  readonly perSecond: number;
  /** Event (its time in the plan) to the evaluation or delivery covering it finished, over all events; null when that many were not dealt with in the window. */
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  /** Evaluations run (integ-gate) or deliveries worked (bare app). */
  readonly evaluations: number;
  /** Requests of the installation during the window, and per handled event. */
  readonly requests: RequestProfile;
  readonly perEvent: {
    readonly requests: number;
    readonly writeQueue: number;
    readonly restRequests: number;
    readonly graphqlPoints: number;
    readonly writes: number;
  };
  /** Whether everything was dealt with before the window closed. */
  readonly drained: boolean;
  readonly windowMs: number;
  /** How the events were sent. */
  readonly method: string;
}

/** The stream on integ-gate and on the bare app, side by side. */
export interface StreamResult {
  readonly pulls: number;
  readonly offeredPerSecond: number;
  readonly kinds: Readonly<Record<StreamEventKind, number>>;
  readonly app: StreamSideResult;
  readonly bare: StreamSideResult;
}

interface Sent {
  readonly pull: BenchPull;
  readonly id: string;
  /** Epoch ms when the event happened on GitHub (the plan's time), and when its webhook was sent. */
  readonly happenedAt: number;
  readonly sentAt: number;
  readonly delivery: Promise<SentWebhook>;
}

/** Applies an event to GitHub's state (as a person would) and builds its webhook. */
function makeEvent(em: Emulator, pull: BenchPull, kind: StreamEventKind, n: number, last: Map<string, { event: string; payload: unknown; id: string }>): { event: string; payload: unknown; id: string } {
  const key = `${pull.repo}#${pull.number}`;
  const s = em.state;
  const previous = last.get(key);
  if (kind === "redeliver" && previous !== undefined) return previous;
  let made: { event: string; payload: unknown; id: string };
  if (kind === "push") {
    const pr = s.requirePull(pull.repo, pull.number);
    s.pushToPullRequest(pull.repo, pull.number, { author: "dev-alice", message: `Tweak ${n}`, files: { [`integrations/erp/${pr.headRef}/tweak.ts`]: `export const tweak = ${n};\n` } });
    made = { event: "pull_request", payload: pullRequestPayload(em, { repo: pull.repo, number: pull.number, action: "synchronize" }), id: `push-${key}-${n}` };
  } else if (kind === "approve") {
    const review = s.addReview(pull.repo, pull.number, { user: "maria-ops", state: "APPROVED" });
    made = { event: "pull_request_review", payload: pullRequestReviewPayload(em, { repo: pull.repo, number: pull.number, reviewId: review.id }), id: `review-${key}-${n}` };
  } else if (kind === "label") {
    s.addLabel(pull.repo, pull.number, `topic-${n % 4}`, "dev-bob");
    made = { event: "pull_request", payload: pullRequestPayload(em, { repo: pull.repo, number: pull.number, action: "labeled", label: `topic-${n % 4}` }), id: `label-${key}-${n}` };
  } else {
    const pr = s.requirePull(pull.repo, pull.number);
    const before = pr.body;
    s.editPullRequestBody(pull.repo, pull.number, `${before.replace(/\n\(edited \d+\)$/, "")}\n(edited ${n})`);
    made = { event: "pull_request", payload: pullRequestPayload(em, { repo: pull.repo, number: pull.number, action: "edited", changes: { body: { from: before } } }), id: `edit-${key}-${n}` };
  }
  last.set(key, made);
  return made;
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? round(value, 0) : null;
}

function summarizeSide(
  recorder: RequestRecorder,
  inst: BenchInstallation,
  sent: readonly Sent[],
  covered: readonly (number | null)[],
  evaluations: number,
  points: { readonly core: number; readonly graphql: number },
  startEpoch: number,
  startMs: number,
  windowMs: number,
  method: string,
): StreamSideResult {
  const handledTimes = covered.filter((c): c is number => c !== null);
  // Events not dealt with when the window closed count as infinitely late.
  const latencies = sent.map((e, i) => (covered[i] === null || covered[i] === undefined ? Number.POSITIVE_INFINITY : (covered[i] ?? 0) - e.happenedAt));
  const lastHandled = handledTimes.length === 0 ? startEpoch : Math.max(...handledTimes);
  const busySeconds = Math.max(0.001, (lastHandled - startEpoch) / 1000);
  const records = recorder.records({ installation: inst.installation, sinceMs: startMs, untilMs: startMs + windowMs });
  const requests = { ...profileRequests(records), graphqlPoints: points.graphql, restPoints: points.core };
  const handled = handledTimes.length;
  const per = (n: number): number => (handled === 0 ? 0 : round(n / handled, 2));
  return {
    events: sent.length,
    handled,
    perSecond: round(handled / busySeconds, 3),
    p50Ms: finiteOrNull(percentile(latencies, 50)),
    p99Ms: finiteOrNull(percentile(latencies, 99)),
    evaluations,
    requests,
    perEvent: {
      requests: per(requests.total),
      writeQueue: per(requests.writeQueue),
      restRequests: per(requests.restPoints),
      graphqlPoints: per(requests.graphqlPoints),
      writes: per(requests.writes),
    },
    drained: handled === sent.length,
    windowMs: Math.round(windowMs),
    method,
  };
}

/**
 * The mixed stream (docs/performance.md#what-the-numbers-mean): `count` mixed events (push, approval, description
 * edit, label, redelivery) on `pulls` typical PRs of one installation, with
 * Probot's default throttling. integ-gate gets them at `perSecond` whether
 * or not it keeps up (its PRs already carry their checks, see
 * preEvaluatePulls); the window closes when it has dealt with every event
 * (its sustained rate is then count / time to drain) or after `windowMs`.
 * The bare app (2 GraphQL queries and 2 check-run writes per webhook) gets
 * the same events on a copy of the PRs one at a time, each when the
 * previous one is done, for the same window: that is the most it sustains
 * (sent faster, its deliveries share the one write queue and all finish late).
 */
export async function benchStream(
  em: Emulator,
  recorder: RequestRecorder,
  app: ProbotProcess,
  bare: ProbotProcess,
  options: { readonly pulls: number; readonly count: number; readonly perSecond: number; readonly windowMs: number },
): Promise<StreamResult> {
  const appInst = seedInstallation(em, "stream-app");
  const bareInst = seedInstallation(em, "stream-bare");
  const appPulls: BenchPull[] = [];
  const barePulls: BenchPull[] = [];
  for (let i = 0; i < options.pulls; i += 1) {
    appPulls.push(seedTypicalPull(em, appInst, `feature/stream-${i}`));
    barePulls.push(seedTypicalPull(em, bareInst, `feature/stream-${i}`));
  }
  await preEvaluatePulls(em, appPulls);
  const plan: PlannedEvent[] = planEventStream(options.count, options.pulls, options.perSecond);
  const kinds: Record<StreamEventKind, number> = { push: 0, approve: 0, edit: 0, label: 0, redeliver: 0 };
  for (const e of plan) kinds[e.kind] += 1;

  const secret = em.app.webhookSecret;
  const appLast = new Map<string, { event: string; payload: unknown; id: string }>();
  const bareLast = new Map<string, { event: string; payload: unknown; id: string }>();
  const appSent: Sent[] = [];
  const bareSent: Sent[] = [];
  const bareCovered: (number | null)[] = [];
  const [appBefore, bareBefore] = await Promise.all([readRateLimitUsed(em, appInst.installation), readRateLimitUsed(em, bareInst.installation)]);
  const startMs = performance.now();
  const startEpoch = Date.now();
  let windowOpen = true;

  const bareLoop = (async () => {
    for (const [n, planned] of plan.entries()) {
      const pull = barePulls[planned.pull];
      if (!windowOpen || pull === undefined) return;
      // Not before the event happens (it is one at a time, so usually long after).
      const wait = startMs + planned.atMs - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const event = makeEvent(em, pull, planned.kind, n, bareLast);
      const sentAt = Date.now();
      const delivery = sendWebhook({ url: bare.webhookUrl, secret }, event.event, event.payload, event.id);
      bareSent.push({ pull, id: event.id, happenedAt: startEpoch + planned.atMs, sentAt, delivery });
      await delivery;
      // Done when its log says so (a 202 after 9 s means it is still working).
      for (;;) {
        const finished = parseBaselineDeliveries(bare.output()).filter((d) => d.id === event.id && d.finishedAt >= sentAt - 2);
        if (finished.length > 0) {
          bareCovered.push(finished[0]?.finishedAt ?? null);
          break;
        }
        if (!windowOpen) {
          bareCovered.push(null);
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  })();

  const appCovered = (): (number | null)[] => {
    const evaluations = parseEvaluations(app.output());
    return appSent.map((e) => coveredAt(evaluations, `${e.pull.repo}#${e.pull.number}`, e.sentAt));
  };
  for (const [n, planned] of plan.entries()) {
    const wait = startMs + planned.atMs - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const pull = appPulls[planned.pull];
    if (pull === undefined) continue;
    const event = makeEvent(em, pull, planned.kind, n, appLast);
    const now = Date.now();
    appSent.push({ pull, id: event.id, happenedAt: now, sentAt: now, delivery: sendWebhook({ url: app.webhookUrl, secret }, event.event, event.payload, event.id) });
  }
  // Wait until integ-gate has dealt with every event, or the window closes.
  for (;;) {
    if (appCovered().every((c) => c !== null)) break;
    if (performance.now() - startMs >= options.windowMs) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  windowOpen = false;
  const windowMs = performance.now() - startMs;
  await bareLoop;
  const [appAfter, bareAfter] = await Promise.all([readRateLimitUsed(em, appInst.installation), readRateLimitUsed(em, bareInst.installation)]);
  const appEvaluations = parseEvaluations(app.output()).filter((e) => e.pull.startsWith(appInst.repo.toLowerCase()) && e.finishedAt >= startEpoch);
  const pointsOf = (before: RateLimitUsed, after: RateLimitUsed) => ({ core: after.core - before.core, graphql: after.graphql - before.graphql });
  return {
    pulls: options.pulls,
    offeredPerSecond: options.perSecond,
    kinds,
    app: summarizeSide(recorder, appInst, appSent, appCovered(), appEvaluations.length, pointsOf(appBefore, appAfter), startEpoch, startMs, windowMs, `${options.count} events sent at ${options.perSecond}/s, whether or not the app keeps up`),
    bare: summarizeSide(recorder, bareInst, bareSent.slice(0, bareCovered.length), bareCovered, bareCovered.filter((c) => c !== null).length, pointsOf(bareBefore, bareAfter), startEpoch, startMs, windowMs, "the same events one at a time, each when the previous one is done"),
  };
}
