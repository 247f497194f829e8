import type { GateVerdict } from "../core/rules/gate-verdict.js";
import { describeError, type GitHubPort } from "./github-port.js";

/** Marks integ-gate's one summary comment on a PR. */
export const COMMENT_MARKER = "<!-- integ-gate:summary -->";
/** GitHub's limit on a comment body. */
const COMMENT_LIMIT = 65_536;
const MAX_PAGES = 10;

const ICONS: Readonly<Record<string, string>> = { pass: "✅", blocked: "❌", pending: "⏳", skipped: "➖", error: "⚠️" };

/** The comment text for a verdict: both titles, then the details. */
export function renderSummaryComment(verdict: GateVerdict): string {
  const checks = [verdict.releaseNote, verdict.ownerApproval];
  const lines = [
    COMMENT_MARKER,
    "### integ-gate",
    "",
    ...checks.map((c) => `- ${ICONS[c.outcome] ?? ""} **${c.name}**: ${c.title}`),
    "",
    "<details><summary>Details</summary>",
    "",
    ...checks.flatMap((c) => [`#### ${c.name}`, "", c.summary, ""]),
    "</details>",
  ];
  const body = lines.join("\n");
  if (body.length <= COMMENT_LIMIT) return body;
  const tail = "\n\n…(cut: see the checks for the full details)\n\n</details>";
  return body.slice(0, COMMENT_LIMIT - tail.length) + tail;
}

export interface SecondaryWriteOptions {
  readonly dryRun?: boolean;
  readonly log: { info(message: string): void; warn(message: string): void };
}

/** What a secondary write did. */
export type SecondaryWrite = "created" | "updated" | "unchanged" | "requested" | "nothing to do" | "dry-run" | "failed";

/** Options of `publishSummaryComment`. */
export interface SummaryCommentOptions extends SecondaryWriteOptions {
  /**
   * The login integ-gate writes as (`<app-slug>[bot]` for the App, the
   * token's account for the Action): only a comment by this account is
   * adopted and edited, never another user's that starts with the marker.
   */
  readonly ownLogin: () => Promise<string>;
}

interface ListedComment {
  readonly id: number;
  readonly body?: string;
  readonly user?: { readonly login?: string } | null;
}

/** Whether a listed comment is integ-gate's own summary comment: its marker, written by its own account. */
export function isOwnSummaryComment(comment: ListedComment, ownLogin: string): boolean {
  return (
    typeof comment.body === "string" &&
    comment.body.startsWith(COMMENT_MARKER) &&
    typeof comment.user?.login === "string" &&
    comment.user.login.toLowerCase() === ownLogin.toLowerCase()
  );
}

/**
 * `comment: true`: keeps one summary comment on the PR up to date. Finds it
 * by its hidden marker among the comments of integ-gate's own account
 * (anyone can post a comment that starts with the marker: see
 * docs/security.md#attacks-and-the-rules-that-stop-them), edits it only
 * when the text changes, creates it when there is none. Best-effort: a
 * failure is logged and reported, never thrown.
 */
export async function publishSummaryComment(
  port: GitHubPort,
  target: { readonly owner: string; readonly repo: string; readonly number: number },
  verdict: GateVerdict,
  options: SummaryCommentOptions,
): Promise<SecondaryWrite> {
  const body = renderSummaryComment(verdict);
  try {
    const ownLogin = await options.ownLogin();
    let found: ListedComment | null = null;
    let listedWhole = false;
    for (let page = 1; page <= MAX_PAGES && found === null; page += 1) {
      const answer = await port.request("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
        owner: target.owner,
        repo: target.repo,
        issue_number: target.number,
        per_page: 100,
        page,
      });
      const comments = Array.isArray(answer.data) ? (answer.data as ListedComment[]) : [];
      found = comments.find((c) => isOwnSummaryComment(c, ownLogin)) ?? null;
      if (comments.length < 100) listedWhole = true;
      if (listedWhole) break;
    }
    if (found === null && !listedWhole) {
      // Creating one more would leave two summaries when ours is further down: fail closed.
      options.log.warn(`integ-gate: #${target.number} has more than ${MAX_PAGES * 100} comments; the summary comment was not written`);
      return "failed";
    }
    if (found !== null && found.body === body) return "unchanged";
    if (options.dryRun === true) {
      options.log.info(`dry run: would ${found === null ? "create" : "update"} the summary comment on #${target.number}`);
      return "dry-run";
    }
    if (found === null) {
      await port.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
        owner: target.owner,
        repo: target.repo,
        issue_number: target.number,
        body,
      });
      return "created";
    }
    await port.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
      owner: target.owner,
      repo: target.repo,
      comment_id: found.id,
      body,
    });
    return "updated";
  } catch (error) {
    options.log.warn(`integ-gate: could not update the summary comment on #${target.number}: ${describeError(error)}`);
    return "failed";
  }
}

