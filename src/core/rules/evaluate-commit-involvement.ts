import type { IntegConfig } from "../config/integ-config.js";
import type { CommitFacts, GitIdentity, PullRequestFacts } from "../facts/pull-request-facts.js";
import { createPathMatcher } from "../paths/create-path-matcher.js";
import { withCoAuthorTrailers } from "./read-co-author-trailers.js";

/** A commit identity GitHub could not map to an account: listed in the summary, never matched. */
export interface UnresolvedIdentity {
  readonly sha: string;
  readonly role: "author" | "co-author" | "committer";
  readonly name: string | null;
  readonly email: string | null;
}

/** A commit whose people do not count as developers of the change. */
export interface ExemptCommit {
  readonly sha: string;
  readonly reason: "base-merge" | "note-only";
}

/** Who wrote or committed the PR's commits, as far as it makes them developers. */
export interface CommitInvolvement {
  /** Lower-case login -> what they did ("author of abc1234", "co-author of def5678"). */
  readonly byLogin: ReadonlyMap<string, readonly string[]>;
  readonly unresolved: readonly UnresolvedIdentity[];
  readonly exempt: readonly ExemptCommit[];
}

const NOREPLY = /^(?:\d+\+)?([A-Z0-9][A-Z0-9-]{0,38}(?:\[bot\])?)@users\.noreply\.github\.com$/i;

/**
 * The login of a commit identity: GitHub's own mapping, else the login in a
 * `ID+login@users.noreply.github.com` (or `login@users.noreply.github.com`)
 * address. null when neither gives one.
 */
export function resolveLogin(identity: GitIdentity): string | null {
  if (identity.login !== null && identity.login !== "") return identity.login;
  const match = identity.email === null ? null : NOREPLY.exec(identity.email.trim());
  return match?.[1] ?? null;
}

/** `[bot]` accounts never count as developers. */
export function isBotLogin(login: string): boolean {
  return login.toLowerCase().endsWith("[bot]");
}

/** GitHub's web-flow committer (commits made in the web UI, "Update branch", squash merges). */
function isWebFlow(identity: GitIdentity): boolean {
  if (identity.login !== null) return identity.login.toLowerCase() === "web-flow";
  return identity.email?.toLowerCase() === "noreply@github.com";
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A merge commit that brings the base branch in ("Update branch", or
 * `git merge main` / `git pull origin main` on the PR branch). All of:
 * - it has two or more parents;
 * - every parent but the first is not a commit of this PR, so it is already
 *   on the base branch (the PR's commit list holds only commits the base lacks);
 * - its first line is git's or GitHub's merge message for the base branch:
 *   `Merge branch '<base>'` or `Merge remote-tracking branch '<remote>/<base>'`,
 *   optionally followed by ` of <url>` and ` into <branch>`.
 */
export function isBaseMergeCommit(commit: CommitFacts, baseRef: string, prCommitShas: ReadonlySet<string>): boolean {
  if (commit.parentShas.length < 2) return false;
  if (commit.parentShas.slice(1).some((sha) => prCommitShas.has(sha))) return false;
  const base = escapeRegExp(baseRef);
  const firstLine = commit.message.split(/\r?\n/, 1)[0]?.trim() ?? "";
  const pattern = new RegExp(
    `^Merge (?:branch '${base}'|remote-tracking branch '[^'/]+/${base}')(?: of \\S+)?(?: into \\S+)?$`,
  );
  return pattern.test(firstLine);
}

/**
 * Who counts as a developer of the PR through its commits: authors,
 * co-authors and committers, except the web-flow committer, `[bot]`
 * accounts, merge commits that bring the base in, and commits whose files
 * are known and all under `release_note.paths`. A commit whose files were not
 * read counts against its people.
 */
export function evaluateCommitInvolvement(facts: PullRequestFacts, config: IntegConfig): CommitInvolvement {
  const byLogin = new Map<string, string[]>();
  const unresolved: UnresolvedIdentity[] = [];
  const exempt: ExemptCommit[] = [];
  const prShas = new Set(facts.commits.map((c) => c.sha));
  const isNotePath = createPathMatcher(config.releaseNote.paths);

  const note = (identity: GitIdentity, role: UnresolvedIdentity["role"], sha: string): void => {
    const login = resolveLogin(identity);
    if (login === null) {
      const seen = unresolved.some((u) => u.sha === sha && u.email === identity.email && u.name === identity.name);
      if (!seen) unresolved.push({ sha, role, name: identity.name, email: identity.email });
      return;
    }
    if (isBotLogin(login)) return;
    const key = login.toLowerCase();
    const roles = byLogin.get(key) ?? [];
    const short = sha.slice(0, 7);
    const text = `${role} of commit ${short}`;
    const already = roles.some((r) => r.endsWith(` of commit ${short}`));
    if (!already) roles.push(text);
    byLogin.set(key, roles);
  };

  for (const commit of facts.commits) {
    if (isBaseMergeCommit(commit, facts.baseRef, prShas)) {
      exempt.push({ sha: commit.sha, reason: "base-merge" });
      continue;
    }
    if (commit.files !== undefined && commit.files.length > 0 && commit.files.every(isNotePath)) {
      exempt.push({ sha: commit.sha, reason: "note-only" });
      continue;
    }
    withCoAuthorTrailers(commit.authors, commit.message).forEach((identity, index) =>
      note(identity, index === 0 ? "author" : "co-author", commit.sha),
    );
    if (!isWebFlow(commit.committer)) note(commit.committer, "committer", commit.sha);
  }
  return { byLogin, unresolved, exempt };
}
