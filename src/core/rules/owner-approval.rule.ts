import type { Identity, IntegConfig, ResetOn } from "../config/integ-config.js";
import type { PullRequestFacts, ReviewFacts, ReviewState } from "../facts/pull-request-facts.js";
import { listNoteCandidatePaths, noteCandidateContextOf } from "../notes/list-note-candidates.js";
import type { ReleaseNoteResult } from "../notes/release-note-result.js";
import {
  evaluateCommitInvolvement,
  type ExemptCommit,
  type UnresolvedIdentity,
} from "./evaluate-commit-involvement.js";
import type { Impact } from "./evaluate-impact.js";
import type { Outcome } from "./gate-verdict.js";
import { entriesNaming, listMembers, type UnreadableTeam } from "./match-identity.js";

/** One approval requirement (docs/checks.md#who-counts-as-an-approver). */
export interface RequirementResult {
  /** `owners`, `system:<name>` or `department:<name>`. */
  readonly id: string;
  readonly kind: "owners" | "system" | "department";
  /** The system or department name; null for `owners`. */
  readonly subject: string | null;
  /** Who may meet it, as written in the config. */
  readonly listed: readonly Identity[];
  readonly needed: number;
  /** Reviewers (as GitHub spells them) whose approval counts toward it. */
  readonly approvedBy: readonly string[];
  readonly met: boolean;
  /** How many eligible people could meet it, counting only teams that could be read. */
  readonly eligibleCount: number;
  /** Teams of `listed` that could not be read and were left out. */
  readonly unreadableTeams: readonly UnreadableTeam[];
  /** Fewer eligible people than needed. */
  readonly cannotBeMet: boolean;
}

/** What integ-gate made of one reviewer. */
export interface ReviewerResult {
  readonly login: string;
  /** Latest APPROVED / CHANGES_REQUESTED / DISMISSED review; null when they only commented. */
  readonly state: Exclude<ReviewState, "COMMENTED" | "PENDING"> | null;
  /** When that review (or, with state null, their latest comment) was submitted. */
  readonly submittedAt: string;
  readonly commitSha: string | null;
  /** Requirement ids that list them. */
  readonly listedFor: readonly string[];
  /** Why they are not an eligible approver (empty when eligible). */
  readonly ineligible: readonly string[];
  /** Requirement ids their approval counts toward. */
  readonly countedFor: readonly string[];
  /** Why an APPROVED review does not count now (reset_on, note not valid), null otherwise. */
  readonly stale: string | null;
  /** An eligible reviewer whose latest review requests changes. */
  readonly blocks: boolean;
}

/** A team that could not be read and prevents a decision. */
export interface TeamError {
  readonly team: UnreadableTeam;
  /** Where the team is named: `approval.developers`, or a requirement id. */
  readonly where: string;
}

/** The owner-approval check, before rendering. */
export interface OwnerApprovalResult {
  readonly outcome: Outcome;
  readonly resetOn: ResetOn;
  readonly requirements: readonly RequirementResult[];
  readonly reviewers: readonly ReviewerResult[];
  /** Eligible reviewers whose latest review requests changes. */
  readonly changesRequestedBy: readonly string[];
  /** Teams that could not be read and make the check fail (App) / error (Action). */
  readonly teamErrors: readonly TeamError[];
  /** Approvals do not count yet because the note is not valid (reset_on: note-change). */
  readonly heldBack: boolean;
  readonly unresolved: readonly UnresolvedIdentity[];
  readonly exemptCommits: readonly ExemptCommit[];
  /** Config entries of the unmet requirements ("@acme/integration-owners"), in requirement order. */
  readonly awaiting: readonly string[];
  /** Whom to ask for a review (only with `approval.request_reviews`, a valid note, and approvals missing). */
  readonly reviewRequests: { readonly users: readonly string[]; readonly teams: readonly string[] };
}

interface Requirement {
  readonly id: string;
  readonly kind: RequirementResult["kind"];
  readonly subject: string | null;
  readonly listed: readonly Identity[];
  readonly needed: number;
}

const DECIDING: ReadonlySet<ReviewState> = new Set(["APPROVED", "CHANGES_REQUESTED", "DISMISSED"]);

/** The requirements of this PR: owners, then touched systems, then impacted departments (config order). */
function listRequirements(config: IntegConfig, impact: Impact): Requirement[] {
  const requirements: Requirement[] = [
    { id: "owners", kind: "owners", subject: null, listed: config.owners, needed: config.approval.min },
  ];
  for (const { system } of impact.touched) {
    if (system.owners.length === 0) continue;
    requirements.push({ id: `system:${system.name}`, kind: "system", subject: system.name, listed: system.owners, needed: 1 });
  }
  for (const department of impact.impactedDepartments) {
    if (department.signoff.length === 0) continue;
    requirements.push({
      id: `department:${department.name}`,
      kind: "department",
      subject: department.name,
      listed: department.signoff,
      needed: 1,
    });
  }
  return requirements;
}

