import { describe, expect, it } from "vitest";
import {
  cutStatusDescription,
  publishCommitStatuses,
  toCommitStatus,
  toCommitStatuses,
  type CommitStatusPort,
} from "../../src/github/publish-commit-statuses.js";
import type { CheckVerdict, GateVerdict, Outcome } from "../../src/core/rules/gate-verdict.js";

function check(name: "integ-gate/release-note" | "integ-gate/owner-approval", outcome: Outcome, title: string): CheckVerdict {
  return { name, outcome, title, summary: "", annotations: [] };
}

function verdict(note: [Outcome, string], approval: [Outcome, string]): GateVerdict {
  return {
    integration: true,
    releaseNote: check("integ-gate/release-note", ...note),
    ownerApproval: check("integ-gate/owner-approval", ...approval),
    noteRef: null,
    noteValid: note[0] === "pass",
    approved: approval[0] === "pass",
    awaiting: [],
    reviewRequests: { users: [], teams: [] },
  };
}

interface Call {
  readonly route: string;
  readonly parameters: Record<string, unknown>;
}

/** A fake GitHub that keeps statuses per commit, newest first, and records calls. */
function fakeGitHub(existing: { context: string; state: string; description: string }[] = [], failWrite?: Error) {
  const calls: Call[] = [];
  const statuses = [...existing];
  const port: CommitStatusPort = {
    async request(route, parameters = {}) {
      calls.push({ route, parameters });
      if (route.startsWith("GET ")) {
        const newest = new Map<string, unknown>();
        for (const s of statuses) if (!newest.has(s.context)) newest.set(s.context, s);
        return { status: 200, headers: {}, data: { state: "pending", total_count: newest.size, statuses: [...newest.values()] } };
      }
      if (failWrite) throw failWrite;
      statuses.unshift({
        context: String(parameters["context"]),
        state: String(parameters["state"]),
        description: String(parameters["description"]),
      });
      return { status: 201, headers: {}, data: {} };
    },
  };
  return { port, calls, statuses };
}

const target = { owner: "acme", repo: "integrations", sha: "a".repeat(40), targetUrl: "https://github.com/acme/integrations/actions/runs/7" };

describe("toCommitStatus", () => {
  it.each([
    ["skipped", "success"],
    ["pass", "success"],
    ["blocked", "failure"],
    ["pending", "pending"],
    ["error", "error"],
  ] as const)("maps %s to a %s status", (outcome, state) => {
    expect(toCommitStatus(check("integ-gate/release-note", outcome, "Some title")).state).toBe(state);
  });

  it("says 'Not an integration pull request' for a skipped check without a title", () => {
    expect(toCommitStatus(check("integ-gate/owner-approval", "skipped", ""))).toEqual({
      context: "integ-gate/owner-approval",
      state: "success",
      description: "Not an integration pull request",
    });
  });
});

describe("cutStatusDescription", () => {
  it("keeps a description of exactly 140 characters", () => {
    const text = "x".repeat(140);
    expect(cutStatusDescription(text)).toBe(text);
  });

  it("cuts a longer description to 140 characters ending with an ellipsis", () => {
    const cut = cutStatusDescription(`Waiting for approval from ${"@acme/team-with-a-long-name, ".repeat(10)}`);
    expect(Array.from(cut)).toHaveLength(140);
    expect(cut.endsWith("…")).toBe(true);
  });

  it("does not split a character made of two UTF-16 units", () => {
    const cut = cutStatusDescription("😀".repeat(200));
    expect(cut).toBe(`${"😀".repeat(139)}…`);
  });
});

