import type { Emulator } from "../emulator/start-emulator.js";
import { pullRequestPayload } from "../emulator/webhook-payloads.js";
import { spreadOf, type Spread } from "./bench-stats.js";
import { probeWriteQueue, type WriteQueueProbe } from "./probe-write-queue.js";
import { profileRequests, waitQuiet, type RequestProfile } from "./profile-requests.js";
import type { RequestRecorder } from "./record-api-requests.js";
import { seedInstallation, seedLargePull, seedNonIntegrationPull, type BenchPull } from "./seed-bench-pulls.js";
import { sendWebhook } from "./send-webhook.js";
import type { ProbotProcess } from "./start-probot-process.js";

/** Requests of the first evaluation of one kind of PR, over repeats. */
export interface FirstEvaluationResult {
  readonly total: Spread;
  readonly writeQueue: Spread;
  readonly gets: Spread;
  readonly writes: Spread;
  readonly graphqlPoints: Spread;
  /** Webhook to checks written. */
  readonly latencyMs: Spread;
  /** The checks it wrote (first repeat), for a reader to check the bench measured the right thing. */
  readonly verdict: string;
  readonly profiles: readonly RequestProfile[];
}

async function firstEvaluation(em: Emulator, recorder: RequestRecorder, app: ProbotProcess, pull: BenchPull): Promise<{ profile: RequestProfile; latencyMs: number; verdict: string }> {
  const earlier = recorder.records({ installation: pull.installation });
  const sent = await sendWebhook({ url: app.webhookUrl, secret: em.app.webhookSecret }, "pull_request", pullRequestPayload(em, { repo: pull.repo, number: pull.number, action: "opened" }));
  if (sent.status !== 200) await waitQuiet(recorder, pull.installation, 1_500, 60_000);
  const records = recorder.records({ installation: pull.installation, sinceMs: sent.sentMs });
  const lastWrite = records.filter((r) => r.checkRunWrite).reduce((m, r) => Math.max(m, r.endMs), 0);
  const done = sent.status === 200 ? sent.answeredMs : Math.max(sent.answeredMs, lastWrite);
  const runs = em.state.checkRuns(pull.repo).filter((r) => r.name.startsWith("integ-gate/"));
  return {
    profile: profileRequests(records, earlier),
    latencyMs: done - sent.sentMs,
    verdict: runs.map((r) => `${r.name} ${r.conclusion ?? r.status}`).join(", "),
  };
}

function summarize(runs: readonly { profile: RequestProfile; latencyMs: number; verdict: string }[]): FirstEvaluationResult {
  const profiles = runs.map((r) => r.profile);
  return {
    total: spreadOf(profiles.map((p) => p.total), 1),
    writeQueue: spreadOf(profiles.map((p) => p.writeQueue), 1),
    gets: spreadOf(profiles.map((p) => p.gets), 1),
    writes: spreadOf(profiles.map((p) => p.writes), 1),
    graphqlPoints: spreadOf(profiles.map((p) => p.graphqlPoints), 1),
    latencyMs: spreadOf(runs.map((r) => r.latencyMs), 0),
    verdict: runs[0]?.verdict ?? "",
    profiles,
  };
}

/**
 * First evaluations of a non-integration PR and of the 3,000-file PR, one
 * at a time on one app process, each PR in its own installation; before
 * them, whether the process's installations share one write queue.
 */
export async function benchFirstEvaluations(
  em: Emulator,
  recorder: RequestRecorder,
  app: ProbotProcess,
  repeats: number,
): Promise<{ nonIntegration: FirstEvaluationResult; large: FirstEvaluationResult; writeQueue: WriteQueueProbe }> {
  const writeQueue = await probeWriteQueue(em, recorder, app);
  const non: { profile: RequestProfile; latencyMs: number; verdict: string }[] = [];
  const large: { profile: RequestProfile; latencyMs: number; verdict: string }[] = [];
  for (let i = 0; i < repeats; i += 1) {
    non.push(await firstEvaluation(em, recorder, app, seedNonIntegrationPull(em, seedInstallation(em, `plain-${i}`), "docs/typos")));
    large.push(await firstEvaluation(em, recorder, app, seedLargePull(em, seedInstallation(em, `large-${i}`), "regenerate")));
  }
  return { nonIntegration: summarize(non), large: summarize(large), writeQueue };
}
