import type { HeadingInfo, MarkdownModel, Sentence, TextBlock, Word } from "./markdown-model.js";

/**
 * The part of a parsed document that is the release note: a whole note file,
 * or the inline section of the PR description. Offsets and positions stay
 * those of the whole document.
 */
export interface NoteText {
  readonly model: MarkdownModel;
  /** The inline note's heading; null for a whole file. */
  readonly inlineHeading: HeadingInfo | null;
  readonly start: number;
  readonly end: number;
  /** Headings inside the note (the inline heading excluded). */
  readonly headings: readonly HeadingInfo[];
  /** Prose and heading blocks inside the note. */
  readonly blocks: readonly TextBlock[];
  /** Words of prose (not headings). */
  readonly proseWords: readonly Word[];
  /** Words of headings inside the note (the inline heading included). */
  readonly headingWords: readonly Word[];
  readonly sentences: readonly Sentence[];
}

/** Selects the whole document, or the section of `inlineHeading`, as the note. */
export function selectNoteText(model: MarkdownModel, inlineHeading: HeadingInfo | null = null): NoteText {
  const start = inlineHeading?.start ?? 0;
  const end = inlineHeading?.sectionEnd ?? model.source.length;
  const inside = (offset: number): boolean => offset >= start && offset < end;
  const blockIndexes = new Set<number>();
  const blocks: TextBlock[] = [];
  model.blocks.forEach((b, i) => {
    if (inside(b.start)) {
      blockIndexes.add(i);
      blocks.push(b);
    }
  });
  const proseWords: Word[] = [];
  const headingWords: Word[] = [];
  for (const w of model.words) {
    if (!blockIndexes.has(w.block)) continue;
    if (model.blocks[w.block]?.kind === "prose") proseWords.push(w);
    else headingWords.push(w);
  }
  return {
    model,
    inlineHeading,
    start,
    end,
    headings: model.headings.filter((h) => h !== inlineHeading && inside(h.start)),
    blocks,
    proseWords,
    headingWords,
    sentences: model.sentences.filter((s) => blockIndexes.has(s.block)),
  };
}

/** Number of prose words between two offsets of the note (a section's body). */
export function countProseWords(note: NoteText, from: number, to: number): number {
  let n = 0;
  for (const w of note.proseWords) if (w.start >= from && w.start < to) n++;
  return n;
}
