import type { Emulator } from "../../../emulator/start-emulator.js";
import { pullJson, repoJson, reviewJson, userJson } from "../../../emulator/rest-representations.js";
import { restUrls } from "../../../emulator/rest-urls.js";

/** Event payloads as GitHub sends them to a workflow, built from the emulator's state. */
export function pullRequestEvent(emulator: Emulator, repoName: string, number: number, action: string, sender = "dev-alice"): Record<string, unknown> {
  const state = emulator.state;
  const urls = restUrls(emulator.url);
  const repo = state.requireRepo(repoName);
  const pr = state.requirePull(repoName, number);
  return {
    action,
    number,
    pull_request: pullJson(state, repo, pr, urls, true),
    repository: repoJson(state, repo, urls),
    sender: userJson(state.ensureUser(sender), urls),
  };
}

/** `pull_request_review` for the newest review of the PR. */
export function reviewEvent(emulator: Emulator, repoName: string, number: number, action = "submitted"): Record<string, unknown> {
  const state = emulator.state;
  const urls = restUrls(emulator.url);
  const repo = state.requireRepo(repoName);
  const pr = state.requirePull(repoName, number);
  const review = pr.reviews[pr.reviews.length - 1];
  if (review === undefined) throw new Error("the PR has no review");
  return {
    action,
    review: reviewJson(state, repo, pr, review, urls),
    pull_request: pullJson(state, repo, pr, urls, false),
    repository: repoJson(state, repo, urls),
    sender: userJson(state.ensureUser(review.user ?? "ghost"), urls),
  };
}

/** `merge_group` `checks_requested`. */
export function mergeGroupEvent(
  emulator: Emulator,
  repoName: string,
  group: { readonly headSha: string; readonly headRef: string; readonly baseSha: string },
  baseBranch = "main",
): Record<string, unknown> {
  const state = emulator.state;
  const urls = restUrls(emulator.url);
  return {
    action: "checks_requested",
    merge_group: {
      head_sha: group.headSha,
      head_ref: `refs/heads/${group.headRef}`,
      base_sha: group.baseSha,
      base_ref: `refs/heads/${baseBranch}`,
      head_commit: { id: group.headSha, message: "Merge queue" },
    },
    repository: repoJson(state, state.requireRepo(repoName), urls),
    sender: userJson(state.ensureUser("dev-alice"), urls),
  };
}

/** `workflow_run` `completed` of the review trigger workflow, as GitHub sends it for a PR (empty `pull_requests` for a fork). */
export function workflowRunEvent(emulator: Emulator, repoName: string, number: number): Record<string, unknown> {
  const state = emulator.state;
  const urls = restUrls(emulator.url);
  const repo = state.requireRepo(repoName);
  const pr = state.requirePull(repoName, number);
  const fromFork = pr.headRepo !== null && pr.headRepo.toLowerCase() !== repo.fullName.toLowerCase();
  const headRepo = pr.headRepo === null ? undefined : state.repo(pr.headRepo);
  return {
    action: "completed",
    workflow_run: {
      id: 777,
      name: "integ-gate review trigger",
      event: "pull_request_review",
      status: "completed",
      conclusion: "success",
      head_branch: pr.headRef,
      head_sha: pr.headSha,
      head_repository: headRepo === undefined ? null : repoJson(state, headRepo, urls),
      pull_requests: fromFork ? [] : [{ number, head: { sha: pr.headSha, ref: pr.headRef }, base: { ref: pr.baseRef } }],
    },
    repository: repoJson(state, repo, urls),
    sender: userJson(state.ensureUser("maria-ops"), urls),
  };
}
