import type {
  ChangedFile,
  CommitFacts,
  GitIdentity,
  NoteFile,
  PullRequestFacts,
  ReviewFacts,
} from "../../src/core/facts/pull-request-facts.js";

/**
 * Test helper: a complete, plausible `PullRequestFacts` with every field
 * filled, overridden by whatever the test passes. Keep it generic: any test
 * (rules, notes, report) may use it.
 *
 * Defaults: PR #42 in acme/integrations on github.com by @dev-alice, head
 * sha `h`×40, no files, no commits, no reviews, no labels, no note files.
 */
export function buildFacts(overrides: Partial<PullRequestFacts> = {}): PullRequestFacts {
  const base: PullRequestFacts = {
    owner: "acme",
    repo: "integrations",
    serverUrl: "https://github.com",
    number: 42,
    title: "Send product ids from ERP to CRM",
    state: "open",
    draft: false,
    author: "dev-alice",
    body: "",
    bodyLastEditedAt: null,
    headSha: HEAD_SHA,
    headRef: "feature/product-id",
    headRepoFullName: "acme/integrations",
    baseRef: "main",
    defaultBranch: "main",
    labels: [],
    labelEvents: [],
    changedFilesCount: overrides.files?.length ?? 0,
    files: [],
    commitsCount: overrides.commits?.length ?? 0,
    commits: [],
    reviews: [],
    noteFiles: {},
    noteBlobsAt: {},
    teams: {},
  };
  return { ...base, ...overrides };
}

/** The default head commit sha of `buildFacts`. */
export const HEAD_SHA = "h".repeat(40);

/** A git identity resolved to a login (or unresolved when login is null). */
export function identityOf(login: string | null, email?: string): GitIdentity {
  return { login, name: login, email: email ?? (login === null ? "unknown@example.com" : `${login}@example.com`) };
}

/** A changed file (status "modified" unless given). */
export function changedFile(path: string, status: ChangedFile["status"] = "modified", previousPath?: string): ChangedFile {
  return previousPath === undefined ? { path, status } : { path, status, previousPath };
}

/** A commit by `author` (login), committed by the same login unless given. */
export function commit(sha: string, author: string | null, extra: Partial<CommitFacts> = {}): CommitFacts {
  return {
    sha,
    message: `commit ${sha}`,
    authors: [identityOf(author)],
    committer: identityOf(author),
    parentShas: [],
    ...extra,
  };
}

/** A review; `commitSha` defaults to the default head sha. */
export function review(
  author: string | null,
  state: ReviewFacts["state"],
  extra: Partial<ReviewFacts> = {},
): ReviewFacts {
  return {
    id: `r-${author ?? "ghost"}-${state}-${extra.submittedAt ?? "2024-01-01T10:00:00Z"}`,
    author,
    state,
    commitSha: HEAD_SHA,
    submittedAt: "2024-01-01T10:00:00Z",
    ...extra,
  };
}

/** A text note file read at head, keyed by its path (spread into `noteFiles`). */
export function textNote(path: string, text: string, blobSha = `blob-${path}`): Record<string, NoteFile> {
  return { [path]: { kind: "text", path, blobSha, text } };
}

/** A note path that does not exist at head. */
export function missingNote(path: string): Record<string, NoteFile> {
  return { [path]: { kind: "missing", path } };
}
