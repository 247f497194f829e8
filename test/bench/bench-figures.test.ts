import { describe, expect, it } from "vitest";
import { capacityOf } from "../../bench/assemble-results.js";
import type { StreamSideResult } from "../../bench/bench-stream.js";
import { planEventStream } from "../../bench/plan-event-stream.js";
import { coveredAt } from "../../bench/read-process-log.js";
import { requestFloor } from "../../bench/request-floors.js";

describe("the floors the bench shows next to each request count", () => {
  it("is one read, one config read and one write per check for a first evaluation", () => {
    expect(requestFloor({ changedFiles: 30, gated: true, checksToWrite: 2 }).floor).toBe(4);
    expect(requestFloor({ changedFiles: 5, gated: false, checksToWrite: 2 }).floor).toBe(3);
  });

  it("needs a page per 100 files for a 3,000-file PR", () => {
    expect(requestFloor({ changedFiles: 3_000, gated: true, checksToWrite: 2 })).toMatchObject({ floor: 33, short: "30 page reads + 1 config read + 2 writes" });
  });

  it("lets a later evaluation carry the config's reads in its first one", () => {
    expect(requestFloor({ changedFiles: 30, gated: true, checksToWrite: 0, configKnown: true }).floor).toBe(1);
  });
});

describe("when an event counts as dealt with", () => {
  const evaluations = [
    { pull: "acme/x#1", finishedAt: 10_000, durationMs: 3_000 }, // ran 7,000–10,000
    { pull: "acme/x#1", finishedAt: 14_000, durationMs: 1_000 }, // the re-run, 13,000–14,000
  ];

  it("needs an evaluation of its PR that started after it arrived", () => {
    expect(coveredAt(evaluations, "acme/x#1", 6_000)).toBe(10_000);
    expect(coveredAt(evaluations, "acme/x#1", 8_000)).toBe(14_000);
    expect(coveredAt(evaluations, "ACME/x#1", 13_500)).toBeNull();
    expect(coveredAt(evaluations, "acme/x#2", 6_000)).toBeNull();
  });
});

describe("the mixed stream", () => {
  it("is the same every run and reaches every PR before any gets a second burst", () => {
    const plan = planEventStream(60, 20, 2);
    expect(planEventStream(60, 20, 2)).toEqual(plan);
    const firstVisits = new Set<number>();
    for (const e of plan) {
      if (firstVisits.size === 20) break;
      firstVisits.add(e.pull);
    }
    expect(firstVisits.size).toBe(20);
    expect(plan.at(-1)?.atMs).toBe(29_500);
  });
});

describe("capacity within GitHub's limits", () => {
  const side = (perSecond: number, perEvent: StreamSideResult["perEvent"]): StreamSideResult =>
    ({ perSecond, perEvent }) as StreamSideResult;

  it("is the smallest of the measured rate and each hourly budget", () => {
    const c = capacityOf(side(0.5, { requests: 2, writeQueue: 2, restRequests: 1, graphqlPoints: 10, writes: 1 }));
    expect(c).toMatchObject({ byThrottle: 1800, byRest: 5000, byGraphqlPoints: 500, byWrites: 3600, eventsPerHour: 500, limitedBy: "5,000 GraphQL points/h" });
  });

  it("is the measured rate when no budget binds", () => {
    expect(capacityOf(side(0.25, { requests: 1, writeQueue: 1, restRequests: 0, graphqlPoints: 1, writes: 0 })).limitedBy).toBe("Probot's write queue (measured)");
  });
});
