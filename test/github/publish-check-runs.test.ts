import { describe, expect, it } from "vitest";
import type { Annotation, CheckVerdict } from "../../src/core/rules/gate-verdict.js";
import {
  formatExternalId,
  parseExternalId,
  publishCheckRuns,
  toCheckRunState,
} from "../../src/github/publish-check-runs.js";
import type { ExistingCheckRun } from "../../src/github/read-check-runs.js";
import { fakePort } from "../support/github-fake-port.js";

const target = { owner: "acme", repo: "integrations", headSha: "a".repeat(40) };
const STARTED = 2_000;

function check(outcome: CheckVerdict["outcome"], title = "Waiting for approval from @acme/owners (0 of 1)", annotations: Annotation[] = []): CheckVerdict {
  return { name: "integ-gate/owner-approval", outcome, title, summary: `summary: ${title}`, annotations };
}

function existingFor(verdict: CheckVerdict, overrides: Partial<ExistingCheckRun> = {}): ExistingCheckRun {
  const state = toCheckRunState(verdict);
  return {
    id: 10,
    name: verdict.name,
    status: state.status,
    conclusion: state.conclusion,
    title: state.title,
    summary: state.summary,
    externalId: formatExternalId([7], 1_000),
    annotations: state.annotations,
    annotationCount: state.annotations.length,
    ...overrides,
  };
}

function annotation(line: number): Annotation {
  return { path: "docs/release-notes/a.md", startLine: line, endLine: line, level: "warning", message: `finding ${line}` };
}

const options = { startedAt: STARTED, pullRequests: [7] };

