/**
 * Everything the rules know about one pull request. The GitHub readers
 * (`src/github/load-pull-request-facts.ts`) fill it in; the rules only read it.
 * No I/O happens behind this interface: it is plain data.
 *
 * Logins are as GitHub spells them; the rules compare them case-insensitively.
 */

/** A git identity as GitHub resolved it. `login` is null when GitHub could not map it to an account. */
export interface GitIdentity {
  readonly login: string | null;
  readonly name: string | null;
  readonly email: string | null;
}

export interface ChangedFile {
  /** Path at head. */
  readonly path: string;
  /** Path at base when the file was renamed (or copied). */
  readonly previousPath?: string;
  readonly status: "added" | "modified" | "removed" | "renamed" | "copied" | "changed" | "unchanged";
}

export interface CommitFacts {
  readonly sha: string;
  readonly message: string;
  /**
   * The author and every `Co-authored-by` co-author, as GitHub resolved them
   * (GraphQL `Commit.authors`). The first entry is the git author.
   */
  readonly authors: readonly GitIdentity[];
  readonly committer: GitIdentity;
  readonly parentShas: readonly string[];
  /**
   * Files this commit touched, when they were read (the loader reads them only
   * for commits whose author could otherwise approve). `undefined`: not read.
   */
  readonly files?: readonly string[];
}

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "DISMISSED" | "COMMENTED" | "PENDING";

export interface ReviewFacts {
  readonly id: string;
  /** null for a deleted account ("ghost"). */
  readonly author: string | null;
  readonly state: ReviewState;
  /** The commit the review was made on; null when GitHub no longer has it. */
  readonly commitSha: string | null;
  /** ISO 8601. */
  readonly submittedAt: string;
}

/** A `labeled` / `unlabeled` event from the PR's timeline, oldest first. */
export interface LabelEvent {
  readonly kind: "labeled" | "unlabeled";
  readonly label: string;
  /** null when the actor is a deleted account. */
  readonly actor: string | null;
  /** ISO 8601. */
  readonly at: string;
}

/** A file read at the PR's head commit (a release note candidate). */
export type NoteFile =
  | { readonly kind: "text"; readonly path: string; readonly blobSha: string; readonly text: string }
  | { readonly kind: "missing"; readonly path: string }
  | { readonly kind: "binary"; readonly path: string; readonly blobSha: string }
  | { readonly kind: "too-large"; readonly path: string; readonly blobSha: string; readonly byteSize: number };

/** A team named in the config, read live (child teams included). */
export type TeamFacts =
  | { readonly readable: true; readonly members: readonly string[] }
  | { readonly readable: false; readonly reason: string };

/** One version of the PR description. */
export interface DescriptionEdit {
  /** ISO 8601: when this version was written. */
  readonly editedAt: string;
  /** The whole description as of this version. */
  readonly body: string;
}

export interface PullRequestFacts {
  /** Owner and name of the base repository. */
  readonly owner: string;
  readonly repo: string;
  /** The web host's base URL, e.g. `https://github.com` or `https://ghe.example.com`. */
  readonly serverUrl: string;
  readonly number: number;
  readonly title: string;
  readonly state: "open" | "closed" | "merged";
  readonly draft: boolean;
  /** The PR author's login (null for a deleted account). */
  readonly author: string | null;
  readonly body: string;
  /** When the description was last edited (ISO 8601), null when never. */
  readonly bodyLastEditedAt: string | null;
  /**
   * The description's edit history, oldest first (GitHub's
   * `userContentEdits`; the oldest entry is the text as first written).
   * Read only when an approval that may count predates the last edit (an
   * in-repo note under `reset_on: note-change`); undefined when not read,
   * null when it could not be read whole.
   */
  readonly bodyEdits?: readonly DescriptionEdit[] | null;
  readonly headSha: string;
  readonly headRef: string;
  /** `owner/name` of the head repository (differs from the base for a fork PR); null when the fork was deleted. */
  readonly headRepoFullName: string | null;
  readonly baseRef: string;
  readonly defaultBranch: string;
  /** Current label names. */
  readonly labels: readonly string[];
  readonly labelEvents: readonly LabelEvent[];
  /** Total count of changed files GitHub reports (may exceed `files.length`). */
  readonly changedFilesCount: number;
  /** Changed files as listed by GitHub (at most 3,000). */
  readonly files: readonly ChangedFile[];
  /** Total count of commits GitHub reports (may exceed `commits.length`). */
  readonly commitsCount: number;
  /** Commits, oldest first (at most 250). */
  readonly commits: readonly CommitFacts[];
  /** Every submitted review, oldest first. */
  readonly reviews: readonly ReviewFacts[];
  /** Release-note candidate files read at the head commit, by path. */
  readonly noteFiles: Readonly<Record<string, NoteFile>>;
  /**
   * Blob sha of a note path at a reviewed commit: `noteBlobsAt[commitSha][path]`.
   * null: the path does not exist there. A missing entry: the commit could not be read.
   */
  readonly noteBlobsAt: Readonly<Record<string, Readonly<Record<string, string | null>>>>;
  /** Teams named in the config, keyed `org/slug` in lower case. */
  readonly teams: Readonly<Record<string, TeamFacts>>;
}
