import { describe, expect, it } from "vitest";
import type { ConfigIssue } from "../../../src/core/config/config-error.js";
import type { PullRequestFacts } from "../../../src/core/facts/pull-request-facts.js";
import type { ReleaseNoteResult } from "../../../src/core/notes/release-note-result.js";
import { SUMMARY_LIMIT } from "../../../src/core/report/limit-summary.js";
import {
  closedVerdict,
  combineVerdicts,
  evaluateGate,
  notConfiguredVerdict,
  type EvaluateGateOptions,
} from "../../../src/core/rules/evaluate-gate.js";
import type { GateInput } from "../../../src/core/rules/gate-input.js";
import type { GateVerdict, Outcome } from "../../../src/core/rules/gate-verdict.js";
import { buildConfig, type ConfigOverrides } from "../../support/config-builder.js";
import { buildFacts, changedFile, commit, review } from "../../support/facts-builder.js";
import { NOTE_PATH, invalidNote, validNote } from "./note-fakes.js";

const CONFIG: ConfigOverrides = {
  integration: { labels: ["integration"] },
  systems: [{ name: "erp", departments: ["finance"] }],
  departments: [{ name: "finance", signoff: ["@fin-lead"] }],
  override: { label: "integ-gate/override", allowed: ["@admin-ann"] },
};
const erpFile = changedFile("integrations/erp/export.ts");
const files = (n: number) => Array.from({ length: n }, (_, i) => changedFile(`integrations/erp/f${i}.ts`));
const commits = (n: number) => Array.from({ length: n }, (_, i) => commit(`c${i}`, "dev-alice"));
const overrideBy = (actor: string) => ({
  labels: ["integ-gate/override"],
  labelEvents: [{ kind: "labeled" as const, label: "integ-gate/override", actor, at: "2024-01-05T09:30:00Z" }],
});

const ISSUE: ConfigIssue = {
  file: ".integ.yml",
  keyPath: "owners[1]",
  line: 7,
  column: 5,
  problem: '"@acme" is not @user or @org/team',
  message: 'owners[1]: "@acme" is not @user or @org/team (line 7, column 5)',
};

function ready(facts: Partial<PullRequestFacts>, config: ConfigOverrides = CONFIG): GateInput {
  return { kind: "ready", config: buildConfig(config), facts: buildFacts(facts) };
}

/** A fake note evaluator that also records the departments it was given. */
function fakeNote(result: ReleaseNoteResult = validNote()) {
  const calls: string[][] = [];
  const options: EvaluateGateOptions = {
    evaluateNote: (_facts, _config, departments) => {
      calls.push(departments.map((d) => d.name));
      return result;
    },
  };
  return { options, calls };
}

interface Row {
  readonly name: string;
  readonly input: GateInput;
  readonly note?: ReleaseNoteResult;
  readonly releaseNote: [Outcome, string];
  readonly ownerApproval: [Outcome, string];
}

