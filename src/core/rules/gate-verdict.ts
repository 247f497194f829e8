/**
 * The engine's output: one verdict per check, independent of how it is
 * published (App check runs or Action commit statuses).
 */

export const CHECK_RELEASE_NOTE = "integ-gate/release-note";
export const CHECK_OWNER_APPROVAL = "integ-gate/owner-approval";
export const CHECK_CONFIG = "integ-gate/config";
export type CheckName = typeof CHECK_RELEASE_NOTE | typeof CHECK_OWNER_APPROVAL | typeof CHECK_CONFIG;

/**
 * - pass: requirement met, or overridden (App success / Action success)
 * - blocked: note invalid, changes requested, cannot be met, invalid config (failure / failure)
 * - pending: approvals missing (App in_progress / Action pending)
 * - skipped: not an integration PR, or PR closed, or not configured (neutral / success)
 * - error: could not read GitHub or a needed team (App failure / Action error)
 */
export type Outcome = "pass" | "blocked" | "pending" | "skipped" | "error";

export interface Annotation {
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  /** Only when startLine === endLine (GitHub's rule). */
  readonly startColumn?: number;
  readonly endColumn?: number;
  readonly level: "notice" | "warning" | "failure";
  readonly title?: string;
  readonly message: string;
}

export interface CheckVerdict {
  readonly name: CheckName;
  readonly outcome: Outcome;
  /** One line that says what is missing (the check run title / the status description). */
  readonly title: string;
  /** Markdown for the details page / job summary. */
  readonly summary: string;
  readonly annotations: readonly Annotation[];
}

export interface GateVerdict {
  /** False when the PR is not gated (row 4), or nothing could be decided. */
  readonly integration: boolean;
  readonly releaseNote: CheckVerdict;
  readonly ownerApproval: CheckVerdict;
  /** The note URL or path that was accepted, if any. */
  readonly noteRef: string | null;
  readonly noteValid: boolean;
  readonly approved: boolean;
  /** Awaited owners, as written in the config ("@acme/integration-owners", "@dana-sales"). */
  readonly awaiting: readonly string[];
  /** Logins to ask for a review when `approval.request_reviews` (users only; teams as `org/slug`). */
  readonly reviewRequests: { readonly users: readonly string[]; readonly teams: readonly string[] };
}

/** Most severe first, for the Action's `result` output and for shared head commits. */
export const OUTCOME_SEVERITY: readonly Outcome[] = ["error", "blocked", "pending", "pass", "skipped"];
