import type { EtagCache } from "../github/cache-etags.js";
import { createLoadMemo } from "../github/create-load-memo.js";
import type { GitHubPort } from "../github/github-port.js";
import { listOpenPullRequests, type OpenPullRequest } from "../github/list-open-pull-requests.js";
import { runGate, type GateLog, type GateTarget, type RunGateOptions, type RunGateResult } from "../run-gate.js";
import { runMergeGroupGate, type MergeGroupRun, type MergeGroupTarget } from "../run-merge-group-gate.js";
import { createEvaluationQueue, type EvaluationQueue } from "./create-evaluation-queue.js";
import { createRetryScheduler, type RetryScheduler, type RetrySchedulerOptions } from "./create-retry-scheduler.js";
import { runBounded } from "./run-bounded.js";

export interface GateServiceOptions {
  /** The App's id, or how to find it once (GET /app). */
  readonly appId: number | (() => Promise<number>);
  readonly log: GateLog;
  readonly dryRun?: boolean;
  /** Open PRs re-evaluated at once (push to .integ.yml, installation); default 4. */
  readonly concurrency?: number;
  readonly etagCache?: EtagCache;
  /** Called after each evaluation (tests, metrics). */
  readonly onEvaluated?: (result: RunGateResult) => void;
  readonly runOptions?: Partial<Pick<RunGateOptions, "retry" | "now">>;
  /** The login the App writes as (`<app-slug>[bot]`), or how to find it once (GET /app); default: GraphQL `viewer`. */
  readonly ownLogin?: () => Promise<string>;
  /** The self-healing retries of evaluations that could not read GitHub (docs/app.md#self-healing-retries); delays default to 30 s, 2 min, 10 min. */
  readonly retries?: RetrySchedulerOptions;
}

/** The App's long-lived state: one queue, one ETag cache, one memo of reads that cannot change. */
export interface GateService {
  /** Evaluate one PR: serialized per PR, bursts coalesced into one re-run. */
  evaluate(github: GitHubPort, installationId: number, target: GateTarget): Promise<void>;
  /** Evaluate the open PRs of a repository (all, or those `filter` keeps), a few at a time. */
  evaluateOpen(
    github: GitHubPort,
    installationId: number,
    repository: { readonly owner: string; readonly repo: string },
    filter?: (pr: OpenPullRequest) => boolean,
  ): Promise<void>;
  /**
   * Evaluate the merge group whose head is `target.headSha` in the branch's
   * merge queue; `not-queued` when the queue lists none (then the commit is
   * no merge-group commit, whatever its branch is called).
   */
  evaluateMergeGroup(github: GitHubPort, installationId: number, target: MergeGroupTarget): Promise<MergeGroupRun>;
  readonly queue: EvaluationQueue;
  /** The pending self-healing retries. */
  readonly retries: RetryScheduler;
  appId(): Promise<number>;
  /** Cancels the pending retries (shutdown); evaluations already running finish. */
  close(): void;
}

/** Creates the App's evaluation service (see GateService). */
export function createGateService(options: GateServiceOptions): GateService {
  const queue = createEvaluationQueue(options.log);
  const memo = createLoadMemo();
  let appId: Promise<number> | null = typeof options.appId === "number" ? Promise.resolve(options.appId) : null;
  const resolveAppId = (): Promise<number> => {
    if (appId === null && typeof options.appId === "function") {
      appId = options.appId().catch((error: unknown) => {
        appId = null;
        throw error;
      });
    }
    return appId ?? Promise.reject(new Error("no app id"));
  };
  const runOptions = async (github: GitHubPort, installationId: number): Promise<RunGateOptions> => ({
    github,
    appId: await resolveAppId(),
    log: options.log,
    installationId,
    memo,
    ...(options.dryRun === undefined ? {} : { dryRun: options.dryRun }),
    ...(options.etagCache === undefined ? {} : { etagCache: options.etagCache }),
    ...(options.ownLogin === undefined ? {} : { ownLogin: options.ownLogin }),
    ...options.runOptions,
  });

  const retries = createRetryScheduler({ log: options.log, ...options.retries });

  /**
   * One evaluation of a PR, serialized per PR. `tries`: 0 from an event, n
   * for the n-th self-healing retry. An evaluation that could not read
   * GitHub (row 0, or one that threw) schedules the next try; one that read
   * GitHub cancels the PR's pending try.
   */
  const evaluateTry = (github: GitHubPort, installationId: number, target: GateTarget, tries: number): Promise<void> => {
    const key = `${installationId}:${target.owner}/${target.repo}#${target.number}`.toLowerCase();
    const retry = (next: number): void => {
      evaluateTry(github, installationId, target, next).catch((error: unknown) => options.log.error(`integ-gate: retry of ${key} failed: ${String(error)}`));
    };
    return queue.run(key, async () => {
      retries.started(key);
      let planned = false;
      try {
        const result = await runGate(target, {
          ...(await runOptions(github, installationId)),
          scheduleRetry: () => {
            planned = true;
            return retries.failed(key, tries, retry);
          },
        });
        if (!planned) retries.succeeded(key);
        options.onEvaluated?.(result);
      } catch (error) {
        if (!planned) retries.failed(key, tries, retry);
        throw error;
      }
    });
  };

  const service: GateService = {
    queue,
    retries,
    appId: resolveAppId,
    close: () => retries.close(),
    evaluate(github, installationId, target) {
      return evaluateTry(github, installationId, target, 0);
    },
    async evaluateOpen(github, installationId, repository, filter) {
      const open = await listOpenPullRequests(github, repository);
      const chosen = filter === undefined ? open : open.filter(filter);
      const failures = await runBounded(chosen, options.concurrency ?? 4, (pr) =>
        service.evaluate(github, installationId, { ...repository, number: pr.number, headShaHint: pr.headSha }),
      );
      for (const failure of failures) options.log.error(`integ-gate: re-evaluation failed: ${String(failure)}`);
    },
    async evaluateMergeGroup(github, installationId, target) {
      const key = `${installationId}:${target.owner}/${target.repo}@${target.headSha}`.toLowerCase();
      let outcome: MergeGroupRun = { kind: "not-queued" };
      await queue.run(key, async () => {
        outcome = await runMergeGroupGate(target, await runOptions(github, installationId));
      });
      return outcome;
    },
  };
  return service;
}
