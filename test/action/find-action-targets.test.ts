import { describe, expect, it } from "vitest";
import { findActionTargets } from "../../action/find-action-targets.js";

const pr = (headRepo: string | null) => ({
  pull_request: { number: 7, head: { sha: "a".repeat(40), repo: headRepo === null ? null : { full_name: headRepo } } },
});

describe("findActionTargets", () => {
  it("a PR from the same repository can write, whatever the event", () => {
    for (const event of ["pull_request", "pull_request_target", "pull_request_review"]) {
      expect(findActionTargets(event, pr("Acme/Integrations"), "acme/integrations")).toMatchObject({ kind: "pull-request", number: 7, readOnlyReason: null });
    }
  });

  it("a fork PR is read-only on pull_request and pull_request_review, not on pull_request_target", () => {
    expect(findActionTargets("pull_request", pr("dev/integrations"), "acme/integrations")).toMatchObject({
      readOnlyReason: expect.stringContaining("the fork dev/integrations"),
    });
    expect(findActionTargets("pull_request_review", pr("dev/integrations"), "acme/integrations")).toMatchObject({
      readOnlyReason: expect.stringContaining("pull_request_review"),
    });
    expect(findActionTargets("pull_request_target", pr("dev/integrations"), "acme/integrations")).toMatchObject({ readOnlyReason: null });
  });

  it("a PR whose fork was deleted is treated as a fork", () => {
    expect(findActionTargets("pull_request_review", pr(null), "acme/integrations")).toMatchObject({
      readOnlyReason: expect.stringContaining("a deleted fork"),
    });
  });

  it("merge_group: only checks_requested is evaluated", () => {
    const group = { head_sha: "b".repeat(40), head_ref: "refs/heads/gh-readonly-queue/main/pr-7-abc1234", base_ref: "refs/heads/main" };
    expect(findActionTargets("merge_group", { action: "checks_requested", merge_group: group }, "acme/integrations")).toMatchObject({
      kind: "merge-group",
      headSha: group.head_sha,
    });
    expect(findActionTargets("merge_group", { action: "destroyed", merge_group: group }, "acme/integrations")).toMatchObject({
      kind: "ignored",
      result: "skipped",
    });
  });

  it("workflow_run: the PR numbers when GitHub lists them, else the head commit", () => {
    expect(findActionTargets("workflow_run", { workflow_run: { head_sha: "c", pull_requests: [{ number: 3 }] } }, "a/b")).toEqual({
      kind: "workflow-run",
      numbers: [3],
      headSha: "c",
    });
    expect(findActionTargets("workflow_run", { workflow_run: { head_sha: "c", pull_requests: [] } }, "a/b")).toEqual({
      kind: "workflow-run",
      numbers: [],
      headSha: "c",
    });
  });

  it("another event is an error that lists the supported ones", () => {
    expect(findActionTargets("push", {}, "a/b")).toMatchObject({ kind: "ignored", result: "error", message: expect.stringContaining("`merge_group`") });
  });
});
