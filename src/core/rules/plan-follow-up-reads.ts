import type { Identity, IntegConfig } from "../config/integ-config.js";
import type { CommitFacts, PullRequestFacts, TeamFacts } from "../facts/pull-request-facts.js";
import { listNoteCandidatePaths, noteCandidateContextOf } from "../notes/list-note-candidates.js";
import { isCertainlyNotIntegration } from "./detect-integration.js";
import { isBaseMergeCommit, isBotLogin, resolveLogin } from "./evaluate-commit-involvement.js";
import { entriesNaming, teamKey } from "./match-identity.js";
import { withCoAuthorTrailers } from "./read-co-author-trailers.js";

/**
 * How much one evaluation reads beyond the pull request itself
 * (docs/checks.md, "Limits"). Each bound can only hold a pass back: a note
 * linked after the first 20 in-repo links is not found; an approval given on
 * an older reviewed commit than the newest 20 counts as given before the note
 * changed; a reviewer's commits past the first 30 that need their files keep
 * that reviewer a developer of the change.
 */
export const READ_BOUNDS = { notePaths: 20, reviewedCommits: 20, commitFileReads: 30 } as const;

/** A team as `org` and `slug`. */
export interface TeamRef {
  readonly org: string;
  readonly slug: string;
}

/** What the second round of reads must fetch, decided from what the first round read. */
export interface FollowUpPlan {
  /** false: certainly not an integration PR (row 4); its note and most teams decide nothing. */
  readonly gated: boolean;
  /** In-repo note paths to read at the head commit, in the description's order. */
  readonly notePaths: readonly string[];
  /** Teams whose members decide something. */
  readonly teams: readonly TeamRef[];
  /** Reviewed commits at which the note paths' blobs decide whether an approval still counts. */
  readonly reviewedShas: readonly string[];
  /** Commits whose files can make a reviewer eligible (note-only commits). */
  readonly commitsNeedingFiles: readonly CommitFacts[];
  /** Whether the description's edit history decides whether an approval still counts. */
  readonly descriptionEdits: boolean;
}

/** Every team the config names, once. */
export function listConfigTeams(config: IntegConfig): TeamRef[] {
  return teamsIn([
    config.owners,
    config.approval.developers,
    ...config.systems.map((s) => s.owners),
    ...config.departments.map((d) => d.signoff),
    config.override?.allowed ?? [],
  ]);
}

function teamsIn(lists: readonly (readonly Identity[])[]): TeamRef[] {
  const seen = new Map<string, TeamRef>();
  for (const list of lists) {
    for (const entry of list) {
      if (entry.kind === "team") seen.set(`${entry.org}/${entry.slug}`.toLowerCase(), { org: entry.org, slug: entry.slug });
    }
  }
  return [...seen.values()];
}

/**
 * Whether a reviewer may count for a requirement (listed, or in a listed
 * team): true too while a listed team is not read yet, since then nobody can
 * tell.
 */
export function mayApprove(config: IntegConfig, teams: Readonly<Record<string, TeamFacts>> | null, login: string | null): boolean {
  if (login === null) return false;
  const listed = [...config.owners, ...config.systems.flatMap((s) => s.owners), ...config.departments.flatMap((d) => d.signoff)];
  const known = teams ?? {};
  if (listed.some((entry) => entry.kind === "team" && known[teamKey(entry)] === undefined)) return true;
  return entriesNaming(login, listed, known).length > 0;
}

/**
 * The PR's commits (not base merges) with an author, co-author or committer
 * who also reviewed the PR and is not its author: only for them can a
 * note-only commit make a reviewer eligible.
 */
function commitsNeedingFiles(facts: Pick<PullRequestFacts, "commits" | "reviews" | "author" | "baseRef">): CommitFacts[] {
  const author = facts.author?.toLowerCase() ?? null;
  const reviewers = new Set(facts.reviews.map((r) => r.author?.toLowerCase()).filter((l): l is string => l !== undefined && l !== author));
  if (reviewers.size === 0) return [];
  const shas = new Set(facts.commits.map((c) => c.sha));
  return facts.commits.filter((commit) => {
    if (isBaseMergeCommit(commit, facts.baseRef, shas)) return false;
    return [...withCoAuthorTrailers(commit.authors, commit.message), commit.committer].some((identity) => {
      const login = resolveLogin(identity);
      return login !== null && !isBotLogin(login) && reviewers.has(login.toLowerCase());
    });
  });
}

/**
 * Decides the second round of reads from the PR as first read (its notes,
 * teams, blobs and files not filled in yet): the rule pieces that choose
 * what is worth reading live here, in the core, so the loader only reads.
 * `knownTeams` are teams already read (null: none yet).
 */
export function planFollowUpReads(
  facts: PullRequestFacts,
  config: IntegConfig,
  options: { readonly changesConfig: boolean; readonly knownTeams: Readonly<Record<string, TeamFacts>> | null },
): FollowUpPlan {
  // Not an integration PR (row 4): its note and teams decide nothing, save the teams that may honour an override label on it (row 3).
  const gated = options.changesConfig || !isCertainlyNotIntegration(facts, config);
  if (!gated) {
    const override = config.override;
    const labelled = override !== null && facts.labels.some((l) => l.toLowerCase() === override.label.toLowerCase());
    return { gated, notePaths: [], teams: labelled ? teamsIn([override.allowed]) : [], reviewedShas: [], commitsNeedingFiles: [], descriptionEdits: false };
  }
  const notePaths = listNoteCandidatePaths(facts.body, noteCandidateContextOf(facts, config)).slice(0, READ_BOUNDS.notePaths);
  const noteChange = config.approval.resetOn === "note-change" && notePaths.length > 0;
  const mayCount = facts.reviews.filter((r) => r.state === "APPROVED" && mayApprove(config, options.knownTeams, r.author));
  // The note at a reviewed commit matters only for approvals that may count (reset_on: note-change).
  const reviewedShas = noteChange
    ? [...new Set(mayCount.map((r) => r.commitSha).filter((sha): sha is string => sha !== null && sha !== facts.headSha))].slice(-READ_BOUNDS.reviewedCommits)
    : [];
  // The description's history, only when an approval that may count predates its last edit (a swapped note link).
  const editedAt = facts.bodyLastEditedAt === null ? null : Date.parse(facts.bodyLastEditedAt);
  const descriptionEdits = noteChange && editedAt !== null && mayCount.some((r) => Date.parse(r.submittedAt) < editedAt);
  return {
    gated,
    notePaths,
    teams: listConfigTeams(config),
    reviewedShas,
    commitsNeedingFiles: commitsNeedingFiles(facts).slice(0, READ_BOUNDS.commitFileReads),
    descriptionEdits,
  };
}
