import { renderConfigCheck } from "../core/report/render-config-check.js";
import { combineVerdicts, evaluateGate, type PullRequestVerdict } from "../core/rules/evaluate-gate.js";
import type { GateInput } from "../core/rules/gate-input.js";
import { CHECK_CONFIG, type CheckVerdict, type GateVerdict } from "../core/rules/gate-verdict.js";
import type { FrontDoor } from "../core/report/render-owner-approval.js";
import type { RequestCounts } from "../github/count-requests.js";
import { createGatePort } from "../github/create-gate-port.js";
import { describeError, type GitHubPort } from "../github/github-port.js";
import { loadPullRequestFacts, type PullRequestTarget } from "../github/load-pull-request-facts.js";
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
 * Reads a live pull request through the one shared loader
 * (`loadPullRequestFacts`, the same GraphQL and REST reads as the App and
 * the Action) and evaluates it with the one engine (`evaluateGate`), as
 * run-gate does, without publishing anything: the port refuses any write.
 */
export async function explainPullRequest(
  github: GitHubPort,
  target: PullRequestTarget,
  options: ExplainOptions = {},
): Promise<Explanation> {
  const frontDoor = options.frontDoor ?? "app";
  const { port, counts } = createGatePort(createReadOnlyPort(github), options.retry === undefined ? {} : { retry: options.retry });
  const evaluate = (input: GateInput): GateVerdict | null => {
    try {
      return evaluateGate(input, { frontDoor });
    } catch (error) {
      return evaluateGate({ kind: "read-failed", what: "the pull request (integ-gate failed to evaluate it)", detail: describeError(error) }, { frontDoor });
    }
  };

  const load = await loadPullRequestFacts(port, target, { appId: null });
  const pr = load.pullRequest;
  let verdict = evaluate(load.input);
  const shared = pr?.sharedHeadWith ?? [];
  if (pr !== null && shared.length > 0 && verdict !== null) {
    const entries: PullRequestVerdict[] = pr.state === "open" ? [{ number: pr.number, verdict }] : [];
    for (const other of shared) {
      const otherVerdict = evaluate((await loadPullRequestFacts(port, { ...target, number: other }, { appId: null })).input);
      if (otherVerdict !== null) entries.push({ number: other, verdict: otherVerdict });
    }
    verdict = combineVerdicts(entries);
  }
  const checks: CheckVerdict[] = verdict === null ? [] : [verdict.releaseNote, verdict.ownerApproval];
  if (pr?.changesConfig === true && load.proposedConfig !== null) {
    const proposed = load.proposedConfig;
    checks.push(
      proposed.kind === "unreadable"
        ? {
            name: CHECK_CONFIG,
            outcome: "blocked",
            title: `Proposed .integ.yml ${proposed.problem}`,
            summary: `The proposed \`.integ.yml\` ${proposed.problem}; integ-gate reads text files up to 256 KiB.`,
            annotations: [],
          }
        : renderConfigCheck(proposed),
    );
  }
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
