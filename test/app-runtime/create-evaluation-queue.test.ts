import { describe, expect, it } from "vitest";
import { createEvaluationQueue } from "../../src/app-runtime/create-evaluation-queue.js";
import { runBounded } from "../../src/app-runtime/run-bounded.js";

const silent = { error: () => undefined };

function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe("createEvaluationQueue", () => {
  it("turns a burst of 10 events for one PR into at most 2 evaluations, the second reading fresh", async () => {
    const queue = createEvaluationQueue(silent);
    const first = gate();
    const seenVersions: number[] = [];
    let version = 0;
    const evaluate = async (): Promise<void> => {
      seenVersions.push(version);
      if (seenVersions.length === 1) await first.promise;
    };

    const calls: Promise<void>[] = [];
    for (let i = 0; i < 10; i += 1) {
      version = i;
      calls.push(queue.run("acme/integrations#7", evaluate));
    }
    first.open();
    await Promise.all(calls);

    expect(queue.started()).toBe(2);
    // The re-run started after the burst: it saw the newest state.
    expect(seenVersions).toEqual([0, 9]);
  });

  it("runs different PRs independently", async () => {
    const queue = createEvaluationQueue(silent);
    const blocker = gate();
    const done: string[] = [];
    const slow = queue.run("pr#1", async () => {
      await blocker.promise;
      done.push("pr#1");
    });
    await queue.run("pr#2", async () => {
      done.push("pr#2");
    });
    expect(done).toEqual(["pr#2"]);
    blocker.open();
    await slow;
    expect(done).toEqual(["pr#2", "pr#1"]);
  });

  it("keeps going after a failed evaluation and reports it", async () => {
    const errors: string[] = [];
    const queue = createEvaluationQueue({ error: (m) => errors.push(m) });
    await queue.run("pr#1", async () => {
      throw new Error("boom");
    });
    let ran = false;
    await queue.run("pr#1", async () => {
      ran = true;
    });
    expect(ran).toBe(true);
    expect(errors.join()).toContain("boom");
  });
});

describe("runBounded", () => {
  it("never runs more than the limit at once, and runs every item", async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await runBounded([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      seen.push(n);
      running -= 1;
    });
    expect(peak).toBe(4);
    expect(seen.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
