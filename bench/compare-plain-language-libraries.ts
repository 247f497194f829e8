/**
 * The own plain-language rules beside maintained libraries, on the notes
 * corpus (docs/release-note.md, "Measured on real notes"): passive voice by
 * retext-passive (on the nlcst tree mdast-util-to-nlcst builds, positions
 * kept) and by write-good; jargon by retext-simplify. Only the kinds a
 * library covers are compared. Run: npx tsx bench/compare-plain-language-libraries.ts
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toNlcst } from "mdast-util-to-nlcst";
import { ParseEnglish } from "parse-english";
import retextPassive from "retext-passive";
import retextSimplify from "retext-simplify";
import { unified } from "unified";
import { VFile } from "vfile";
import { parseMarkdownModel } from "../src/core/notes/parse-markdown-model.js";
import { selectNoteText } from "../src/core/notes/select-note-text.js";
import { CORPUS_DIR, loadCorpus, scoreCorpus } from "./score-notes-corpus.js";
import type { CorpusAnalyser, CorpusNote, KindScore, ScoredFinding } from "./score-notes-corpus.js";

type WriteGood = (text: string, options: Record<string, boolean>) => Array<{ index: number; offset: number; reason: string }>;
const writeGood = createRequire(import.meta.url)("write-good") as WriteGood;

/** The note's prose (front matter blanked), as mdast without a YAML node. */
function proseTree(source: string): Root {
  const model = parseMarkdownModel(source, { frontMatter: true });
  const blanked = model.source.startsWith("---") ? source.replace(/^---[\s\S]*?\n---\n/u, (m) => m.replace(/[^\n]/gu, " ")) : source;
  return fromMarkdown(blanked);
}

/** Findings of one retext plugin, as the scorer reads them. */
function retextAnalyser(kind: "passive-voice" | "jargon", plugin: typeof retextPassive | typeof retextSimplify): CorpusAnalyser {
  return (_note: CorpusNote, source: string) => {
    const file = new VFile(source);
    const nlcst = toNlcst(proseTree(source), file, ParseEnglish, { ignore: ["inlineCode", "code", "html"] });
    unified().use(plugin).runSync(nlcst, file);
    const findings: ScoredFinding[] = file.messages.map((m) => ({ kind, term: String(m.actual ?? ""), line: m.line ?? 0 }));
    return { findings, words: 0 };
  };
}

/** write-good's passive-voice check, sentence by sentence on the prose the own analysis reads. */
const writeGoodPassive: CorpusAnalyser = (_note, source) => {
  const note = selectNoteText(parseMarkdownModel(source, { frontMatter: true }));
  const findings: ScoredFinding[] = [];
  for (const s of note.sentences) {
    const only = { passive: true, illusion: false, so: false, thereIs: false, weasel: false, adverb: false, tooWordy: false, cliches: false, eprime: false };
    for (const hit of writeGood(s.text, only)) {
      findings.push({ kind: "passive-voice", term: s.text.slice(hit.index, hit.index + hit.offset), line: note.model.position(s.start).line });
    }
  }
  return { findings, words: 0 };
};

/** Precision and recall of the own rules and of each library, for the kinds the library covers. */
export function compareLibraries(dir = CORPUS_DIR): Array<{ kind: string; tool: string; score: KindScore }> {
  const notes = loadCorpus(dir);
  const own = scoreCorpus(notes, dir);
  const rows: Array<{ kind: string; tool: string; score: KindScore }> = [];
  rows.push({ kind: "passive-voice", tool: "integ-gate", score: own.kinds["passive-voice"] });
  rows.push({ kind: "passive-voice", tool: "retext-passive", score: scoreCorpus(notes, dir, retextAnalyser("passive-voice", retextPassive)).kinds["passive-voice"] });
  rows.push({ kind: "passive-voice", tool: "write-good", score: scoreCorpus(notes, dir, writeGoodPassive).kinds["passive-voice"] });
  rows.push({ kind: "jargon", tool: "integ-gate", score: own.kinds.jargon });
  rows.push({ kind: "jargon", tool: "retext-simplify", score: scoreCorpus(notes, dir, retextAnalyser("jargon", retextSimplify)).kinds.jargon });
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [label, dir] of [["corpus", CORPUS_DIR], ["held-out notes", join(CORPUS_DIR, "holdout")]] as const) {
    console.log(`\n${label}:`);
    for (const { kind, tool, score } of compareLibraries(dir)) {
      const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(6);
      console.log(
        `  ${kind.padEnd(14)} ${tool.padEnd(16)} precision ${pct(score.precision)} (${score.truePositives}/${score.truePositives + score.falsePositives})  recall ${pct(score.recall)}`,
      );
    }
  }
}
