import { syllable } from "syllable";
import type { PlainLanguageConfig } from "../config/integ-config.js";
import { MAX_FINDINGS_PER_KIND, createNoteFinding } from "./create-note-finding.js";
import { createJargonMatcher } from "./create-jargon-matcher.js";
import type { JargonMatcher } from "./create-jargon-matcher.js";
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
 * blocking with `enforce: true`. Pure.
 */
export function lintPlainLanguage(
  note: NoteText,
  config: PlainLanguageConfig,
  matcher: JargonMatcher = createJargonMatcher(config),
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

  findings.push(...findPassiveVoice(note), ...findAcronyms(note, jargonWords));
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

const BE = new Set(["am", "is", "are", "was", "were", "be", "been", "being", "isn't", "aren't", "wasn't", "weren't"]);
const BETWEEN = new Set(["being", "not", "also", "now", "then", "still", "already", "always", "never", "often", "just", "only", "no", "longer"]);
const IRREGULAR = new Set(
  (
    "done made sent taken given shown known written built set put run kept held paid sold told found seen left lost " +
    "met read shut split spread brought bought caught taught thought chosen driven broken frozen spoken stolen " +
    "forgotten gotten hidden ridden risen worn torn born drawn grown thrown flown begun sunk hung led fed cut hit " +
    "let sent spent lent bound wound struck stuck sung dealt meant understood withdrawn overridden rewritten"
  ).split(" "),
);
const NOT_PARTICIPLE = /eed$|^(?:red|bed|shed|hundred|sacred|naked|wicked|rugged|ragged|beloved|aged|dogged)$/;

function isParticiple(word: string): boolean {
  const w = word.toLowerCase();
  if (IRREGULAR.has(w)) return true;
  return w.length >= 4 && w.endsWith("ed") && !NOT_PARTICIPLE.test(w);
}

function findPassiveVoice(note: NoteText): NoteFinding[] {
  const out: NoteFinding[] = [];
  const words = note.model.words;
  for (const s of note.sentences) {
    const end = s.firstWord + s.wordCount;
    for (let i = s.firstWord; i < end - 1 && out.length < MAX_FINDINGS_PER_KIND; i++) {
      const be = words[i];
      if (be === undefined || !BE.has(be.text.toLowerCase().replace(/’/g, "'"))) continue;
      let j = i + 1;
      const between = words[j];
      if (between !== undefined && j < end - 1 && (BETWEEN.has(between.text.toLowerCase()) || /ly$/i.test(between.text))) j++;
      const participle = words[j];
      if (participle === undefined || j >= end || !isParticiple(participle.text)) continue;
      const phrase = `${be.text} ${j > i + 1 ? `${words[i + 1]?.text ?? ""} ` : ""}${participle.text}`;
      out.push(
        createNoteFinding(
          note,
          "passive-voice",
          "notice",
          `"${phrase}" is passive: say who does it ("we …", "you …", "the ERP …").`,
          be.start,
          participle.end,
          s.text,
        ),
      );
      i = j;
    }
  }
  return out;
}

/** Capitals everyone reads without an expansion, and shouted everyday words. */
const KNOWN_CAPITALS = new Set(
  (
    "OK ID IDS PR US UK EU USA AM PM PDF CEO CFO CTO COO IT HR FAQ TV USD EUR GBP VAT ASAP FYI AI CSV PS NB ETA " +
    "NOT NO NEW NOTE ONLY MUST DO DONT ALL ANY AND OR THE YOU YOUR WILL NOW NEVER ALWAYS STOP ASK NEED BEFORE AFTER " +
    "TODO TBD FIXME XXX I II III IV V VI VII VIII IX X XI XII"
  ).split(" "),
);
const ACRONYM = /^(?=(?:[^A-Z]*[A-Z]){2})[A-Z0-9]{2,6}$/;

function findAcronyms(note: NoteText, jargonWords: ReadonlySet<Word>): NoteFinding[] {
  const out: NoteFinding[] = [];
  const seen = new Set<string>();
  const text = note.blocks.map((b) => b.text).join("\n");
  const words = note.model.words;
  for (const s of note.sentences) {
    const sentenceWords = words.slice(s.firstWord, s.firstWord + s.wordCount);
    const shouting = sentenceWords.filter((w) => /^[^a-z]*[A-Z][^a-z]*$/.test(w.text)).length * 2 > sentenceWords.length;
    if (shouting && sentenceWords.length > 2) continue;
    for (const w of sentenceWords) {
      const core = /^[A-Z0-9]+s$/.test(w.text) ? w.text.slice(0, -1) : w.text;
      if (!ACRONYM.test(core)) continue;
      if (KNOWN_CAPITALS.has(core) || seen.has(core) || jargonWords.has(w)) continue;
      seen.add(core);
      if (isExpanded(core, text)) continue;
      if (out.length >= MAX_FINDINGS_PER_KIND) return out;
      out.push(
        createNoteFinding(
          note,
          "acronym",
          "notice",
          `"${core}" is not spelled out: write it in full the first time, e.g. "Full Name (${core})".`,
          w.start,
          w.end,
          s.text,
        ),
      );
    }
  }
  return out;
}

/** "Enterprise Resource Planning (ERP)" or "ERP (Enterprise Resource Planning)" anywhere in the note. */
function isExpanded(acronym: string, text: string): boolean {
  const a = acronym.replace(/[^A-Za-z0-9]/g, "");
  return new RegExp(`\\(\\s*${a}s?\\s*\\)|(?<![\\p{L}\\p{N}])${a}s?\\s*\\(\\s*\\p{L}`, "u").test(text);
}

function sentenceOf(note: NoteText, word: Word): string {
  const block = note.model.blocks[word.block];
  if (block === undefined) return word.text;
  if (block.kind === "heading") return block.text.trim();
  const s: Sentence | undefined = note.sentences.find((x) => x.block === word.block && x.end >= word.end);
  return s?.text ?? block.text;
}
