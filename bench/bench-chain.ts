import type { Emulator } from "../emulator/start-emulator.js";
import { pullRequestPayload, pullRequestReviewPayload } from "../emulator/webhook-payloads.js";
import { percentile, round, spreadOf, type Spread } from "./bench-stats.js";
import { profileRequests, waitQuiet, type RequestProfile } from "./profile-requests.js";
import type { RequestRecorder } from "./record-api-requests.js";
import { seedInstallation, seedTypicalPull, type BenchPull } from "./seed-bench-pulls.js";
import { sendWebhook, type WebhookTarget } from "./send-webhook.js";
import type { ProbotProcess } from "./start-probot-process.js";
import type { BaselineCall } from "./baseline-app.js";

/** The three deliveries of one round, in order. */
export type ChainStep = "first" | "change" | "noChange";

/** One delivery of the chain as measured. */
export interface ChainSample {
  readonly step: ChainStep;
  readonly status: number;
  /** Webhook sent to checks written (the answer comes when the evaluation has published). */
  readonly latencyMs: number;
  readonly requests: RequestProfile;
}

/** Webhook-to-checks figures of one app over the chain. */
export interface ChainSideResult {
  readonly samples: readonly ChainSample[];
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Deliveries per second when each is sent as the previous one is answered: count / summed latency. */
  readonly perSecond: number;
  readonly latencyByStep: Readonly<Record<ChainStep, Spread>>;
  readonly answered202: number;
}

/** Requests per evaluation of each step, and the chain for both apps. */
export interface ChainResult {
  readonly rounds: number;
  readonly requests: Readonly<Record<ChainStep, { readonly total: Spread; readonly writeQueue: Spread; readonly gets: Spread; readonly writes: Spread; readonly graphqlPoints: Spread }>>;
  /** Check verdicts seen after each step of the first round (sanity: the bench measures what it claims). */
  readonly verdicts: readonly string[];
  readonly app: ChainSideResult;
  readonly baseline: ChainSideResult;
}

interface Step {
  readonly step: ChainStep;
  readonly event: string;
  readonly payload: Record<string, unknown>;
  readonly id?: string;
}

/**
 * Closed loop on one app process: for as many rounds as fit in
 * `durationMs` (at least `minRounds`), a fresh typical PR in its own
 * installation gets (1) `opened`: the first evaluation, (2) the owner's
 * approval: a verdict change, (3) the same delivery again: a no-change
 * redelivery. Each is sent when the previous one is answered. The baseline
 * app, in its own process, runs the same loop on its own copy of the PRs at
 * the same time and for as many rounds; each of its webhooks carries the
 * calls integ-gate made for the same step (of the newest round done).
 */
