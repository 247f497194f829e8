/**
 * The digest of merged release notes (docs/digest.md): what goes in (facts
 * read from GitHub), and what each department receives. Plain data; built
 * by `buildDigest`, rendered by the `render-digest-*` modules.
 */
import type { IntegConfig } from "../config/integ-config.js";
import type { PullRequestFacts } from "../facts/pull-request-facts.js";

/** The version of the digest's JSON shape (docs/digest.md "JSON"). */
export const DIGEST_SCHEMA = "integ-gate/digest@1";

/** The `.integ.yml` of the default branch at a merge commit. */
export type ConfigAtMerge =
  | { readonly kind: "valid"; readonly config: IntegConfig }
  | { readonly kind: "missing" }
  /** Present but invalid or unreadable: the impact cannot be computed. */
  | { readonly kind: "invalid"; readonly problem: string };

/** One pull request merged into the default branch in the window, as read from GitHub. */
export interface MergedPullRequest {
  /**
   * The facts the gate's rules read. `headSha` is the merge commit and
   * `noteFiles` were read at it, so the note is the one that was merged.
   */
  readonly facts: PullRequestFacts;
  readonly url: string;
  /** ISO 8601. */
  readonly mergedAt: string;
  readonly mergeCommitSha: string;
  readonly config: ConfigAtMerge;
  /** Note paths whose read failed at the merge commit, with the reason. */
  readonly unreadableNotes: Readonly<Record<string, string>>;
}

/** What `buildDigest` needs. */
export interface DigestInput {
  readonly owner: string;
  readonly repo: string;
  /** The web host, `https://github.com` or a GitHub Enterprise host. */
  readonly serverUrl: string;
  readonly defaultBranch: string;
  /** The window `[since, until)`, ISO 8601. */
  readonly since: string;
  readonly until: string;
  /** ISO 8601. */
  readonly generatedAt: string;
  readonly pullRequests: readonly MergedPullRequest[];
  /** Departments asked for by name (`--department`): they get a digest even when nothing changed. */
  readonly requestedDepartments: readonly string[];
  /** The departments of the default branch's current `.integ.yml` (aliases and signoff), when it could be read. */
  readonly currentConfig: IntegConfig | null;
}

/** A part of the note in its own words: markdown sliced from the note, with the heading it sits under. */
export interface NoteExcerpt {
  /** The heading of the part, as written (null: a paragraph without its own heading). */
  readonly heading: string | null;
  /** The note's markdown, unchanged except for heading levels. */
  readonly markdown: string;
}

/** Where the note is. */
export type DigestNoteRef =
  | { readonly kind: "in-repo"; readonly path: string; readonly url: string }
  | { readonly kind: "inline"; readonly heading: string; readonly url: string }
  | { readonly kind: "external"; readonly url: string; readonly host: string };

/** How the change was merged, as far as its note goes. */
export type ChangeStatus =
  /** With a valid release note. */
  | "note"
  /** Through the override label, by an allowed person. */
  | "override"
  /** Without any valid note. */
  | "no-note"
  /** A note was linked but could not be read at the merge commit. */
  | "unreadable-note";

/** One merged integration change. */
export interface DigestChange {
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly mergedAt: string;
  readonly mergeCommitSha: string;
  readonly author: string | null;
  /** Eligible approvers (docs/checks.md#who-counts-as-an-approver) whose latest review approved. */
  readonly approvedBy: readonly string[];
  readonly status: ChangeStatus;
  /** One sentence for a person: "merged by override: no approved release note". */
  readonly statusText: string;
  readonly override: { readonly by: string; readonly at: string } | null;
  readonly note: DigestNoteRef | null;
  /** The note's own title (its first heading), else the PR title. */
  readonly noteTitle: string;
  /** Why there is no note text (status no-note or unreadable-note), null otherwise. */
  readonly problem: string | null;
  /** Impacted systems and departments (config order). */
  readonly systems: readonly string[];
  readonly departments: readonly string[];
  /** Per impacted department: the parts of the note that concern it. */
  readonly parts: Readonly<Record<string, DepartmentParts>>;
}

/** The note's words for one department. */
export interface DepartmentParts {
  /** "named": headings or paragraphs that name the department; "section": the whole "What changes for you"; "whole-note"; "none" (no note text). */
  readonly match: "named" | "section" | "whole-note" | "none";
  readonly concerns: readonly NoteExcerpt[];
  /** "What you need to do", "Who to ask" (the config's later sections), when the note has them. */
  readonly followUps: readonly NoteExcerpt[];
}

/** What one department receives. */
export interface DepartmentDigest {
  readonly department: string;
  readonly aliases: readonly string[];
  /** `signoff` entries as written (`@dana-sales`, `@acme/finance-leads`). */
  readonly signoff: readonly string[];
  /** Newest last. */
  readonly changes: readonly DigestChange[];
}

/** A merged PR the digest could not judge (its `.integ.yml` at the merge commit was invalid). */
export interface UnjudgedMerge {
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly mergedAt: string;
  readonly problem: string;
}

/** The whole digest of one window. */
export interface Digest {
  readonly schema: typeof DIGEST_SCHEMA;
  readonly repository: { readonly owner: string; readonly repo: string; readonly url: string; readonly defaultBranch: string };
  readonly window: { readonly since: string; readonly until: string; readonly label: string };
  readonly generatedAt: string;
  /** Every merged integration change, oldest first. */
  readonly changes: readonly DigestChange[];
  /** One per impacted department (config order), plus departments asked for by name. */
  readonly departments: readonly DepartmentDigest[];
  /** Merged PRs that were not integration PRs (left out), and merges the digest could not judge. */
  readonly leftOut: { readonly notIntegration: number; readonly unjudged: readonly UnjudgedMerge[] };
  /** Departments asked for by name that the config does not define. */
  readonly unknownDepartments: readonly string[];
  /** Teams of `.integ.yml` the token could not read (`@org/slug`): approvals through them are not listed. */
  readonly unreadableTeams: readonly string[];
}