const rows: Row[] = [
  {
    name: "row 0: a read failed",
    input: { kind: "read-failed", what: "the configuration", detail: "HTTP 502 after 3 attempts" },
    releaseNote: ["error", "Could not read the configuration from GitHub"],
    ownerApproval: ["error", "Could not read the configuration from GitHub"],
  },
  {
    name: "row 2: invalid config on the default branch",
    input: { kind: "invalid-config", defaultBranch: "main", issues: [ISSUE] },
    releaseNote: ["blocked", 'Invalid .integ.yml on main (line 7): owners[1]: "@acme" is not @user or @org/team'],
    ownerApproval: ["blocked", 'Invalid .integ.yml on main (line 7): owners[1]: "@acme" is not @user or @org/team'],
  },
  {
    name: "row 3: override by an allowed person",
    input: ready({ files: [erpFile], ...overrideBy("admin-ann") }),
    releaseNote: ["pass", "Overridden by @admin-ann"],
    ownerApproval: ["pass", "Overridden by @admin-ann"],
  },
  {
    name: "row 3 wins over row 5",
    input: ready({ files: files(3_000), changedFilesCount: 3_001, ...overrideBy("admin-ann") }),
    releaseNote: ["pass", "Overridden by @admin-ann"],
    ownerApproval: ["pass", "Overridden by @admin-ann"],
  },
  {
    name: "row 3 skipped: override label applied by someone not allowed",
    input: ready({ files: [erpFile], ...overrideBy("dev-alice") }),
    releaseNote: ["pass", `Release note: ${NOTE_PATH}`],
    ownerApproval: ["pending", "Waiting for approval from @maria-ops (0 of 1); @fin-lead (finance: 0 of 1)"],
  },
  {
    name: "row 4: not an integration PR",
    input: ready({ files: [changedFile("README.md")] }),
    releaseNote: ["skipped", "Not an integration pull request"],
    ownerApproval: ["skipped", "Not an integration pull request"],
  },
  {
    name: "row 4 before row 5: 251 commits on a PR that is not gated",
    input: ready({ files: [changedFile("README.md")], commits: commits(250), commitsCount: 251 }),
    releaseNote: ["skipped", "Not an integration pull request"],
    ownerApproval: ["skipped", "Not an integration pull request"],
  },
  {
    name: "row 5: 3,001 files",
    input: ready({ files: files(3_000), changedFilesCount: 3_001 }),
    releaseNote: ["blocked", "Too many files for integ-gate to see (3,001 files; limit 3,000)"],
    ownerApproval: ["blocked", "Too many files for integ-gate to see (3,001 files; limit 3,000)"],
  },
  {
    name: "row 5: 3,001 files, none of the listed ones gated: cannot tell, so blocked",
    input: ready({ files: Array.from({ length: 3_000 }, (_, i) => changedFile(`docs/f${i}.md`)), changedFilesCount: 3_001 }),
    releaseNote: ["blocked", "Too many files for integ-gate to see (3,001 files; limit 3,000)"],
    ownerApproval: ["blocked", "Too many files for integ-gate to see (3,001 files; limit 3,000)"],
  },
  {
    name: "row 5 not reached: exactly 3,000 files passes",
    input: ready({ files: files(3_000), changedFilesCount: 3_000, reviews: [review("maria-ops", "APPROVED"), review("fin-lead", "APPROVED")] }),
    releaseNote: ["pass", `Release note: ${NOTE_PATH}`],
    ownerApproval: ["pass", "Approved by @maria-ops and @fin-lead"],
  },
  {
    name: "row 5: 251 commits",
    input: ready({ files: [erpFile], commits: commits(250), commitsCount: 251 }),
    releaseNote: ["blocked", "Too many commits for integ-gate to see (251 commits; limit 250)"],
    ownerApproval: ["blocked", "Too many commits for integ-gate to see (251 commits; limit 250)"],
  },
  {
    name: "row 5: too many files and commits",
    input: ready({ files: files(3_000), changedFilesCount: 3_500, commits: commits(250), commitsCount: 300 }),
    releaseNote: ["blocked", "Too many files and commits for integ-gate to see (limit 3,000 files, 250 commits)"],
    ownerApproval: ["blocked", "Too many files and commits for integ-gate to see (limit 3,000 files, 250 commits)"],
  },
  {
    name: "row 6: exactly 250 commits is evaluated",
    input: ready({ files: [erpFile], commits: commits(250), commitsCount: 250 }),
    releaseNote: ["pass", `Release note: ${NOTE_PATH}`],
    ownerApproval: ["pending", "Waiting for approval from @maria-ops (0 of 1); @fin-lead (finance: 0 of 1)"],
  },
  {
    name: "row 6: no note yet, approvals held back",
    input: ready({ files: [erpFile], reviews: [review("maria-ops", "APPROVED")] }),
    note: invalidNote(),
    releaseNote: ["blocked", "Link a human release note in the PR description"],
    ownerApproval: ["pending", "Waiting for a valid release note, then approval from @maria-ops (0 of 1); @fin-lead (finance: 0 of 1)"],
  },
  {
    name: "row 6: gated by a label only",
    input: ready({ labels: ["integration"], reviews: [review("maria-ops", "APPROVED")] }),
    releaseNote: ["pass", `Release note: ${NOTE_PATH}`],
    ownerApproval: ["pass", "Approved by @maria-ops"],
  },
];

