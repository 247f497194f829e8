import type { GitHubPort } from "./github-port.js";

/**
 * Whether a user may write to the repository, asked of the API (`GET
 * collaborators/{user}/permission`), never taken from a comment's
 * `author_association`. false when the answer says otherwise or the read fails.
 */
export async function fetchWriteAccess(
  port: GitHubPort,
  repository: { readonly owner: string; readonly repo: string },
  login: string,
): Promise<boolean> {
  try {
    const answer = await port.request("GET /repos/{owner}/{repo}/collaborators/{username}/permission", {
      owner: repository.owner,
      repo: repository.repo,
      username: login,
    });
    const data = answer.data as { permission?: string; role_name?: string };
    return ["admin", "write", "maintain"].includes(data.permission ?? "") || ["admin", "maintain", "write"].includes(data.role_name ?? "");
  } catch {
    return false;
  }
}
