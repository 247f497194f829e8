import { describe, expect, it } from "vitest";
import { DIGEST_SCHEMA, type DigestChange, type Digest } from "../../src/core/digest/digest-model.js";
import { digestIssueMarker, ISSUE_BODY_LIMIT, renderDigestIssueBody } from "../../src/github/publish-digest-issues.js";

function change(number: number, words: string): DigestChange {
  return {
    number,
    title: `Change ${number}`,
    url: `https://github.com/acme/integrations/pull/${number}`,
    mergedAt: "2026-11-25T10:00:00Z",
    mergeCommitSha: "a".repeat(40),
    author: "dev-alice",
    approvedBy: ["maria-ops"],
    status: "note",
    statusText: "merged with this release note",
    override: null,
    note: { kind: "inline", heading: "Human release note", url: `https://github.com/acme/integrations/pull/${number}` },
    noteTitle: `Change ${number}`,
    problem: null,
    systems: ["crm"],
    departments: ["sales"],
    parts: { sales: { match: "section", concerns: [{ heading: "What changes for you", markdown: words }], followUps: [] } },
  };
}

function digestOf(changes: DigestChange[]): Digest {
  return {
    schema: DIGEST_SCHEMA,
    repository: { owner: "acme", repo: "integrations", url: "https://github.com/acme/integrations", defaultBranch: "main" },
    window: { since: "2026-11-23T06:00:00Z", until: "2026-11-30T06:00:00Z", label: "23–30 Nov 2026" },
    generatedAt: "2026-11-30T06:00:00Z",
    changes,
    departments: [{ department: "sales", aliases: [], signoff: ["@dana-sales"], changes }],
    leftOut: { notIntegration: 0, unjudged: [] },
    unknownDepartments: [],
    unreadableTeams: [],
  };
}

describe("the body of a digest issue", () => {
  it("starts with the marker of its department and period, then the digest with the mentions", () => {
    const digest = digestOf([change(1, "Sales see contacts faster.")]);
    const marker = digestIssueMarker(digest, "sales");
    expect(marker).toBe("<!-- integ-gate:digest department=sales period=2026-11-23..2026-11-30 -->");
    const body = renderDigestIssueBody(digest, digest.departments[0] as Digest["departments"][number], marker, true);
    expect(body.startsWith(`${marker}\n# What changed for sales, 23–30 Nov 2026\n\nFor @dana-sales.`)).toBe(true);
    expect(body).toContain("Sales see contacts faster.");
  });

  it("stays within GitHub's 65,536 characters: a digest too long for an issue lists its changes and points to the files", () => {
    const digest = digestOf(Array.from({ length: 40 }, (_, i) => change(i + 1, "Long words. ".repeat(400))));
    const marker = digestIssueMarker(digest, "sales");
    const body = renderDigestIssueBody(digest, digest.departments[0] as Digest["departments"][number], marker, false);
    expect([...body].length).toBeLessThanOrEqual(ISSUE_BODY_LIMIT);
    expect(body.startsWith(marker)).toBe(true);
    expect(body).toContain("This digest is too long for an issue");
    expect(body).toContain("- [#40](https://github.com/acme/integrations/pull/40) Change 40");
  });
});