export async function benchChain(
  em: Emulator,
  recorder: RequestRecorder,
  app: ProbotProcess,
  baseline: ProbotProcess,
  options: { readonly durationMs: number; readonly minRounds: number; readonly maxRounds: number },
): Promise<ChainResult> {
  const secret = em.app.webhookSecret;
  const appTarget: WebhookTarget = { url: app.webhookUrl, secret };
  const baseTarget: WebhookTarget = { url: baseline.webhookUrl, secret };
  const appSamples: ChainSample[] = [];
  const baseSamples: ChainSample[] = [];
  const verdicts: string[] = [];

  const measure = async (target: WebhookTarget, pull: BenchPull, step: Step): Promise<ChainSample> => {
    const earlier = recorder.records({ installation: pull.installation });
    const sent = await sendWebhook(target, step.event, step.payload, step.id);
    if (sent.status !== 200) await waitQuiet(recorder, pull.installation, 1_500, 20_000);
    const records = recorder.records({ installation: pull.installation, sinceMs: sent.sentMs });
    const lastWrite = records.filter((r) => r.checkRunWrite).reduce((m, r) => Math.max(m, r.endMs), 0);
    const done = sent.status === 200 ? sent.answeredMs : Math.max(sent.answeredMs, lastWrite);
    return { step: step.step, status: sent.status, latencyMs: done - sent.sentMs, requests: profileRequests(records, earlier) };
  };

  // The calls integ-gate made at round i, step k: the baseline replays them on its own PR.
  const plans = new Map<string, { promise: Promise<BaselineCall[] | null>; resolve: (calls: BaselineCall[] | null) => void }>();
  const planSlot = (round: number, k: number) => {
    const key = `${round}:${k}`;
    let slot = plans.get(key);
    if (slot === undefined) {
      let resolve: (calls: BaselineCall[] | null) => void = () => undefined;
      const promise = new Promise<BaselineCall[] | null>((r) => (resolve = r));
      slot = { promise, resolve };
      plans.set(key, slot);
    }
    return slot;
  };
  const opened = (pull: BenchPull): Step => ({ step: "first", event: "pull_request", payload: pullRequestPayload(em, { repo: pull.repo, number: pull.number, action: "opened" }) });
  const approve = (pull: BenchPull): Step => {
    const review = em.state.addReview(pull.repo, pull.number, { user: "maria-ops", state: "APPROVED" });
    return { step: "change", event: "pull_request_review", payload: pullRequestReviewPayload(em, { repo: pull.repo, number: pull.number, reviewId: review.id }), id: `review-${pull.repo}-${review.id}` };
  };
  // Each step is built when it is sent: the approval happens after the first evaluation.
  const stepsOf = (pull: BenchPull): (() => Step)[] => {
    let approval: Step | undefined;
    return [() => opened(pull), () => (approval = approve(pull)), () => ({ ...(approval ?? approve(pull)), step: "noChange" })];
  };

  // The baseline: its own closed loop, in its own process, never waiting on integ-gate once it has
  // seen each step once (it replays the calls of the newest round integ-gate has done for that step).
  const latest: (BaselineCall[] | undefined)[] = [undefined, undefined, undefined];
  let appRounds: number | null = null;
  const baselineLoop = (async () => {
    for (let round = 0; appRounds === null || round < appRounds; round += 1) {
      const pull = seedTypicalPull(em, seedInstallation(em, `chain-base-${round}`), "feature/product-id");
      for (const [k, next] of stepsOf(pull).entries()) {
        const calls = latest[k] ?? (await planSlot(round, k).promise);
        if (calls === null) return;
        const s = next();
        baseSamples.push(await measure(baseTarget, pull, { ...s, payload: { ...s.payload, bench_plan: calls } }));
      }
    }
  })();

  const started = performance.now();
  let rounds = 0;
  while (rounds < options.maxRounds && (rounds < options.minRounds || performance.now() - started < options.durationMs)) {
    const pull = seedTypicalPull(em, seedInstallation(em, `chain-app-${rounds}`), "feature/product-id");
    for (const [k, next] of stepsOf(pull).entries()) {
      const step = next();
      const sample = await measure(appTarget, pull, step);
      appSamples.push(sample);
      latest[k] = [...sample.requests.calls];
      planSlot(rounds, k).resolve([...sample.requests.calls]);
      if (rounds === 0) {
        const runs = em.state.checkRuns(pull.repo).filter((r) => r.name.startsWith("integ-gate/"));
        verdicts.push(`${step.step}: ${runs.map((r) => `${r.name} ${r.conclusion ?? r.status}`).join(", ")}`);
      }
    }
    rounds += 1;
  }
  appRounds = rounds;
  await baselineLoop;

  const side = (samples: readonly ChainSample[]): ChainSideResult => {
    const latencies = samples.map((s) => s.latencyMs);
    const byStep = (step: ChainStep): Spread => spreadOf(samples.filter((s) => s.step === step).map((s) => s.latencyMs), 0);
    return {
      samples,
      p50Ms: round(percentile(latencies, 50), 0),
      p99Ms: round(percentile(latencies, 99), 0),
      perSecond: round(samples.length / (latencies.reduce((a, b) => a + b, 0) / 1000), 3),
      latencyByStep: { first: byStep("first"), change: byStep("change"), noChange: byStep("noChange") },
      answered202: samples.filter((s) => s.status === 202).length,
    };
  };
  const counts = (step: ChainStep) => {
    const of = appSamples.filter((s) => s.step === step).map((s) => s.requests);
    return {
      total: spreadOf(of.map((p) => p.total), 1),
      writeQueue: spreadOf(of.map((p) => p.writeQueue), 1),
      gets: spreadOf(of.map((p) => p.gets), 1),
      writes: spreadOf(of.map((p) => p.writes), 1),
      graphqlPoints: spreadOf(of.map((p) => p.graphqlPoints), 1),
    };
  };
  return {
    rounds,
    requests: { first: counts("first"), change: counts("change"), noChange: counts("noChange") },
    verdicts,
    app: side(appSamples),
    baseline: side(baseSamples),
  };
}
