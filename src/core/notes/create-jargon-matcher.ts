import type { PlainLanguageConfig } from "../config/integ-config.js";
import { BUILT_IN_JARGON } from "./jargon-list.js";
import type { MarkdownModel, Word } from "./markdown-model.js";

/** A jargon term as configured, with a plainer wording when one is known. */
export interface JargonEntry {
  readonly term: string;
  readonly plainer: string | null;
}

/** A run of words that is a jargon term (or an inflection of one). */
export interface JargonHit {
  readonly entry: JargonEntry;
  /** The words as written. */
  readonly words: readonly Word[];
}

export interface JargonMatcher {
  /** Every jargon hit among `words` (in document order; phrases only within one block). */
  find(model: MarkdownModel, words: readonly Word[]): JargonHit[];
  /** The entry for one word or phrase as written, if it is jargon. */
  lookup(text: string): JargonEntry | undefined;
}

/**
 * Builds the jargon list of behaviour.md: the built-in list minus
 * `jargon_allow`, plus `jargon` from the config (a configured word keeps the
 * built-in plainer wording when it gives none). Each term is matched with its
 * common inflections: utilize, utilizes, utilized, utilizing, utilise...
 */
export function createJargonMatcher(config: Pick<PlainLanguageConfig, "jargon" | "jargonAllow">): JargonMatcher {
  const entries = new Map<string, JargonEntry>();
  for (const [term, plainer] of BUILT_IN_JARGON) entries.set(key(term), { term, plainer });
  for (const allowed of config.jargonAllow) entries.delete(key(allowed));
  for (const [term, plainer] of config.jargon) {
    const k = key(term);
    if (k === "") continue;
    entries.set(k, { term, plainer: plainer ?? entries.get(k)?.plainer ?? null });
  }
  const forms = new Map<string, JargonEntry>();
  const phraseStarts = new Set<string>();
  let longest = 1;
  for (const entry of entries.values()) {
    for (const form of inflectTerm(entry.term)) {
      if (!forms.has(form)) forms.set(form, entry);
      const parts = form.split(" ");
      if (parts.length > 1) {
        phraseStarts.add(parts[0] ?? "");
        longest = Math.max(longest, parts.length);
      }
    }
  }
  return {
    lookup: (text) => forms.get(key(text)),
    find(model, words) {
      const hits: JargonHit[] = [];
      for (let i = 0; i < words.length; i++) {
        const word = words[i];
        if (word === undefined) continue;
        const first = key(word.text);
        let matched = false;
        if (phraseStarts.has(first)) {
          const run: Word[] = [word];
          const block = model.blocks[word.block];
          for (let j = i + 1; j < words.length && run.length < longest; j++) {
            const next = words[j];
            const prev = run[run.length - 1];
            if (next === undefined || prev === undefined || next.block !== word.block || block === undefined) break;
            const gap = block.text.slice(prev.textStart + prev.text.length, next.textStart);
            if (!/^\s+$/u.test(gap)) break;
            run.push(next);
          }
          for (let n = run.length; n >= 2; n--) {
            const phrase = run.slice(0, n);
            const entry = forms.get(phrase.map((w) => key(w.text)).join(" "));
            if (entry !== undefined) {
              hits.push({ entry, words: phrase });
              i += n - 1;
              matched = true;
              break;
            }
          }
        }
        if (matched) continue;
        const entry = forms.get(first);
        if (entry !== undefined) hits.push({ entry, words: [word] });
      }
      return hits;
    },
  };
}

function key(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/’/g, "'").replace(/\s+/g, " ").trim();
}

/** All forms of a term: hyphenated terms also with spaces; inflections of the first and last word. */
function inflectTerm(term: string): string[] {
  const out = new Set<string>();
  const base = key(term);
  const variants = base.includes("-") ? [base, base.replace(/-/g, " ")] : [base];
  const acronym = /[A-Z].*[A-Z]/.test(term);
  for (const variant of variants) {
    const parts = variant.split(" ");
    const last = parts.length - 1;
    for (const form of inflectWord(parts[last] ?? "", acronym)) {
      out.add([...parts.slice(0, last), form].join(" "));
    }
    if (parts.length > 1) {
      for (const form of inflectWord(parts[0] ?? "", acronym)) out.add([form, ...parts.slice(1)].join(" "));
    }
  }
  return [...out];
}

function inflectWord(word: string, acronym: boolean): string[] {
  if (acronym) return [word, `${word}s`];
  const forms = new Set<string>([word]);
  if (/[^aeiou]y$/.test(word)) {
    const stem = word.slice(0, -1);
    forms.add(`${stem}ies`).add(`${stem}ied`).add(`${word}ing`);
  } else if (word.endsWith("e")) {
    forms.add(`${word}s`).add(`${word}d`).add(`${word.slice(0, -1)}ing`);
  } else {
    forms.add(`${word}s`).add(`${word}es`).add(`${word}ed`).add(`${word}ing`);
    if (/[^aeiou][aeiou][^aeiouwxy]$/.test(word)) {
      const last = word.slice(-1);
      forms.add(`${word}${last}ed`).add(`${word}${last}ing`);
    }
  }
  for (const form of [...forms]) {
    if (form.includes("iz")) forms.add(form.replace(/iz/g, "is"));
  }
  return [...forms];
}
