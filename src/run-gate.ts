import { renderProposedConfigCheck } from "./core/report/render-config-check.js";
import { renderRetryNote, type RetryPlan } from "./core/report/render-retry-note.js";
import { closedVerdict, notConfiguredVerdict } from "./core/rules/evaluate-gate.js";
import {
  CHECK_CONFIG,
  CHECK_OWNER_APPROVAL,
  CHECK_RELEASE_NOTE,
  type CheckName,
  type CheckVerdict,
  type GateVerdict,
} from "./core/rules/gate-verdict.js";
import type { EtagCache } from "./github/cache-etags.js";
import type { RequestCounts } from "./github/count-requests.js";
import type { LoadMemo } from "./github/create-load-memo.js";
import { createGatePort } from "./github/create-gate-port.js";
import { fetchOwnLogin } from "./github/fetch-own-login.js";
import { describeError, type GitHubPort } from "./github/github-port.js";
import type { PullRequestTarget } from "./github/load-pull-request-facts.js";
import { publishCheckRuns, type CheckRunWrite } from "./github/publish-check-runs.js";
import { publishSummaryComment, type SecondaryWrite } from "./github/publish-summary-comment.js";
import { fetchCheckRunsByRest, newestRunsByName, type ExistingCheckRun } from "./github/read-check-runs.js";
import { requestOwnerReviews } from "./github/request-owner-reviews.js";
import type { RetryOptions } from "./github/retry-transient-errors.js";
import { evaluatePullRequest } from "./evaluate-pull-requests.js";

/** Where the orchestrator logs (Probot's pino logger fits). */
export interface GateLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface RunGateOptions {
  /** The installation's Octokit (Probot's `context.octokit`), or any GitHubPort. */
  readonly github: GitHubPort;
  /** The App's id: our check runs are found by it. */
  readonly appId: number;
  readonly log: GateLog;
  /** Log every write instead of sending it. */
  readonly dryRun?: boolean;
  readonly etagCache?: EtagCache;
  readonly installationId?: number | string;
  /** Reads that cannot change, and the last config's teams (see LoadMemo); one per process. */
  readonly memo?: LoadMemo;
  readonly retry?: RetryOptions;
  readonly now?: () => number;
  /** The login integ-gate writes as (its summary comment is the one by this account); default: GraphQL `viewer`. */
  readonly ownLogin?: () => Promise<string>;
  /** Called once when the evaluation could not read GitHub (row 0): when integ-gate tries again by itself (docs/app.md#self-healing-retries). */
  readonly scheduleRetry?: () => RetryPlan;
}

/** A PR to evaluate. The head sha is used only to report a failed read when the PR itself cannot be read. */
export interface GateTarget extends PullRequestTarget {
  readonly headShaHint?: string;
}

/** What one evaluation did. */
export interface RunGateResult {
  readonly target: GateTarget;
  /** The verdict published (combined when PRs share the head); null when nothing was decided. */
  readonly verdict: GateVerdict | null;
  readonly checks: readonly CheckVerdict[];
  readonly writes: readonly CheckRunWrite[];
  readonly comment: SecondaryWrite | null;
  readonly reviewRequest: SecondaryWrite | null;
  readonly requests: RequestCounts;
  /** Set when the evaluation could not read GitHub and `scheduleRetry` was asked. */
  readonly retryPlan: RetryPlan | null;
}

const GATE_CHECKS = [CHECK_RELEASE_NOTE, CHECK_OWNER_APPROVAL] as const;

/** A fixed verdict for the runs that are still open (closed PR) or exist at all (not configured). */
function fixedChecks(verdict: GateVerdict, runs: readonly ExistingCheckRun[], onlyOpen: boolean): CheckVerdict[] {
  const newest = newestRunsByName(runs);
  const checks: CheckVerdict[] = [];
  const names: readonly CheckName[] = [...GATE_CHECKS, CHECK_CONFIG];
  for (const name of names) {
    const run = newest.get(name);
    if (run === undefined || (onlyOpen && run.status === "completed")) continue;
    if (!onlyOpen && name === CHECK_CONFIG) continue;
    checks.push({ ...verdict.releaseNote, name });
  }
  return checks;
}

function describeChecks(checks: readonly CheckVerdict[]): string {
  return checks.map((c) => `${c.name} ${c.outcome} "${c.title}"`).join("; ");
}

function describeCounts(counts: RequestCounts): string {
  return `${counts.total} requests (${counts.writeQueue} write-queue, ${counts.reads} GET, ${counts.notModified} not modified)`;
}

/**
 * Evaluates one pull request and publishes its checks. The one orchestrator
 * of the App: fetch config → load facts → evaluate → render → publish.
 */
