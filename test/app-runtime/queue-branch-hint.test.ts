import { describe, expect, it } from "vitest";
import { queueBranchHint } from "../../src/run-merge-group-gate.js";

const SHA = "a".repeat(40);

describe("queueBranchHint (which merge queue to ask on a re-run; the queue decides)", () => {
  it("reads the base branch from a merge-queue branch name, slashes included", () => {
    expect(queueBranchHint(`gh-readonly-queue/release/2.0/pr-12-${SHA}`)).toBe("release/2.0");
    expect(queueBranchHint(`gh-readonly-queue/main/pr-1-abc1234`)).toBe("main");
  });

  it.each([null, undefined, "main", "feature/gh-readonly-queue/main/pr-1-abc1234", "gh-readonly-queue/pr-1-abc"])(
    "is null for any other branch (%s)",
    (branch) => {
      expect(queueBranchHint(branch)).toBeNull();
    },
  );
});