describe("evaluateGate: the conclusions table", () => {
  it.each(rows)("$name", ({ input, note, releaseNote, ownerApproval }) => {
    const verdict = evaluateGate(input, fakeNote(note).options) as GateVerdict;
    expect([verdict.releaseNote.outcome, verdict.releaseNote.title]).toEqual(releaseNote);
    expect([verdict.ownerApproval.outcome, verdict.ownerApproval.title]).toEqual(ownerApproval);
    expect(verdict.releaseNote.name).toBe("integ-gate/release-note");
    expect(verdict.ownerApproval.name).toBe("integ-gate/owner-approval");
  });

  it("row 1: no config posts nothing", () => {
    expect(evaluateGate({ kind: "no-config" })).toBeNull();
  });

  it("row 2 lists every config error and how to repair the file", () => {
    const second = { ...ISSUE, keyPath: "approval.min", message: "approval.min: must be ≥ 1 (line 12, column 8)" };
    const verdict = evaluateGate({ kind: "invalid-config", defaultBranch: "main", issues: [ISSUE, second] }) as GateVerdict;
    // Markdown-escaped; GitHub shows it as owners[1].
    expect(verdict.ownerApproval.summary).toContain('- owners\\[1\\]: "@acme" is not @user or @org/team (line 7, column 5)');
    expect(verdict.ownerApproval.summary).toContain("- approval.min: must be ≥ 1 (line 12, column 8)");
    expect(verdict.ownerApproval.summary).toContain("with a direct push, or merge the fix with an admin bypass");
  });

  it("row 3 records who overrode and when", () => {
    const verdict = evaluateGate(ready({ files: [erpFile], ...overrideBy("admin-ann") }), fakeNote().options) as GateVerdict;
    expect(verdict.releaseNote.summary).toContain("**Overridden by @admin-ann** on 2024-01-05 09:30 UTC with the label `integ-gate/override`");
    expect(verdict.approved).toBe(true);
  });

  it("an ignored override label is recorded with who applied it", () => {
    const verdict = evaluateGate(ready({ files: [erpFile], ...overrideBy("dev-alice") }), fakeNote().options) as GateVerdict;
    expect(verdict.ownerApproval.summary).toContain(
      "The label `integ-gate/override` was applied by @dev-alice on 2024-01-05 09:30 UTC, who is not in `override.allowed`",
    );
  });

  it("an integration label removed by an allowed person un-gates, and the summary says who removed it", () => {
    const facts = {
      labelEvents: [
        { kind: "labeled" as const, label: "integration", actor: "dev-alice", at: "2024-01-01T00:00:00Z" },
        { kind: "unlabeled" as const, label: "integration", actor: "admin-ann", at: "2024-01-02T00:00:00Z" },
      ],
    };
    const verdict = evaluateGate(ready(facts), fakeNote().options) as GateVerdict;
    expect(verdict.ownerApproval.title).toBe("Not an integration pull request");
    expect(verdict.ownerApproval.summary).toContain("was removed by @admin-ann on 2024-01-02 00:00 UTC, who is in `override.allowed`");
  });

  it("an integration label removed by someone not allowed keeps the PR gated", () => {
    const facts = {
      labelEvents: [
        { kind: "labeled" as const, label: "integration", actor: "dev-alice", at: "2024-01-01T00:00:00Z" },
        { kind: "unlabeled" as const, label: "integration", actor: "dev-alice", at: "2024-01-02T00:00:00Z" },
      ],
    };
    const verdict = evaluateGate(ready(facts), fakeNote().options) as GateVerdict;
    expect(verdict.integration).toBe(true);
    expect(verdict.ownerApproval.outcome).toBe("pending");
    expect(verdict.ownerApproval.summary).toContain('label "integration" was removed by @dev-alice, who is not in override.allowed');
  });

  it("gives the note evaluator the impacted departments", () => {
    const fake = fakeNote();
    evaluateGate(ready({ files: [erpFile] }), fake.options);
    expect(fake.calls).toEqual([["finance"]]);
  });

  it("fills the verdict's note and approval fields", () => {
    const config = { ...CONFIG, approval: { requestReviews: true } };
    const verdict = evaluateGate(ready({ files: [erpFile], reviews: [review("maria-ops", "APPROVED")] }, config), fakeNote().options) as GateVerdict;
    expect(verdict).toMatchObject({
      integration: true,
      noteRef: NOTE_PATH,
      noteValid: true,
      approved: false,
      awaiting: ["@fin-lead"],
      reviewRequests: { users: ["fin-lead"], teams: [] },
    });
    expect(verdict.ownerApproval.summary).toContain("```mermaid");
    expect(verdict.releaseNote.summary).toContain("### Impact map");
  });

  it("turns note findings into annotations on the note file", () => {
    const note = validNote("b", {
      findings: [{ kind: "jargon", severity: "warning", message: 'Say "use" instead of "leverage".', line: 4, column: 10, endLine: 4, endColumn: 18 }],
    });
    const verdict = evaluateGate(ready({ files: [erpFile] }), fakeNote(note).options) as GateVerdict;
    expect(verdict.releaseNote.annotations).toEqual([
      { path: NOTE_PATH, startLine: 4, endLine: 4, startColumn: 10, endColumn: 18, level: "warning", title: "jargon", message: 'Say "use" instead of "leverage".' },
    ]);
  });

  it("keeps every summary within GitHub's limit, saying when it was cut", () => {
    const many = Array.from({ length: 3_000 }, (_, i) => review(`reviewer-with-a-long-login-${i}`, "COMMENTED"));
    const verdict = evaluateGate(ready({ files: [erpFile], reviews: many }), fakeNote().options) as GateVerdict;
    expect(verdict.ownerApproval.summary.length).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(verdict.ownerApproval.summary).toContain("This summary was cut here");
    expect(verdict.releaseNote.summary).not.toContain("This summary was cut here");
  });

  it("words the team permission for the Action when asked", () => {
    const config = { ...CONFIG, owners: ["@acme/integration-owners"] };
    const input = ready({ files: [erpFile], teams: { "acme/integration-owners": { readable: false, reason: "Not Found" } } }, config);
    const verdict = evaluateGate(input, { ...fakeNote().options, frontDoor: "action" }) as GateVerdict;
    expect(verdict.ownerApproval.outcome).toBe("error");
    expect(verdict.ownerApproval.title).toBe(
      "Cannot read team @acme/integration-owners (integration owners): needs a token that can read organization teams",
    );
    expect(verdict.releaseNote.outcome).toBe("pass");
  });
});

