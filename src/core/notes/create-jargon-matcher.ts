import type { PlainLanguageConfig } from "../config/integ-config.js";
import { BUILT_IN_JARGON, EVERYDAY_PHRASES } from "./jargon-list.js";
import type { MarkdownModel, Word } from "./markdown-model.js";

/** A jargon term as configured, with a plainer wording when one is known. */
export interface JargonEntry {
  readonly term: string;
  readonly plainer: string | null;
}

/** A run of words that is a jargon term (or an inflection or derived form of one). */
export interface JargonHit {
  readonly entry: JargonEntry;
  /** The words as written. */
  readonly words: readonly Word[];
  /** True for a derived form ("migration" for "migrate") or a part ("polling-based"): the plainer wording is for the term itself. */
  readonly derived: boolean;
}

export interface JargonMatcher {
  /** Every jargon hit among `words` (in document order; phrases only within one block). */
  find(model: MarkdownModel, words: readonly Word[]): JargonHit[];
  /** The entry for one word or phrase as written, if it is jargon. */
  lookup(text: string): JargonEntry | undefined;
}

interface Form {
  readonly entry: JargonEntry;
  readonly derived: boolean;
}

/**
 * Builds the jargon list (docs/jargon.md): the built-in list minus
 * `jargon_allow`, plus `jargon` from the config (a configured word keeps the
 * built-in plainer wording when it gives none). Each term is matched with its
 * common inflections (utilize, utilizes, utilized, utilizing, utilise...) and,
 * for one-word terms, its derived nouns (migrate: migration, deploy:
 * deployment). A word in an everyday phrase ("staging area") is not jargon;
 * a hyphenated word is jargon when one of its parts is ("polling-based").
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
  const forms = new Map<string, Form>();
  const phraseStarts = new Set<string>();
  let longest = 1;
  for (const entry of entries.values()) {
    for (const [form, derived] of inflectTerm(entry.term)) {
      const known = forms.get(form);
      if (known === undefined || (known.derived && !derived)) forms.set(form, { entry, derived });
      const parts = form.split(" ");
      if (parts.length > 1) {
        phraseStarts.add(parts[0] ?? "");
        longest = Math.max(longest, parts.length);
      }
    }
  }
  const everyday = everydayIndex(forms);
  return {
    lookup: (text) => forms.get(key(text))?.entry,
    find(model, words) {
      const hits: JargonHit[] = [];
      const keys = new Map<string, string>();
      for (let i = 0; i < words.length; i++) {
        const word = words[i];
        if (word === undefined) continue;
        let first = keys.get(word.text);
        if (first === undefined) {
          first = key(word.text);
          keys.set(word.text, first);
        }
        let matched = false;
        if (phraseStarts.has(first)) {
          const run = phraseRun(model, words, i, longest);
          for (let n = run.length; n >= 2; n--) {
            const phrase = run.slice(0, n);
            const form = forms.get(phrase.map((w) => key(w.text)).join(" "));
            if (form !== undefined) {
              hits.push({ entry: form.entry, words: phrase, derived: form.derived });
              i += n - 1;
              matched = true;
              break;
            }
          }
        }
        if (matched) continue;
        const whole = forms.get(first);
        const form = whole ?? partForm(first, forms);
        if (form === undefined) continue;
        if (isEveryday(model, words, i, first, everyday)) continue;
        // A part of a hyphenated word ("polling-based") gets its term's advice, as a derived form does.
        hits.push({ entry: form.entry, words: [word], derived: whole === undefined || form.derived });
      }
      return hits;
    },
  };
}

/** The words from `i` on that follow each other with only spaces between them, in one block. */
function phraseRun(model: MarkdownModel, words: readonly Word[], i: number, longest: number): Word[] {
  const word = words[i];
  if (word === undefined) return [];
  const run: Word[] = [word];
  const block = model.blocks[word.block];
  for (let j = i + 1; j < words.length && run.length < longest; j++) {
    const next = words[j];
    const prev = run[run.length - 1];
    if (next === undefined || prev === undefined || next.block !== word.block || block === undefined) break;
    const gap = block.text.slice(prev.textStart + prev.text.length, next.textStart);
    if (gap.length === 0 || gap.trim() !== "") break;
    run.push(next);
  }
  return run;
}

