import type { ConfigIssue } from "../config/config-error.js";
import { CONFIG_PATH } from "../config/integ-config.js";
import { escapeMarkdown, formatCount, formatTime, mention, oneLine } from "./escape-markdown.js";

/** GitHub lists at most this many files of a pull request. */
export const MAX_FILES = 3_000;
/** GitHub lists at most this many commits of a pull request. */
export const MAX_COMMITS = 250;

/** A verdict both checks share (rows 0-5 of the conclusions table, closed, not configured). */
export type GateRow =
  | { readonly kind: "read-failed"; readonly what: string; readonly detail: string }
  | { readonly kind: "invalid-config"; readonly defaultBranch: string; readonly issues: readonly ConfigIssue[] }
  | { readonly kind: "overridden"; readonly label: string; readonly by: string; readonly at: string }
  | { readonly kind: "not-integration" }
  | {
      readonly kind: "too-many";
      readonly changedFilesCount: number;
      readonly commitsCount: number;
      /** True when the PR may or may not be an integration PR: the files GitHub lists do not tell. */
      readonly undecided: boolean;
    }
  | { readonly kind: "closed" }
  | { readonly kind: "not-configured" };

/** Title and summary lead of a shared row. */
export interface RenderedRow {
  readonly title: string;
  readonly summary: string;
}

function firstIssueText(issue: ConfigIssue): string {
  return issue.keyPath === "" ? issue.problem : `${issue.keyPath}: ${issue.problem}`;
}

/** Renders a row that gives both checks the same verdict. */
export function renderGateRow(row: GateRow): RenderedRow {
  switch (row.kind) {
    case "read-failed": {
      // "all reviews: 5,000 of 6,200" names a list not read whole (docs/checks.md, "Reading GitHub whole").
      const what = row.what.startsWith("all ") ? row.what : `${row.what} from GitHub`;
      return {
        title: oneLine(`Could not read ${what}`),
        summary: [
          `**Could not read ${escapeMarkdown(what)}**${row.what.startsWith("all ") ? "" : ", even after retrying"}.`,
          "",
          `Detail: ${escapeMarkdown(row.detail)}`,
          "",
          "This is not a pass: the next event on the pull request evaluates it again, or comment `/integ-gate recheck`.",
        ].join("\n"),
      };
    }
    case "invalid-config": {
      const first = row.issues[0];
      const line = first === undefined ? "" : ` (line ${first.line})`;
      const text = first === undefined ? "" : `: ${firstIssueText(first)}`;
      return {
        title: oneLine(`Invalid ${CONFIG_PATH} on ${row.defaultBranch}${line}${text}`),
        summary: [
          `**${escapeMarkdown(CONFIG_PATH)} on the default branch ${escapeMarkdown(row.defaultBranch)} is invalid**, so integ-gate cannot decide and blocks every pull request.`,
          "",
          ...row.issues.map((issue) => `- ${escapeMarkdown(issue.message)}`),
          "",
          `The override label is defined in this broken file, so it cannot be used. Repair ${escapeMarkdown(CONFIG_PATH)} on ${escapeMarkdown(row.defaultBranch)} with a direct push, or merge the fix with an admin bypass of branch protection.`,
        ].join("\n"),
      };
    }
    case "overridden":
      return {
        title: oneLine(`Overridden by @${row.by}`),
        summary: `**Overridden by ${mention(row.by)}** on ${formatTime(row.at)} with the label \`${escapeMarkdown(row.label)}\`. The override is recorded here; removing the label restores normal evaluation.`,
      };
    case "not-integration":
      return {
        title: "Not an integration pull request",
        summary: "**Not an integration pull request.** integ-gate has nothing to check here.",
      };
    case "too-many": {
      const files = row.changedFilesCount > MAX_FILES;
      const commits = row.commitsCount > MAX_COMMITS;
      const title =
        files && commits
          ? `Too many files and commits for integ-gate to see (limit ${formatCount(MAX_FILES)} files, ${MAX_COMMITS} commits)`
          : files
            ? `Too many files for integ-gate to see (${formatCount(row.changedFilesCount)} files; limit ${formatCount(MAX_FILES)})`
            : `Too many commits for integ-gate to see (${formatCount(row.commitsCount)} commits; limit ${MAX_COMMITS})`;
      return {
        title,
        summary: [
          `**${title}.**`,
          "",
          `GitHub lists at most ${formatCount(MAX_FILES)} changed files and ${MAX_COMMITS} commits of a pull request; this one has ${formatCount(row.changedFilesCount)} files and ${formatCount(row.commitsCount)} commits. integ-gate cannot check what it cannot see, so it blocks.`,
          row.undecided ? "\nThe files GitHub lists do not show whether this is an integration pull request, so it is treated as one.\n" : "",
          "Split the change into smaller pull requests, or ask an allowed person to apply the override label.",
        ].join("\n"),
      };
    }
    case "closed":
      return { title: "Pull request closed", summary: "**Pull request closed.** integ-gate no longer evaluates it." };
    case "not-configured":
      return {
        title: "integ-gate is not configured",
        summary: `**integ-gate is not configured**: there is no ${escapeMarkdown(CONFIG_PATH)} on the default branch any more.`,
      };
  }
}
