import { seededRandom } from "../emulator/seeded-random.js";

/** What happens on a PR in the mixed stream. */
export type StreamEventKind = "push" | "approve" | "edit" | "label" | "redeliver";

/** One planned event: which PR (index) and what happens. */
export interface PlannedEvent {
  readonly pull: number;
  readonly kind: StreamEventKind;
  /** When to send it, ms after the stream starts. */
  readonly atMs: number;
}

/** The mix: a push, a review, a description edit, a label, a redelivery; each a fifth of the events. */
export const STREAM_KINDS: readonly StreamEventKind[] = ["push", "approve", "edit", "label", "redeliver"];

/**
 * `count` events on `pulls` PRs at `perSecond` (evenly spaced), in bursts:
 * one to three events in a row on the same PR, as when a developer pushes,
 * labels and edits the description a second apart. PR and kind are drawn
 * with a fixed seed; bursts visit the PRs in a shuffled order before any PR
 * gets a second burst.
 */
export function planEventStream(count: number, pulls: number, perSecond: number, seed = 8): PlannedEvent[] {
  const random = seededRandom(seed);
  const order = Array.from({ length: pulls }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  const events: PlannedEvent[] = [];
  for (let burst = 0; events.length < count; burst += 1) {
    const pull = burst < pulls ? (order[burst] ?? 0) : Math.floor(random() * pulls);
    const size = 1 + Math.floor(random() * 3);
    for (let k = 0; k < size && events.length < count; k += 1) {
      const kind = STREAM_KINDS[Math.floor(random() * STREAM_KINDS.length)] ?? "edit";
      events.push({ pull, kind, atMs: Math.round((events.length * 1000) / perSecond) });
    }
  }
  return events;
}
