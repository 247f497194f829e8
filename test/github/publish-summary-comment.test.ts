import { describe, expect, it } from "vitest";
import type { CheckVerdict, GateVerdict } from "../../src/core/rules/gate-verdict.js";
import { COMMENT_MARKER, publishSummaryComment, renderSummaryComment } from "../../src/github/publish-summary-comment.js";
import { requestOwnerReviews } from "../../src/github/request-owner-reviews.js";
import { fakePort } from "../support/github-fake-port.js";

const target = { owner: "acme", repo: "integrations", number: 7 };
const log = { info: () => undefined, warn: () => undefined };
const BOT = "integ-gate[bot]";
const options = { log, ownLogin: async () => BOT };

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
    const comments: { id: number; body: string; user: { login: string } }[] = [];
    const gh = fakePort((request) => {
      if (request.route.startsWith("GET ")) return { status: 200, headers: {}, data: comments };
      if (request.route.startsWith("POST ")) comments.push({ id: 1, body: String(request.parameters["body"]), user: { login: BOT } });
      if (request.route.startsWith("PATCH ")) (comments[0] as { body: string }).body = String(request.parameters["body"]);
      return { status: 200, headers: {}, data: {} };
    });

    expect(await publishSummaryComment(gh.port, target, verdict(), options)).toBe("created");
    expect(await publishSummaryComment(gh.port, target, verdict(), options)).toBe("unchanged");
    const approved = verdict({ ownerApproval: { ...verdict().ownerApproval, outcome: "pass", title: "Approved by @maria-ops" } });
    expect(await publishSummaryComment(gh.port, target, approved, options)).toBe("updated");

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
    const result = await publishSummaryComment(gh.port, target, verdict(), {
      log: { info: () => undefined, warn: (m) => warnings.push(m) },
      ownLogin: async () => BOT,
    });
    expect(result).toBe("failed");
    expect(warnings[0]).toContain("403");
  });

  it("adopts only a comment by its own account: another user's comment that starts with the marker is left alone", async () => {
    const impostor = { id: 9, body: `${COMMENT_MARKER}\nAll checks passed, merge away`, user: { login: "dev-alice" } };
    const lookalike = { id: 10, body: `${COMMENT_MARKER}\nsame`, user: { login: "integ-gate" } };
    const gh = fakePort((request) => (request.route.startsWith("GET ") ? { status: 200, headers: {}, data: [impostor, lookalike] } : { status: 201, headers: {}, data: { id: 11 } }));

    expect(await publishSummaryComment(gh.port, target, verdict(), options)).toBe("created");

    expect(gh.writes().map((w) => w.route)).toEqual(["POST /repos/{owner}/{repo}/issues/{issue_number}/comments"]);
  });

  it("adopts its own comment whatever the case of the login GitHub lists", async () => {
    const own = { id: 12, body: `${COMMENT_MARKER}\nold`, user: { login: "Integ-Gate[bot]" } };
    const gh = fakePort((request) => (request.route.startsWith("GET ") ? { status: 200, headers: {}, data: [own] } : { status: 200, headers: {}, data: {} }));

    expect(await publishSummaryComment(gh.port, target, verdict(), options)).toBe("updated");
    expect(gh.writes()[0]?.parameters["comment_id"]).toBe(12);
  });

  it("writes nothing when it cannot tell which account it is, or cannot list every comment", async () => {
    const warnings: string[] = [];
    const quiet = { info: () => undefined, warn: (m: string) => warnings.push(m) };
    const full = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, body: "hello", user: { login: "dev-alice" } }));
    const gh = fakePort((request) => (request.route.startsWith("GET ") ? { status: 200, headers: {}, data: full } : { status: 201, headers: {}, data: {} }));

    const unknown = await publishSummaryComment(gh.port, target, verdict(), {
      log: quiet,
      ownLogin: async () => {
        throw new Error("viewer unavailable");
      },
    });
    const flooded = await publishSummaryComment(gh.port, target, verdict(), { log: quiet, ownLogin: async () => BOT });

    expect([unknown, flooded]).toEqual(["failed", "failed"]);
    expect(gh.writes()).toEqual([]);
    expect(warnings.join("\n")).toMatch(/viewer unavailable[\s\S]*more than 1000 comments/);
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
