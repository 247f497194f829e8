import { describe, expect, it } from "vitest";
import type { CheckVerdict, GateVerdict } from "../../src/core/rules/gate-verdict.js";
import { COMMENT_MARKER, publishSummaryComment, renderSummaryComment } from "../../src/github/publish-summary-comment.js";
import { requestOwnerReviews } from "../../src/github/request-owner-reviews.js";
import { fakePort } from "../support/github-fake-port.js";

const target = { owner: "acme", repo: "integrations", number: 7 };
const log = { info: () => undefined, warn: () => undefined };

function verdict(overrides: Partial<GateVerdict> = {}): GateVerdict {
  const check = (name: CheckVerdict["name"], outcome: CheckVerdict["outcome"], title: string): CheckVerdict => ({
    name,
    outcome,
    title,
    summary: `${title} (details)`,
    annotations: [],
  });
  return {
    integration: true,
    releaseNote: check("integ-gate/release-note", "pass", "Release note docs/release-notes/a.md is ready"),
    ownerApproval: check("integ-gate/owner-approval", "pending", "Waiting for approval from @acme/integration-owners (0 of 1)"),
    noteRef: "docs/release-notes/a.md",
    noteValid: true,
    approved: false,
    awaiting: ["@acme/integration-owners"],
    reviewRequests: { users: ["maria-ops"], teams: ["acme/integration-owners"] },
    ...overrides,
  };
}

describe("publishSummaryComment", () => {
  it("creates the comment once, then edits it only when the text changes", async () => {
    const comments: { id: number; body: string }[] = [];
    const gh = fakePort((request) => {
      if (request.route.startsWith("GET ")) return { status: 200, headers: {}, data: comments };
      if (request.route.startsWith("POST ")) comments.push({ id: 1, body: String(request.parameters["body"]) });
      if (request.route.startsWith("PATCH ")) (comments[0] as { body: string }).body = String(request.parameters["body"]);
      return { status: 200, headers: {}, data: {} };
    });

    expect(await publishSummaryComment(gh.port, target, verdict(), { log })).toBe("created");
    expect(await publishSummaryComment(gh.port, target, verdict(), { log })).toBe("unchanged");
    const approved = verdict({ ownerApproval: { ...verdict().ownerApproval, outcome: "pass", title: "Approved by @maria-ops" } });
    expect(await publishSummaryComment(gh.port, target, approved, { log })).toBe("updated");

    expect(gh.writes().map((w) => w.route)).toEqual([
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
      "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
    ]);
    expect(comments[0]?.body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(comments[0]?.body).toContain("Approved by @maria-ops");
  });

  it("logs a failure instead of failing the evaluation", async () => {
    const warnings: string[] = [];
    const gh = fakePort(() => {
      throw Object.assign(new Error("Resource not accessible by integration"), { status: 403 });
    });
    const result = await publishSummaryComment(gh.port, target, verdict(), { log: { info: () => undefined, warn: (m) => warnings.push(m) } });
    expect(result).toBe("failed");
    expect(warnings[0]).toContain("403");
  });

  it("stays within GitHub's comment size", () => {
    const long = verdict({ ownerApproval: { ...verdict().ownerApproval, summary: "x".repeat(80_000) } });
    expect(renderSummaryComment(long).length).toBeLessThanOrEqual(65_536);
  });
});

describe("requestOwnerReviews", () => {
  it("asks the awaited owners once the note is valid", async () => {
    const gh = fakePort();
    const result = await requestOwnerReviews(gh.port, target, verdict(), { requested: new Set(), author: "dev-alice" }, { log });
    expect(result).toBe("requested");
    expect(gh.requests[0]?.parameters).toMatchObject({ reviewers: ["maria-ops"], team_reviewers: ["integration-owners"] });
  });

  it("asks nobody while the note is not valid, and never asks anyone twice", async () => {
    const gh = fakePort();
    expect(await requestOwnerReviews(gh.port, target, verdict({ noteValid: false }), { requested: new Set(), author: null }, { log })).toBe("nothing to do");
    expect(
      await requestOwnerReviews(gh.port, target, verdict(), { requested: new Set(["maria-ops", "acme/integration-owners"]), author: null }, { log }),
    ).toBe("nothing to do");
    expect(gh.requests).toEqual([]);
  });

  it("leaves out the PR author and teams of another organisation", async () => {
    const gh = fakePort();
    const v = verdict({ reviewRequests: { users: ["dev-alice", "maria-ops"], teams: ["other/owners"] } });
    await requestOwnerReviews(gh.port, target, v, { requested: new Set(), author: "Dev-Alice" }, { log });
    expect(gh.requests[0]?.parameters).toMatchObject({ reviewers: ["maria-ops"], team_reviewers: [] });
  });
});
