import { MAX_FINDINGS_PER_KIND, createNoteFinding } from "./create-note-finding.js";
import type { Word } from "./markdown-model.js";
import type { NoteFinding } from "./release-note-result.js";
import type { NoteText } from "./select-note-text.js";

/** Capitals everyone reads without an expansion, and shouted everyday words. */
const KNOWN_CAPITALS = new Set(
  (
    "OK ID IDS PR US UK EU USA AM PM PDF CEO CFO CTO COO IT HR FAQ TV USD EUR GBP VAT ASAP FYI AI CSV PS NB ETA " +
    "NOT NO NEW NOTE ONLY MUST DO DONT ALL ANY AND OR THE YOU YOUR WILL NOW NEVER ALWAYS STOP ASK NEED BEFORE AFTER " +
    "TODO TBD FIXME XXX I II III IV V VI VII VIII IX X XI XII"
  ).split(" "),
);
const ACRONYM = /^(?=(?:[^A-Z]*[A-Z]){2})[A-Z0-9]{2,6}$/;

/**
 * Acronym hints (notices): the first use of each acronym (2-6 capitals or
 * digits, at least two capitals) that the note never spells out as
 * "Full Name (ACR)" or "ACR (Full Name)". Everyday capitals, shouted
 * sentences, words already reported as jargon and `knownTerms` are left alone.
 */
export function findUnexpandedAcronyms(
  note: NoteText,
  jargonWords: ReadonlySet<Word>,
  knownTerms: readonly string[] = [],
): NoteFinding[] {
  const known = new Set(knownTerms.map((t) => t.toUpperCase()));
  const out: NoteFinding[] = [];
  const seen = new Set<string>();
  const text = note.blocks.map((b) => b.text).join("\n");
  const words = note.model.words;
  for (const s of note.sentences) {
    const sentenceWords = words.slice(s.firstWord, s.firstWord + s.wordCount);
    // "No lower-case letter and at least one capital", as two linear tests (one regex backtracked quadratically).
    const shouting = sentenceWords.filter((w) => !/[a-z]/.test(w.text) && /[A-Z]/.test(w.text)).length * 2 > sentenceWords.length;
    if (shouting && sentenceWords.length > 2) continue;
    for (const w of sentenceWords) {
      const core = /^[A-Z0-9]+s$/.test(w.text) ? w.text.slice(0, -1) : w.text;
      if (!ACRONYM.test(core)) continue;
      if (KNOWN_CAPITALS.has(core) || known.has(core) || seen.has(core) || jargonWords.has(w)) continue;
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

