import type { EtagCache } from "../github/cache-etags.js";
import { createLoadMemo } from "../github/create-load-memo.js";
import type { GitHubPort } from "../github/github-port.js";
import { listOpenPullRequests, type OpenPullRequest } from "../github/list-open-pull-requests.js";
import { runGate, type GateLog, type GateTarget, type RunGateOptions, type RunGateResult } from "../run-gate.js";
import { runMergeGroupGate, type MergeGroupTarget } from "../run-merge-group-gate.js";
import { createEvaluationQueue, type EvaluationQueue } from "./create-evaluation-queue.js";
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
  evaluateMergeGroup(github: GitHubPort, installationId: number, target: MergeGroupTarget): Promise<void>;
  readonly queue: EvaluationQueue;
  appId(): Promise<number>;
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
    ...options.runOptions,
  });

  const service: GateService = {
    queue,
    appId: resolveAppId,
    evaluate(github, installationId, target) {
      const key = `${installationId}:${target.owner}/${target.repo}#${target.number}`.toLowerCase();
      return queue.run(key, async () => {
        const result = await runGate(target, await runOptions(github, installationId));
        options.onEvaluated?.(result);
      });
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
      await queue.run(key, async () => {
        await runMergeGroupGate(target, await runOptions(github, installationId));
      });
    },
  };
  return service;
}