export async function runGate(target: GateTarget, options: RunGateOptions): Promise<RunGateResult> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const log = options.log;
  const name = `${target.owner}/${target.repo}#${target.number}`;

  // 1. One port for this evaluation: bounded retries, ETag cache for GETs, request counter.
  const { port, counts } = createGatePort(options.github, {
    ...(options.etagCache === undefined ? {} : { etagCache: options.etagCache }),
    ...(options.installationId === undefined ? {} : { installationId: options.installationId }),
    retry: { log, ...options.retry },
  });

  // 2. Fetch the config and load the facts: GraphQL #1 carries `.integ.yml`
  //    from the default branch with the PR; GraphQL #2 the notes and teams.
  //    With it, every other open PR on the same head commit (docs/checks.md).
  const evaluated = await evaluatePullRequest(port, target, {
    frontDoor: "app",
    appId: options.appId,
    onEngineError: (message) => log.error(message),
    ...(options.memo === undefined ? {} : { memo: options.memo }),
  });
  const { load } = evaluated;
  const pr = load.pullRequest;
  const headSha = pr?.headSha ?? target.headShaHint ?? null;
  const finish = (verdict: GateVerdict | null, checks: readonly CheckVerdict[], writes: readonly CheckRunWrite[], comment: SecondaryWrite | null = null, reviewRequest: SecondaryWrite | null = null): RunGateResult => {
    const requests = counts();
    const written = writes.filter((w) => w.action === "created" || w.action === "updated").length;
    log.info(
      `integ-gate: ${name} evaluated in ${now() - startedAt} ms: ${checks.length === 0 ? "nothing to post" : describeChecks(checks)}; ` +
        `${describeCounts(requests)}; ${written} check run(s) written`,
    );
    return { target, verdict, checks, writes, comment, reviewRequest, requests, retryPlan };
  };
  let retryPlan: RetryPlan | null = null;
  if (headSha === null) {
    retryPlan = options.scheduleRetry?.() ?? null;
    log.error(`integ-gate: ${name} could not be read and its head commit is unknown: nothing posted`);
    return finish(null, [], []);
  }
  let runs = load.checkRuns;
  if (runs === null) {
    try {
      runs = await fetchCheckRunsByRest(port, { owner: target.owner, repo: target.repo, sha: headSha }, { appId: options.appId });
    } catch (error) {
      log.warn(`integ-gate: could not list the check runs of ${headSha.slice(0, 7)}: ${describeError(error)}`);
      runs = [];
    }
  }
  const publish = (checks: readonly CheckVerdict[], numbers: readonly number[]): Promise<CheckRunWrite[]> =>
    publishCheckRuns(port, { owner: target.owner, repo: target.repo, headSha }, checks, runs ?? [], {
      startedAt,
      pullRequests: numbers,
      log,
      ...(options.dryRun === undefined ? {} : { dryRun: options.dryRun }),
    });

  // 3. A closed PR: runs still in progress complete as neutral "Pull request closed".
  if (pr !== null && pr.state !== "open" && pr.sharedHeadWith.length === 0) {
    const checks = fixedChecks(closedVerdict(), runs, true);
    return finish(null, checks, await publish(checks, [pr.number]));
  }

  // 4. The verdict (every open PR on this head commit, most restrictive wins), from step 2.
  const { verdict, numbers } = evaluated;

  // 5. Render: the two gate checks, plus integ-gate/config when the PR changes `.integ.yml`.
  let checks: CheckVerdict[] =
    verdict === null
      ? fixedChecks(notConfiguredVerdict(), runs, false) // row 1: post nothing, but retire runs posted before
      : [verdict.releaseNote, verdict.ownerApproval];
  if (options.scheduleRetry !== undefined && checks.some((c) => c.outcome === "error")) {
    // A read failed (row 0): say when integ-gate tries again by itself.
    const plan = options.scheduleRetry();
    retryPlan = plan;
    const note = renderRetryNote(plan, now());
    checks = checks.map((c) => (c.outcome === "error" ? { ...c, summary: `${c.summary}\n\n${note}` } : c));
  }
  if (pr?.changesConfig === true && load.proposedConfig !== null) checks.push(renderProposedConfigCheck(load.proposedConfig));

  // 6. Publish: write each check only when GitHub does not already show it.
  const writes = await publish(checks, numbers);

  // 7. Best-effort secondary writes (comment, review requests): never fatal.
  let comment: SecondaryWrite | null = null;
  let reviewRequest: SecondaryWrite | null = null;
  if (verdict !== null && pr !== null && pr.state === "open" && load.input.kind === "ready") {
    const config = load.input.config;
    const secondary = { log, ...(options.dryRun === undefined ? {} : { dryRun: options.dryRun }) };
    if (config.comment) {
      comment = await publishSummaryComment(port, target, verdict, { ...secondary, ownLogin: options.ownLogin ?? (() => fetchOwnLogin(port)) });
    }
    if (config.approval.requestReviews) {
      reviewRequest = await requestOwnerReviews(port, target, verdict, { requested: pr.requestedReviewers, author: pr.author }, secondary);
    }
  }
  return finish(verdict, checks, writes, comment, reviewRequest);
}

