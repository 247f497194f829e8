import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { DepartmentConfig, PlainLanguageConfig, ReleaseNoteConfig } from "../src/core/config/integ-config.js";
import {
  DEFAULT_INLINE_HEADING,
  DEFAULT_MAX_GRADE,
  DEFAULT_MAX_SENTENCE_WORDS,
  DEFAULT_NOTE_PATHS,
  DEFAULT_PLACEHOLDERS,
  DEFAULT_SECTIONS,
} from "../src/core/config/integ-config.js";
import { analyseNoteSource } from "../src/core/notes/analyse-note-source.js";
import { createJargonMatcher } from "../src/core/notes/create-jargon-matcher.js";
import type { NoteFinding } from "../src/core/notes/release-note-result.js";

/** The corpus of realistic notes with labelled expectations (test/fixtures/notes-corpus/). */
export const CORPUS_DIR = join(import.meta.dirname, "../test/fixtures/notes-corpus");

/** The plain-language kinds the corpus labels. */
export const CORPUS_KINDS = ["grade-too-high", "long-sentence", "jargon", "passive-voice", "acronym"] as const;
export type CorpusKind = (typeof CORPUS_KINDS)[number];

/** One note's labels, as written in expected.yml. */
export interface CorpusNote {
  readonly file: string;
  readonly readers: string;
  /** The team's config for this note: system names, known acronyms, jargon allowed. */
  readonly systems: readonly string[];
  readonly knownAcronyms: readonly string[];
  readonly jargonAllow: readonly string[];
  readonly grade: boolean;
  /** The first words of each sentence that is too long. */
  readonly long: readonly string[];
  /** Jargon as written at its first use. */
  readonly jargon: readonly string[];
  readonly acronym: readonly string[];
  /** Passive phrases as written ("will be sent"), once per occurrence. */
  readonly passive: readonly string[];
}

export interface KindScore {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  /** Of the false positives: findings of a term already reported (a second finding of the same thing). */
  readonly repeats: number;
  readonly precision: number;
  readonly recall: number;
}

export interface CorpusScore {
  readonly notes: number;
  readonly words: number;
  readonly kinds: Readonly<Record<CorpusKind, KindScore>>;
  readonly all: KindScore;
  /** Every finding that matched no label, and every label no finding matched: "file kind: text". */
  readonly wrong: readonly string[];
  readonly missed: readonly string[];
}

/** Reads expected.yml. */
export function loadCorpus(dir = CORPUS_DIR): CorpusNote[] {
  const raw = parseYaml(readFileSync(join(dir, "expected.yml"), "utf8")) as { notes: Record<string, Record<string, unknown>> };
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
  return Object.entries(raw.notes).map(([file, n]) => ({
    file,
    readers: String(n["readers"] ?? ""),
    systems: list(n["systems"]),
    knownAcronyms: list(n["known_acronyms"]),
    jargonAllow: list(n["jargon_allow"]),
    grade: n["grade"] === true,
    long: list(n["long"]),
    jargon: list(n["jargon"]),
    acronym: list(n["acronym"]),
    passive: list(n["passive"]),
  }));
}

/** The release-note config a team would have for this note: defaults plus its plain-language keys. */
export function corpusNoteConfig(note: CorpusNote): ReleaseNoteConfig {
  const plainLanguage: PlainLanguageConfig = {
    enforce: false,
    maxGrade: DEFAULT_MAX_GRADE,
    maxSentenceWords: DEFAULT_MAX_SENTENCE_WORDS,
    jargon: new Map(),
    jargonAllow: note.jargonAllow.map((w) => w.toLowerCase()),
    knownAcronyms: note.knownAcronyms,
  };
  return {
    paths: DEFAULT_NOTE_PATHS,
    inlineHeading: DEFAULT_INLINE_HEADING,
    externalHosts: [],
    sections: DEFAULT_SECTIONS,
    mentionDepartments: false,
    placeholders: DEFAULT_PLACEHOLDERS,
    minWords: 0,
    plainLanguage,
  };
}

/** Runs the analysis on one corpus note: its plain-language findings. */
export function analyseCorpusNote(note: CorpusNote, dir = CORPUS_DIR): { findings: NoteFinding[]; words: number; source: string } {
  const source = readFileSync(join(dir, note.file), "utf8");
  const config = corpusNoteConfig(note);
  const departments: DepartmentConfig[] = [];
  const analysis = analyseNoteSource(source, config, departments, {
    matcher: createJargonMatcher(config.plainLanguage),
    knownTerms: note.systems,
    systems: note.systems,
  });
  const kinds = new Set<string>(CORPUS_KINDS);
  return { findings: analysis.findings.filter((f) => kinds.has(f.kind)), words: analysis.words, source };
}

/** The term a finding is about: the text quoted at the start of its message ("leverage" is jargon ...). */
export function findingTerm(finding: NoteFinding): string {
  if (finding.kind === "long-sentence") return finding.quote ?? "";
  const quoted = /^"([^"]*)"/.exec(finding.message);
  return quoted?.[1] ?? "";
}

/** One finding as the scorer reads it: its kind, the term it is about, and its line. */
export interface ScoredFinding {
  readonly kind: string;
  readonly term: string;
  readonly line: number;
}

