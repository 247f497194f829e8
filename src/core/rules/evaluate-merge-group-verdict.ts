import {
  CHECK_OWNER_APPROVAL,
  CHECK_RELEASE_NOTE,
  type CheckName,
  type CheckVerdict,
  type GateVerdict,
} from "./gate-verdict.js";

/** One PR of a merge group and its live verdict (null: no configuration). */
export interface MergeGroupEntry {
  readonly number: number;
  readonly verdict: GateVerdict | null;
}

function mergeCheck(name: CheckName, entries: readonly { number: number; verdict: GateVerdict }[]): CheckVerdict {
  const pick = (v: GateVerdict): CheckVerdict => (name === CHECK_RELEASE_NOTE ? v.releaseNote : v.ownerApproval);
  const failing = entries.filter((e) => pick(e.verdict).outcome !== "pass" && pick(e.verdict).outcome !== "skipped");
  const table = [
    "| Pull request | Outcome | Title |",
    "|---|---|---|",
    ...entries.map((e) => `| #${e.number} | ${pick(e.verdict).outcome} | ${pick(e.verdict).title.replace(/\|/g, "\\|")} |`),
  ].join("\n");
  const first = failing[0];
  if (first === undefined) {
    return {
      name,
      outcome: "pass",
      title: `Every pull request in this merge group passes (${entries.map((e) => `#${e.number}`).join(", ")})`,
      summary: `Re-evaluated from live facts for the merge queue.\n\n${table}`,
      annotations: [],
    };
  }
  const error = failing.some((e) => pick(e.verdict).outcome === "error");
  return {
    name,
    outcome: error ? "error" : "blocked",
    title: `#${first.number}: ${pick(first.verdict).title}`,
    summary: `Re-evaluated from live facts for the merge queue: ${failing.map((e) => `#${e.number}`).join(", ")} no longer ${failing.length === 1 ? "passes" : "pass"}.\n\n${table}`,
    annotations: [],
  };
}

/**
 * docs/checks.md#merge-queue: both checks on the merge group's head commit
 * pass when every PR it contains still passes (re-evaluated from live
 * facts), else fail naming the PR (`error` when one could not be read).
 * null when there is no configuration (nothing is posted).
 */
export function evaluateMergeGroupVerdict(entries: readonly MergeGroupEntry[]): GateVerdict | null {
  const decided: { number: number; verdict: GateVerdict }[] = [];
  for (const entry of entries) {
    if (entry.verdict === null) return null;
    decided.push({ number: entry.number, verdict: entry.verdict });
  }
  if (decided.length === 0) return null;
  const releaseNote = mergeCheck(CHECK_RELEASE_NOTE, decided);
  const ownerApproval = mergeCheck(CHECK_OWNER_APPROVAL, decided);
  return {
    integration: decided.some((e) => e.verdict.integration),
    releaseNote,
    ownerApproval,
    noteRef: decided.length === 1 ? (decided[0]?.verdict.noteRef ?? null) : null,
    noteValid: releaseNote.outcome === "pass",
    approved: ownerApproval.outcome === "pass",
    awaiting: [...new Set(decided.flatMap((e) => e.verdict.awaiting))],
    reviewRequests: { users: [], teams: [] },
  };
}
