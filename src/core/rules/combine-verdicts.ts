import { limitSummary } from "../report/limit-summary.js";
import { escapeMarkdown } from "../report/escape-markdown.js";
import { OUTCOME_SEVERITY, type Annotation, type CheckVerdict, type GateVerdict } from "./gate-verdict.js";

/** The verdict of one of several open PRs that share a head commit. */
export interface PullRequestVerdict {
  readonly number: number;
  readonly verdict: GateVerdict;
}

const rank = (check: CheckVerdict): number => OUTCOME_SEVERITY.indexOf(check.outcome);

function combineCheck(entries: readonly PullRequestVerdict[], pick: (v: GateVerdict) => CheckVerdict): CheckVerdict {
  const ordered = [...entries].sort((a, b) => rank(pick(a.verdict)) - rank(pick(b.verdict)) || a.number - b.number);
  const worst = ordered[0] as PullRequestVerdict;
  const chosen = pick(worst.verdict);
  const table = [
    "This commit is the head of several open pull requests. Each check shows the most restrictive verdict among them.",
    "",
    "| Pull request | Outcome | Title |",
    "|---|---|---|",
    ...ordered.map(({ number, verdict }) => {
      const check = pick(verdict);
      return `| #${number} | ${check.outcome} | ${escapeMarkdown(check.title)} |`;
    }),
  ].join("\n");
  const details = ordered.map(({ number, verdict }) => `## Pull request #${number}\n\n${pick(verdict).summary}`);
  const seen = new Set<string>();
  const annotations: Annotation[] = [];
  for (const { verdict } of ordered) {
    for (const annotation of pick(verdict).annotations) {
      const key = JSON.stringify(annotation);
      if (!seen.has(key)) {
        seen.add(key);
        annotations.push(annotation);
      }
    }
  }
  return {
    name: chosen.name,
    outcome: chosen.outcome,
    title: `#${worst.number}: ${chosen.title}`,
    summary: limitSummary([table, ...details].join("\n\n")),
    annotations,
  };
}

/**
 * One verdict for several open PRs whose head is the same commit: each check
 * gets the most restrictive verdict (failure > in_progress > success >
 * neutral, i.e. error > blocked > pending > pass > skipped), and the summary
 * lists each PR. With one PR, its verdict unchanged; with none, null.
 * Review requests are per PR and are left empty here.
 */
export function combineVerdicts(entries: readonly PullRequestVerdict[]): GateVerdict | null {
  if (entries.length === 0) return null;
  if (entries.length === 1) return (entries[0] as PullRequestVerdict).verdict;
  const releaseNote = combineCheck(entries, (v) => v.releaseNote);
  const ownerApproval = combineCheck(entries, (v) => v.ownerApproval);
  const noteWinner = [...entries].sort(
    (a, b) => rank(a.verdict.releaseNote) - rank(b.verdict.releaseNote) || a.number - b.number,
  )[0] as PullRequestVerdict;
  const awaiting = [...new Set(entries.flatMap((e) => e.verdict.awaiting))];
  return {
    integration: entries.some((e) => e.verdict.integration),
    releaseNote,
    ownerApproval,
    noteRef: noteWinner.verdict.noteRef,
    noteValid: entries.every((e) => e.verdict.noteValid),
    approved: entries.every((e) => e.verdict.approved),
    awaiting,
    reviewRequests: { users: [], teams: [] },
  };
}
