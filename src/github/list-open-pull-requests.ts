import type { GitHubPort } from "./github-port.js";
import { IncompleteReadError, LIST_LIMITS } from "./incomplete-read-error.js";

/** An open PR: its number and head commit. */
export interface OpenPullRequest {
  readonly number: number;
  readonly headSha: string;
}

const PER_PAGE = 100;

/**
 * The repository's open pull requests (REST GETs, not write-queued; with the
 * ETag cache a repeated listing costs a 304), every page: a PR left off could
 * be the one a re-run is for. More than LIST_LIMITS.openPullRequests is an
 * IncompleteReadError.
 */
export async function listOpenPullRequests(port: GitHubPort, repository: { readonly owner: string; readonly repo: string }): Promise<OpenPullRequest[]> {
  const open: OpenPullRequest[] = [];
  const maxPages = LIST_LIMITS.openPullRequests / PER_PAGE;
  for (let page = 1; ; page += 1) {
    if (page > maxPages) throw new IncompleteReadError("open pull requests", open.length, null, `integ-gate reads at most ${LIST_LIMITS.openPullRequests.toLocaleString("en-US")}`);
    const answer = await port.request("GET /repos/{owner}/{repo}/pulls", {
      owner: repository.owner,
      repo: repository.repo,
      state: "open",
      per_page: PER_PAGE,
      page,
    });
    const pulls = Array.isArray(answer.data) ? (answer.data as { number: number; head?: { sha?: string } }[]) : [];
    for (const pull of pulls) open.push({ number: pull.number, headSha: pull.head?.sha ?? "" });
    if (pulls.length < PER_PAGE) break;
  }
  return open;
}
