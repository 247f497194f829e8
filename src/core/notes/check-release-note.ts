import type { DepartmentConfig, ReleaseNoteConfig } from "../config/integ-config.js";
import { MAX_FINDINGS_PER_KIND, createNoteFinding, noteStartRange } from "./create-note-finding.js";
import type { HeadingInfo, TextBlock } from "./markdown-model.js";
import { normalizeHeading } from "./normalize-heading.js";
import type { NoteFinding } from "./release-note-result.js";
import { countProseWords } from "./select-note-text.js";
import type { NoteText } from "./select-note-text.js";

/** Blocking findings of one note and the one-line titles of its problems, most important first. */
export interface NoteCheckResult {
  readonly findings: readonly NoteFinding[];
  /** Titles in order ("Release note is missing the section \"Who to ask\""); empty when the note passes. */
  readonly problems: readonly string[];
}

/**
 * The blocking checks (docs/release-note.md#what-makes-a-note-valid): required
 * sections present and holding prose, no placeholders, at least `min_words`
 * words of prose, and (with `mention_departments`) every impacted department
 * named. Pure.
 */
export function checkReleaseNote(
  note: NoteText,
  config: ReleaseNoteConfig,
  impactedDepartments: readonly DepartmentConfig[],
): NoteCheckResult {
  const findings: NoteFinding[] = [];
  const problems: string[] = [];
  checkSections(note, config, findings, problems);
  checkPlaceholders(note, config, findings, problems);
  const words = note.proseWords.length;
  if (words < config.minWords) {
    const at = noteStartRange(note);
    findings.push(
      createNoteFinding(
        note,
        "too-few-words",
        "blocking",
        `The note has ${words} ${plural(words, "word")} of text; write at least ${config.minWords}, so that each department knows what changes for them.`,
        at.start,
        at.end,
      ),
    );
    problems.push(`Release note has ${words} ${plural(words, "word")}; it needs at least ${config.minWords}`);
  }
  if (config.mentionDepartments) checkDepartments(note, impactedDepartments, findings, problems);
  return { findings, problems };
}

function checkSections(note: NoteText, config: ReleaseNoteConfig, findings: NoteFinding[], problems: string[]): void {
  const missing: string[] = [];
  let firstOther: string | null = null;
  for (const name of config.sections) {
    const wanted = normalizeHeading(name);
    const matches = note.headings.filter((h) => h.normalized === wanted);
    if (matches.length > 0) {
      if (matches.some((h) => countProseWords(note, h.end, h.sectionEnd) > 0)) continue;
      const h = matches[0] as HeadingInfo;
      findings.push(
        createNoteFinding(note, "empty-section", "blocking", emptySectionMessage(note, name, h), h.start, h.end),
      );
      firstOther ??= `Release note section "${name}" is empty`;
      continue;
    }
    const outside =
      note.inlineHeading === null
        ? undefined
        : note.model.headings.find(
            (h) => h.normalized === wanted && (h.start < note.start || h.start >= note.end),
          );
    if (outside !== undefined && note.inlineHeading !== null) {
      const parent = note.inlineHeading;
      const level = "#".repeat(Math.min(6, parent.depth + 1));
      findings.push(
        createNoteFinding(
          note,
          "section-outside-note",
          "blocking",
          `The heading "${outside.text}" is outside the release note: make it a sub-heading of "${parent.text}" (${level} ${outside.text}).`,
          outside.start,
          outside.end,
        ),
      );
      firstOther ??= `Release note section "${name}" is outside the note: make it a sub-heading of "${parent.text}"`;
      continue;
    }
    const at = noteStartRange(note);
    findings.push(
      createNoteFinding(
        note,
        "missing-section",
        "blocking",
        `The note has no section "${name}": add a heading "${name}" with a sentence or two under it.`,
        at.start,
        at.end,
      ),
    );
    missing.push(name);
  }
  if (missing.length === 1) problems.push(`Release note is missing the section "${missing[0] ?? ""}"`);
  else if (missing.length > 1) {
    problems.push(`Release note is missing the sections ${missing.map((m) => `"${m}"`).join(", ")}`);
  }
  if (firstOther !== null) problems.push(firstOther);
}

/**
 * "has no text", and when a heading of the same or a higher level comes
 * right after it (the writer meant it as a sub-heading), which heading ended it.
 */
