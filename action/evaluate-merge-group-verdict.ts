import { combineVerdicts } from "../src/core/rules/evaluate-gate.js";
import type { CheckVerdict, GateVerdict } from "../src/core/rules/gate-verdict.js";

/** One PR of a merge group and its live verdict (null: no configuration). */
export interface MergeGroupEntry {
  readonly number: number;
  readonly verdict: GateVerdict | null;
}

function forQueue(check: CheckVerdict, count: number): CheckVerdict {
  if (check.outcome === "pass" || check.outcome === "skipped") {
    return {
      ...check,
      outcome: "pass",
      title: count === 1 ? "The pull request in the merge group still passes" : `All ${count} pull requests in the merge group still pass`,
    };
  }
  // A PR that is not ready (pending) must not merge: in the queue it is a failure.
  const outcome = check.outcome === "error" ? "error" : "blocked";
  return { ...check, outcome };
}

/**
 * behaviour.md "Merge queue": both checks pass on the merge group's head
 * commit when every PR it contains still passes (re-evaluated from live
 * facts); otherwise they fail naming the PR (`error` when it could not be
 * read). null when there is no configuration.
 */
export function evaluateMergeGroupVerdict(entries: readonly MergeGroupEntry[]): GateVerdict | null {
  const decided = entries.filter((e): e is { number: number; verdict: GateVerdict } => e.verdict !== null);
  if (decided.length === 0) return null;
  const combined = combineVerdicts(decided);
  if (combined === null) return null;
  const name = (check: CheckVerdict): CheckVerdict => {
    const single = decided.length === 1 ? decided[0] : undefined;
    const named = single !== undefined && check.outcome !== "pass" && check.outcome !== "skipped" ? { ...check, title: `#${single.number}: ${check.title}` } : check;
    return forQueue(named, decided.length);
  };
  return { ...combined, releaseNote: name(combined.releaseNote), ownerApproval: name(combined.ownerApproval) };
}
