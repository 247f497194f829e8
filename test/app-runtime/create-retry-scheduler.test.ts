import { describe, expect, it } from "vitest";
import { createRetryScheduler, DEFAULT_RETRY_DELAYS, type RetryTimers } from "../../src/app-runtime/create-retry-scheduler.js";
import { parseRetryDelays } from "../../src/app-runtime/parse-retry-delays.js";
import { renderRetryNote } from "../../src/core/report/render-retry-note.js";

/** Timers that fire only when the test says so. */
function manualTimers(): RetryTimers & { fireAll(): void; armed(): number[] } {
  let next = 0;
  const armed = new Map<number, { callback: () => void; ms: number }>();
  return {
    set(callback, ms) {
      next += 1;
      armed.set(next, { callback, ms });
      return next;
    },
    clear(handle) {
      armed.delete(handle as number);
    },
    fireAll() {
      const due = [...armed.entries()];
      armed.clear();
      for (const [, timer] of due) timer.callback();
    },
    armed: () => [...armed.values()].map((t) => t.ms),
  };
}

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

function scheduler(extra: { maxPending?: number } = {}) {
  const timers = manualTimers();
  const logs: string[] = [];
  const retries = createRetryScheduler({
    delays: [30_000, 120_000, 600_000],
    random: () => 0.5, // no jitter
    now: () => NOW,
    timers,
    log: { info: (m) => logs.push(m), warn: (m) => logs.push(`warn: ${m}`) },
    ...extra,
  });
  return { retries, timers, logs };
}

describe("the self-healing retry scheduler", () => {
  it("tries again about 30 s, 2 min and 10 min after failures, then stops", () => {
    const { retries, timers } = scheduler();
    const tries: number[] = [];
    const plans = [];
    let current = 0;
    for (let i = 0; i < 4; i += 1) {
      retries.started("pr");
      plans.push(retries.failed("pr", current, (n) => tries.push(n)));
      timers.fireAll();
      current = tries.at(-1) ?? current;
    }

    expect(plans).toEqual([
      { kind: "scheduled", dueAt: NOW + 30_000 },
      { kind: "scheduled", dueAt: NOW + 120_000 },
      { kind: "scheduled", dueAt: NOW + 600_000 },
      { kind: "exhausted", tries: 3 },
    ]);
    expect(tries).toEqual([1, 2, 3]);
    expect(retries.pending()).toEqual([]);
  });

  it("keeps at most one pending try per pull request", () => {
    const { retries, timers } = scheduler();
    const tries: string[] = [];
    retries.failed("pr", 0, () => tries.push("first"));
    retries.failed("pr", 0, () => tries.push("second"));
    retries.failed("other", 0, () => tries.push("other"));

    expect(retries.pending()).toEqual(["pr", "other"]);
    expect(timers.armed()).toHaveLength(2);
    timers.fireAll();
    expect(tries.sort()).toEqual(["other", "second"]);
  });

  it("skips a try when a newer evaluation of the PR started, and cancels it when one succeeded", () => {
    const { retries, timers, logs } = scheduler();
    const tries: string[] = [];
    retries.failed("superseded", 0, () => tries.push("superseded"));
    retries.started("superseded"); // an event arrives: its evaluation is running
    retries.failed("healed", 0, () => tries.push("healed"));
    retries.started("healed");
    retries.succeeded("healed");

    expect(retries.pending()).toEqual(["superseded"]);
    timers.fireAll();

    expect(tries).toEqual([]);
    expect(logs.join("\n")).toContain("self-healing try 1 for superseded skipped: a newer evaluation ran");
  });

  it("bounds the pending tries: beyond the bound the oldest is dropped, and says so", () => {
    const { retries, logs } = scheduler({ maxPending: 2 });
    for (const key of ["a", "b", "c"]) retries.failed(key, 0, () => undefined);

    expect(retries.pending()).toEqual(["b", "c"]);
    expect(logs.join("\n")).toMatch(/warn: .*a will not be retried/);
  });

  it("cancels every pending try on close, and schedules none after", () => {
    const { retries, timers } = scheduler();
    retries.failed("a", 0, () => undefined);
    retries.close();

    expect(timers.armed()).toEqual([]);
    expect(retries.failed("b", 0, () => undefined)).toEqual({ kind: "exhausted", tries: 0 });
    expect(retries.pending()).toEqual([]);
  });

  it("spreads the tries with jitter of at most a fifth of each delay", () => {
    const due = [0, 0.25, 0.999].map((r) =>
      createRetryScheduler({ random: () => r, now: () => 0, timers: manualTimers() }).failed("pr", 0, () => undefined),
    );
    const first = DEFAULT_RETRY_DELAYS[0] ?? 0;
    for (const plan of due) {
      expect(plan.kind).toBe("scheduled");
      if (plan.kind === "scheduled") expect(Math.abs(plan.dueAt - first)).toBeLessThanOrEqual(first * 0.2);
    }
    expect(new Set(due.map((p) => (p.kind === "scheduled" ? p.dueAt : 0))).size).toBe(3);
  });
});

describe("INTEG_GATE_RETRY_DELAYS", () => {
  it("reads delays with units, and refuses anything else", () => {
    expect(parseRetryDelays("1s, 3s,10s")).toEqual([1_000, 3_000, 10_000]);
    expect(parseRetryDelays("500ms,2min")).toEqual([500, 120_000]);
    expect(parseRetryDelays("")).toEqual([]);
    expect(() => parseRetryDelays("30")).toThrow(/not a delay like/);
    expect(() => parseRetryDelays("2h")).toThrow(/not a delay like/);
    expect(() => parseRetryDelays("61min")).toThrow(/longer than an hour/);
  });
});

describe("the retry note of a 'Could not read' summary", () => {
  it("says when the next try is due, or that there is none", () => {
    expect(renderRetryNote({ kind: "scheduled", dueAt: NOW + 30_000 }, NOW)).toContain("Next try: at 12:00:30 UTC** (in about 30 s)");
    expect(renderRetryNote({ kind: "scheduled", dueAt: NOW + 600_000 }, NOW)).toContain("in about 10 min");
    expect(renderRetryNote({ kind: "exhausted", tries: 3 }, NOW)).toMatch(/tried again by itself 3 times and stops here/);
    expect(renderRetryNote({ kind: "exhausted", tries: 0 }, NOW)).toMatch(/does not try again by itself/);
  });
});
