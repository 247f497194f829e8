import type { Sentence, TextBlock, Word } from "./markdown-model.js";

/** A word, as docs/release-note.md#what-makes-a-note-valid defines it. */
export const WORD_PATTERN = /[\p{L}\p{N}]+(?:['’_-][\p{L}\p{N}]+)*/gu;

const TERMINATOR_GAP = /[.!?…。！？]["'”’)\]]*\s/u;
const STRONG_TERMINATOR = /[!?…。！？]/u;

/**
 * Finds the words of every block and the sentences of the prose blocks. A
 * sentence ends at . ! ? … followed by a space (not before a lower-case word
 * after a "."), and at the end of every block: a paragraph, list item, table
 * cell or heading always ends a sentence. A sentence's text keeps its code
 * spans and closing brackets, as the writer wrote them. A lower-case list
 * item after a block that ends in ":", ";", "," or "and"/"or" goes on with
 * that sentence (`continuesPrevious`, see docs/release-note.md).
 */
export function splitWordsAndSentences(blocks: readonly TextBlock[]): { words: Word[]; sentences: Sentence[] } {
  const words: Word[] = [];
  const sentences: Sentence[] = [];
  blocks.forEach((block, index) => {
    const first = words.length;
    WORD_PATTERN.lastIndex = 0;
    for (let m = WORD_PATTERN.exec(block.text); m !== null; m = WORD_PATTERN.exec(block.text)) {
      const textStart = m.index;
      const textEnd = textStart + m[0].length;
      words.push({
        text: m[0],
        block: index,
        start: block.offsets[textStart] ?? block.start,
        end: (block.offsets[textEnd - 1] ?? block.start) + 1,
        textStart,
      });
    }
    if (block.kind !== "prose") return;
    const codes = new Set(block.codes.map((c) => c.index));
    let sentenceFirst = first;
    let sentenceTextStart = 0;
    for (let w = first; w < words.length; w++) {
      const word = words[w];
      const next = words[w + 1];
      if (word === undefined) continue;
      const wordTextEnd = word.textStart + word.text.length;
      let ends = next === undefined;
      let textEnd = 0;
      let markEnd = wordTextEnd;
      if (!ends && next !== undefined) {
        const gap = block.text.slice(wordTextEnd, next.textStart);
        const t = TERMINATOR_GAP.exec(gap);
        if (t && (STRONG_TERMINATOR.test(t[0]) || !/^\p{Ll}/u.test(next.text))) {
          ends = true;
          textEnd = wordTextEnd + t.index + t[0].trimEnd().length;
          markEnd = textEnd;
        }
      } else {
        markEnd = wordTextEnd + closingLength(block.text, wordTextEnd);
      }
      if (!ends) continue;
      if (textEnd === 0) textEnd = markEnd;
      const firstWord = words[sentenceFirst];
      if (firstWord === undefined) continue;
      sentences.push({
        text: sentenceText(
          block,
          quoteStart(block, codes, sentenceTextStart, firstWord.textStart),
          next === undefined ? quoteEnd(block, codes, markEnd) : markEnd,
        ),
        block: index,
        start: firstWord.start,
        end: (block.offsets[Math.max(markEnd - 1, firstWord.textStart)] ?? word.end - 1) + 1,
        firstWord: sentenceFirst,
        wordCount: w - sentenceFirst + 1,
        continuesPrevious: sentenceFirst === first && continuesPrevious(blocks, index, firstWord),
      });
      sentenceFirst = w + 1;
      sentenceTextStart = textEnd;
    }
  });
  return { words, sentences };
}

/** Closing quotes and brackets and end punctuation right after a block's last word: `guide).` */
function closingLength(text: string, from: number): number {
  let i = from;
  while (i < text.length && i - from < 16 && `.!?…。！？"'”’)]}»:;`.includes(text.charAt(i))) i++;
  return i - from;
}

const OPENERS = `([{"'“‘«`;
const CLOSERS = `.!?…。！？"'”’)]}»:;,`;

/** Where a sentence's quote starts: its first word, or an opening bracket, quote or code span just before it. */
function quoteStart(block: TextBlock, codes: ReadonlySet<number>, floor: number, wordStart: number): number {
  let at = wordStart;
  for (let i = wordStart - 1; i >= floor && wordStart - i <= 64; i--) {
    const c = block.text.charAt(i);
    if (OPENERS.includes(c) || codes.has(i)) at = i;
    else if (c !== " " && c !== "\n") break;
  }
  return at;
}

/** Where a sentence's quote ends: after its end mark, and any closing brackets, quotes or code spans that follow. */
function quoteEnd(block: TextBlock, codes: ReadonlySet<number>, markEnd: number): number {
  let at = markEnd;
  for (let i = markEnd; i < block.text.length && i - markEnd <= 64; i++) {
    const c = block.text.charAt(i);
    if (CLOSERS.includes(c) || codes.has(i)) at = i + 1;
    else if (c !== " " && c !== "\n") break;
  }
  return at;
}

/** The block's text in [from, to) with each code span back in its backticks, whitespace collapsed. */
function sentenceText(block: TextBlock, from: number, to: number): string {
  let out = "";
  let at = from;
  // Code spans are in text order: start at the first one at or after `from` (binary search).
  let lo = 0;
  let hi = block.codes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((block.codes[mid]?.index ?? 0) < from) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < block.codes.length; k++) {
    const code = block.codes[k];
    if (code === undefined || code.index >= to) break;
    out += `${block.text.slice(at, code.index)}\`${code.value}\``;
    at = code.index + 1;
  }
  out += block.text.slice(at, to);
  return out.replace(/\s+/g, " ").trim();
}

/** A lower-case list item that goes on with the sentence of the block before it. */
function continuesPrevious(blocks: readonly TextBlock[], index: number, firstWord: Word): boolean {
  const block = blocks[index];
  const previous = blocks[index - 1];
  if (block === undefined || previous === undefined || !block.listItem || previous.kind !== "prose") return false;
  if (!/^\p{Ll}/u.test(firstWord.text) || block.text.slice(0, firstWord.textStart).trim() !== "") return false;
  const tail = previous.text.trimEnd();
  if (/[:;,]$/u.test(tail)) return true;
  const lastSpace = tail.lastIndexOf(" ");
  const lastWord = tail.slice(lastSpace + 1).toLowerCase();
  return lastWord === "and" || lastWord === "or";
}
