import type { CheckRunRecord } from "../emulator/state-records.js";
import type { GateChecks } from "./wait-for-checks.js";

/** Which lines of the check details to show after a step (the titles are always shown). */
export interface ViewOptions {
  /** The impacted departments, from the impact map section. */
  readonly impact?: boolean;
  /** The owner-approval requirements table, one line per requirement. */
  readonly requirements?: boolean;
  /** Why the release note is not valid yet (rejected links, remarks). */
  readonly noteProblems?: boolean;
  /** The release note's plain-language warnings (annotations on the note file). */
  readonly warnings?: boolean;
  /** Reviewers whose line from the owner-approval details is shown. */
  readonly reviewers?: readonly string[];
}

/** Markdown as a terminal shows it: no emphasis, code spans or escapes, one line. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(/`+([^`]+)`+/g, "$1")
    .replace(/\\([\\`*_[\]<>|~])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** The icon GitHub's checks list would show for a run. */
export function checkIcon(run: CheckRunRecord | undefined): string {
  if (run === undefined) return "·";
  if (run.status !== "completed") return "🟡";
  if (run.conclusion === "success") return "✅";
  if (run.conclusion === "failure" || run.conclusion === "timed_out" || run.conclusion === "action_required") return "❌";
  return "⚪";
}

/** Word-wraps `text` to `width` columns: the first line after `first`, the rest after `rest` (spaces). */
export function wrapLine(first: string, text: string, rest: string, width: number): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(" ")) {
    if (!empty && [...line].length + 1 + [...word].length > width) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}

function sectionLines(summary: string, heading: string): string[] {
  const lines = summary.split("\n");
  const start = lines.indexOf(`### ${heading}`);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l.startsWith("### "));
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((l) => l.trim() !== "");
}

/** The reviewer's line from the owner-approval details ("❌ @x approved, not counted: …"), without commit and time. */
function reviewerLine(summary: string, login: string): string | null {
  const mention = new RegExp(`^- \\S+ @${login.replace(/[-_]/g, "\\\\?$&")}(?![\\w-])`, "i");
  const line = sectionLines(summary, "Reviewers").find((l) => mention.test(l));
  if (line === undefined) return null;
  return plainText(line.replace(/^- /, "")).replace(/ on [0-9a-f]{7}/, "").replace(/ \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)/, "");
}

/** "⏳ Integration owners (@maria-ops, @acme/integration-owners): 0 of 1 approvals, 1 eligible" */
function requirementLines(summary: string): string[] {
  return sectionLines(summary, "Requirements")
    .filter((l) => l.startsWith("| ") && !l.startsWith("| |"))
    .map((row) => {
      const [status = "", requirement = "", who = "", count = "", , eligible = ""] = row
        .slice(2, -2)
        .split(" | ")
        .map((cell) => plainText(cell));
      const icon = status.split(" ")[0] ?? "";
      return `${icon} ${requirement} (${who}): ${count} approvals, ${eligible} eligible`;
    });
}

function noteProblemLines(summary: string): string[] {
  const rejected = sectionLines(summary, "Links and sections that are not a valid note").map((l) => `✗ ${plainText(l.replace(/^- /, ""))}`);
  const remarks = sectionLines(summary, "Remarks").map((l) => `→ ${plainText(l.replace(/^- /, ""))}`);
  return [...rejected, ...remarks].slice(0, 3);
}

function impactLine(summary: string): string[] {
  const line = sectionLines(summary, "Impact map").find((l) => l.startsWith("- Impacted departments:"));
  const touched = sectionLines(summary, "Impact map")
    .filter((l) => / is touched: /.test(l))
    .map((l) => plainText(l.replace(/^- /, "")).replace(/ is touched: .*/, ""));
  if (line === undefined) return [];
  return [`Impact: ${touched.join(", ")} touched; ${plainText(line.replace(/^- /, "")).replace(/^Impacted departments/, "departments")}`];
}

/**
 * What a person sees on the PR after a step: each check with its icon and
 * title, then the chosen lines of the details pages.
 */
export function renderPullRequestView(checks: GateChecks, options: ViewOptions = {}, width = 100): string[] {
  const out: string[] = [];
  const rows: [string, CheckRunRecord | undefined][] = [
    ["release-note  ", checks.releaseNote],
    ["owner-approval", checks.ownerApproval],
  ];
  for (const [name, run] of rows) {
    const first = `   ${checkIcon(run)} ${name}  `;
    out.push(...wrapLine(first, run?.output.title ?? "(no check run)", " ".repeat(22), width));
  }
  const note = checks.releaseNote?.output.summary ?? "";
  const approval = checks.ownerApproval?.output.summary ?? "";
  const details: string[] = [];
  if (options.impact === true) details.push(...impactLine(approval));
  if (options.requirements === true) details.push(...requirementLines(approval));
  if (options.noteProblems === true) details.push(...noteProblemLines(note));
  if (options.warnings === true) {
    for (const a of checks.releaseNote?.output.annotations ?? []) {
      if (a.annotation_level === "warning") details.push(`⚠️  ${a.path} line ${a.start_line}: ${a.message}`);
    }
  }
  for (const login of options.reviewers ?? []) {
    const line = reviewerLine(approval, login);
    if (line !== null) details.push(line);
  }
  for (const line of details) out.push(...wrapLine("      ", line, "         ", width));
  return out;
}
