import { MAX_FINDINGS_PER_KIND, createNoteFinding, createUseBudget, describeUses, findingRange } from "./create-note-finding.js";
import { acronymCore, findSpelledOutAcronyms } from "./is-acronym-spelled-out.js";
import type { SpelledOutAcronyms } from "./is-acronym-spelled-out.js";
import type { Word } from "./markdown-model.js";
import type { NoteFinding } from "./release-note-result.js";
import type { NoteText } from "./select-note-text.js";

/** Capitals everyone reads without an expansion (`known_acronyms` adds a team's own). */
export const EVERYDAY_ACRONYMS: ReadonlySet<string> = new Set(
  (
    "OK ID IDS PR US UK EU USA UAE UN AM PM PDF CEO CFO CTO COO IT HR FAQ TV PC USB GPS SIM SMS MMS PIN ATM QR " +
    "USD EUR GBP CHF JPY CAD AUD VAT GST ASAP FYI AI CSV PS NB ETA DIY VIP RSVP KB MB GB TB " +
    "TODO TBD FIXME XXX I II III IV V VI VII VIII IX X XI XII"
  ).split(" "),
);

/**
 * Everyday words that are written in capitals for emphasis ("DO NOT",
 * "SHOULD NOT BE USED", "OFF"): never acronyms.
 */
const SHOUTED_WORDS: ReadonlySet<string> = new Set(
  (
    "a about after again all also always am an and any are as ask at away back be been before being best both but buy by " +
    "call can cannot cant careful change check close closed come complete did do does done dont down each end every " +
    "final first for free from full get go good has have help here high how if important in into is it its just keep " +
    "last late leave less live low main make may more most must my need never new next no none nor not note now of off " +
    "old on once one only open or our out over please post put read ready remove required save see sell send set should " +
    "so soon start stay still stop take than that the their them then there these they this those to today too turn " +
    "under until up update urgent us use used very wait want warning was we well were what when where which while who " +
    "why will with without wrong yes yet you your delete head patch cancel reply confirm accept decline info join " +
    "quit pay text agree apply book claim enter exit fail failed pass paid due hold void sold alert error fixed"
  ).split(" "),
);

/** Options of `findUnexpandedAcronyms`. */
export interface AcronymOptions {
  /** Words already reported as jargon. */
  readonly jargonWords: ReadonlySet<Word>;
  /** System and department names from the config. */
  readonly knownTerms?: readonly string[];
  /** `plain_language.known_acronyms`: the readers' everyday acronyms. */
  readonly knownAcronyms?: readonly string[];
  /** The acronyms the note spells out, when already found (else found here). */
  readonly spelledOut?: SpelledOutAcronyms;
}

/**
 * Acronym hints (notices): each acronym (two to six capitals, a plural "s"
 * allowed, a leading digit as in "2FA") that the note never spells out as
 * "Full Name (ACR)", "ACR (Full Name)" or "ACR stands for …", as one finding
 * at its first use with the count and lines of every use. Left alone:
 * everyday acronyms, `known_acronyms`, system and department names, words
 * shouted for emphasis, codes with digits ("NEWS2", "Q3", "FY24"), and words
 * already reported as jargon.
 */
export function findUnexpandedAcronyms(note: NoteText, options: AcronymOptions): NoteFinding[] {
  const known = new Set<string>(EVERYDAY_ACRONYMS);
  for (const t of [...(options.knownTerms ?? []), ...(options.knownAcronyms ?? [])]) known.add(t.trim().toUpperCase());
  const uses = new Map<string, Word[]>();
  for (const [w, core] of acronymWords(note)) {
    if (known.has(core) || options.jargonWords.has(w) || SHOUTED_WORDS.has(core.toLowerCase())) continue;
    const list = uses.get(core) ?? [];
    list.push(w);
    uses.set(core, list);
  }
  for (const list of uses.values()) list.sort((a, b) => a.start - b.start);
  const spelledOut = options.spelledOut ?? findSpelledOutAcronyms(note.blocks.map((b) => b.text).join("\n"));
  const out: NoteFinding[] = [];
  const budget = createUseBudget();
  const ordered = [...uses].sort((a, b) => (a[1][0]?.start ?? 0) - (b[1][0]?.start ?? 0));
  for (const [core, words] of ordered) {
    if (out.length >= MAX_FINDINGS_PER_KIND) break;
    const first = words[0];
    if (first === undefined || spelledOut(core)) continue;
    const many = words.length > 1;
    const uses = many ? ` (${describeUses(words.map((w) => note.model.position(w.start).line))})` : "";
    const finding = createNoteFinding(
      note,
      "acronym",
      "notice",
      `"${core}" is not spelled out${uses}: write it in full the first time, e.g. "Full Name (${core})", or list it in known_acronyms if every reader knows it.`,
      first.start,
      first.end,
      quoteOf(note, first),
    );
    const ranges = words.slice(0, budget(words.length)).map((w) => findingRange(note, w.start, w.end));
    out.push(ranges.length > 1 ? { ...finding, occurrences: ranges } : finding);
  }
  return out;
}

/**
 * The acronym-like words of the note's prose and headings, with their core,
 * leaving out those of a shouted sentence or heading: more than half its
 * words in capitals, three words or more.
 */
function acronymWords(note: NoteText): Array<[Word, string]> {
  const out: Array<[Word, string]> = [];
  const words = note.model.words;
  const take = (list: readonly Word[]): void => {
    let found: Array<[Word, string]> | null = null;
    for (const w of list) {
      const core = acronymCore(w.text);
      if (core !== null) (found ??= []).push([w, core]);
    }
    if (found === null || isShouted(list)) return;
    out.push(...found);
  };
  for (const s of note.sentences) take(words.slice(s.firstWord, s.firstWord + s.wordCount));
  let heading: Word[] = [];
  for (const w of note.headingWords) {
    if (heading.length > 0 && heading[0]?.block !== w.block) {
      take(heading);
      heading = [];
    }
    heading.push(w);
  }
  take(heading);
  return out;
}

function isShouted(list: readonly Word[]): boolean {
  if (list.length <= 2) return false;
  let loud = 0;
  for (const w of list) if (!/[a-z]/.test(w.text) && /[A-Z]/.test(w.text)) loud++;
  return loud * 2 > list.length;
}

function quoteOf(note: NoteText, word: Word): string {
  const block = note.model.blocks[word.block];
  if (block === undefined) return word.text;
  if (block.kind === "heading") return block.text.trim();
  return note.sentences.find((s) => s.block === word.block && s.end >= word.end)?.text ?? block.text;
}
