import type { Emulator } from "../emulator/start-emulator.js";
import { pullRequestPayload } from "../emulator/webhook-payloads.js";
import { waitQuiet } from "./profile-requests.js";
import type { RequestRecorder } from "./record-api-requests.js";
import { seedInstallation, seedTypicalPull } from "./seed-bench-pulls.js";
import { sendWebhook } from "./send-webhook.js";
import type { ProbotProcess } from "./start-probot-process.js";

/** Whether one app process's installations share Probot's write queue, as observed. */
export interface WriteQueueProbe {
  readonly shared: boolean;
  /** Gaps between consecutive queued requests (POST/PATCH/GraphQL) of the two installations together. */
  readonly minGapMs: number;
  readonly maxGapMs: number;
  readonly medianGapMs: number;
  readonly requests: number;
  /** First to last queued request. */
  readonly spanMs: number;
  readonly summary: string;
}

/**
 * Sends `opened` for typical PRs of two installations at the same moment
 * and looks at the queued requests of both: with one queue per
 * installation they go side by side; with one queue per process they go
 * one a second, whoever sent them, and take twice as long in all.
 */
export async function probeWriteQueue(em: Emulator, recorder: RequestRecorder, app: ProbotProcess): Promise<WriteQueueProbe> {
  const pulls = [seedTypicalPull(em, seedInstallation(em, "probe-a"), "feature/probe"), seedTypicalPull(em, seedInstallation(em, "probe-b"), "feature/probe")];
  const since = performance.now();
  await Promise.all(
    pulls.map((p) => sendWebhook({ url: app.webhookUrl, secret: em.app.webhookSecret }, "pull_request", pullRequestPayload(em, { repo: p.repo, number: p.number, action: "opened" }))),
  );
  await Promise.all(pulls.map((p) => waitQuiet(recorder, p.installation, 1_200, 20_000)));
  const ids = new Set(pulls.map((p) => p.installation));
  const queued = recorder
    .records({ sinceMs: since })
    .filter((r) => !r.auth && r.writeQueue && r.installation !== null && ids.has(r.installation))
    .sort((a, b) => a.startMs - b.startMs);
  const gaps = queued.slice(1).map((r, i) => r.startMs - (queued[i]?.startMs ?? r.startMs));
  const minGapMs = gaps.length === 0 ? 0 : Math.round(Math.min(...gaps));
  const maxGapMs = gaps.length === 0 ? 0 : Math.round(Math.max(...gaps));
  // One queue for both: n queued requests need about n - 1 seconds in all. One queue each: both
  // installations go at once and need about half that. (Single gaps say little on a busy machine:
  // Bottleneck spaces the starts of its jobs, a request can still leave a few hundred ms late.)
  const spanMs = queued.length < 2 ? 0 : (queued[queued.length - 1]?.startMs ?? 0) - (queued[0]?.startMs ?? 0);
  const sortedGaps = [...gaps].sort((a, b) => a - b);
  const medianGap = sortedGaps[sortedGaps.length >> 1] ?? 0;
  const shared = queued.length >= 4 && spanMs >= (queued.length - 1) * 800;
  return {
    shared,
    minGapMs,
    maxGapMs,
    medianGapMs: Math.round(medianGap),
    requests: queued.length,
    spanMs: Math.round(spanMs),
    summary: shared
      ? `one write queue per process: the ${queued.length} queued requests of 2 installations evaluated at once took ${(spanMs / 1000).toFixed(1)} s, one after another (${Math.round(medianGap)} ms apart, median), whoever sent them`
      : `one write queue per installation: the ${queued.length} queued requests of 2 installations evaluated at once took ${(spanMs / 1000).toFixed(1)} s, side by side`,
  };
}
