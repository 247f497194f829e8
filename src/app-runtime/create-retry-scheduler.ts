import type { RetryPlan } from "../core/report/render-retry-note.js";

/** The tries after an evaluation that could not read GitHub: about 30 s, 2 min and 10 min later (docs/app.md#self-healing-retries). */
export const DEFAULT_RETRY_DELAYS: readonly number[] = [30_000, 120_000, 600_000];

/** Timers the scheduler uses (tests pass fakes). */
export interface RetryTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface RetrySchedulerOptions {
  /** The delay before each try, in order (ms); default DEFAULT_RETRY_DELAYS. */
  readonly delays?: readonly number[];
  /** Each delay varies by up to this share either way, so that PRs failed together do not retry together; default 0.2. */
  readonly jitter?: number;
  /** PRs with a pending try at once; beyond it the oldest pending try is dropped. Default 1,000. */
  readonly maxPending?: number;
  readonly random?: () => number;
  readonly now?: () => number;
  readonly timers?: RetryTimers;
  readonly log?: { info(message: string): void; warn(message: string): void };
}

/**
 * When the App evaluates a PR again by itself after it could not read
 * GitHub. One pending try per PR key; a newer evaluation of the PR
 * supersedes it, a successful one cancels it.
 */
export interface RetryScheduler {
  /** An evaluation of `key` starts (from an event or a try): a try scheduled before it will not run. */
  started(key: string): void;
  /** The evaluation of `key` read GitHub: forget its failures and cancel its pending try. */
  succeeded(key: string): void;
  /**
   * The evaluation of `key` could not read GitHub. `tries` is how many
   * tries led to it (0: it came from an event). Schedules `retry(tries + 1)`
   * after the next delay, replacing the PR's pending try, and says when it
   * is due; or, when the tries are used up, that there is none.
   */
  failed(key: string, tries: number, retry: (tries: number) => void): RetryPlan;
  /** Keys with a pending try. */
  pending(): readonly string[];
  /** Cancels every pending try (shutdown). */
  close(): void;
}

interface PendingTry {
  readonly handle: unknown;
  superseded: boolean;
}

const realTimers: RetryTimers = {
  set(callback, ms) {
    const timer = setTimeout(callback, ms);
    // A pending try never keeps the process alive.
    timer.unref();
    return timer;
  },
  clear(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/** Creates the App's retry scheduler (see RetryScheduler). */
export function createRetryScheduler(options: RetrySchedulerOptions = {}): RetryScheduler {
  const delays = options.delays ?? DEFAULT_RETRY_DELAYS;
  const jitter = options.jitter ?? 0.2;
  const maxPending = Math.max(1, options.maxPending ?? 1_000);
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const timers = options.timers ?? realTimers;
  // Insertion order is scheduling order: the first entry is the oldest.
  const pending = new Map<string, PendingTry>();
  let closed = false;

  const cancel = (key: string): void => {
    const entry = pending.get(key);
    if (entry === undefined) return;
    timers.clear(entry.handle);
    pending.delete(key);
  };

  return {
    started(key) {
      const entry = pending.get(key);
      if (entry !== undefined) entry.superseded = true;
    },
    succeeded(key) {
      cancel(key);
    },
    failed(key, tries, retry) {
      cancel(key);
      const base = delays[tries];
      if (base === undefined || closed) return { kind: "exhausted", tries };
      const delay = Math.max(0, Math.round(base * (1 + jitter * (2 * random() - 1))));
      while (pending.size >= maxPending) {
        const oldest = pending.keys().next().value;
        if (oldest === undefined) break;
        cancel(oldest);
        options.log?.warn(`integ-gate: more than ${maxPending} pull requests wait for a retry; ${oldest} will not be retried by itself`);
      }
      const entry: PendingTry = {
        superseded: false,
        handle: timers.set(() => {
          if (pending.get(key) !== entry) return;
          pending.delete(key);
          if (entry.superseded) {
            options.log?.info(`integ-gate: self-healing try ${tries + 1} for ${key} skipped: a newer evaluation ran`);
            return;
          }
          options.log?.info(`integ-gate: self-healing try ${tries + 1} of ${delays.length} for ${key} (it could not read GitHub)`);
          retry(tries + 1);
        }, delay),
      };
      pending.set(key, entry);
      return { kind: "scheduled", dueAt: now() + delay };
    },
    pending: () => [...pending.keys()],
    close() {
      closed = true;
      for (const key of [...pending.keys()]) cancel(key);
    },
  };
}
