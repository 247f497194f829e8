/** One evaluation the app logged: which PR, when it finished (epoch ms) and how long it took. */
export interface LoggedEvaluation {
  /** `owner/name#number`, lower case. */
  readonly pull: string;
  readonly finishedAt: number;
  readonly durationMs: number;
}

/** One delivery the baseline app finished. */
export interface LoggedDelivery {
  readonly id: string;
  readonly finishedAt: number;
}

function jsonLines(output: string): { time: number; msg: string }[] {
  const lines: { time: number; msg: string }[] = [];
  for (const line of output.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      const entry = JSON.parse(line) as { time?: unknown; msg?: unknown };
      if (typeof entry.time === "number" && typeof entry.msg === "string") lines.push({ time: entry.time, msg: entry.msg });
    } catch {
      // not a log line
    }
  }
  return lines;
}

const EVALUATED = /integ-gate: (\S+#\d+) evaluated in (\d+) ms/;
const BASELINE_DONE = /baseline: delivery (\S+) done in \d+ ms/;

/** The evaluations in integ-gate's JSON log ("integ-gate: owner/repo#N evaluated in X ms: …"). */
export function parseEvaluations(output: string): LoggedEvaluation[] {
  const found: LoggedEvaluation[] = [];
  for (const { time, msg } of jsonLines(output)) {
    const match = EVALUATED.exec(msg);
    if (match?.[1] !== undefined && match[2] !== undefined) found.push({ pull: match[1].toLowerCase(), finishedAt: time, durationMs: Number(match[2]) });
  }
  return found;
}

/** The deliveries the baseline app finished ("baseline: delivery ID done in X ms"). */
export function parseBaselineDeliveries(output: string): LoggedDelivery[] {
  const found: LoggedDelivery[] = [];
  for (const { time, msg } of jsonLines(output)) {
    const match = BASELINE_DONE.exec(msg);
    if (match?.[1] !== undefined) found.push({ id: match[1], finishedAt: time });
  }
  return found;
}

/**
 * When an event was dealt with: the end of the first evaluation of its PR
 * that started at or after the event was sent (a coalesced re-run reads
 * the facts fresh, so it covers every event that arrived before it began).
 * null when no such evaluation finished.
 */
export function coveredAt(evaluations: readonly LoggedEvaluation[], pull: string, sentAt: number, toleranceMs = 5): number | null {
  let best: number | null = null;
  for (const e of evaluations) {
    if (e.pull !== pull.toLowerCase()) continue;
    if (e.finishedAt - e.durationMs < sentAt - toleranceMs) continue;
    if (best === null || e.finishedAt < best) best = e.finishedAt;
  }
  return best;
}