describe("combineVerdicts", () => {
  const verdictOf = (facts: Partial<PullRequestFacts>, note?: ReleaseNoteResult) =>
    evaluateGate(ready(facts), fakeNote(note).options) as GateVerdict;

  it("gives each check the most restrictive verdict and lists each PR", () => {
    const approved = verdictOf({ number: 7, files: [erpFile], reviews: [review("maria-ops", "APPROVED"), review("fin-lead", "APPROVED")] });
    const waiting = verdictOf({ number: 9, files: [erpFile] }, invalidNote());
    const skipped = verdictOf({ number: 3, files: [changedFile("README.md")] });
    const combined = combineVerdicts([
      { number: 7, verdict: approved },
      { number: 9, verdict: waiting },
      { number: 3, verdict: skipped },
    ]) as GateVerdict;
    expect(combined.releaseNote.outcome).toBe("blocked");
    expect(combined.releaseNote.title).toBe("#9: Link a human release note in the PR description");
    expect(combined.ownerApproval.outcome).toBe("pending");
    expect(combined.ownerApproval.summary).toContain("| #9 | pending |");
    expect(combined.ownerApproval.summary).toContain("| #7 | pass | Approved by @maria-ops and @fin-lead |");
    expect(combined.ownerApproval.summary).toContain("| #3 | skipped | Not an integration pull request |");
    expect(combined.ownerApproval.summary).toContain("## Pull request #7");
    expect(combined.approved).toBe(false);
  });

  it("returns a single PR's verdict unchanged, and null for none", () => {
    const only = verdictOf({ files: [erpFile] });
    expect(combineVerdicts([{ number: 42, verdict: only }])).toBe(only);
    expect(combineVerdicts([])).toBeNull();
  });
});

