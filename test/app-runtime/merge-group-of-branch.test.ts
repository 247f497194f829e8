import { describe, expect, it } from "vitest";
import { mergeGroupOfBranch, pullRequestFromMergeRef } from "../../src/run-merge-group-gate.js";

const SHA = "a".repeat(40);

describe("mergeGroupOfBranch (a re-run on a merge group commit)", () => {
  it("reads the base branch from the merge queue's branch, slashes included", () => {
    expect(mergeGroupOfBranch(`gh-readonly-queue/release/2.0/pr-12-${SHA}`, "b".repeat(40))).toEqual({
      headSha: "b".repeat(40),
      headRef: `refs/heads/gh-readonly-queue/release/2.0/pr-12-${SHA}`,
      baseRef: "refs/heads/release/2.0",
    });
    expect(pullRequestFromMergeRef(`refs/heads/gh-readonly-queue/release/2.0/pr-12-${SHA}`)).toBe(12);
  });

  it.each([null, undefined, "main", "feature/gh-readonly-queue/main/pr-1-abc1234", `gh-readonly-queue/main/${SHA}`])(
    "is null for any other branch (%s)",
    (branch) => {
      expect(mergeGroupOfBranch(branch, SHA)).toBeNull();
    },
  );
});
