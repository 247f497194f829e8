import { MAX_FINDINGS_PER_KIND, createNoteFinding } from "./create-note-finding.js";
import type { NoteFinding } from "./release-note-result.js";
import type { NoteText } from "./select-note-text.js";

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

/**
 * Passive-voice hints (notices): a form of "to be", an optional adverb, and
 * a past participle ("are updated", "was not sent", "is being shipped").
 */
export function findPassiveVoice(note: NoteText): NoteFinding[] {
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

