import type { DepartmentConfig } from "../config/integ-config.js";
import type { HeadingInfo, MarkdownModel } from "../notes/markdown-model.js";
import { normalizeHeading } from "../notes/normalize-heading.js";
import type { DepartmentParts, NoteExcerpt } from "./digest-model.js";
import { createDepartmentMatcher } from "./create-department-matcher.js";

/** The note inside a parsed document: a whole file, or the inline section of a PR description. */
export interface NoteRange {
  readonly model: MarkdownModel;
  /** The inline note's heading (excluded from the note's text); null for a whole file. */
  readonly inlineHeading: HeadingInfo | null;
}

/** The note's own sections, found once per note and reused for every department. */
export interface NoteSections {
  readonly range: NoteRange;
  readonly start: number;
  readonly end: number;
  /** The first configured section ("What changes for you"), when the note has it. */
  readonly changes: HeadingInfo | null;
  /** The later configured sections ("What you need to do", "Who to ask"), those the note has, in config order. */
  readonly followUps: readonly HeadingInfo[];
  /** The note's first heading (its title), when it is not one of the configured sections. */
  readonly title: string | null;
}

/** Finds the configured sections of a note (docs/digest.md "What each department gets"). */
export function findNoteSections(range: NoteRange, sections: readonly string[]): NoteSections {
  const { model, inlineHeading } = range;
  const start = inlineHeading?.end ?? 0;
  const end = inlineHeading?.sectionEnd ?? model.source.length;
  const headings = model.headings.filter((h) => h !== inlineHeading && h.start >= start && h.start < end);
  const find = (name: string): HeadingInfo | null => {
    const wanted = normalizeHeading(name);
    return headings.find((h) => h.normalized === wanted) ?? null;
  };
  const [first, ...rest] = sections;
  const changes = first === undefined ? null : find(first);
  const followUps = rest.map(find).filter((h): h is HeadingInfo => h !== null);
  const configured = new Set(sections.map(normalizeHeading));
  const firstHeading = headings[0];
  const title = inlineHeading === null && firstHeading !== undefined && !configured.has(firstHeading.normalized) ? firstHeading.text.trim() : null;
  return { range, start, end, changes, followUps, title };
}

/**
 * The parts of a note that concern one department, in the note's own words:
 * the headings and paragraphs of "What changes for you" that name the
 * department (its key or an alias); when none does, the whole section (or
 * the whole note without a "What changes for you"); then the later sections.
 * Linear in the note's length.
 */
export function extractDepartmentParts(note: NoteSections, department: DepartmentConfig): DepartmentParts {
  const { model } = note.range;
  const source = model.source;
  const names = createDepartmentMatcher(department);
  const area = note.changes === null ? { start: note.start, end: note.end } : { start: note.changes.end, end: Math.min(note.changes.sectionEnd, note.end) };
  const outside = (offset: number): boolean => note.followUps.some((h) => offset >= h.start && offset < h.sectionEnd);

  const concerns: NoteExcerpt[] = [];
  let coveredUntil = -1;
  const headingByStart = new Map(model.headings.map((h) => [h.start, h] as const));
  for (const block of model.blocks) {
    if (block.start < area.start || block.start >= area.end || block.start < coveredUntil || outside(block.start)) continue;
    if (!names(block.text)) continue;
    if (block.kind === "heading") {
      const heading = headingByStart.get(block.start) ?? model.headings.find((h) => block.start >= h.start && block.start < h.end);
      if (heading === undefined) continue;
      const stop = Math.min(heading.sectionEnd, area.end);
      concerns.push({ heading: heading.text.trim(), markdown: source.slice(heading.end, stop).trim() });
      coveredUntil = stop;
    } else {
      const lineStart = source.lastIndexOf("\n", block.start - 1) + 1;
      const newline = source.indexOf("\n", Math.max(block.end - 1, block.start));
      const lineEnd = Math.min(newline < 0 ? source.length : newline, area.end);
      concerns.push({ heading: null, markdown: source.slice(Math.max(lineStart, area.start), lineEnd).trim() });
      coveredUntil = lineEnd;
    }
  }

  let match: DepartmentParts["match"] = "named";
  if (concerns.length === 0) {
    if (note.changes !== null) {
      match = "section";
      concerns.push({ heading: note.changes.text.trim(), markdown: source.slice(area.start, area.end).trim() });
    } else {
      match = "whole-note";
      concerns.push({ heading: null, markdown: withoutFollowUps(source, note).trim() });
    }
  }
  const followUps = note.followUps.map((h) => ({
    heading: h.text.trim(),
    markdown: source.slice(h.end, Math.min(h.sectionEnd, note.end)).trim(),
  }));
  return { match, concerns: concerns.filter((c) => c.markdown !== "" || c.heading !== null), followUps };
}

function withoutFollowUps(source: string, note: NoteSections): string {
  let text = "";
  let at = note.start;
  const sorted = [...note.followUps].sort((a, b) => a.start - b.start);
  for (const h of sorted) {
    if (h.start > at) text += source.slice(at, h.start);
    at = Math.max(at, Math.min(h.sectionEnd, note.end));
  }
  if (at < note.end) text += source.slice(at, note.end);
  return text;
}
