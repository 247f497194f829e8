import type { ConfigIssue } from "../config/config-error.js";
import type { IntegConfig } from "../config/integ-config.js";
import type { PullRequestFacts } from "../facts/pull-request-facts.js";

/**
 * What the gate is evaluated on, one case per row of the verdict table
 * (docs/checks.md#the-verdict-table) that depends on reading GitHub.
 */
export type GateInput =
  /** Row 0: a read that a later row needs failed after retries. `what` says which ("the pull request", "the configuration"). */
  | { readonly kind: "read-failed"; readonly what: string; readonly detail: string }
  /** Row 1: no `.integ.yml` on the default branch (evaluateGate returns null: post nothing). */
  | { readonly kind: "no-config" }
  /** Row 2: `.integ.yml` on the default branch is invalid. */
  | { readonly kind: "invalid-config"; readonly defaultBranch: string; readonly issues: readonly ConfigIssue[] }
  /** Rows 3-6. */
  | { readonly kind: "ready"; readonly config: IntegConfig; readonly facts: PullRequestFacts };
