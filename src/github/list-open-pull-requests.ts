import type { GitHubPort } from "./github-port.js";

/** An open PR: its number and head commit. */
export interface OpenPullRequest {
  readonly number: number;
  readonly headSha: string;
}

const MAX_PAGES = 20;

/**
 * The repository's open pull requests (REST GETs, not write-queued; with the
 * ETag cache a repeated listing costs a 304). At most 2,000.
 */
export async function listOpenPullRequests(port: GitHubPort, repository: { readonly owner: string; readonly repo: string }): Promise<OpenPullRequest[]> {
  const open: OpenPullRequest[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const answer = await port.request("GET /repos/{owner}/{repo}/pulls", {
      owner: repository.owner,
      repo: repository.repo,
      state: "open",
      per_page: 100,
      page,
    });
    const pulls = Array.isArray(answer.data) ? (answer.data as { number: number; head?: { sha?: string } }[]) : [];
    for (const pull of pulls) open.push({ number: pull.number, headSha: pull.head?.sha ?? "" });
    if (pulls.length < 100) break;
  }
  return open;
}
