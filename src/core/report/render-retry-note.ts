/** When integ-gate tries a failed read again by itself (docs/app.md "Self-healing retries"). */
export type RetryPlan =
  /** The next try is due at `dueAt` (epoch ms). */
  | { readonly kind: "scheduled"; readonly dueAt: number }
  /** The tries are used up: only a new event, a re-run or `/integ-gate recheck` evaluates again. */
  | { readonly kind: "exhausted"; readonly tries: number };

function describeDelay(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 90) return `${seconds} s`;
  return `${Math.round(seconds / 60)} min`;
}

/** The sentence a "Could not read …" summary ends with: when the next try is due, or that there is none. */
export function renderRetryNote(plan: RetryPlan, now: number): string {
  if (plan.kind === "exhausted" && plan.tries === 0) {
    return "integ-gate does not try again by itself here: push, re-run the check or comment `/integ-gate recheck` once GitHub answers.";
  }
  if (plan.kind === "exhausted") {
    return `integ-gate tried again by itself ${plan.tries} time${plan.tries === 1 ? "" : "s"} and stops here: push, re-run the check or comment \`/integ-gate recheck\` once GitHub answers.`;
  }
  const at = new Date(plan.dueAt).toISOString().slice(11, 19);
  return `**Next try: at ${at} UTC** (in about ${describeDelay(plan.dueAt - now)}); integ-gate tries again by itself, no event needed.`;
}
