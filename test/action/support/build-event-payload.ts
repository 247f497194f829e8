import type { Emulator } from "../../../emulator/start-emulator.js";
import { mergeGroupPayload, pullRequestPayload, pullRequestReviewPayload } from "../../../emulator/webhook-payloads.js";
import { repoJson, userJson } from "../../../emulator/rest-representations.js";
import { restUrls } from "../../../emulator/rest-urls.js";

/**
 * Event payloads as GitHub writes them to GITHUB_EVENT_PATH: the webhook
 * payload of the event (the emulator's builders, filled from its state),
 * without the App's `installation` field.
 */
function forWorkflow(payload: Record<string, unknown>): Record<string, unknown> {
  const { installation: _installation, ...rest } = payload;
  return rest;
}

/** `pull_request` / `pull_request_target` (same payload). */
export function pullRequestEvent(emulator: Emulator, repoName: string, number: number, action: "opened" | "synchronize" | "edited" | "reopened"): Record<string, unknown> {
  return forWorkflow(pullRequestPayload(emulator, { repo: repoName, number, action }));
}

/** `pull_request_review` for the newest review of the PR. */
export function reviewEvent(emulator: Emulator, repoName: string, number: number, action: "submitted" | "edited" | "dismissed" = "submitted"): Record<string, unknown> {
  const pr = emulator.state.requirePull(repoName, number);
  const review = pr.reviews[pr.reviews.length - 1];
  if (review === undefined) throw new Error("the PR has no review");
  return forWorkflow(pullRequestReviewPayload(emulator, { repo: repoName, number, reviewId: review.id, action }));
}

/** `merge_group` `checks_requested`. */
export function mergeGroupEvent(
  emulator: Emulator,
  repoName: string,
  group: { readonly headSha: string; readonly headRef: string; readonly baseSha: string },
  baseBranch = "main",
): Record<string, unknown> {
  return forWorkflow(mergeGroupPayload(emulator, { repo: repoName, ...group, baseBranch }));
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
