import { OUTCOME_SEVERITY, type GateVerdict, type Outcome } from "../src/core/rules/gate-verdict.js";

/** The Action's outputs (action.yml), as the strings GitHub stores. */
export interface ActionOutputs {
  readonly integration: "true" | "false";
  readonly "release-note": string;
  readonly "release-note-ok": "true" | "false";
  readonly approved: "true" | "false";
  readonly awaiting: string;
  readonly result: Outcome;
}

/** The most severe outcome: error > blocked > pending > pass > skipped. */
export function selectMostSevere(outcomes: readonly Outcome[]): Outcome {
  let best: Outcome = "skipped";
  for (const outcome of outcomes) {
    if (OUTCOME_SEVERITY.indexOf(outcome) < OUTCOME_SEVERITY.indexOf(best)) best = outcome;
  }
  return best;
}

/** The `result` of one verdict: the most severe of its two checks. */
export function selectVerdictResult(verdict: GateVerdict): Outcome {
  return selectMostSevere([verdict.releaseNote.outcome, verdict.ownerApproval.outcome]);
}

function flag(value: boolean): "true" | "false" {
  return value ? "true" : "false";
}

/**
 * The outputs for the verdicts of one run. One pull request: its values.
 * Several (workflow_dispatch): `integration` when any is gated, the note
 * flags and `approved` only when every gated one has them, `awaiting` the
 * union, `release-note` only when there is exactly one; `result` is always
 * the most severe (and `error` when `forcedResult` says so, e.g. no config).
 */
export function selectActionOutputs(verdicts: readonly GateVerdict[], forcedResults: readonly Outcome[] = []): ActionOutputs {
  const result = selectMostSevere([...verdicts.map(selectVerdictResult), ...forcedResults]);
  const single = verdicts.length === 1 ? verdicts[0] : undefined;
  if (single !== undefined) {
    return {
      integration: flag(single.integration),
      "release-note": single.noteRef ?? "",
      "release-note-ok": flag(single.noteValid),
      approved: flag(single.approved),
      awaiting: single.awaiting.join(", "),
      result,
    };
  }
  const gated = verdicts.filter((v) => v.integration);
  const awaiting = [...new Set(gated.flatMap((v) => v.awaiting))];
  return {
    integration: flag(gated.length > 0),
    "release-note": "",
    "release-note-ok": flag(gated.length > 0 && gated.every((v) => v.noteValid)),
    approved: flag(gated.length > 0 && gated.every((v) => v.approved)),
    awaiting: awaiting.join(", "),
    result,
  };
}
