import type { ChangedFile } from "../core/facts/pull-request-facts.js";
import type { GitHubPort } from "./github-port.js";
import { IncompleteReadError } from "./incomplete-read-error.js";

/** GitHub lists at most 3,000 files of a pull request. */
export const FILE_LIST_LIMIT = 3_000;
const PER_PAGE = 100;

const STATUSES: ReadonlySet<string> = new Set(["added", "modified", "removed", "renamed", "copied", "changed", "unchanged"]);

interface RestFile {
  readonly filename: string;
  readonly status: string;
  readonly previous_filename?: string;
}

function toChangedFile(file: RestFile): ChangedFile {
  const status = (STATUSES.has(file.status) ? file.status : "modified") as ChangedFile["status"];
  return {
    path: file.filename,
    status,
    ...(file.previous_filename === undefined ? {} : { previousPath: file.previous_filename }),
  };
}

/**
 * The PR's changed files through REST (`GET /pulls/{n}/files`), which, unlike
 * GraphQL, gives a renamed file's previous path. Used only when a rename is
 * listed or the PR has more than 100 files: the pages are GETs, sent in
 * parallel, outside the installation's write queue. At most 3,000 files.
 */
export async function fetchChangedFiles(
  port: GitHubPort,
  target: { readonly owner: string; readonly repo: string; readonly number: number },
  totalFiles: number,
): Promise<ChangedFile[]> {
  const pages = Math.max(1, Math.ceil(Math.min(totalFiles, FILE_LIST_LIMIT) / PER_PAGE));
  const answers = await Promise.all(
    Array.from({ length: pages }, (_, index) =>
      port.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", {
        owner: target.owner,
        repo: target.repo,
        pull_number: target.number,
        per_page: PER_PAGE,
        page: index + 1,
      }),
    ),
  );
  const files: ChangedFile[] = [];
  for (const answer of answers) {
    if (Array.isArray(answer.data)) for (const file of answer.data as RestFile[]) files.push(toChangedFile(file));
  }
  // Every file GitHub counts (up to its 3,000) or none: a verdict on part of the list could miss a system.
  const expected = Math.min(totalFiles, FILE_LIST_LIMIT);
  if (files.length < expected) throw new IncompleteReadError("changed files", files.length, totalFiles, "GitHub listed fewer files than the pull request counts");
  return files.slice(0, FILE_LIST_LIMIT);
}

/**
 * The files one commit touched (`GET /commits/{sha}`, first page: up to 300
 * files). undefined when the list may be incomplete. Commits never change,
 * so callers may keep the answer.
 */
export async function fetchCommitFiles(
  port: GitHubPort,
  target: { readonly owner: string; readonly repo: string },
  sha: string,
): Promise<readonly string[] | undefined> {
  const answer = await port.request("GET /repos/{owner}/{repo}/commits/{ref}", { owner: target.owner, repo: target.repo, ref: sha });
  const files = (answer.data as { files?: { filename: string; previous_filename?: string }[] }).files;
  if (!Array.isArray(files) || files.length >= 300) return undefined;
  return files.flatMap((f) => (f.previous_filename === undefined ? [f.filename] : [f.filename, f.previous_filename]));
}
