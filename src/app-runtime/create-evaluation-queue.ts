/** Where a failed evaluation is reported. */
export interface QueueLog {
  error(message: string): void;
}

/** Serializes evaluations per key (one pull request) and coalesces bursts. */
export interface EvaluationQueue {
  /**
   * Runs `task` for `key` now when nothing runs for it; otherwise folds the
   * request into the single re-run queued behind the running evaluation
   * (the newest task wins: it reads the facts fresh when it starts).
   * Resolves when an evaluation that started after this call has finished.
   */
  run(key: string, task: () => Promise<void>): Promise<void>;
  /** Evaluations started so far (all keys). */
  started(): number;
  /** Resolves when nothing runs or waits. */
  idle(): Promise<void>;
}

interface KeyState {
  running: Promise<void>;
  pending: { task: () => Promise<void>; promise: Promise<void>; resolve: () => void } | null;
}

/**
 * A burst of events for one PR becomes at most two evaluations: the one
 * running, and one re-run for everything that arrived meanwhile. Different
 * keys run independently.
 */
export function createEvaluationQueue(log: QueueLog): EvaluationQueue {
  const states = new Map<string, KeyState>();
  let count = 0;

  const execute = (key: string, task: () => Promise<void>): Promise<void> => {
    count += 1;
    const running = (async () => {
      try {
        await task();
      } catch (error) {
        log.error(`integ-gate: evaluation of ${key} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    })();
    return running.then(() => {
      const state = states.get(key);
      const next = state?.pending ?? null;
      if (state === undefined || next === null) {
        states.delete(key);
        return;
      }
      state.pending = null;
      state.running = execute(key, next.task).then(next.resolve);
    });
  };

  return {
    run(key, task) {
      const state = states.get(key);
      if (state === undefined) {
        const entry: KeyState = { running: Promise.resolve(), pending: null };
        states.set(key, entry);
        const done = execute(key, task);
        entry.running = done;
        return done;
      }
      if (state.pending !== null) {
        state.pending.task = task;
        return state.pending.promise;
      }
      let resolve: () => void = () => undefined;
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      state.pending = { task, promise, resolve };
      return promise;
    },
    started: () => count,
    async idle() {
      while (states.size > 0) await Promise.all([...states.values()].map((s) => s.running));
    },
  };
}
