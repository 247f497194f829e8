import { syllable } from "syllable";
import type { PlainLanguageConfig } from "../config/integ-config.js";
import { MAX_FINDINGS_PER_KIND, createNoteFinding, createUseBudget, describeUses, findingRange } from "./create-note-finding.js";
import { createJargonMatcher } from "./create-jargon-matcher.js";
import type { JargonEntry, JargonMatcher } from "./create-jargon-matcher.js";
import { findCodeIdentifiers } from "./find-code-identifiers.js";
import { findPassiveVoice } from "./find-passive-voice.js";
import { findUnexpandedAcronyms } from "./find-unexpanded-acronyms.js";
import { findSpelledOutAcronyms } from "./is-acronym-spelled-out.js";
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

/** What the analysis knows besides the note and `plain_language`. */
export interface PlainLanguageOptions {
  /** The jargon list (built from the config when absent; pass one to reuse it across notes). */
  readonly matcher?: JargonMatcher;
  /** System and department names from the config: the organisation's own words, never acronyms to spell out. */
  readonly knownTerms?: readonly string[];
  /** System names from the config, for the passive-voice hint ("the ERP …"). */
  readonly systems?: readonly string[];
}

/**
 * The plain-language analysis of docs/release-note.md: Flesch-Kincaid grade
 * above `max_grade` (notes of 100 words or more), sentences longer than
 * `max_sentence_words`, jargon (with a plainer word where known) and code
 * names written as prose, one finding per term with every use; plus
 * passive-voice and unexpanded-acronym hints as notices. Warnings, or
 * blocking with `enforce: true`. Pure.
 */
export function lintPlainLanguage(
  note: NoteText,
  config: PlainLanguageConfig,
  options: PlainLanguageOptions = {},
): PlainLanguageResult {
  const matcher = options.matcher ?? createJargonMatcher(config);
  const severity = config.enforce ? "blocking" : "warning";
  const findings: NoteFinding[] = [];
  const problems: string[] = [];

  const grade = fleschKincaidGrade(note.proseWords, readSentenceCount(note.sentences));
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
  const spelledOut = findSpelledOutAcronyms(note.blocks.map((b) => b.text).join("\n"));
  const jargonWords = new Set<Word>();
  const terms = new Map<string, JargonTerm>();
  const aliases = new Map<string, string>();
  const entryKeys = new Map<JargonEntry, string>();
  for (const hit of matcher.find(note.model, noteWords)) {
    // An acronym on the list that the note spells out ("Single sign-on (SSO)") is explained.
    if (hit.words.length === 1 && isAcronymEntry(hit.entry) && spelledOut(hit.entry.term.toUpperCase())) continue;
    let k = entryKeys.get(hit.entry);
    if (k === undefined) {
      k = termKey(hit.entry, aliases);
      entryKeys.set(hit.entry, k);
    }
    addUse(terms, k, hit.words, jargonWords, () => ({
      advice: adviceFor(hit.entry, hit.derived),
      plainer: hit.derived ? null : hit.entry.plainer,
    }));
  }
  for (const code of findCodeIdentifiers(note.model, noteWords)) {
    if (code.words.some((w) => jargonWords.has(w))) continue;
    addUse(terms, `code:${code.text}`, code.words, jargonWords, () => ({
      advice: "it looks like code: say what it is in everyday words (or put it in `backticks` if the reader must type it)",
      plainer: null,
      written: code.text,
    }));
  }
  const budget = createUseBudget();
  [...terms.values()]
    .sort((a, b) => a.uses[0].start - b.uses[0].start)
    .forEach((term, n) => {
      const first = term.uses[0];
      const written = term.written ?? writtenText(note, first.words);
      const many = term.uses.length > 1;
      if (n < MAX_FINDINGS_PER_KIND) {
        const uses = many ? ` (${describeUses(term.uses.map((u) => note.model.position(u.start).line))})` : "";
        const finding = createNoteFinding(
          note,
          "jargon",
          severity,
          `"${written}" is jargon${uses}: ${term.advice}.`,
          first.start,
          first.end,
          sentenceOf(note, first.words[0] ?? null),
        );
        const listed = budget(term.uses.length);
        const ranges = term.uses.slice(0, listed).map((u) => findingRange(note, u.start, u.end));
        findings.push(ranges.length > 1 ? { ...finding, occurrences: ranges } : finding);
      }
      if (n === 0) {
        problems.push(`Release note uses jargon: "${written}"${term.plainer === null ? "" : ` (say "${term.plainer}")`}`);
      }
    });

  findings.push(
    ...findPassiveVoice(note, options.systems === undefined ? {} : { systems: options.systems }),
    ...findUnexpandedAcronyms(note, {
      jargonWords,
      spelledOut,
      knownTerms: options.knownTerms ?? [],
      knownAcronyms: config.knownAcronyms ?? [],
    }),
  );
  return { findings, grade, problems: config.enforce ? problems : [] };
}

