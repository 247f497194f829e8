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
  readonly summary: string;
}

/**
 * Sends `opened` for typical PRs of two installations at the same moment
 * and looks at the queued requests of both: with one queue per
 * installation they overlap; with one queue per process every queued
 * request starts about a second after the previous one, whoever sent it.
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
  // Bottleneck spaces the starts of queued jobs by 1 s; the requests themselves can go out a few hundred ms late on a busy machine.
  const sortedGaps = [...gaps].sort((a, b) => a - b);
  const medianGap = sortedGaps[sortedGaps.length >> 1] ?? 0;
  const shared = gaps.length > 0 && minGapMs >= 400 && medianGap >= 900;
  return {
    shared,
    minGapMs,
    maxGapMs,
    medianGapMs: Math.round(medianGap),
    requests: queued.length,
    summary: shared
      ? `one write queue per process: ${queued.length} queued requests of 2 installations sent at once started ${minGapMs}–${maxGapMs} ms apart (median ${Math.round(medianGap)} ms), whoever sent them`
      : `one write queue per installation: 2 installations' queued requests overlapped (smallest gap ${minGapMs} ms)`,
  };
}
