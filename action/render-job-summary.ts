import type { Annotation, CheckVerdict, GateVerdict, Outcome } from "../src/core/rules/gate-verdict.js";
import type { CommitStatus, StatusWrite } from "../src/github/publish-commit-statuses.js";

/** What one evaluation was about. */
export type JobSummarySubject =
  | { readonly kind: "pull-request"; readonly number: number; readonly url: string; readonly headSha: string }
  | { readonly kind: "merge-group"; readonly headSha: string; readonly headRef: string };

/** One evaluated pull request (or merge group) in the job summary. */
export interface JobSummaryEntry {
  readonly subject: JobSummarySubject;
  /** null: no configuration, nothing was evaluated (`message` says why). */
  readonly verdict: GateVerdict | null;
  /** The statuses and what happened to each (written, unchanged, skipped). */
  readonly writes: readonly StatusWrite[];
  /** A sentence shown under the heading (e.g. the missing-config message, or a read error). */
  readonly message?: string;
  /** Checks shown but not posted as statuses (the `integ-gate/config` verdict of a PR that changes `.integ.yml`). */
  readonly extraChecks?: readonly CheckVerdict[];
}

/** Everything the job summary shows. */
export interface JobSummaryInput {
  /** `owner/name`. */
  readonly repository: string;
  readonly result: Outcome;
  /** Sentences shown first (read-only token, how to fix it...). */
  readonly notices: readonly string[];
  readonly entries: readonly JobSummaryEntry[];
  /** Annotations that did not fit GitHub's per-step limit, listed instead. */
  readonly overflowAnnotations: readonly Annotation[];
  /** GitHub API requests this run made. */
  readonly requestCount?: number;
}

/** GitHub accepts up to 1 MiB of job summary per step; keep a margin. */
export const JOB_SUMMARY_BYTE_LIMIT = 1_000_000;

const STATE_LABEL: Readonly<Record<CommitStatus["state"], string>> = {
  success: "✅ success",
  failure: "❌ failure",
  pending: "🟡 pending",
  error: "⚠️ error",
};

const RESULT_LABEL: Readonly<Record<Outcome, string>> = {
  pass: "pass",
  blocked: "blocked",
  pending: "pending (approvals missing)",
  skipped: "skipped (not an integration pull request)",
  error: "error",
};

function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

function describeWrite(write: StatusWrite): string {
  switch (write.action) {
    case "written":
      return "written";
    case "unchanged":
      return "unchanged (already shown)";
    case "skipped":
      return `not written: ${write.reason}`;
  }
}

function renderHeading(subject: JobSummarySubject): string {
  if (subject.kind === "merge-group") {
    return `## Merge group \`${subject.headRef}\` (${subject.headSha.slice(0, 7)})`;
  }
  return `## [Pull request #${subject.number}](${subject.url}) (${subject.headSha.slice(0, 7)})`;
}

function renderEntry(entry: JobSummaryEntry, detailBudget: number): string {
  const lines: string[] = [renderHeading(entry.subject), ""];
  if (entry.message !== undefined) lines.push(entry.message, "");
  if (entry.writes.length > 0) {
    lines.push("| status | state | description | written |", "|---|---|---|---|");
    for (const write of entry.writes) {
      const s = write.status;
      lines.push(`| \`${s.context}\` | ${STATE_LABEL[s.state]} | ${cell(s.description)} | ${cell(describeWrite(write))} |`);
    }
    lines.push("");
  }
  const verdict = entry.verdict;
  const checks = [...(verdict === null ? [] : [verdict.releaseNote, verdict.ownerApproval]), ...(entry.extraChecks ?? [])];
  {
    for (const check of checks) {
      let body = check.summary.trim();
      if (body.length > detailBudget) {
        body = `${body.slice(0, detailBudget)}\n\n… (cut: the job summary is limited to 1 MiB)`;
      }
      lines.push(`### ${check.name}: ${check.title}`, "", body === "" ? "_No details._" : body, "");
    }
  }
  return lines.join("\n");
}

function renderAnnotation(a: Annotation): string {
  const where = a.startColumn === undefined ? `${a.path}:${a.startLine}` : `${a.path}:${a.startLine}:${a.startColumn}`;
  return `- ${a.level} \`${where}\`: ${cell(a.message)}`;
}

/**
 * The Action's job summary (markdown for GITHUB_STEP_SUMMARY): the result,
 * any notice about the token, then per pull request the statuses and what
 * happened to each, and the full details of both checks; annotations that
 * did not fit GitHub's limit are listed at the end.
 */
export function renderJobSummary(input: JobSummaryInput): string {
  const head: string[] = ["# integ-gate", ""];
  head.push(`**Result: ${RESULT_LABEL[input.result]}** in \`${input.repository}\``, "");
  for (const notice of input.notices) head.push(`> [!WARNING]\n> ${notice.replace(/\n/g, "\n> ")}`, "");
  const tail: string[] = [];
  if (input.overflowAnnotations.length > 0) {
    tail.push("## More findings", "", "GitHub shows at most 10 annotations of each kind per step; the rest:", "");
    for (const a of input.overflowAnnotations) tail.push(renderAnnotation(a));
    tail.push("");
  }
  if (input.requestCount !== undefined) tail.push(`<sub>${input.requestCount} GitHub API requests.</sub>`, "");

  const fixed = Buffer.byteLength(head.join("\n") + tail.join("\n"));
  const detailCount = Math.max(1, input.entries.length * 2);
  // Characters may take up to 4 bytes in UTF-8.
  const detailBudget = Math.max(1_000, Math.floor((JOB_SUMMARY_BYTE_LIMIT - fixed - 4_000 * detailCount) / detailCount / 4));
  const body = input.entries.map((entry) => renderEntry(entry, detailBudget));
  return [...head, ...body, ...tail].join("\n");
}
