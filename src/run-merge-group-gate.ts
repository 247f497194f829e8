import { evaluateGate } from "./core/rules/evaluate-gate.js";
import { evaluateMergeGroupVerdict } from "./core/rules/evaluate-merge-group-verdict.js";
import type { GateVerdict } from "./core/rules/gate-verdict.js";
import { createGatePort } from "./github/create-gate-port.js";
import { describeError } from "./github/github-port.js";
import { loadPullRequestFacts } from "./github/load-pull-request-facts.js";
import { publishCheckRuns, type CheckRunWrite } from "./github/publish-check-runs.js";
import { MERGE_GROUP_QUERY, nodesOf, type RawConnection, type RawMergeQueueEntry, type RawRunsCommit } from "./github/pull-request-query.js";
import { readCheckRuns } from "./github/read-check-runs.js";
import { runGraphql } from "./github/run-graphql.js";
import type { RunGateOptions } from "./run-gate.js";

/** A `merge_group` `checks_requested` event: the group's head commit and refs. */
export interface MergeGroupTarget {
  readonly owner: string;
  readonly repo: string;
  readonly headSha: string;
  /** e.g. `refs/heads/gh-readonly-queue/main/pr-12-<sha>`. */
  readonly headRef: string;
  /** e.g. `refs/heads/main`. */
  readonly baseRef: string;
}

/** The PR named in a merge group's head ref (what GitHub offers when the queue cannot be read). */
export function pullRequestFromMergeRef(headRef: string): number | null {
  const match = /\/pr-(\d+)-[0-9a-f]+$/.exec(headRef);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/**
 * The merge group a check suite belongs to, from its head branch
 * (`gh-readonly-queue/<base>/pr-<n>-<sha>`, the branch GitHub's merge queue
 * creates), so that re-running a check on a merge group commit re-evaluates
 * the group, not its PRs. null for any other branch.
 */
export function mergeGroupOfBranch(headBranch: string | null | undefined, headSha: string): Omit<MergeGroupTarget, "owner" | "repo"> | null {
  const match = /^gh-readonly-queue\/(.+)\/pr-\d+-[0-9a-f]{7,64}$/.exec(headBranch ?? "");
  if (match?.[1] === undefined) return null;
  return { headSha, headRef: `refs/heads/${headBranch ?? ""}`, baseRef: `refs/heads/${match[1]}` };
}

/**
 * `merge_group` `checks_requested`: both checks on the group's head commit,
 * `success` when every unmerged PR the group contains still passes,
 * re-evaluated from live facts; else `failure` naming the PR. The PRs come
 * from the branch's merge queue (entries up to this group's), or from the
 * group's head ref when the queue cannot be read. No config: nothing posted.
 */
export async function runMergeGroupGate(target: MergeGroupTarget, options: RunGateOptions): Promise<readonly CheckRunWrite[]> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const { port, counts } = createGatePort(options.github, {
    ...(options.etagCache === undefined ? {} : { etagCache: options.etagCache }),
    ...(options.installationId === undefined ? {} : { installationId: options.installationId }),
    retry: { log: options.log, ...options.retry },
  });
  const branch = target.baseRef.replace(/^refs\/heads\//, "");
  let numbers: number[] = [];
  let runs: ReturnType<typeof readCheckRuns> = [];
  try {
    const result = await runGraphql(port, MERGE_GROUP_QUERY, {
      owner: target.owner,
      repo: target.repo,
      branch,
      sha: target.headSha,
      appId: options.appId,
    });
    const repository = result.data?.["repository"] as {
      mergeQueue: { entries: RawConnection<RawMergeQueueEntry> | null } | null;
      head: RawRunsCommit | null;
    } | null;
    runs = readCheckRuns(repository?.head);
    const entries = nodesOf(repository?.mergeQueue?.entries).sort((a, b) => a.position - b.position);
    const ours = entries.find((e) => e.headCommit?.oid === target.headSha);
    if (ours !== undefined) {
      numbers = entries
        .filter((e) => e.position <= ours.position && e.pullRequest !== null)
        .map((e) => (e.pullRequest as { number: number }).number);
    }
  } catch (error) {
    options.log.warn(`integ-gate: could not read the merge queue of ${branch}: ${describeError(error)}`);
  }
  if (numbers.length === 0) {
    const named = pullRequestFromMergeRef(target.headRef);
    if (named !== null) numbers = [named];
  }
  if (numbers.length === 0) {
    options.log.warn(`integ-gate: merge group ${target.headSha.slice(0, 7)} names no pull request: nothing posted`);
    return [];
  }

  const entries: { number: number; verdict: GateVerdict }[] = [];
  for (const number of numbers) {
    const load = await loadPullRequestFacts(port, { owner: target.owner, repo: target.repo, number }, { appId: null });
    const verdict = evaluateGate(load.input, { frontDoor: "app" });
    if (verdict === null) {
      options.log.info(`integ-gate: ${target.owner}/${target.repo} has no .integ.yml: nothing posted on the merge group`);
      return [];
    }
    entries.push({ number, verdict });
  }
  const merged = evaluateMergeGroupVerdict(entries);
  if (merged === null) return [];
  const checks = [merged.releaseNote, merged.ownerApproval];
  const writes = await publishCheckRuns(port, { owner: target.owner, repo: target.repo, headSha: target.headSha }, checks, runs, {
    startedAt,
    pullRequests: numbers,
    log: options.log,
    ...(options.dryRun === undefined ? {} : { dryRun: options.dryRun }),
  });
  const c = counts();
  options.log.info(
    `integ-gate: merge group ${target.headSha.slice(0, 7)} (${numbers.map((n) => `#${n}`).join(", ")}): ` +
      `${checks.map((k) => `${k.name} ${k.outcome}`).join("; ")}; ${c.total} requests (${c.writeQueue} write-queue, ${c.reads} GET)`,
  );
  return writes;
}
