import type { Sentence, TextBlock, Word } from "./markdown-model.js";

/** A word, as behaviour.md defines it. */
export const WORD_PATTERN = /[\p{L}\p{N}]+(?:['’_-][\p{L}\p{N}]+)*/gu;

const TERMINATOR_GAP = /[.!?…。！？]["'”’)\]]*\s/u;
const STRONG_TERMINATOR = /[!?…。！？]/u;

/**
 * Finds the words of every block and the sentences of the prose blocks. A
 * sentence ends at . ! ? … followed by a space (not before a lower-case word
 * after a "."), and at the end of every block: a paragraph, list item, table
 * cell or heading always ends a sentence.
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
    let sentenceFirst = first;
    for (let w = first; w < words.length; w++) {
      const word = words[w];
      const next = words[w + 1];
      if (word === undefined) continue;
      const wordTextEnd = word.textStart + word.text.length;
      let ends = next === undefined;
      let textEnd = wordTextEnd;
      if (!ends && next !== undefined) {
        const gap = block.text.slice(wordTextEnd, next.textStart);
        const t = TERMINATOR_GAP.exec(gap);
        if (t && (STRONG_TERMINATOR.test(t[0]) || !/^\p{Ll}/u.test(next.text))) {
          ends = true;
          textEnd = wordTextEnd + t.index + t[0].trimEnd().length;
        }
      } else {
        const tail = /^[.!?…。！？]+["'”’)\]]*/u.exec(block.text.slice(wordTextEnd));
        if (tail) textEnd += tail[0].length;
      }
      if (!ends) continue;
      const firstWord = words[sentenceFirst];
      if (firstWord === undefined) continue;
      sentences.push({
        text: block.text.slice(firstWord.textStart, textEnd).replace(/\s+/g, " ").trim(),
        block: index,
        start: firstWord.start,
        end: (block.offsets[Math.max(textEnd - 1, firstWord.textStart)] ?? word.end - 1) + 1,
        firstWord: sentenceFirst,
        wordCount: w - sentenceFirst + 1,
      });
      sentenceFirst = w + 1;
    }
  });
  return { words, sentences };
}
