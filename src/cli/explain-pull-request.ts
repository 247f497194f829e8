import { renderProposedConfigCheck } from "../core/report/render-config-check.js";
import type { GateInput } from "../core/rules/gate-input.js";
import type { CheckVerdict, GateVerdict } from "../core/rules/gate-verdict.js";
import type { FrontDoor } from "../core/report/render-owner-approval.js";
import type { RequestCounts } from "../github/count-requests.js";
import { createGatePort } from "../github/create-gate-port.js";
import type { GitHubPort } from "../github/github-port.js";
import type { PullRequestTarget } from "../github/load-pull-request-facts.js";
import { evaluatePullRequest } from "../evaluate-pull-requests.js";
import type { RetryOptions } from "../github/retry-transient-errors.js";
import { createReadOnlyPort } from "./create-read-only-port.js";

/** What the gate would post on a pull request right now. */
export interface Explanation {
  readonly target: PullRequestTarget;
  /** null when the pull request could not be read. */
  readonly headSha: string | null;
  readonly title: string | null;
  /** What the loader found: "ready", "no-config", "invalid-config" or "read-failed". */
  readonly input: GateInput["kind"];
  /** null when there is no `.integ.yml` on the default branch (the gate posts nothing). */
  readonly verdict: GateVerdict | null;
  /** The checks the gate would post, in order (integ-gate/config only when the PR changes `.integ.yml`). */
  readonly checks: readonly CheckVerdict[];
  /** Other open PRs with the same head commit, whose verdicts were combined in. */
  readonly sharedHeadWith: readonly number[];
  readonly requests: RequestCounts;
}

export interface ExplainOptions {
  /** Wording of permission hints and the door's statuses: "app" (default) or "action". */
  readonly frontDoor?: FrontDoor;
  readonly retry?: RetryOptions;
}

/**
 * Evaluates a live pull request through the one evaluation step the App and
 * the Action use (src/evaluate-pull-requests.ts), without publishing
 * anything: the port refuses any write.
 */
export async function explainPullRequest(
  github: GitHubPort,
  target: PullRequestTarget,
  options: ExplainOptions = {},
): Promise<Explanation> {
  const frontDoor = options.frontDoor ?? "app";
  const { port, counts } = createGatePort(createReadOnlyPort(github), options.retry === undefined ? {} : { retry: options.retry });
  const { load, verdict } = await evaluatePullRequest(port, target, { frontDoor });
  const pr = load.pullRequest;
  const shared = pr?.sharedHeadWith ?? [];
  const checks: CheckVerdict[] = verdict === null ? [] : [verdict.releaseNote, verdict.ownerApproval];
  if (pr?.changesConfig === true && load.proposedConfig !== null) checks.push(renderProposedConfigCheck(load.proposedConfig));
  return {
    target,
    headSha: pr?.headSha ?? null,
    title: load.input.kind === "ready" ? load.input.facts.title : null,
    input: load.input.kind,
    verdict,
    checks,
    sharedHeadWith: shared,
    requests: counts(),
  };
}
