import { describe, expect, it } from "vitest";
import { median, percentile, spreadOf } from "../../bench/bench-stats.js";

describe("the bench's statistics", () => {
  it("takes the middle value, or the mean of the middle two, whatever the order", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it("takes nearest-rank percentiles, so p99 of a few samples is the slowest one", () => {
    const samples = [30, 10, 20, 40, 1000];
    expect(percentile(samples, 50)).toBe(30);
    expect(percentile(samples, 99)).toBe(1000);
    expect(percentile(samples, 0)).toBe(10);
  });

  it("reports median, min, max and count of repeated runs", () => {
    expect(spreadOf([4, 4, 5, 3])).toEqual({ median: 4, min: 3, max: 5, n: 4 });
    expect(spreadOf([1.2345, 1.5, 0.9], 1)).toEqual({ median: 1.2, min: 0.9, max: 1.5, n: 3 });
  });
});
