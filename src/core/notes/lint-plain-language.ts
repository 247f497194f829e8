import { syllable } from "syllable";
import type { PlainLanguageConfig } from "../config/integ-config.js";
import { MAX_FINDINGS_PER_KIND, createNoteFinding } from "./create-note-finding.js";
import { createJargonMatcher } from "./create-jargon-matcher.js";
import type { JargonMatcher } from "./create-jargon-matcher.js";
import { findPassiveVoice } from "./find-passive-voice.js";
import { findUnexpandedAcronyms } from "./find-unexpanded-acronyms.js";
import type { Sentence, Word } from "./markdown-model.js";
import type { NoteFinding } from "./release-note-result.js";
import type { NoteText } from "./select-note-text.js";

/** Flesch-Kincaid grade is only computed for notes of at least this many words. */
export const MIN_WORDS_FOR_GRADE = 100;

/** Plain-language findings of one note, and the one-line titles of the blocking ones (when enforced). */
export interface PlainLanguageResult {
  readonly findings: readonly NoteFinding[];
  /** Flesch-Kincaid grade of the whole note; null under 100 words. */
  readonly grade: number | null;
  /** Titles of problems, in order; empty unless `enforce` and something was found. */
  readonly problems: readonly string[];
}

/**
 * The plain-language analysis of behaviour.md: Flesch-Kincaid grade above
 * `max_grade` (notes of 100 words or more), sentences longer than
 * `max_sentence_words`, jargon (with a plainer word where known); plus
 * passive-voice and unexpanded-acronym hints as notices. Warnings, or
 * blocking with `enforce: true`. `knownTerms` (system and department names
 * from the config) are never reported as unexplained acronyms. Pure.
 */
export function lintPlainLanguage(
  note: NoteText,
  config: PlainLanguageConfig,
  matcher: JargonMatcher = createJargonMatcher(config),
  knownTerms: readonly string[] = [],
): PlainLanguageResult {
  const severity = config.enforce ? "blocking" : "warning";
  const findings: NoteFinding[] = [];
  const problems: string[] = [];

  const grade = fleschKincaidGrade(note.proseWords, note.sentences.length);
  if (grade !== null && grade > config.maxGrade) {
    const first = note.proseWords[0];
    const last = note.proseWords[note.proseWords.length - 1];
    findings.push(
      createNoteFinding(
        note,
        "grade-too-high",
        severity,
        `The note reads at school grade ${grade.toFixed(1)} (Flesch-Kincaid); aim for ${config.maxGrade} or lower with shorter sentences and everyday words.`,
        first?.start ?? note.start,
        last?.end ?? note.start,
      ),
    );
    problems.push(`Release note reads at grade ${grade.toFixed(1)}; the limit is ${config.maxGrade}`);
  }

  let long = 0;
  for (const s of note.sentences) {
    if (s.wordCount <= config.maxSentenceWords) continue;
    if (long < MAX_FINDINGS_PER_KIND) {
      findings.push(
        createNoteFinding(
          note,
          "long-sentence",
          severity,
          `This sentence has ${s.wordCount} words; split it so that no sentence has more than ${config.maxSentenceWords}.`,
          s.start,
          s.end,
          s.text,
        ),
      );
    }
    if (long === 0) problems.push(`Release note has a sentence of ${s.wordCount} words (limit ${config.maxSentenceWords})`);
    long++;
  }

  const noteWords = [...note.proseWords, ...note.headingWords].sort((a, b) => a.start - b.start);
  const hits = matcher.find(note.model, noteWords);
  const jargonWords = new Set<Word>();
  hits.forEach((hit, n) => {
    const first = hit.words[0];
    const last = hit.words[hit.words.length - 1];
    if (first === undefined || last === undefined) return;
    for (const w of hit.words) jargonWords.add(w);
    const written = note.model.blocks[first.block]?.text.slice(first.textStart, last.textStart + last.text.length) ?? first.text;
    const advice =
      hit.entry.plainer === null ? "say what it means in everyday words" : `say "${hit.entry.plainer}" instead`;
    if (n < MAX_FINDINGS_PER_KIND) {
      findings.push(
        createNoteFinding(
          note,
          "jargon",
          severity,
          `"${written}" is jargon: ${advice}.`,
          first.start,
          last.end,
          sentenceOf(note, first),
        ),
      );
    }
    if (n === 0) {
      problems.push(
        `Release note uses jargon: "${written}"${hit.entry.plainer === null ? "" : ` (say "${hit.entry.plainer}")`}`,
      );
    }
  });

  findings.push(...findPassiveVoice(note), ...findUnexpandedAcronyms(note, jargonWords, knownTerms));
  return { findings, grade, problems: config.enforce ? problems : [] };
}

const syllableCache = new Map<string, number>();

function syllables(word: string): number {
  const k = word.toLowerCase();
  let n = syllableCache.get(k);
  if (n === undefined) {
    n = Math.max(1, syllable(k));
    if (syllableCache.size < 50_000) syllableCache.set(k, n);
  }
  return n;
}

/** Flesch-Kincaid grade level; null for fewer than 100 words. */
export function fleschKincaidGrade(words: readonly Word[], sentenceCount: number): number | null {
  if (words.length < MIN_WORDS_FOR_GRADE) return null;
  let total = 0;
  for (const w of words) total += syllables(w.text);
  const sentences = Math.max(1, sentenceCount);
  return 0.39 * (words.length / sentences) + 11.8 * (total / words.length) - 15.59;
}

function sentenceOf(note: NoteText, word: Word): string {
  const block = note.model.blocks[word.block];
  if (block === undefined) return word.text;
  if (block.kind === "heading") return block.text.trim();
  const s: Sentence | undefined = note.sentences.find((x) => x.block === word.block && x.end >= word.end);
  return s?.text ?? block.text;
}
