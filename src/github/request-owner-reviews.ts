import type { GateVerdict } from "../core/rules/gate-verdict.js";
import { describeError, type GitHubPort } from "./github-port.js";
import type { SecondaryWrite, SecondaryWriteOptions } from "./publish-summary-comment.js";

/**
 * `approval.request_reviews: true`: asks the awaited owners for a review,
 * once: nobody whose review was ever requested on this PR is asked again,
 * and nothing is asked while the note is not valid. Teams outside the
 * repository's organisation cannot be requested and are left out.
 * Best-effort, like the comment.
 */
export async function requestOwnerReviews(
  port: GitHubPort,
  target: { readonly owner: string; readonly repo: string; readonly number: number },
  verdict: GateVerdict,
  already: { readonly requested: ReadonlySet<string>; readonly author: string | null },
  options: SecondaryWriteOptions,
): Promise<SecondaryWrite> {
  if (!verdict.noteValid) return "nothing to do";
  const author = already.author?.toLowerCase() ?? null;
  const users = verdict.reviewRequests.users.filter((u) => {
    const key = u.replace(/^@/, "").toLowerCase();
    return key !== author && !already.requested.has(key);
  });
  const teams = verdict.reviewRequests.teams
    .map((t) => t.replace(/^@/, ""))
    .filter((t) => {
      const [org, slug] = t.split("/");
      return org !== undefined && slug !== undefined && org.toLowerCase() === target.owner.toLowerCase() && !already.requested.has(t.toLowerCase());
    })
    .map((t) => t.split("/")[1] as string);
  if (users.length === 0 && teams.length === 0) return "nothing to do";
  if (options.dryRun === true) {
    options.log.info(`dry run: would request reviews on #${target.number} from ${[...users, ...teams].join(", ")}`);
    return "dry-run";
  }
  try {
    await port.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", {
      owner: target.owner,
      repo: target.repo,
      pull_number: target.number,
      reviewers: users.map((u) => u.replace(/^@/, "")),
      team_reviewers: teams,
    });
    return "requested";
  } catch (error) {
    options.log.warn(`integ-gate: could not request reviews on #${target.number}: ${describeError(error)}`);
    return "failed";
  }
}