describe("publishCommitStatuses", () => {
  it("writes both contexts on the head commit with the run's summary page as target_url", async () => {
    const gh = fakeGitHub();
    const statuses = toCommitStatuses(verdict(["blocked", "Link a human release note in the PR description"], ["pending", "Waiting for approval from @maria-ops (0 of 1)"]));
    const result = await publishCommitStatuses(gh.port, target, statuses);
    expect(result.readOnly).toBe(false);
    expect(result.writes.map((w) => w.action)).toEqual(["written", "written"]);
    const posts = gh.calls.filter((c) => c.route.startsWith("POST"));
    expect(posts.map((p) => p.parameters)).toEqual([
      {
        owner: "acme",
        repo: "integrations",
        sha: target.sha,
        state: "failure",
        context: "integ-gate/release-note",
        description: "Link a human release note in the PR description",
        target_url: target.targetUrl,
      },
      {
        owner: "acme",
        repo: "integrations",
        sha: target.sha,
        state: "pending",
        context: "integ-gate/owner-approval",
        description: "Waiting for approval from @maria-ops (0 of 1)",
        target_url: target.targetUrl,
      },
    ]);
  });

  it("writes nothing when the newest status of each context already says the same", async () => {
    const gh = fakeGitHub([
      { context: "integ-gate/release-note", state: "success", description: "Release note docs/release-notes/a.md" },
      { context: "integ-gate/owner-approval", state: "pending", description: "Waiting for @maria-ops" },
    ]);
    const statuses = toCommitStatuses(verdict(["pass", "Release note docs/release-notes/a.md"], ["pending", "Waiting for @maria-ops"]));
    const result = await publishCommitStatuses(gh.port, target, statuses);
    expect(result.writes.map((w) => w.action)).toEqual(["unchanged", "unchanged"]);
    expect(gh.calls.map((c) => c.route)).toEqual(["GET /repos/{owner}/{repo}/commits/{ref}/status"]);
  });

  it("compares with the newest status only: an older identical status does not count", async () => {
    const gh = fakeGitHub([
      { context: "integ-gate/owner-approval", state: "success", description: "Approved by @maria-ops" },
      { context: "integ-gate/owner-approval", state: "pending", description: "Waiting for @maria-ops" },
    ]);
    const result = await publishCommitStatuses(gh.port, target, [
      { context: "integ-gate/owner-approval", state: "pending", description: "Waiting for @maria-ops" },
    ]);
    expect(result.writes.map((w) => w.action)).toEqual(["written"]);
  });

  it("rewrites a context whose description changed even when the state is the same", async () => {
    const gh = fakeGitHub([{ context: "integ-gate/owner-approval", state: "pending", description: "Waiting for @a and @b" }]);
    await publishCommitStatuses(gh.port, target, [{ context: "integ-gate/owner-approval", state: "pending", description: "Waiting for @b" }]);
    expect(gh.statuses[0]).toEqual({ context: "integ-gate/owner-approval", state: "pending", description: "Waiting for @b" });
  });

  it("reports a read-only token instead of throwing, and stops writing", async () => {
    const forbidden = Object.assign(new Error("Resource not accessible by integration"), { status: 403 });
    const gh = fakeGitHub([], forbidden);
    const statuses = toCommitStatuses(verdict(["pass", "ok"], ["pass", "ok"]));
    const result = await publishCommitStatuses(gh.port, target, statuses);
    expect(result.readOnly).toBe(true);
    expect(result.writes.map((w) => w.action)).toEqual(["skipped", "skipped"]);
    expect(gh.calls.filter((c) => c.route.startsWith("POST"))).toHaveLength(1);
  });

  it("throws other errors (the caller reports the run as an error)", async () => {
    const serverError = Object.assign(new Error("Server Error"), { status: 502 });
    const gh = fakeGitHub([], serverError);
    await expect(publishCommitStatuses(gh.port, target, toCommitStatuses(verdict(["pass", "ok"], ["pass", "ok"])))).rejects.toThrow(
      "Server Error",
    );
  });

  it("makes no request in a dry run", async () => {
    const gh = fakeGitHub();
    const result = await publishCommitStatuses(gh.port, target, toCommitStatuses(verdict(["pass", "ok"], ["pass", "ok"])), { dryRun: true });
    expect(gh.calls).toEqual([]);
    expect(result.writes.every((w) => w.action === "skipped")).toBe(true);
  });
});

describe("publishCommitStatuses with the statuses already read (GraphQL #1)", () => {
  const wanted = toCommitStatuses(verdict(["pass", "Release note: docs/a.md"], ["pending", "Waiting for @maria-ops"]));
  const shown = (state: string, description: string) => ({ context: "integ-gate/release-note", state, description });

  it("writes only what differs from what was read, without a GET", async () => {
    const gh = fakeGitHub();
    const newest = { sha: target.sha, byContext: new Map([["integ-gate/release-note", shown("success", "Release note: docs/a.md")]]) };

    const publication = await publishCommitStatuses(gh.port, target, wanted, { newest });

    expect(gh.calls.map((c) => `${c.route} ${String(c.parameters["context"] ?? "")}`.trim())).toEqual([
      "POST /repos/{owner}/{repo}/statuses/{sha} integ-gate/owner-approval",
    ]);
    expect(publication.writes.map((w) => w.action)).toEqual(["unchanged", "written"]);
  });

  it("reads GitHub when what was read belongs to another commit", async () => {
    const gh = fakeGitHub([shown("success", "Release note: docs/a.md")]);
    const newest = { sha: "b".repeat(40), byContext: new Map() };

    await publishCommitStatuses(gh.port, target, wanted, { newest });

    expect(gh.calls[0]?.route).toBe("GET /repos/{owner}/{repo}/commits/{ref}/status");
    expect(gh.calls.filter((c) => c.route.startsWith("POST"))).toHaveLength(1);
  });
});