/** One jargon term or code name and every use of it. */
interface JargonTerm {
  readonly advice: string;
  readonly plainer: string | null;
  readonly written?: string;
  readonly uses: [Use, ...Use[]];
}

interface Use {
  readonly words: readonly Word[];
  readonly start: number;
  readonly end: number;
}

function addUse(
  terms: Map<string, JargonTerm>,
  key: string,
  words: readonly Word[],
  jargonWords: Set<Word>,
  describe: () => Omit<JargonTerm, "uses">,
): void {
  const first = words[0];
  const last = words[words.length - 1];
  if (first === undefined || last === undefined) return;
  for (const w of words) jargonWords.add(w);
  const use: Use = { words, start: first.start, end: last.end };
  const known = terms.get(key);
  if (known === undefined) terms.set(key, { ...describe(), uses: [use] });
  else known.uses.push(use);
}

/**
 * One key per term, whichever entry of the list matched: a term and its
 * derived noun ("deprecate", "deprecation"), and one term written two ways
 * with the same plainer wording ("backend", "back-end"; "general
 * availability", "generally available").
 */
function termKey(entry: JargonEntry, aliases: Map<string, string>): string {
  const letters = entry.term.toLowerCase().replace(/[^a-z ]/g, "");
  const stem = `stem:${stemOf(letters)}`;
  if (entry.plainer === null) return stem;
  const plain = `plain:${entry.plainer}|${letters.slice(0, 5)}`;
  const known = aliases.get(plain) ?? aliases.get(stem);
  if (known !== undefined) return known;
  aliases.set(plain, stem);
  aliases.set(stem, stem);
  return stem;
}

const SUFFIXES = ["ations", "ation", "ions", "ion", "ments", "ment", "ings", "ing", "ity", "ies", "es", "s", "e"];

/** "deprecate", "deprecation" -> "deprec"; "optimize", "optimization" -> "optimiz". */
function stemOf(word: string): string {
  let stem = word;
  const suffix = SUFFIXES.find((x) => stem.endsWith(x) && stem.length - x.length >= 4);
  if (suffix !== undefined) stem = stem.slice(0, -suffix.length);
  return stem.endsWith("at") && stem.length > 5 ? stem.slice(0, -2) : stem;
}

function adviceFor(entry: JargonEntry, derived: boolean): string {
  if (entry.plainer === null) return "say what it means in everyday words";
  return derived ? `say it in everyday words ("${entry.term}" means "${entry.plainer}")` : `say "${entry.plainer}" instead`;
}

function isAcronymEntry(entry: JargonEntry): boolean {
  return /^[A-Z][a-z]*[A-Z][A-Za-z]*$/.test(entry.term) && entry.term.length <= 6;
}

/** The words of one hit as written in their block (a phrase keeps its spacing). */
function writtenText(note: NoteText, words: readonly Word[]): string {
  const first = words[0];
  const last = words[words.length - 1];
  if (first === undefined || last === undefined) return "";
  return note.model.blocks[first.block]?.text.slice(first.textStart, last.textStart + last.text.length) ?? first.text;
}

/**
 * Sentences as a reader counts them for the grade: a lower-case list item
 * that goes on with the sentence before it is not a sentence of its own.
 */
export function readSentenceCount(sentences: readonly Sentence[]): number {
  let n = 0;
  for (const s of sentences) if (!s.continuesPrevious) n++;
  return n;
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

function sentenceOf(note: NoteText, word: Word | null): string {
  if (word === null) return "";
  const block = note.model.blocks[word.block];
  if (block === undefined) return word.text;
  if (block.kind === "heading") return block.text.trim();
  const s: Sentence | undefined = note.sentences.find((x) => x.block === word.block && x.end >= word.end);
  return s?.text ?? block.text;
}
