import type { DepartmentConfig, IntegConfig } from "../config/integ-config.js";
import type { PullRequestFacts } from "../facts/pull-request-facts.js";
import { evaluateReleaseNote } from "../notes/evaluate-release-note.js";
import type { ReleaseNoteResult } from "../notes/release-note-result.js";
import { limitSummary } from "../report/limit-summary.js";
import { renderDetection, renderOverrideRecord } from "../report/render-gate-context.js";
import { MAX_COMMITS, MAX_FILES, renderGateRow, type GateRow } from "../report/render-gate-rows.js";
import { renderImpactMap } from "../report/render-impact-map.js";
import { renderOwnerApprovalSummary, renderOwnerApprovalTitle, type FrontDoor } from "../report/render-owner-approval.js";
import {
  noteReference,
  renderNoteAnnotations,
  renderReleaseNoteSummary,
  renderReleaseNoteTitle,
} from "../report/render-release-note.js";
import { detectIntegration } from "./detect-integration.js";
import { evaluateImpact } from "./evaluate-impact.js";
import { evaluateOverride } from "./evaluate-override.js";
import type { GateInput } from "./gate-input.js";
import { CHECK_OWNER_APPROVAL, CHECK_RELEASE_NOTE, type GateVerdict, type Outcome } from "./gate-verdict.js";
import { evaluateOwnerApproval } from "./owner-approval.rule.js";

export { combineVerdicts, type PullRequestVerdict } from "./combine-verdicts.js";
export { closedVerdict, notConfiguredVerdict } from "./fixed-verdicts.js";

/** Evaluates the release note of a PR (the real one: `evaluateReleaseNote`). */
export type NoteEvaluator = (
  facts: PullRequestFacts,
  config: IntegConfig,
  impactedDepartments: readonly DepartmentConfig[],
) => ReleaseNoteResult;

export interface EvaluateGateOptions {
  /** Replaces the release-note evaluation (tests of the approval rules). */
  readonly evaluateNote?: NoteEvaluator;
  /** Wording of permission hints: the App or the Action. Default "app". */
  readonly frontDoor?: FrontDoor;
}

/** A verdict where both checks say the same thing. */
export function sharedVerdict(row: GateRow, outcome: Outcome, extraSummary = "", integration = false): GateVerdict {
  const { title, summary } = renderGateRow(row);
  const full = limitSummary(extraSummary === "" ? summary : `${summary}\n\n${extraSummary}`);
  return {
    integration,
    releaseNote: { name: CHECK_RELEASE_NOTE, outcome, title, summary: full, annotations: [] },
    ownerApproval: { name: CHECK_OWNER_APPROVAL, outcome, title, summary: full, annotations: [] },
    noteRef: null,
    noteValid: false,
    approved: outcome === "pass",
    awaiting: [],
    reviewRequests: { users: [], teams: [] },
  };
}

/**
 * The verdict of both checks for one pull request: the verdict table
 * (docs/checks.md#the-verdict-table), first matching row wins. null for row 1 (no config:
 * post nothing).
 */
export function evaluateGate(input: GateInput, options: EvaluateGateOptions = {}): GateVerdict | null {
  // Row 0: a read failed.
  if (input.kind === "read-failed") return sharedVerdict({ kind: "read-failed", what: input.what, detail: input.detail }, "error");
  // Row 1: no config.
  if (input.kind === "no-config") return null;
  // Row 2: invalid config on the default branch.
  if (input.kind === "invalid-config") {
    return sharedVerdict({ kind: "invalid-config", defaultBranch: input.defaultBranch, issues: input.issues }, "blocked");
  }
  const { config, facts } = input;
  const frontDoor = options.frontDoor ?? "app";

  // Row 3: override applied by an allowed person.
  const override = evaluateOverride(facts, config);
  if (override.kind === "honoured") {
    const verdict = sharedVerdict({ kind: "overridden", label: override.label, by: override.by, at: override.at }, "pass", "", true);
    return { ...verdict, approved: true };
  }
  const overrideRecord = renderOverrideRecord(override);

  // Row 4: not an integration PR (unless the file list is too long to tell).
  const detection = detectIntegration(facts, config);
  const filesHidden = facts.changedFilesCount > MAX_FILES;
  if (!detection.gated && !filesHidden) {
    return sharedVerdict({ kind: "not-integration" }, "skipped", joinSections([renderDetection(detection), overrideRecord]));
  }

  // Row 5: more files or commits than GitHub lists.
  if (filesHidden || facts.commitsCount > MAX_COMMITS) {
    const row: GateRow = {
      kind: "too-many",
      changedFilesCount: facts.changedFilesCount,
      commitsCount: facts.commitsCount,
      undecided: !detection.gated,
    };
    return sharedVerdict(row, "blocked", joinSections([detection.gated ? renderDetection(detection) : "", overrideRecord]), true);
  }

  // Row 6: the rules.
  const impact = evaluateImpact(facts.files, config);
  const note = (options.evaluateNote ?? evaluateReleaseNote)(facts, config, impact.impactedDepartments);
  const owner = evaluateOwnerApproval(facts, config, impact, note);
  const shared = joinSections([`### Impact map\n\n${renderImpactMap(impact)}\n`, renderDetection(detection), overrideRecord]);

  return {
    integration: true,
    releaseNote: {
      name: CHECK_RELEASE_NOTE,
      outcome: note.valid ? "pass" : "blocked",
      title: renderReleaseNoteTitle(note),
      summary: limitSummary(joinSections([renderReleaseNoteSummary(note, facts), shared])),
      annotations: renderNoteAnnotations(note),
    },
    ownerApproval: {
      name: CHECK_OWNER_APPROVAL,
      outcome: owner.outcome,
      title: renderOwnerApprovalTitle(owner, frontDoor),
      summary: limitSummary(joinSections([renderOwnerApprovalSummary(owner, frontDoor), shared])),
      annotations: [],
    },
    noteRef: note.note === null ? null : noteReference(note.note, facts),
    noteValid: note.valid,
    approved: owner.outcome === "pass",
    awaiting: owner.awaiting,
    reviewRequests: owner.reviewRequests,
  };
}

function joinSections(sections: readonly string[]): string {
  return sections
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .join("\n\n");
}
