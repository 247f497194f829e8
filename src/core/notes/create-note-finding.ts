import type { FindingKind, FindingRange, FindingSeverity, NoteFinding } from "./release-note-result.js";
import type { NoteText } from "./select-note-text.js";

/** Findings of one kind beyond this many are not listed (hostile notes only). */
export const MAX_FINDINGS_PER_KIND = 100;

/**
 * A finding spanning source offsets [start, end) of the note's document.
 * `endColumn` is the column just after the last character (as in mdast).
 */
export function createNoteFinding(
  note: NoteText,
  kind: FindingKind,
  severity: FindingSeverity,
  message: string,
  start: number,
  end: number,
  quote?: string,
): NoteFinding {
  const from = note.model.position(start);
  const to = note.model.position(Math.max(start, end));
  const base = {
    kind,
    severity,
    message,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
  };
  return quote === undefined ? base : { ...base, quote: shortenQuote(quote) };
}

/** Source offsets [start, end) of the note's document as a line/column range. */
export function findingRange(note: NoteText, start: number, end: number): FindingRange {
  const from = note.model.position(start);
  const to = note.model.position(Math.max(start, end));
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

/** "3 times, on lines 4, 9 and 12", from the line of every use (a line used twice is named once; at most 10 are named). */
export function describeUses(useLines: readonly number[]): string {
  const lines = [...new Set(useLines)];
  const named = lines.slice(0, 10).map(String);
  const list =
    lines.length > 10
      ? `${named.join(", ")}, …`
      : named.length === 1
        ? named[0] ?? ""
        : `${named.slice(0, -1).join(", ")} and ${named[named.length - 1] ?? ""}`;
  return `${useLines.length} times, on line${lines.length === 1 ? "" : "s"} ${list}`;
}

/** Uses listed (each annotated on GitHub) per finding. */
export const MAX_USES_PER_FINDING = 20;

/**
 * How many uses each finding of one kind may list: up to
 * MAX_USES_PER_FINDING, and MAX_FINDINGS_PER_KIND for the kind, so that a
 * hostile note cannot ask for thousands of annotations.
 */
export function createUseBudget(): (uses: number) => number {
  let left = MAX_FINDINGS_PER_KIND;
  return (uses) => {
    const listed = Math.max(0, Math.min(uses, MAX_USES_PER_FINDING, left));
    left -= listed;
    return listed;
  };
}

/** Where a finding about the note as a whole goes: the inline heading, or the first line of the file. */
export function noteStartRange(note: NoteText): { start: number; end: number } {
  if (note.inlineHeading !== null) return { start: note.inlineHeading.start, end: note.inlineHeading.end };
  const firstLineEnd = note.model.source.search(/\r|\n/);
  return { start: 0, end: firstLineEnd === -1 ? note.model.source.length : firstLineEnd };
}

function shortenQuote(text: string): string {
  // Only the start is quoted: a sentence of a hostile note may be 64 KiB long.
  const collapsed = (text.length > 1200 ? text.slice(0, 1200) : text).replace(/\s+/g, " ").trim();
  return collapsed.length <= 300 ? collapsed : `${collapsed.slice(0, 299)}…`;
}