describe("closed and not-configured verdicts", () => {
  it("completes runs as neutral with a clear title", () => {
    expect(closedVerdict().ownerApproval).toMatchObject({ outcome: "skipped", title: "Pull request closed" });
    expect(closedVerdict().releaseNote).toMatchObject({ outcome: "skipped", title: "Pull request closed" });
    expect(notConfiguredVerdict().releaseNote).toMatchObject({ outcome: "skipped", title: "integ-gate is not configured" });
  });
});

describe("evaluateGate with the real release-note rules", () => {
  const NOTE = [
    "# Product ids in the CRM",
    "",
    "## What changes for you",
    "",
    "Finance will see the product id from the ERP on every invoice line in the CRM, starting next Monday.",
    "",
    "## What you need to do",
    "",
    "Nothing for most people. If an invoice shows an empty product id, send it to the team below.",
    "",
    "## Who to ask",
    "",
    "Ask Maria in operations, or write to the integration channel.",
    "",
  ].join("\n");
  const OLD = "o".repeat(40);
  const facts = (blobAtReview: string): Partial<PullRequestFacts> => ({
    body: `Sends product ids.\n\n[Release note](${NOTE_PATH})\n`,
    files: [erpFile, changedFile(NOTE_PATH, "added")],
    noteFiles: { [NOTE_PATH]: { kind: "text", path: NOTE_PATH, blobSha: "blob-2", text: NOTE } },
    noteBlobsAt: { [OLD]: { [NOTE_PATH]: blobAtReview } },
    reviews: [review("maria-ops", "APPROVED", { commitSha: OLD }), review("fin-lead", "APPROVED", { commitSha: OLD })],
  });

  it("passes both checks when the owners approved the note as it is now", () => {
    const verdict = evaluateGate(ready(facts("blob-2"))) as GateVerdict;
    expect([verdict.releaseNote.outcome, verdict.releaseNote.title]).toEqual(["pass", `Release note: ${NOTE_PATH}`]);
    expect([verdict.ownerApproval.outcome, verdict.ownerApproval.title]).toEqual(["pass", "Approved by @maria-ops and @fin-lead"]);
    expect(verdict.noteRef).toBe(NOTE_PATH);
  });

  it("asks again when the note changed after the approvals (reset_on: note-change)", () => {
    const verdict = evaluateGate(ready(facts("blob-1"))) as GateVerdict;
    expect(verdict.releaseNote.outcome).toBe("pass");
    expect([verdict.ownerApproval.outcome, verdict.ownerApproval.title]).toEqual([
      "pending",
      "Waiting for approval from @maria-ops (0 of 1); @fin-lead (finance: 0 of 1)",
    ]);
  });

  it("fails the release note and holds approvals back when the description links nothing", () => {
    const verdict = evaluateGate(ready({ ...facts("blob-2"), body: "Sends product ids." })) as GateVerdict;
    expect(verdict.releaseNote.outcome).toBe("blocked");
    expect(verdict.releaseNote.title).toBe(`Link the release note ${NOTE_PATH} in the PR description`);
    expect(verdict.ownerApproval.title).toBe(
      "Waiting for a valid release note, then approval from @maria-ops (0 of 1); @fin-lead (finance: 0 of 1)",
    );
  });
});
