import { IncompleteReadError, LIST_LIMITS } from "./incomplete-read-error.js";
import type { GitHubPort } from "./github-port.js";
import { MERGE_QUEUE_QUERY, nodesOf, type RawConnection, type RawMergeQueueEntry, type RawRunsCommit } from "./pull-request-query.js";
import { readCheckRuns, type ExistingCheckRun } from "./read-check-runs.js";
import { runGraphql } from "./run-graphql.js";

/** What the merge queue of a branch says about one commit. */
export interface MergeQueueRead {
  /**
   * The PRs of the merge group whose head is the commit (queue entries up to
   * and including its own), or null when the queue lists no such group: then
   * the commit is no merge-group commit, whatever its branch is called.
   */
  readonly pullRequests: readonly number[] | null;
  /** (App) our check runs on the commit, read in the same query. */
  readonly checkRuns: readonly ExistingCheckRun[] | null;
}

/**
 * Reads a branch's merge queue whole (GraphQL `Repository.mergeQueue(branch)
 * .entries`, every page up to LIST_LIMITS.mergeQueueEntries) and finds the
 * group whose head commit is `headSha` (docs/checks.md, "Merge queue"). A
 * failed or partial read throws: a merge group is never judged as one PR.
 */
export async function fetchMergeQueue(
  port: GitHubPort,
  target: { readonly owner: string; readonly repo: string; readonly branch: string; readonly headSha: string },
  appId: number | null,
): Promise<MergeQueueRead> {
  const entries: RawMergeQueueEntry[] = [];
  let after: string | null = null;
  let checkRuns: readonly ExistingCheckRun[] | null = null;
  for (let page = 0; ; page += 1) {
    const result = await runGraphql(port, MERGE_QUEUE_QUERY, {
      owner: target.owner,
      repo: target.repo,
      branch: target.branch,
      after,
      sha: target.headSha,
      appId,
      withRuns: appId !== null && page === 0,
    });
    if (result.errors.length > 0) throw new Error(result.errors[0]?.message ?? "GraphQL error");
    const repository = result.data?.["repository"] as {
      readonly mergeQueue: { readonly entries: RawConnection<RawMergeQueueEntry> | null } | null;
      readonly head?: RawRunsCommit | null;
    } | null;
    if (page === 0 && appId !== null) checkRuns = readCheckRuns(repository?.head);
    const connection = repository?.mergeQueue?.entries;
    entries.push(...nodesOf(connection));
    const total = connection?.totalCount ?? null;
    if (connection?.pageInfo?.hasNextPage !== true) {
      if (total !== null && entries.length < total) throw new IncompleteReadError(`merge-queue entries of ${target.branch}`, entries.length, total, "GitHub gave fewer entries than it counts");
      break;
    }
    if (entries.length >= LIST_LIMITS.mergeQueueEntries) {
      throw new IncompleteReadError(`merge-queue entries of ${target.branch}`, entries.length, total, `integ-gate reads at most ${LIST_LIMITS.mergeQueueEntries.toLocaleString("en-US")}`);
    }
    after = connection.pageInfo.endCursor ?? null;
    if (after === null) throw new IncompleteReadError(`merge-queue entries of ${target.branch}`, entries.length, total, "GitHub gave no cursor for the next page");
  }
  const sorted = entries.sort((a, b) => a.position - b.position);
  const ours = sorted.find((e) => e.headCommit?.oid === target.headSha);
  if (ours === undefined) return { pullRequests: null, checkRuns };
  const pullRequests = sorted
    .filter((e) => e.position <= ours.position && e.pullRequest !== null)
    .map((e) => (e.pullRequest as { number: number }).number);
  return { pullRequests, checkRuns };
}