const time = (iso: string): number => Date.parse(iso);

/**
 * Is an APPROVED review still valid under `approval.reset_on`? Returns null
 * when it is, else why not.
 */
export function explainStaleApproval(
  review: ReviewFacts,
  facts: PullRequestFacts,
  resetOn: ResetOn,
  note: ReleaseNoteResult,
  linkedPaths: (body: string) => readonly string[] = () => [],
): string | null {
  if (resetOn === "never") return null;
  if (resetOn === "push") {
    return review.commitSha === facts.headSha ? null : "approved an older commit (reset_on: push)";
  }
  if (!note.valid || note.note === null) return "the release note is not valid yet (reset_on: note-change)";
  const found = note.note;
  if (found.kind === "in-repo") {
    if (review.commitSha !== facts.headSha) {
      const atReview = review.commitSha === null ? undefined : facts.noteBlobsAt[review.commitSha];
      if (atReview === undefined) return "the reviewed commit can no longer be read, so the note counts as changed (reset_on: note-change)";
      const blob = atReview[found.path];
      if (blob === undefined || blob === null) return `approved before ${found.path} was added (reset_on: note-change)`;
      if (blob !== found.blobSha) return `approved before ${found.path} changed (reset_on: note-change)`;
    }
    return explainSwappedNote(review, facts, found.path, linkedPaths);
  }
  const edited = facts.bodyLastEditedAt;
  if (edited !== null && time(edited) > time(review.submittedAt)) {
    return "the PR description was edited after the approval (reset_on: note-change)";
  }
  return null;
}

/**
 * The reviewer must have seen this note (docs/checks.md, "Who counts as an
 * approver"): when the description was edited after the review, its history
 * must show that it linked `path` at the time of the review. An unread or
 * incomplete history cannot show it, so the approval is stale.
 */
function explainSwappedNote(
  review: ReviewFacts,
  facts: PullRequestFacts,
  path: string,
  linkedPaths: (body: string) => readonly string[],
): string | null {
  const edited = facts.bodyLastEditedAt;
  if (edited === null || time(edited) <= time(review.submittedAt)) return null;
  const history = facts.bodyEdits;
  const reviewedAt = time(review.submittedAt);
  const seen = history?.filter((e) => time(e.editedAt) <= reviewedAt).at(-1);
  if (seen === undefined) {
    return `the PR description was edited after the approval, and its history cannot show that it linked ${path} then (reset_on: note-change)`;
  }
  return linkedPaths(seen.body).includes(path)
    ? null
    : `the PR description linked another note when this was approved; ${path} was linked after (reset_on: note-change)`;
}

/**
 * The owner-approval rules (docs/checks.md#who-counts-as-an-approver).
 * `impact` gives the touched systems and impacted departments; `note` is the
 * release-note result (for reset_on: note-change and review requests).
 */
