import type { FrontDoor } from "./core/report/render-owner-approval.js";
import { combineVerdicts, evaluateGate, type PullRequestVerdict } from "./core/rules/evaluate-gate.js";
import { evaluateMergeGroupVerdict, type MergeGroupEntry } from "./core/rules/evaluate-merge-group-verdict.js";
import type { GateInput } from "./core/rules/gate-input.js";
import type { GateVerdict } from "./core/rules/gate-verdict.js";
import type { LoadMemo } from "./github/create-load-memo.js";
import { fetchMergeQueue } from "./github/fetch-merge-queue.js";
import { FollowUpReadError } from "./github/follow-up-read-error.js";
import { describeError, type GitHubPort } from "./github/github-port.js";
import { loadPullRequestFacts, type PullRequestLoad, type PullRequestTarget } from "./github/load-pull-request-facts.js";
import type { ExistingCheckRun } from "./github/read-check-runs.js";

/**
 * The one "evaluate these pull requests" step that the App's events, the
 * Action's run, `integ-gate explain` and the merge queue share
 * (docs/development.md, "How an evaluation runs"): load the facts, evaluate,
 * combine every open PR on one head commit, and turn any failure into row 0.
 * The front doors only route events and publish.
 */
export interface EvaluateOptions {
  /** Wording of the verdicts ("app": check runs; "action": commit statuses). */
  readonly frontDoor: FrontDoor;
  /** (App) our check runs on the head commit are read along, found by this app id. */
  readonly appId?: number | null;
  readonly memo?: LoadMemo;
  /** Told when the engine itself threw (the verdict is then row 0). */
  readonly onEngineError?: (message: string) => void;
}

/** A pull request's verdict for its head commit. */
export interface PullRequestEvaluation {
  /** What was read about the PR asked for. */
  readonly load: PullRequestLoad;
  /** Its own verdict (null: no configuration, post nothing). */
  readonly own: GateVerdict | null;
  /** The verdict for the head commit: the most restrictive of every open PR on it (null: post nothing). */
  readonly verdict: GateVerdict | null;
  /** The PRs that verdict covers. */
  readonly numbers: readonly number[];
}

/** The engine's verdict; an engine error is row 0, never a pass. */
export function evaluateInput(input: GateInput, options: Pick<EvaluateOptions, "frontDoor" | "onEngineError">): GateVerdict | null {
  try {
    return evaluateGate(input, { frontDoor: options.frontDoor });
  } catch (error) {
    options.onEngineError?.(`integ-gate: the engine failed: ${describeError(error)}`);
    return evaluateGate(
      { kind: "read-failed", what: "the pull request (integ-gate failed to evaluate it)", detail: describeError(error) },
      { frontDoor: options.frontDoor },
    );
  }
}

/**
 * Evaluates one pull request, and with it every other open PR whose head is
 * the same commit (each check gets the most restrictive verdict,
 * docs/checks.md "Check runs on GitHub").
 */
export async function evaluatePullRequest(port: GitHubPort, target: PullRequestTarget, options: EvaluateOptions): Promise<PullRequestEvaluation> {
  const load = await loadPullRequestFacts(port, target, {
    appId: options.appId ?? null,
    ...(options.memo === undefined ? {} : { memo: options.memo }),
  });
  const own = evaluateInput(load.input, options);
  const pr = load.pullRequest;
  if (pr === null || pr.sharedHeadWith.length === 0) return { load, own, verdict: own, numbers: [target.number] };
  const entries: PullRequestVerdict[] = pr.state === "open" && own !== null ? [{ number: pr.number, verdict: own }] : [];
  for (const other of pr.sharedHeadWith) {
    const otherLoad = await loadPullRequestFacts(port, { ...target, number: other }, { appId: null });
    const verdict = evaluateInput(otherLoad.input, options);
    if (verdict !== null) entries.push({ number: other, verdict });
  }
  const combined = combineVerdicts(entries);
  return combined === null ? { load, own, verdict: own, numbers: [target.number] } : { load, own, verdict: combined, numbers: entries.map((e) => e.number) };
}

/** A merge group's verdict, or why there is none. */
export type MergeGroupEvaluation =
  /** The branch's merge queue lists no group with this head commit: it is not a merge-group commit. */
  | { readonly kind: "not-queued"; readonly checkRuns: readonly ExistingCheckRun[] | null }
  /** Row 0 when the queue could not be read whole; else the group's verdict (null: no configuration). */
  | { readonly kind: "evaluated"; readonly numbers: readonly number[]; readonly verdict: GateVerdict | null; readonly checkRuns: readonly ExistingCheckRun[] | null };

/**
 * The merge group whose head is `headSha` in `branch`'s merge queue: every PR
 * it contains re-evaluated from live facts (docs/checks.md, "Merge queue").
 * Only the queue's own entries make a commit a merge group; a queue that
 * cannot be read whole is row 0, never one PR.
 */
export async function evaluateMergeGroup(
  port: GitHubPort,
  target: { readonly owner: string; readonly repo: string; readonly branch: string; readonly headSha: string },
  options: EvaluateOptions,
): Promise<MergeGroupEvaluation> {
  let queue;
  try {
    queue = await fetchMergeQueue(port, target, options.appId ?? null);
  } catch (error) {
    const what = error instanceof FollowUpReadError ? error.what : `the merge queue of ${target.branch}`;
    return { kind: "evaluated", numbers: [], verdict: evaluateInput({ kind: "read-failed", what, detail: describeError(error) }, options), checkRuns: null };
  }
  if (queue.pullRequests === null) return { kind: "not-queued", checkRuns: queue.checkRuns };
  const entries: MergeGroupEntry[] = [];
  for (const number of queue.pullRequests) {
    const load = await loadPullRequestFacts(port, { owner: target.owner, repo: target.repo, number }, { appId: null });
    entries.push({ number, verdict: evaluateInput(load.input, options) });
  }
  return { kind: "evaluated", numbers: queue.pullRequests, verdict: evaluateMergeGroupVerdict(entries), checkRuns: queue.checkRuns };
}