/** "polling-based": the form of the first hyphen-separated part that is a one-word term. */
function partForm(word: string, forms: ReadonlyMap<string, Form>): Form | undefined {
  if (!word.includes("-")) return undefined;
  for (const part of word.split("-")) {
    if (part.length < 3) continue;
    const form = forms.get(part);
    if (form !== undefined) return form;
  }
  return undefined;
}

/** For each one-word form that starts or ends an everyday phrase: the phrases, as word lists, with its place. */
type EverydayIndex = ReadonlyMap<string, ReadonlyArray<{ readonly words: readonly string[]; readonly at: number }>>;

function everydayIndex(forms: ReadonlyMap<string, Form>): EverydayIndex {
  const index = new Map<string, Array<{ words: readonly string[]; at: number }>>();
  for (const phrase of EVERYDAY_PHRASES) {
    const words = key(phrase).split(" ");
    words.forEach((w, at) => {
      if (!forms.has(w)) return;
      const list = index.get(w) ?? [];
      list.push({ words, at });
      index.set(w, list);
    });
  }
  return index;
}

/** True when the word at `i` sits inside an everyday phrase ("the staging area by door 4"). */
function isEveryday(model: MarkdownModel, words: readonly Word[], i: number, form: string, everyday: EverydayIndex): boolean {
  const phrases = everyday.get(form);
  if (phrases === undefined) return false;
  const word = words[i];
  if (word === undefined) return false;
  return phrases.some(({ words: phrase, at }) => {
    const startIndex = i - at;
    if (startIndex < 0) return false;
    const run = phraseRun(model, words, startIndex, phrase.length);
    return run.length === phrase.length && run.every((w, k) => key(w.text) === phrase[k]);
  });
}

function key(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/’/g, "'").replace(/\s+/g, " ").trim();
}

/**
 * All forms of a term, each marked derived or not: a hyphenated term as
 * written and closed up ("roll-out", "rollout"); inflections of the last
 * word of every term and of the first word of a spaced phrase; derived nouns
 * of one-word terms.
 */
function inflectTerm(term: string): Array<[form: string, derived: boolean]> {
  const out = new Map<string, boolean>();
  const base = key(term);
  const acronym = /[A-Z].*[A-Z]/.test(term);
  const hyphenated = base.includes("-");
  const variants = hyphenated ? [base, base.replace(/-/g, "")] : [base];
  for (const variant of variants) {
    const parts = variant.split(" ");
    const last = parts.length - 1;
    for (const form of inflectWord(parts[last] ?? "", acronym)) out.set([...parts.slice(0, last), form].join(" "), false);
    if (parts.length > 1 && !hyphenated) {
      for (const form of inflectWord(parts[0] ?? "", acronym)) out.set([form, ...parts.slice(1)].join(" "), false);
    }
    if (parts.length === 1 && !acronym && !hyphenated) {
      for (const form of deriveNouns(variant)) if (!out.has(form)) out.set(form, true);
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

/** migrate: migration(s); configure: configuration(s); deploy: deployment(s); optimize: optimisation. */
function deriveNouns(word: string): string[] {
  if (word.length < 5) return [];
  const forms: string[] = [];
  if (word.endsWith("e")) {
    const stem = word.slice(0, -1);
    if (word.endsWith("ate")) forms.push(`${stem}ion`, `${stem}ions`);
    else forms.push(`${stem}ation`, `${stem}ations`);
  } else {
    forms.push(`${word}ment`, `${word}ments`);
  }
  return forms.flatMap((f) => (f.includes("iz") ? [f, f.replace(/iz/g, "is")] : [f]));
}
