import { createGatePort } from "./github/create-gate-port.js";
import { publishCheckRuns, type CheckRunWrite } from "./github/publish-check-runs.js";
import { fetchCheckRunsByRest } from "./github/read-check-runs.js";
import { describeError } from "./github/github-port.js";
import { evaluateMergeGroup } from "./evaluate-pull-requests.js";
import type { RunGateOptions } from "./run-gate.js";

/** A commit that may be a merge group's head, and the branch whose merge queue would list it. */
export interface MergeGroupTarget {
  readonly owner: string;
  readonly repo: string;
  readonly headSha: string;
  /** The branch the queue merges into, e.g. `main` (a `merge_group` event's `base_ref` without `refs/heads/`). */
  readonly branch: string;
}

/** What a merge-group evaluation did. */
export type MergeGroupRun =
  /** The queue lists no group with this head: the commit is evaluated as its pull requests instead. */
  | { readonly kind: "not-queued" }
  | { readonly kind: "published"; readonly writes: readonly CheckRunWrite[] };

/**
 * The branch a `gh-readonly-queue/<base>/pr-…` head branch would merge into:
 * only a hint of which queue to ask; the queue's own entries decide.
 */
export function queueBranchHint(headBranch: string | null | undefined): string | null {
  const prefix = "gh-readonly-queue/";
  if (headBranch === null || headBranch === undefined || !headBranch.startsWith(prefix)) return null;
  const rest = headBranch.slice(prefix.length);
  const cut = rest.lastIndexOf("/pr-");
  return cut <= 0 ? null : rest.slice(0, cut);
}

/**
 * Both checks on a merge group's head commit (docs/checks.md, "Merge
 * queue"): `success` when every unmerged PR the group contains still passes,
 * re-evaluated from live facts; else `failure` naming the PR; "could not
 * read" when the queue cannot be read whole. A commit the queue does not list
 * is not a merge group, whatever its branch is called (`not-queued`). No
 * config: nothing posted.
 */
export async function runMergeGroupGate(target: MergeGroupTarget, options: RunGateOptions): Promise<MergeGroupRun> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const { port, counts } = createGatePort(options.github, {
    ...(options.etagCache === undefined ? {} : { etagCache: options.etagCache }),
    ...(options.installationId === undefined ? {} : { installationId: options.installationId }),
    retry: { log: options.log, ...options.retry },
  });
  const group = await evaluateMergeGroup(port, target, { frontDoor: "app", appId: options.appId, onEngineError: (m) => options.log.error(m) });
  if (group.kind === "not-queued") {
    options.log.info(`integ-gate: the merge queue of ${target.branch} lists no group with head ${target.headSha.slice(0, 7)}`);
    return { kind: "not-queued" };
  }
  if (group.verdict === null) {
    options.log.info(`integ-gate: ${target.owner}/${target.repo} has no .integ.yml: nothing posted on the merge group`);
    return { kind: "published", writes: [] };
  }
  let runs = group.checkRuns;
  if (runs === null) {
    try {
      runs = await fetchCheckRunsByRest(port, { owner: target.owner, repo: target.repo, sha: target.headSha }, { appId: options.appId });
    } catch (error) {
      options.log.warn(`integ-gate: could not list the check runs of ${target.headSha.slice(0, 7)}: ${describeError(error)}`);
      runs = [];
    }
  }
  const checks = [group.verdict.releaseNote, group.verdict.ownerApproval];
  const writes = await publishCheckRuns(port, { owner: target.owner, repo: target.repo, headSha: target.headSha }, checks, runs, {
    startedAt,
    pullRequests: group.numbers,
    log: options.log,
    ...(options.dryRun === undefined ? {} : { dryRun: options.dryRun }),
  });
  const c = counts();
  options.log.info(
    `integ-gate: merge group ${target.headSha.slice(0, 7)} (${group.numbers.map((n) => `#${n}`).join(", ") || "queue not read"}): ` +
      `${checks.map((k) => `${k.name} ${k.outcome}`).join("; ")}; ${c.total} requests (${c.writeQueue} write-queue, ${c.reads} GET)`,
  );
  return { kind: "published", writes };
}