/** What is scored: a note's findings (the own analysis by default; a library's in the comparison bench). */
export type CorpusAnalyser = (note: CorpusNote, source: string) => { findings: ScoredFinding[]; words: number };

/** Scores the analysis against the labels: per kind, true and false positives and misses. */
export function scoreCorpus(
  notes: readonly CorpusNote[] = loadCorpus(),
  dir = CORPUS_DIR,
  analyser: CorpusAnalyser = (note) => ownAnalyserIn(note, dir),
): CorpusScore {
  const counts = new Map<CorpusKind, { tp: number; fp: number; fn: number; repeats: number }>();
  for (const k of CORPUS_KINDS) counts.set(k, { tp: 0, fp: 0, fn: 0, repeats: 0 });
  const wrong: string[] = [];
  const missed: string[] = [];
  let words = 0;
  for (const note of notes) {
    const { findings, words: w } = analyser(note, readFileSync(join(dir, note.file), "utf8"));
    words += w;
    const labels: Record<CorpusKind, string[]> = {
      "grade-too-high": note.grade ? ["grade"] : [],
      "long-sentence": [...note.long],
      jargon: [...note.jargon],
      acronym: [...note.acronym],
      "passive-voice": [...note.passive],
    };
    const matchedTerms = new Map<CorpusKind, Set<string>>();
    for (const f of findings) {
      const kind = f.kind as CorpusKind;
      const c = counts.get(kind);
      if (c === undefined) continue;
      const term = f.term;
      const open = labels[kind];
      const at = open.findIndex((label) => matches(kind, term, label));
      const seen = matchedTerms.get(kind) ?? new Set<string>();
      matchedTerms.set(kind, seen);
      if (at >= 0) {
        c.tp++;
        seen.add(keyOf(kind, term));
        open.splice(at, 1);
      } else {
        c.fp++;
        if (seen.has(keyOf(kind, term)) && kind !== "passive-voice") c.repeats++;
        wrong.push(`${note.file}:${f.line} ${kind}: ${kind === "long-sentence" ? term.slice(0, 60) : term}`);
      }
    }
    for (const kind of CORPUS_KINDS) {
      const c = counts.get(kind);
      if (c === undefined) continue;
      c.fn += labels[kind].length;
      for (const label of labels[kind]) missed.push(`${note.file} ${kind}: ${label}`);
    }
  }
  const score = (c: { tp: number; fp: number; fn: number; repeats: number }): KindScore => ({
    truePositives: c.tp,
    falsePositives: c.fp,
    falseNegatives: c.fn,
    repeats: c.repeats,
    precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
    recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
  });
  const total = { tp: 0, fp: 0, fn: 0, repeats: 0 };
  const kinds = {} as Record<CorpusKind, KindScore>;
  for (const k of CORPUS_KINDS) {
    const c = counts.get(k) ?? { tp: 0, fp: 0, fn: 0, repeats: 0 };
    kinds[k] = score(c);
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
    total.repeats += c.repeats;
  }
  return { notes: notes.length, words, kinds, all: score(total), wrong, missed };
}

function ownAnalyserIn(note: CorpusNote, dir: string): { findings: ScoredFinding[]; words: number } {
  const { findings, words } = analyseCorpusNote(note, dir);
  return {
    findings: findings.map((f) => ({ kind: f.kind, term: f.kind === "grade-too-high" ? "grade" : findingTerm(f), line: f.line })),
    words,
  };
}

function matches(kind: CorpusKind, term: string, label: string): boolean {
  switch (kind) {
    case "grade-too-high":
      return true;
    case "long-sentence":
      return squash(term).startsWith(squash(label));
    case "acronym":
      return term.replace(/s$/u, "") === label.replace(/s$/u, "");
    case "jargon":
      // "a|b": two forms of one term; "align" matches the label "align with".
      return label.split("|").some((form) => {
        const [a, b] = [stemPhrase(term), stemPhrase(form)];
        return a === b || `${b} `.startsWith(`${a} `) || `${a} `.startsWith(`${b} `);
      });
    case "passive-voice":
      // The verb is enough: "is worked" matches the label "is worked out".
      return squash(label).split(" ").includes(lastWord(term));
  }
}

function keyOf(kind: CorpusKind, term: string): string {
  return kind === "jargon" ? stemPhrase(term) : kind === "acronym" ? term.replace(/s$/u, "") : term;
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** The last word of a phrase. */
function lastWord(text: string): string {
  const words = squash(text).split(" ");
  return words[words.length - 1] ?? "";
}

/** "Migrations" and "migrate", "backward compatibility" and "backwards-compatible": one stem each word. */
function stemPhrase(text: string): string {
  return squash(text)
    .split(" ")
    .map((w) => (w.length > 4 ? w.replace(/(?:ations|ation|ions|ion|ments|ment|ings|ing|ies|ied|ed|es|e|s|ility|ible|ly)$/u, "") : w))
    .map((w) => w.replace(/s$/u, ""))
    .join(" ");
}

/** "95% (40/2)". */
export function formatKindScore(s: KindScore): string {
  const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;
  return `precision ${pct(s.precision)} (${s.truePositives} right, ${s.falsePositives} wrong${s.repeats > 0 ? `, ${s.repeats} of them repeats` : ""}), recall ${pct(s.recall)} (${s.falseNegatives} missed)`;
}
