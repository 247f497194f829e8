import type { Identity } from "../config/integ-config.js";
import type { OwnerApprovalResult, RequirementResult, ReviewerResult, TeamError } from "../rules/owner-approval.rule.js";
import { codeSpan, escapeMarkdown, formatTime, mention, oneLine } from "./escape-markdown.js";

/** Which front door publishes the verdict: the wording of permission hints differs. */
export type FrontDoor = "app" | "action";

/** What a person must grant so integ-gate can read teams. */
export function teamPermissionHint(frontDoor: FrontDoor): string {
  return frontDoor === "app"
    ? "the integ-gate App needs the Organization members: read permission"
    : "the Action needs a token that can read organization teams (the default GITHUB_TOKEN cannot)";
}

/** "integration owners", "owners of system erp", "sign-off for department finance". */
export function describeRequirement(requirement: Pick<RequirementResult, "kind" | "subject">): string {
  if (requirement.kind === "owners") return "integration owners";
  if (requirement.kind === "system") return `owners of system ${requirement.subject ?? ""}`;
  return `sign-off for department ${requirement.subject ?? ""}`;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function listLogins(logins: readonly string[]): string {
  const named = logins.map((l) => `@${l}`);
  if (named.length <= 1) return named.join("");
  return `${named.slice(0, -1).join(", ")} and ${named[named.length - 1] ?? ""}`;
}

function entries(listed: readonly Identity[]): string {
  return listed.map((i) => i.raw).join(" or ");
}

function teamErrorTitle(error: TeamError, frontDoor: FrontDoor): string {
  const hint = frontDoor === "app" ? "needs Organization members: read" : "needs a token that can read organization teams";
  const where = error.where === "approval.developers" ? "approval.developers" : describeRequirement(requirementOf(error.where));
  return `Cannot read team ${error.team.team.raw} (${where}): ${hint}`;
}

function requirementOf(id: string): Pick<RequirementResult, "kind" | "subject"> {
  if (id === "owners") return { kind: "owners", subject: null };
  const [kind, ...rest] = id.split(":");
  return { kind: kind === "system" ? "system" : "department", subject: rest.join(":") };
}

function cannotBeMetText(requirement: RequirementResult): string {
  const people = requirement.eligibleCount === 1 ? "1 eligible person" : `${requirement.eligibleCount} eligible people`;
  return `${capitalise(describeRequirement(requirement))} cannot be met: ${requirement.needed} approval${requirement.needed === 1 ? "" : "s"} needed, ${people}`;
}

/** The one-line title of the owner-approval check. */
export function renderOwnerApprovalTitle(result: OwnerApprovalResult, frontDoor: FrontDoor = "app"): string {
  const firstTeamError = result.teamErrors[0];
  if (result.outcome === "error" && firstTeamError !== undefined) {
    const more = result.teamErrors.length > 1 ? ` (+${result.teamErrors.length - 1} more)` : "";
    return oneLine(teamErrorTitle(firstTeamError, frontDoor) + more);
  }
  if (result.changesRequestedBy.length > 0) return oneLine(`Changes requested by ${listLogins(result.changesRequestedBy)}`);
  const impossible = result.requirements.find((r) => r.cannotBeMet);
  if (impossible !== undefined) return oneLine(cannotBeMetText(impossible));
  const unmet = result.requirements.filter((r) => !r.met);
  if (unmet.length === 0) {
    const approvers = [...new Set(result.requirements.flatMap((r) => r.approvedBy))];
    return oneLine(approvers.length === 0 ? "Approved" : `Approved by ${listLogins(approvers)}`);
  }
  const prefix = result.heldBack ? "Waiting for a valid release note, then approval from " : "Waiting for approval from ";
  const detailed = unmet
    .map((r) => `${entries(r.listed)} (${r.subject === null ? "" : `${r.subject}: `}${r.approvedBy.length} of ${r.needed})`)
    .join("; ");
  const title = prefix + detailed;
  if (title.length <= 140) return oneLine(title);
  return oneLine(prefix + result.awaiting.join(", "));
}

function requirementRow(requirement: RequirementResult): string {
  const status = requirement.met ? "✅ met" : requirement.cannotBeMet ? "❌ cannot be met" : "⏳ waiting";
  const who = requirement.listed.map((i) => escapeMarkdown(i.raw)).join(", ");
  const by = requirement.approvedBy.length > 0 ? requirement.approvedBy.map(mention).join(", ") : "nobody yet";
  const count = `${requirement.approvedBy.length} of ${requirement.needed}`;
  return `| ${status} | ${capitalise(describeRequirement(requirement))} | ${who} | ${count} | ${by} | ${requirement.eligibleCount} |`;
}

function reviewerLine(reviewer: ReviewerResult, requirements: readonly RequirementResult[]): string {
  const names = (ids: readonly string[]): string =>
    ids.map((id) => describeRequirement(requirements.find((r) => r.id === id) ?? requirementOf(id))).join(", ");
  const who = mention(reviewer.login);
  const on = reviewer.commitSha === null ? "" : ` on ${codeSpan(reviewer.commitSha.slice(0, 7))}`;
  const when = ` (${formatTime(reviewer.submittedAt)})`;
  if (reviewer.state === null) return `- 💬 ${who} only commented${when}: a comment neither approves nor blocks.`;
  const ineligible = reviewer.ineligible.length > 0 ? `not an eligible approver: ${reviewer.ineligible.map(escapeMarkdown).join("; ")}` : null;
  const someUnreadable = requirements.some((r) => r.unreadableTeams.length > 0);
  const unlisted =
    reviewer.listedFor.length === 0
      ? `not listed for any requirement of this pull request${someUnreadable ? " (teams that could not be read were left out)" : ""}`
      : null;
  const notEligible = ineligible ?? unlisted;
  if (reviewer.state === "DISMISSED") return `- ➖ ${who}'s review was dismissed${when}: it does not count.`;
  if (reviewer.state === "CHANGES_REQUESTED") {
    if (reviewer.blocks) {
      return `- 🛑 ${who} requested changes${on}${when}: this blocks the pull request until they approve or the review is dismissed.`;
    }
    return `- ➖ ${who} requested changes${on}${when}, which does not block: ${notEligible ?? "not eligible"}.`;
  }
  if (notEligible !== null) return `- ❌ ${who} approved${on}${when}, not counted: ${notEligible}.`;
  if (reviewer.stale !== null) return `- ⏸ ${who} approved${on}${when}, not counted now: ${escapeMarkdown(reviewer.stale)}.`;
  return `- ✅ ${who} approved${on}${when}: counted toward ${names(reviewer.countedFor)}.`;
}

function teamLine(error: { team: TeamError["team"] }, frontDoor: FrontDoor): string {
  return `team ${escapeMarkdown(error.team.team.raw)} could not be read (${escapeMarkdown(error.team.reason)}): ${teamPermissionHint(frontDoor)}`;
}

/** The markdown details of the owner-approval check (without the shared sections). */
export function renderOwnerApprovalSummary(result: OwnerApprovalResult, frontDoor: FrontDoor = "app"): string {
  const out: string[] = [];
  out.push(`**${escapeMarkdown(renderOwnerApprovalTitle(result, frontDoor))}**`, "");
  out.push(
    "Integration owners and the people who sign off for each impacted department approve with an ordinary GitHub review. " +
      "The developers of the change (the PR author and everyone who wrote or committed its commits) do not count.",
    "",
  );

  for (const error of result.teamErrors) {
    const where = error.where === "approval.developers" ? "`approval.developers`" : describeRequirement(requirementOf(error.where));
    out.push(`> ❗ For ${where}, ${teamLine(error, frontDoor)}.`);
  }
  if (result.teamErrors.length > 0) out.push("");

  out.push("### Requirements", "");
  out.push("| | Requirement | Who may approve | Approvals | Counted | Eligible people |", "|---|---|---|---|---|---|");
  for (const requirement of result.requirements) out.push(requirementRow(requirement));
  out.push("");
  for (const requirement of result.requirements) {
    if (requirement.cannotBeMet) out.push(`- ❌ ${escapeMarkdown(cannotBeMetText(requirement))}.`);
    for (const team of requirement.unreadableTeams) {
      const fate = requirement.cannotBeMet
        ? "without it the requirement cannot be met"
        : "it was left out, and the requirement can still be met without it";
      out.push(`- ⚠️ For ${describeRequirement(requirement)}, ${teamLine({ team }, frontDoor)}; ${fate}.`);
    }
  }
  if (result.heldBack) {
    out.push("- ⏸ Approvals are held back until the release note is valid (`reset_on: note-change`).");
  }
  const resetText = {
    push: "an approval counts only for the commit it was given on (`reset_on: push`)",
    "note-change": "an approval counts while the release note is valid and unchanged since the review (`reset_on: note-change`)",
    never: "an approval keeps counting after later changes (`reset_on: never`)",
  }[result.resetOn];
  out.push(`- One approval counts toward every requirement that lists the reviewer; ${resetText}.`, "");

  out.push("### Reviewers", "");
  if (result.reviewers.length === 0) out.push("No reviews yet.");
  for (const reviewer of result.reviewers) out.push(reviewerLine(reviewer, result.requirements));
  if (result.awaiting.length > 0) {
    out.push("", `Awaiting: ${result.awaiting.map(escapeMarkdown).join(", ")}.`);
  }
  out.push("");

  if (result.exemptCommits.length > 0 || result.unresolved.length > 0) {
    out.push("### Commits", "");
    for (const exempt of result.exemptCommits) {
      const why =
        exempt.reason === "base-merge"
          ? "merges the base branch in (\"Update branch\")"
          : "only changes release-note files";
      out.push(`- ${codeSpan(exempt.sha.slice(0, 7))} ${why}: its authors and committer may still approve.`);
    }
    for (const identity of result.unresolved) {
      const who = [identity.name, identity.email === null ? null : `<${identity.email}>`].filter((x) => x !== null).join(" ");
      out.push(
        `- ${codeSpan(who || "unknown")} (${identity.role} of ${codeSpan(identity.sha.slice(0, 7))}) is not linked to a GitHub account: GitHub could not resolve it, so it is not matched to any reviewer.`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}
