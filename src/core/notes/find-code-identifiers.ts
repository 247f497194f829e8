import type { MarkdownModel, Word } from "./markdown-model.js";

/** A code identifier written as prose, not in backticks. */
export interface CodeIdentifier {
  /** As written: "REPORT_EXPORT_DIR", "reports::export_daily", "maxRetries". */
  readonly text: string;
  readonly words: readonly Word[];
}

/**
 * Code identifiers among `words`: names with an underscore
 * (`SOME_ENV_NAME`, `export_daily`), names joined by `::`
 * (`module::function`), lower camel case (`maxRetries`, not `iPhone` or
 * `macOS`) and names called with `()`. A reader who does not write code
 * cannot read them; in backticks they are code and not prose.
 */
export function findCodeIdentifiers(model: MarkdownModel, words: readonly Word[]): CodeIdentifier[] {
  const out: CodeIdentifier[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === undefined) continue;
    const block = model.blocks[word.block];
    if (block === undefined) continue;
    const run: Word[] = [word];
    for (let j = i + 1; j < words.length; j++) {
      const prev = run[run.length - 1];
      const next = words[j];
      if (prev === undefined || next === undefined || next.block !== word.block) break;
      const gap = prev.textStart + prev.text.length;
      if (next.textStart !== gap + 2 || block.text.charCodeAt(gap) !== 58 || block.text.charCodeAt(gap + 1) !== 58) break;
      run.push(next);
    }
    const last = run[run.length - 1] ?? word;
    const end = last.textStart + last.text.length;
    const called = block.text.charCodeAt(end) === 40 && block.text.charCodeAt(end + 1) === 41; // "()"
    if (run.length > 1 || called || run.some((w) => looksLikeCode(w.text))) {
      const text = block.text.slice(word.textStart, last.textStart + last.text.length);
      out.push({ text, words: run });
      i += run.length - 1;
    }
  }
  return out;
}

function looksLikeCode(word: string): boolean {
  if (word.includes("_")) return true;
  // lower camel case: two or more lower-case letters, then capitals, then a lower-case letter
  let i = 0;
  while (i < word.length && isLower(word.charCodeAt(i))) i++;
  if (i < 2 || i >= word.length || !isUpper(word.charCodeAt(i))) return false;
  while (i < word.length && isUpper(word.charCodeAt(i))) i++;
  return i < word.length && isLower(word.charCodeAt(i));
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
