import type { FindingKind, FindingSeverity, NoteFinding } from "./release-note-result.js";
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

/** Where a finding about the note as a whole goes: the inline heading, or the first line of the file. */
export function noteStartRange(note: NoteText): { start: number; end: number } {
  if (note.inlineHeading !== null) return { start: note.inlineHeading.start, end: note.inlineHeading.end };
  const firstLineEnd = note.model.source.search(/\r|\n/);
  return { start: 0, end: firstLineEnd === -1 ? note.model.source.length : firstLineEnd };
}

function shortenQuote(text: string): string {
  const collapsed = text.replace(/\s+/g, " ").trim();
  return collapsed.length <= 300 ? collapsed : `${collapsed.slice(0, 299)}…`;
}
