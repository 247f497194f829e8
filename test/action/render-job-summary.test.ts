import { describe, expect, it } from "vitest";
import type { GateVerdict } from "../../src/core/rules/gate-verdict.js";
import { JOB_SUMMARY_BYTE_LIMIT, renderJobSummary } from "../../action/render-job-summary.js";

function verdict(summary: string): GateVerdict {
  return {
    integration: true,
    releaseNote: { name: "integ-gate/release-note", outcome: "blocked", title: "Link a human release note | now", summary, annotations: [] },
    ownerApproval: { name: "integ-gate/owner-approval", outcome: "pending", title: "Waiting for @maria-ops", summary: "Owner details", annotations: [] },
    noteRef: null,
    noteValid: false,
    approved: false,
    awaiting: ["@maria-ops"],
    reviewRequests: { users: [], teams: [] },
  };
}

const subject = { kind: "pull-request", number: 42, url: "https://github.com/acme/integrations/pull/42", headSha: "abcdef1234" } as const;

describe("renderJobSummary", () => {
  it("shows the result, each status with what happened to it, and both checks' details", () => {
    const v = verdict("Release note details");
    const md = renderJobSummary({
      repository: "acme/integrations",
      result: "blocked",
      notices: [],
      entries: [
        {
          subject,
          verdict: v,
          writes: [
            { status: { context: "integ-gate/release-note", state: "failure", description: "Link a human release note | now" }, action: "written" },
            { status: { context: "integ-gate/owner-approval", state: "pending", description: "Waiting for @maria-ops" }, action: "unchanged" },
          ],
        },
      ],
      overflowAnnotations: [],
      requestCount: 5,
    });
    expect(md).toContain("**Result: blocked**");
    expect(md).toContain("[Pull request #42](https://github.com/acme/integrations/pull/42) (abcdef1)");
    expect(md).toContain("| `integ-gate/release-note` | ❌ failure | Link a human release note \\| now | written |");
    expect(md).toContain("| `integ-gate/owner-approval` | 🟡 pending | Waiting for @maria-ops | unchanged (already shown) |");
    expect(md).toContain("Release note details");
    expect(md).toContain("Owner details");
    expect(md).toContain("5 GitHub API requests");
  });

  it("puts notices first and says why nothing was posted without a config", () => {
    const md = renderJobSummary({
      repository: "acme/integrations",
      result: "error",
      notices: ["The token is read-only."],
      entries: [{ subject, verdict: null, writes: [], message: "integ-gate is not configured." }],
      overflowAnnotations: [],
    });
    expect(md.indexOf("The token is read-only.")).toBeLessThan(md.indexOf("Pull request #42"));
    expect(md).toContain("integ-gate is not configured.");
  });

  it("stays under GitHub's 1 MiB job summary limit for huge details", () => {
    const md = renderJobSummary({
      repository: "acme/integrations",
      result: "blocked",
      notices: [],
      entries: Array.from({ length: 3 }, (_, i) => ({ subject: { ...subject, number: i }, verdict: verdict("é".repeat(600_000)), writes: [] })),
      overflowAnnotations: [],
    });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(JOB_SUMMARY_BYTE_LIMIT);
    expect(md).toContain("cut: the job summary is limited to 1 MiB");
  });
});
