import { MAX_FINDINGS_PER_KIND, createNoteFinding } from "./create-note-finding.js";
import type { NoteFinding } from "./release-note-result.js";
import type { NoteText } from "./select-note-text.js";

const BE = new Set(["am", "is", "are", "was", "were", "be", "been", "being", "isn't", "aren't", "wasn't", "weren't"]);
/** Words that may stand between "to be" and the participle: "is not sent", "are no longer used". */
const BETWEEN = new Set([
  "being", "not", "also", "now", "then", "still", "already", "always", "never", "often", "just", "only", "no",
  "longer", "all", "both", "each", "usually", "sometimes", "first", "again", "soon",
]);
/** At most this many words between "to be" and the participle. */
const MAX_BETWEEN = 2;
const IRREGULAR = new Set(
  (
    "done made sent taken given shown known written built set put run kept held paid sold told found seen left lost " +
    "met read shut split spread brought bought caught taught thought chosen driven broken frozen spoken stolen " +
    "forgotten gotten hidden ridden risen worn torn born borne drawn grown thrown flown begun sunk hung led fed cut hit " +
    "let spent lent bound wound struck stuck sung dealt meant understood withdrawn overridden rewritten undone " +
    "redone remade rebuilt resent reset rerun reread retaken overtaken undertaken mistaken forbidden shaken woken " +
    "proven sworn beaten bitten eaten fallen strewn arisen dug fought heard laid lit slid spun sought swept won bent " +
    "burnt learnt spelt spilt upheld withheld overwritten overseen foreseen outgrown overdone mown sewn sown shorn " +
    "broadcast forecast cast upset offset quit rid shed sped spat slung flung wrung stung swung agreed guaranteed freed decreed refereed"
  ).split(" "),
);
/** Words in -ed that are never participles after "to be". */
const NOT_PARTICIPLE = new Set(
  "red bed shed hundred sacred naked wicked rugged ragged beloved aged dogged embed".split(" "),
);
/**
 * Participles that, after "to be", say how someone feels or what something
 * is like, not what was done to it: "we are excited", "the guide is
 * detailed", "it is based on", "payments are unaffected".
 */
const ADJECTIVES = new Set(
  (
    "excited pleased delighted thrilled interested concerned worried surprised disappointed satisfied tired bored " +
    "scared frightened amazed confused annoyed relieved proud committed determined prepared dedicated detailed " +
    "experienced advanced complicated sophisticated limited based related supposed located situated involved " +
    "married qualified skilled talented balanced crowded overdrawn overworked overwhelmed ashamed embarrassed " +
    "exhausted motivated convinced inclined entitled aware"
  ).split(" "),
);
/** Verbs whose "un-" participle is still an action ("your card is unlocked"): other un-…ed words are states. */
const UN_VERBS = new Set(
  (
    "unlocked unblocked uninstalled unpublished unsubscribed unarchived unassigned unlinked unpinned unmuted " +
    "unmerged unchecked unselected unfrozen unloaded unpacked unplugged unregistered unfollowed"
  ).split(" "),
);
/** Naming, not doing: "is known as", "are called"; passive only with "by" ("is called by the job"). */
const NAMING = new Set(["called", "named", "known", "termed", "titled", "labelled", "labeled", "dubbed"]);

/** "is known as", "are called Sunny Points", "is referred to as": naming; "is called by the job": passive. */
function isNaming(participle: string, next: string | undefined, after: string | undefined): boolean {
  if (participle === "referred") return next?.toLowerCase() === "to" && after?.toLowerCase() === "as";
  return NAMING.has(participle) && next?.toLowerCase() !== "by";
}

/** Options of `findPassiveVoice`. */
export interface PassiveOptions {
  /** System names from the config: the hint suggests "the ERP …" only when there is one. */
  readonly systems?: readonly string[];
}

/** True when `word` (any case) is a past participle in the passive: "sent", "updated", "re-engineered". */
export function isPassiveParticiple(word: string): boolean {
  const lower = word.toLowerCase();
  const w = lower.includes("-") ? (lower.slice(lower.lastIndexOf("-") + 1) || lower) : lower;
  if (ADJECTIVES.has(w)) return false;
  if (IRREGULAR.has(w)) return true;
  if (w.length < 4 || !w.endsWith("ed") || w.endsWith("eed") || NOT_PARTICIPLE.has(w)) return false;
  if (w.startsWith("un") && !UN_VERBS.has(w)) return false;
  return true;
}

/**
 * Passive-voice hints (notices): a form of "to be", up to two adverbs, and a
 * past participle of an action ("are updated", "are no longer accepted",
 * "cannot be undone"). Feelings and states ("we are excited", "is
 * unaffected") and naming ("is known as") are not passive.
 */
export function findPassiveVoice(note: NoteText, options: PassiveOptions = {}): NoteFinding[] {
  const out: NoteFinding[] = [];
  const words = note.model.words;
  const system = options.systems?.find((s) => s.trim() !== "");
  const who = `"we …", "you …"${system === undefined ? "" : `, "the ${displaySystem(system)} …"`}`;
  for (const s of note.sentences) {
    const end = s.firstWord + s.wordCount;
    for (let i = s.firstWord; i < end - 1 && out.length < MAX_FINDINGS_PER_KIND; i++) {
      const be = words[i];
      if (be === undefined || !BE.has(be.text.toLowerCase().replace(/’/g, "'"))) continue;
      let j = i + 1;
      while (j < end - 1 && j - i - 1 < MAX_BETWEEN && isBetween(words[j]?.text ?? "")) j++;
      const participle = words[j];
      if (participle === undefined || j >= end || !isPassiveParticiple(participle.text)) continue;
      const lower = participle.text.toLowerCase();
      if (isNaming(lower, words[j + 1]?.text, words[j + 2]?.text)) continue;
      const phrase = words.slice(i, j + 1).map((w) => w.text).join(" ");
      out.push(
        createNoteFinding(
          note,
          "passive-voice",
          "notice",
          `"${phrase}" is passive: say who does it (${who}).`,
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

function isBetween(word: string): boolean {
  const w = word.toLowerCase();
  return BETWEEN.has(w) || (w.length > 3 && w.endsWith("ly"));
}

/** A short lower-case system key reads as an acronym: "erp" -> "ERP"; others as written. */
function displaySystem(name: string): string {
  const trimmed = name.trim();
  return trimmed.length <= 4 && /^[a-z]+$/.test(trimmed) ? trimmed.toUpperCase() : trimmed;
}
