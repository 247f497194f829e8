import type { DepartmentDigest, Digest } from "../core/digest/digest-model.js";
import { utcDay } from "../core/digest/format-period.js";
import { renderDepartmentMarkdown } from "../core/digest/render-digest-markdown.js";
import { describeError, type GitHubPort } from "./github-port.js";

/** The label of the digest issues. */
export const DIGEST_LABEL = "integ-gate/digest";
/** GitHub refuses issue bodies over 65,536 characters. */
export const ISSUE_BODY_LIMIT = 65_536;

/** The issue's body: the department's digest, or, when that is too long for an issue, its list of changes with links. */
export function renderDigestIssueBody(digest: Digest, department: DepartmentDigest, marker: string, mention: boolean): string {
  const full = `${marker}\n${renderDepartmentMarkdown(digest, department, mention ? { mention: department.signoff } : {})}`;
  if ([...full].length <= ISSUE_BODY_LIMIT) return full;
  const lines = [
    marker,
    `# What changed for ${department.department}, ${digest.window.label}`,
    "",
    ...(mention && department.signoff.length > 0 ? [`For ${department.signoff.join(", ")}.`, ""] : []),
    `This digest is too long for an issue: the full text is in the files of the workflow run that wrote it (${department.department}.md, ${department.department}.html). The changes, oldest first:`,
    "",
    ...department.changes.map((c) => `- [#${c.number}](${c.url}) ${c.noteTitle.replace(/[\r\n]+/gu, " ").slice(0, 200)}${c.status === "note" ? "" : ` (${c.statusText})`}`),
  ];
  let body = `${lines.join("\n")}\n`;
  if ([...body].length > ISSUE_BODY_LIMIT) body = `${[...body].slice(0, ISSUE_BODY_LIMIT - 2).join("")}…\n`;
  return body;
}

/** Digest issues listed at most (100 per page): a repository with more fails closed rather than opening a duplicate. */
const MAX_PAGES = 20;

/** The hidden marker that names a digest issue's department and period (UTC days). */
export function digestIssueMarker(digest: Digest, department: string): string {
  return `<!-- integ-gate:digest department=${encodeURIComponent(department)} period=${utcDay(digest.window.since)}..${utcDay(digest.window.until)} -->`;
}

/** What happened to one department's issue. */
export interface DigestIssueWrite {
  readonly department: string;
  readonly result: "created" | "updated" | "unchanged" | "dry-run" | "failed";
  readonly number: number | null;
  readonly detail?: string;
}

export interface PublishDigestIssuesOptions {
  /** The account the token writes as (GraphQL `viewer`): only its own issues are adopted. */
  readonly ownLogin: string;
  /** Mention each department's `signoff` people (`digest.mention`). */
  readonly mention: boolean;
  readonly dryRun?: boolean;
}

interface ListedIssue {
  readonly number: number;
  readonly body?: string | null;
  readonly title?: string;
  readonly user?: { readonly login?: string } | null;
  readonly pull_request?: unknown;
}

/**
 * `digest.issue: true`: one issue per department and period, labelled
 * `integ-gate/digest`. An issue is ours when its body starts with the
 * department's and period's marker AND it was opened by our own account;
 * a re-run of the same period updates it (only when its text changes) and
 * never opens a second one. Listing the label's issues must succeed whole,
 * else nothing is written. Each department's write may fail alone.
 */
export async function publishDigestIssues(
  port: GitHubPort,
  target: { readonly owner: string; readonly repo: string },
  digest: Digest,
  options: PublishDigestIssuesOptions,
): Promise<DigestIssueWrite[]> {
  const listed: ListedIssue[] = [];
  for (let page = 1; ; page += 1) {
    if (page > MAX_PAGES) throw new Error(`more than ${MAX_PAGES * 100} issues carry the label ${DIGEST_LABEL}: close or relabel old ones`);
    const answer = await port.request("GET /repos/{owner}/{repo}/issues", {
      owner: target.owner,
      repo: target.repo,
      labels: DIGEST_LABEL,
      state: "all",
      per_page: 100,
      page,
    });
    const items = Array.isArray(answer.data) ? (answer.data as ListedIssue[]) : [];
    listed.push(...items.filter((i) => i.pull_request === undefined));
    if (items.length < 100) break;
  }
  const own = options.ownLogin.toLowerCase();
  const writes: DigestIssueWrite[] = [];
  for (const department of digest.departments) {
    const marker = digestIssueMarker(digest, department.department);
    const title = `What changed for ${department.department}, ${digest.window.label}`;
    const body = renderDigestIssueBody(digest, department, marker, options.mention);
    const found = listed.find((i) => typeof i.body === "string" && i.body.startsWith(marker) && (i.user?.login ?? "").toLowerCase() === own) ?? null;
    writes.push(await writeOne(port, target, department, found, title, body, options.dryRun === true));
  }
  return writes;
}

async function writeOne(
  port: GitHubPort,
  target: { readonly owner: string; readonly repo: string },
  department: DepartmentDigest,
  found: ListedIssue | null,
  title: string,
  body: string,
  dryRun: boolean,
): Promise<DigestIssueWrite> {
  const name = department.department;
  if (found !== null && found.body === body && found.title === title) return { department: name, result: "unchanged", number: found.number };
  if (dryRun) return { department: name, result: "dry-run", number: found?.number ?? null };
  try {
    if (found === null) {
      const answer = await port.request("POST /repos/{owner}/{repo}/issues", { owner: target.owner, repo: target.repo, title, body, labels: [DIGEST_LABEL] });
      return { department: name, result: "created", number: (answer.data as { number?: number }).number ?? null };
    }
    await port.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { owner: target.owner, repo: target.repo, issue_number: found.number, title, body });
    return { department: name, result: "updated", number: found.number };
  } catch (error) {
    return { department: name, result: "failed", number: found?.number ?? null, detail: describeError(error) };
  }
}