function emptySectionMessage(note: NoteText, name: string, h: HeadingInfo): string {
  const next = note.model.headings.find((x) => x.start === h.sectionEnd && x.start < note.end);
  if (next === undefined || countProseWords(note, h.end, next.start) > 0) {
    return `The section "${name}" has no text: write a sentence or two under it.`;
  }
  const line = note.model.position(next.start).line;
  const title = next.text.trim();
  if (next.depth === h.depth) {
    const sub = "#".repeat(Math.min(6, h.depth + 1));
    return `The section "${name}" has no text: the heading "${title}" (line ${line}) is at the same level, so it ends the section. Write a sentence or two under "${name}", or make "${title}" a sub-heading (${sub} ${title}).`;
  }
  return `The section "${name}" has no text: the higher-level heading "${title}" (line ${line}) ends it. Write a sentence or two under "${name}".`;
}

function checkPlaceholders(note: NoteText, config: ReleaseNoteConfig, findings: NoteFinding[], problems: string[]): void {
  let count = 0;
  let first: string | null = null;
  for (const placeholder of config.placeholders) {
    const pattern = boundedPattern(placeholder, "");
    if (pattern === null) continue;
    for (const block of note.blocks) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(block.text); m !== null; m = pattern.exec(block.text)) {
        if (count < MAX_FINDINGS_PER_KIND) {
          const range = blockRange(block, m.index, m.index + m[0].length);
          findings.push(
            createNoteFinding(
              note,
              "placeholder",
              "blocking",
              `"${m[0]}" is a placeholder: replace it with the real text.`,
              range.start,
              range.end,
              blockSentence(note, block, m.index),
            ),
          );
        }
        count++;
        first ??= placeholder;
        if (m[0].length === 0) pattern.lastIndex++;
      }
    }
  }
  if (first !== null) {
    problems.push(
      count === 1
        ? `Release note still contains the placeholder "${first}"`
        : `Release note still contains placeholders (${count}, first "${first}")`,
    );
  }
}

function checkDepartments(
  note: NoteText,
  departments: readonly DepartmentConfig[],
  findings: NoteFinding[],
  problems: string[],
): void {
  const missing: string[] = [];
  for (const dept of departments) {
    const names = [dept.name.replace(/[_-]+/g, " "), ...dept.aliases];
    const patterns = names.map((n) => boundedPattern(n, "(?:s|es)?")).filter((p): p is RegExp => p !== null);
    const named = note.blocks.some((b) =>
      patterns.some((p) => {
        p.lastIndex = 0;
        return p.test(b.text);
      }),
    );
    if (named) continue;
    missing.push(dept.name);
    const at = noteStartRange(note);
    const others = names.slice(1);
    findings.push(
      createNoteFinding(
        note,
        "department-not-named",
        "blocking",
        `The note does not name the department "${dept.name}"${others.length > 0 ? ` (or ${others.map((o) => `"${o}"`).join(", ")})` : ""}: tell them what changes for them.`,
        at.start,
        at.end,
      ),
    );
  }
  if (missing.length > 0) problems.push(`Release note does not name: ${missing.join(", ")}`);
}

/**
 * A case-insensitive pattern for `phrase` as a whole word or phrase: not
 * preceded or followed by a letter, digit, `_` or `-`; spaces match any whitespace.
 */
function boundedPattern(phrase: string, suffix: string): RegExp | null {
  const parts = phrase.trim().split(/\s+/u).filter((p) => p !== "");
  if (parts.length === 0) return null;
  const body = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}_-])${body}${suffix}(?![\\p{L}\\p{N}_-])`, "giu");
}

function blockRange(block: TextBlock, from: number, to: number): { start: number; end: number } {
  const start = block.offsets[from] ?? block.start;
  const end = (block.offsets[Math.max(from, to - 1)] ?? start) + 1;
  return { start, end };
}

/** The sentence of `block` around text index `at` (the heading text for a heading). */
function blockSentence(note: NoteText, block: TextBlock, at: number): string {
  if (block.kind === "heading") return block.text;
  const offset = block.offsets[at] ?? block.start;
  const sentence = note.sentences.find((s) => note.model.blocks[s.block] === block && s.end > offset);
  return sentence?.text ?? block.text;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
