import type { PullRequestFacts } from "../facts/pull-request-facts.js";
import type { FoundNote, NoteFinding, ReleaseNoteResult } from "../notes/release-note-result.js";
import type { Annotation } from "../rules/gate-verdict.js";
import { codeSpan, escapeMarkdown, oneLine } from "./escape-markdown.js";

/** The fallback title when the note result names no problem. */
export const NO_NOTE_TITLE = "Link a human release note in the PR description";

/** Where the accepted note is: a path for an in-repo note, a URL otherwise. */
export function noteReference(note: FoundNote, facts: Pick<PullRequestFacts, "serverUrl" | "owner" | "repo" | "number">): string {
  if (note.kind === "in-repo") return note.path;
  if (note.kind === "external") return note.url;
  return `${facts.serverUrl}/${facts.owner}/${facts.repo}/pull/${facts.number}`;
}

function describeNote(note: FoundNote): string {
  if (note.kind === "in-repo") return note.path;
  if (note.kind === "inline") return `"${note.heading}" section of the PR description`;
  return `${note.host} (not read)`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The one-line title of the release-note check. */
export function renderReleaseNoteTitle(result: ReleaseNoteResult): string {
  if (!result.valid || result.note === null) return oneLine(result.firstProblem ?? NO_NOTE_TITLE);
  const warnings = result.findings.filter((f) => f.severity === "warning").length;
  const suffix = warnings > 0 ? ` (${plural(warnings, "plain-language warning")})` : "";
  const title = `Release note: ${describeNote(result.note)}${suffix}`;
  return oneLine(title.length <= 140 ? title : `Release note linked${suffix}`);
}

const ICON: Record<NoteFinding["severity"], string> = { blocking: "❌", warning: "⚠️", notice: "ℹ️" };
const LEVEL: Record<NoteFinding["severity"], Annotation["level"]> = { blocking: "failure", warning: "warning", notice: "notice" };

/** Findings on an in-repo note as annotations on the note file, at their lines. */
export function renderNoteAnnotations(result: ReleaseNoteResult): Annotation[] {
  const path = result.findingsPath ?? (result.note?.kind === "in-repo" ? result.note.path : null);
  if (path === null) return [];
  // A term used several times is one finding; each use gets its own annotation.
  return result.findings.flatMap((finding) =>
    (finding.occurrences ?? [finding]).map((range) => {
      const startLine = Math.max(1, range.line);
      const endLine = Math.max(startLine, range.endLine);
      const base = {
        path,
        startLine,
        endLine,
        level: LEVEL[finding.severity],
        title: finding.kind.replace(/-/g, " "),
        message: finding.message,
      };
      if (startLine !== endLine) return base;
      return { ...base, startColumn: Math.max(1, range.column), endColumn: Math.max(range.column, range.endColumn, 1) };
    }),
  );
}

function findingLine(finding: NoteFinding, where: string): string {
  const quote = finding.quote === undefined ? "" : `\n  > ${escapeMarkdown(finding.quote)}`;
  return `- ${ICON[finding.severity]} ${where} line ${finding.line}: ${escapeMarkdown(finding.message)}${quote}`;
}

/** The markdown details of the release-note check (without the shared sections). */
export function renderReleaseNoteSummary(result: ReleaseNoteResult, facts: PullRequestFacts): string {
  const out: string[] = [`**${escapeMarkdown(renderReleaseNoteTitle(result))}**`, ""];
  out.push(
    "An integration pull request links a short, plain-language release note that tells each impacted department what changes for them, what they must do, and whom to ask.",
    "",
  );
  const note = result.note;
  if (note !== null) {
    const words = result.words === null ? "" : ` (${plural(result.words, "word")})`;
    if (note.kind === "in-repo") out.push(`The note is ${codeSpan(note.path)}${words}, read at the head commit ${codeSpan(facts.headSha.slice(0, 7))}.`);
    if (note.kind === "inline") out.push(`The note is the "${escapeMarkdown(note.heading)}" section of the PR description (line ${note.line})${words}.`);
    if (note.kind === "external") {
      out.push(
        `The note is an external page on ${codeSpan(note.host)}: ${escapeMarkdown(note.url)}. integ-gate does not read pages outside GitHub, so its content was not checked.`,
      );
    }
    out.push("");
  } else {
    out.push("No valid release note was found.", "");
  }

  if (result.findings.length > 0) {
    out.push("### Findings", "");
    const where = note?.kind === "in-repo" ? codeSpan(note.path) : "note";
    const ordered = [...result.findings].sort((a, b) => severityRank(a) - severityRank(b));
    for (const finding of ordered) out.push(findingLine(finding, where));
    out.push("");
  }
  if (result.rejected.length > 0) {
    out.push("### Links and sections that are not a valid note", "");
    for (const candidate of result.rejected) {
      out.push(`- ${codeSpan(candidate.text)} (line ${candidate.line} of the description): ${escapeMarkdown(candidate.reason)}`);
    }
    out.push("");
  }
  if (result.remarks.length > 0) {
    out.push("### Remarks", "");
    for (const remark of result.remarks) out.push(`- ${escapeMarkdown(remark)}`);
    out.push("");
  }
  return out.join("\n");
}

function severityRank(finding: NoteFinding): number {
  return finding.severity === "blocking" ? 0 : finding.severity === "warning" ? 1 : 2;
}
