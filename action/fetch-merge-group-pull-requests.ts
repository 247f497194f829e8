import { describeError, type GitHubPort } from "../src/github/github-port.js";
import { nodesOf, type RawConnection, type RawMergeQueueEntry } from "../src/github/pull-request-query.js";
import { runGraphql } from "../src/github/run-graphql.js";
import { pullRequestFromMergeRef, type MergeGroupTarget } from "../src/run-merge-group-gate.js";

/** The merge queue of a branch (positions, PRs and their group commits). */
export const MERGE_QUEUE_QUERY = `query IntegGateActionMergeQueue($owner: String!, $repo: String!, $branch: String!) {
  repository(owner: $owner, name: $repo) {
    mergeQueue(branch: $branch) {
      entries(first: 100) { nodes { position state pullRequest { number } headCommit { oid } } }
    }
  }
}`;

/**
 * The PRs a merge group contains: the queue entries up to the one whose
 * commit is the group's head (GraphQL `Repository.mergeQueue(branch).entries`),
 * or the PR named in the group's head ref where that is all GitHub offers.
 * Empty when neither names a PR.
 */
export async function fetchMergeGroupPullRequests(
  port: GitHubPort,
  target: MergeGroupTarget,
  warn: (message: string) => void = () => undefined,
): Promise<number[]> {
  const branch = target.baseRef.replace(/^refs\/heads\//, "");
  try {
    const result = await runGraphql(port, MERGE_QUEUE_QUERY, { owner: target.owner, repo: target.repo, branch });
    const repository = result.data?.["repository"] as { mergeQueue: { entries: RawConnection<RawMergeQueueEntry> | null } | null } | null;
    const entries = nodesOf(repository?.mergeQueue?.entries).sort((a, b) => a.position - b.position);
    const ours = entries.find((e) => e.headCommit?.oid === target.headSha);
    if (ours !== undefined) {
      const numbers = entries
        .filter((e) => e.position <= ours.position && e.pullRequest !== null)
        .map((e) => (e.pullRequest as { number: number }).number);
      if (numbers.length > 0) return numbers;
    }
  } catch (error) {
    warn(`integ-gate: could not read the merge queue of ${branch}: ${describeError(error)}`);
  }
  const named = pullRequestFromMergeRef(target.headRef);
  return named === null ? [] : [named];
}