describe("publishCheckRuns", () => {
  it("writes nothing when the newest run already shows the verdict (a redelivery)", async () => {
    const verdict = check("blocked", "Link a human release note", [annotation(3)]);
    const gh = fakePort();

    const writes = await publishCheckRuns(gh.port, target, [verdict], [existingFor(verdict)], options);

    expect(gh.requests).toEqual([]);
    expect(writes.map((w) => w.action)).toEqual(["unchanged"]);
  });

  it("creates a run when there is none, with the mapped status and external id", async () => {
    const gh = fakePort();

    await publishCheckRuns(gh.port, target, [check("pending")], [], options);

    expect(gh.requests).toHaveLength(1);
    expect(gh.requests[0]?.route).toBe("POST /repos/{owner}/{repo}/check-runs");
    expect(gh.requests[0]?.parameters).toMatchObject({
      name: "integ-gate/owner-approval",
      head_sha: target.headSha,
      status: "in_progress",
      external_id: "7@2000",
      output: { title: "Waiting for approval from @acme/owners (0 of 1)" },
    });
    expect(gh.requests[0]?.parameters).not.toHaveProperty("conclusion");
  });

  it("maps outcomes to conclusions: pass success, blocked failure, skipped neutral, error failure", () => {
    expect(toCheckRunState(check("pass")).conclusion).toBe("success");
    expect(toCheckRunState(check("blocked")).conclusion).toBe("failure");
    expect(toCheckRunState(check("skipped")).conclusion).toBe("neutral");
    expect(toCheckRunState(check("error")).conclusion).toBe("failure");
    expect(toCheckRunState(check("pending")).status).toBe("in_progress");
  });

  it("updates the newest run in place when the verdict changes", async () => {
    const before = check("pending");
    const gh = fakePort();

    await publishCheckRuns(gh.port, target, [check("pass", "Approved by @maria-ops")], [existingFor(before)], options);

    expect(gh.requests.map((r) => r.route)).toEqual(["PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}"]);
    expect(gh.requests[0]?.parameters).toMatchObject({ check_run_id: 10, status: "completed", conclusion: "success", external_id: "7@2000" });
  });

  it("creates a new run when a completed verdict returns to in_progress (GitHub never reopens a run)", async () => {
    const gh = fakePort();

    const writes = await publishCheckRuns(gh.port, target, [check("pending")], [existingFor(check("pass", "Approved"))], options);

    expect(gh.requests.map((r) => r.route)).toEqual(["POST /repos/{owner}/{repo}/check-runs"]);
    expect(writes[0]?.reason).toContain("in_progress");
  });

  it("creates a new run when the newest one is stale", async () => {
    const verdict = check("blocked", "Link a note");
    const gh = fakePort();

    await publishCheckRuns(gh.port, target, [verdict], [existingFor(verdict, { conclusion: "stale" })], options);

    expect(gh.requests.map((r) => r.route)).toEqual(["POST /repos/{owner}/{repo}/check-runs"]);
  });

  it("creates a new run when annotations must go away, and appends when only new ones come", async () => {
    const old = check("blocked", "Fix the note", [annotation(1), annotation(2)]);
    const fewer = check("blocked", "Fix the note", [annotation(2)]);
    const more = check("blocked", "Fix the note", [annotation(1), annotation(2), annotation(3)]);

    const removed = fakePort();
    await publishCheckRuns(removed.port, target, [fewer], [existingFor(old)], options);
    expect(removed.requests.map((r) => r.route)).toEqual(["POST /repos/{owner}/{repo}/check-runs"]);

    const added = fakePort();
    await publishCheckRuns(added.port, target, [more], [existingFor(old)], options);
    expect(added.requests.map((r) => r.route)).toEqual(["PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}"]);
    expect((added.requests[0]?.parameters["output"] as { annotations: unknown[] }).annotations).toEqual([
      expect.objectContaining({ start_line: 3, annotation_level: "warning", message: "finding 3" }),
    ]);
  });

  it("sends annotations 50 per request", async () => {
    const many = Array.from({ length: 120 }, (_, i) => annotation(i + 1));
    const gh = fakePort();

    await publishCheckRuns(gh.port, target, [check("blocked", "Fix the note", many)], [], options);

    expect(gh.requests.map((r) => r.route)).toEqual([
      "POST /repos/{owner}/{repo}/check-runs",
      "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}",
      "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}",
    ]);
    const sizes = gh.requests.map((r) => (r.parameters["output"] as { annotations: unknown[] }).annotations.length);
    expect(sizes).toEqual([50, 50, 20]);
    expect(gh.requests[1]?.parameters).toMatchObject({ check_run_id: 501, output: { title: "Fix the note" } });
  });

  it("does not overwrite a run written by an evaluation that started later", async () => {
    const gh = fakePort();
    const newer = existingFor(check("pass", "Approved"), { externalId: formatExternalId([7], STARTED + 500) });

    const writes = await publishCheckRuns(gh.port, target, [check("blocked", "Older facts")], [newer], options);

    expect(gh.requests).toEqual([]);
    expect(writes[0]?.action).toBe("skipped");
  });

  it("compares against the newest run of each name", async () => {
    const verdict = check("pass", "Approved");
    const gh = fakePort();
    const older = existingFor(verdict, { id: 5 });
    const newest = existingFor(check("pending"), { id: 9 });

    await publishCheckRuns(gh.port, target, [verdict], [older, newest], options);

    expect(gh.requests[0]?.parameters).toMatchObject({ check_run_id: 9 });
  });

  it("cuts long summaries and trims titles", async () => {
    const gh = fakePort();
    const verdict: CheckVerdict = { ...check("blocked"), title: "  Fix\n the   note  ", summary: "x".repeat(70_000) };

    await publishCheckRuns(gh.port, target, [verdict], [], options);

    const output = gh.requests[0]?.parameters["output"] as { title: string; summary: string };
    expect(output.title).toBe("Fix the note");
    expect(output.summary.length).toBeLessThanOrEqual(65_535);
  });

  it("in a dry run, writes nothing and says what it would do", async () => {
    const gh = fakePort();
    const lines: string[] = [];

    const writes = await publishCheckRuns(gh.port, target, [check("pending")], [], {
      ...options,
      dryRun: true,
      log: { info: (m) => lines.push(m), warn: (m) => lines.push(m) },
    });

    expect(gh.requests).toEqual([]);
    expect(writes[0]?.action).toBe("dry-run");
    expect(lines.join("\n")).toContain("would create");
  });

  it("reports a failed write instead of throwing", async () => {
    const gh = fakePort(() => {
      throw Object.assign(new Error("Validation Failed"), { status: 422 });
    });

    const writes = await publishCheckRuns(gh.port, target, [check("pending")], [], options);

    expect(writes[0]).toMatchObject({ action: "failed", reason: "422: Validation Failed" });
  });
});

describe("external ids", () => {
  it("round-trip the PR numbers and the start time", () => {
    expect(parseExternalId(formatExternalId([7, 9], 1234))).toEqual({ numbers: [7, 9], startedAt: 1234 });
    expect(parseExternalId("something else")).toBeNull();
  });
});