export function evaluateOwnerApproval(
  facts: PullRequestFacts,
  config: IntegConfig,
  impact: Impact,
  note: ReleaseNoteResult,
): OwnerApprovalResult {
  const resetOn = config.approval.resetOn;
  const requirements = listRequirements(config, impact);
  const involvement = evaluateCommitInvolvement(facts, config);
  const developers = config.approval.developers;
  const developerTeams = listMembers(developers, facts.teams);
  const teamErrors: TeamError[] = developerTeams.unreadable.map((team) => ({ team, where: "approval.developers" }));

  /** Why a login cannot approve (empty: eligible). */
  const ineligibility = (login: string): string[] => {
    const reasons: string[] = [];
    const key = login.toLowerCase();
    if (facts.author !== null && facts.author.toLowerCase() === key) reasons.push("is the PR author");
    reasons.push(...(involvement.byLogin.get(key) ?? []));
    if (developerTeams.logins.has(key)) {
      const devs = entriesNaming(login, developers, facts.teams);
      reasons.push(`is in approval.developers (${devs.map((d) => d.raw).join(", ")})`);
    }
    return reasons;
  };
  const eligibleCache = new Map<string, boolean>();
  const isEligible = (login: string): boolean => {
    const key = login.toLowerCase();
    let eligible = eligibleCache.get(key);
    if (eligible === undefined) {
      eligible = ineligibility(login).length === 0;
      eligibleCache.set(key, eligible);
    }
    return eligible;
  };

  // Everyone who cannot approve, to count the eligible members of large teams quickly.
  const ineligibleLogins = new Set<string>([...involvement.byLogin.keys(), ...developerTeams.logins]);
  if (facts.author !== null) ineligibleLogins.add(facts.author.toLowerCase());
  const countIneligible = (logins: ReadonlySet<string>): number => {
    let count = 0;
    if (logins.size <= ineligibleLogins.size) {
      for (const login of logins) if (ineligibleLogins.has(login)) count++;
    } else {
      for (const login of ineligibleLogins) if (logins.has(login)) count++;
    }
    return count;
  };

  // Latest deciding review per reviewer (COMMENTED never changes it).
  const latest = new Map<string, { login: string; deciding: ReviewFacts | null; last: ReviewFacts }>();
  for (const review of facts.reviews) {
    if (review.author === null || review.state === "PENDING") continue;
    const key = review.author.toLowerCase();
    const entry = latest.get(key) ?? { login: review.author, deciding: null, last: review };
    entry.last = review;
    if (DECIDING.has(review.state)) {
      entry.deciding = review;
      entry.login = review.author;
    }
    latest.set(key, entry);
  }

  const heldBack = resetOn === "note-change" && !note.valid;
  // The in-repo note paths a version of the description linked, as the note finder reads them.
  const linkedPaths = (body: string): readonly string[] =>
    listNoteCandidatePaths(body, noteCandidateContextOf(facts, config, []));
  const reviewers: ReviewerResult[] = [];
  for (const { login, deciding, last } of latest.values()) {
    const listedFor = requirements.filter((r) => entriesNaming(login, r.listed, facts.teams).length > 0).map((r) => r.id);
    const ineligible = ineligibility(login);
    const eligible = ineligible.length === 0 && listedFor.length > 0;
    const state = deciding === null ? null : (deciding.state as ReviewerResult["state"]);
    const stale = deciding !== null && state === "APPROVED" ? explainStaleApproval(deciding, facts, resetOn, note, linkedPaths) : null;
    const counts = eligible && state === "APPROVED" && stale === null;
    reviewers.push({
      login,
      state,
      submittedAt: (deciding ?? last).submittedAt,
      commitSha: (deciding ?? last).commitSha,
      listedFor,
      ineligible,
      countedFor: counts ? listedFor : [],
      stale,
      blocks: eligible && state === "CHANGES_REQUESTED",
    });
  }

  const results: RequirementResult[] = requirements.map((requirement) => {
    const members = listMembers(requirement.listed, facts.teams);
    const eligibleCount = members.logins.size - countIneligible(members.logins);
    const approvedBy = reviewers.filter((r) => r.countedFor.includes(requirement.id)).map((r) => r.login);
    const met = approvedBy.length >= requirement.needed;
    const cannotBeMet = !met && eligibleCount < requirement.needed;
    if (cannotBeMet) for (const team of members.unreadable) teamErrors.push({ team, where: requirement.id });
    return { ...requirement, approvedBy, met, eligibleCount, unreadableTeams: members.unreadable, cannotBeMet };
  });

  const changesRequestedBy = reviewers.filter((r) => r.blocks).map((r) => r.login);
  const unmet = results.filter((r) => !r.met);
  let outcome: Outcome;
  if (teamErrors.length > 0) outcome = "error";
  else if (changesRequestedBy.length > 0 || results.some((r) => r.cannotBeMet)) outcome = "blocked";
  else if (unmet.length > 0) outcome = "pending";
  else outcome = "pass";

  const awaiting: string[] = [];
  for (const requirement of unmet) {
    for (const entry of requirement.listed) {
      if (entry.kind === "user" && !isEligible(entry.login)) continue;
      if (!awaiting.includes(entry.raw)) awaiting.push(entry.raw);
    }
  }

  const users: string[] = [];
  const teams: string[] = [];
  if (config.approval.requestReviews && note.valid && outcome === "pending") {
    for (const requirement of unmet) {
      for (const entry of requirement.listed) {
        if (entry.kind === "team") {
          const key = `${entry.org}/${entry.slug}`;
          if (!teams.includes(key)) teams.push(key);
          continue;
        }
        const approved = reviewers.some((r) => r.login.toLowerCase() === entry.login.toLowerCase() && r.countedFor.length > 0);
        if (approved || !isEligible(entry.login)) continue;
        if (!users.some((u) => u.toLowerCase() === entry.login.toLowerCase())) users.push(entry.login);
      }
    }
  }

  return {
    outcome,
    resetOn,
    requirements: results,
    reviewers,
    changesRequestedBy,
    teamErrors,
    heldBack,
    unresolved: involvement.unresolved,
    exemptCommits: involvement.exempt,
    awaiting,
    reviewRequests: { users, teams },
  };
}
