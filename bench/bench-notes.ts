import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { DepartmentConfig, ReleaseNoteConfig } from "../src/core/config/integ-config.js";
import {
  DEFAULT_INLINE_HEADING,
  DEFAULT_MAX_GRADE,
  DEFAULT_MAX_SENTENCE_WORDS,
  DEFAULT_MIN_WORDS,
  DEFAULT_NOTE_PATHS,
  DEFAULT_PLACEHOLDERS,
  DEFAULT_SECTIONS,
} from "../src/core/config/integ-config.js";
import { analyseNote } from "../src/core/notes/analyse-note.js";
import { createJargonMatcher } from "../src/core/notes/create-jargon-matcher.js";
import { parseMarkdownModel } from "../src/core/notes/parse-markdown-model.js";
import { selectNoteText } from "../src/core/notes/select-note-text.js";
import { CORPUS_DIR, CORPUS_KINDS, loadCorpus, scoreCorpus } from "./score-notes-corpus.js";
import type { CorpusKind, CorpusScore, KindScore } from "./score-notes-corpus.js";

/** Median milliseconds to analyse a note of 500, 2,000 and 5,000 words (parse + blocking checks + plain language). */
export interface NoteBenchResult {
  readonly words500: number;
  readonly words2000: number;
  readonly words5000: number;
  /** The same notes, split: markdown parsing (micromark/mdast) and the analysis of the parsed note. */
  readonly parse: { readonly words500: number; readonly words2000: number; readonly words5000: number };
  readonly analysis: { readonly words500: number; readonly words2000: number; readonly words5000: number };
  /** The fastest run (parse + analysis): what the code costs when the machine is not busy with other work. */
  readonly fastest: { readonly words500: number; readonly words2000: number; readonly words5000: number };
  /** Precision and recall per kind on the notes corpus (test/fixtures/notes-corpus/), now and before this analysis was fixed on it. */
  readonly corpus: NotesCorpusFigures;
}

/** Precision and recall, rounded to 0.1 %, per kind and overall. */
export type CorpusFigures = Readonly<Record<CorpusKind | "all", { readonly precision: number; readonly recall: number }>>;

/** The corpus and the held-out notes, scored now; "before" as measured with the code before the fixes. */
export interface NotesCorpusFigures {
  readonly notes: number;
  readonly now: CorpusFigures;
  readonly before: CorpusFigures;
  readonly holdout: { readonly notes: number; readonly now: CorpusFigures; readonly before: CorpusFigures; readonly firstRun: CorpusFigures };
}

function figuresOf(score: Pick<CorpusScore, "kinds" | "all">): CorpusFigures {
  const pct = (s: Pick<KindScore, "precision" | "recall">) => ({
    precision: Math.round(s.precision * 1000) / 10,
    recall: Math.round(s.recall * 1000) / 10,
  });
  const out = { all: pct(score.all) } as Record<CorpusKind | "all", { precision: number; recall: number }>;
  for (const k of CORPUS_KINDS) out[k] = pct(score.kinds[k]);
  return out;
}

/** Scores the corpus and the held-out notes now, beside the figures recorded before the fixes. */
export function benchNotesCorpus(): NotesCorpusFigures {
  const recorded = JSON.parse(readFileSync(new URL("./notes-corpus-before.json", import.meta.url), "utf8")) as {
    before: { corpus: Pick<CorpusScore, "kinds" | "all">; holdout: Pick<CorpusScore, "kinds" | "all"> };
    holdoutFirstRun: Pick<CorpusScore, "kinds" | "all">;
  };
  const holdoutDir = join(CORPUS_DIR, "holdout");
  const now = scoreCorpus();
  const holdout = scoreCorpus(loadCorpus(holdoutDir), holdoutDir);
  return {
    notes: now.notes,
    now: figuresOf(now),
    before: figuresOf(recorded.before.corpus),
    holdout: {
      notes: holdout.notes,
      now: figuresOf(holdout),
      before: figuresOf(recorded.before.holdout),
      firstRun: figuresOf(recorded.holdoutFirstRun),
    },
  };
}

const CONFIG: ReleaseNoteConfig = {
  paths: DEFAULT_NOTE_PATHS,
  inlineHeading: DEFAULT_INLINE_HEADING,
  externalHosts: [],
  sections: DEFAULT_SECTIONS,
  mentionDepartments: true,
  placeholders: DEFAULT_PLACEHOLDERS,
  minWords: DEFAULT_MIN_WORDS,
  plainLanguage: {
    enforce: false,
    maxGrade: DEFAULT_MAX_GRADE,
    maxSentenceWords: DEFAULT_MAX_SENTENCE_WORDS,
    jargon: new Map([["synergy", null]]),
    jargonAllow: ["endpoint"],
  },
};

const DEPARTMENTS: DepartmentConfig[] = [
  { name: "finance", signoff: [], aliases: ["accounting", "accounts payable"] },
  { name: "warehouse", signoff: [], aliases: [] },
  { name: "sales", signoff: [], aliases: [] },
  { name: "customer_service", signoff: [], aliases: ["support desk"] },
];

const SENTENCES = [
  "From Monday the CRM shows the same product id as the ERP.",
  "Sales staff no longer look up the id in the warehouse list before they send a quote.",
  "Finance sees the id on every invoice line, so a wrong price is easy to trace.",
  "The warehouse keeps its own labels and nothing changes on the shop floor.",
  "If a product shows an empty id, send the product name to Maria Lopez in operations.",
  "Prices you approve before 17:00 reach the shop the same evening.",
  "Returned parcels are booked when you scan them, not at night.",
  "We will leverage the nightly batch job to backfill older orders.",
  "Customer service can see the delivery date that the warehouse plans for each order.",
  "Accounts payable matches a payment to its order without opening the order screen.",
  "The old report stays available until the end of the quarter, after which it is switched off.",
  "Please check the first three invoices of each customer after the change and tell us about anything odd.",
  "Nothing changes for orders that were placed before 3 June.",
  "The support desk gets a short guide with screenshots on Friday.",
  "Consequently, organisational reconciliation necessitates comprehensive documentation of intercompany settlements.",
];

/** A realistic note of about `words` words: the three sections, paragraphs, a list, a table and links. */
export function makeNote(words: number): string {
  const out: string[] = ["---", "title: Product ids reach the CRM", "---", "", "# Product ids reach the CRM", ""];
  let count = 0;
  let i = 0;
  const sections = ["What changes for you", "What you need to do", "Who to ask"];
  for (const [s, heading] of sections.entries()) {
    out.push(`## ${heading}`, "");
    const budget = Math.round((words * (s + 1)) / sections.length);
    let paragraph = 0;
    while (count < budget) {
      const kind = paragraph % 6;
      const take = (n: number): string[] => {
        const picked: string[] = [];
        for (let k = 0; k < n; k++) {
          const sentence = SENTENCES[i++ % SENTENCES.length] ?? "";
          picked.push(sentence);
          count += sentence.split(/\s+/).length;
        }
        return picked;
      };
      if (kind === 2) out.push(...take(3).map((t) => `- ${t}`), "");
      else if (kind === 4) {
        out.push("| Team | What changes |", "|---|---|");
        for (const team of ["Finance", "Warehouse", "Sales"]) out.push(`| ${team} | ${take(1).join(" ")} |`);
        out.push("");
      } else if (kind === 5) {
        out.push(`${take(2).join(" ")} See [the guide](https://acme.atlassian.net/wiki/${paragraph}) or **ask** in \`#erp-crm\`.`, "");
      } else out.push(take(4).join("\n"), "");
      paragraph++;
    }
  }
  return out.join("\n");
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** Times the analysis of 500-, 2,000- and 5,000-word notes; the median of `repeats` runs after a warm-up. */
export function benchNotes(repeats = 21): NoteBenchResult {
  const matcher = createJargonMatcher(CONFIG.plainLanguage);
  const measure = (words: number) => {
    const source = makeNote(words);
    const total: number[] = [];
    const parse: number[] = [];
    const analysis: number[] = [];
    for (let r = 0; r < repeats + 3; r++) {
      const t0 = performance.now();
      const model = parseMarkdownModel(source, { frontMatter: true });
      const t1 = performance.now();
      analyseNote(selectNoteText(model), CONFIG, DEPARTMENTS, { matcher });
      const t2 = performance.now();
      if (r < 3) continue;
      parse.push(t1 - t0);
      analysis.push(t2 - t1);
      total.push(t2 - t0);
    }
    return {
      total: round(median(total)),
      parse: round(median(parse)),
      analysis: round(median(analysis)),
      fastest: round(Math.min(...total)),
    };
  };
  const w500 = measure(500);
  const w2000 = measure(2_000);
  const w5000 = measure(5_000);
  return {
    words500: w500.total,
    words2000: w2000.total,
    words5000: w5000.total,
    parse: { words500: w500.parse, words2000: w2000.parse, words5000: w5000.parse },
    analysis: { words500: w500.analysis, words2000: w2000.analysis, words5000: w5000.analysis },
    fastest: { words500: w500.fastest, words2000: w2000.fastest, words5000: w5000.fastest },
    corpus: benchNotesCorpus(),
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = benchNotes();
  console.log("Release-note analysis, median ms (parse + checks + plain language):");
  for (const [label, key] of [["500 words", "words500"], ["2,000 words", "words2000"], ["5,000 words", "words5000"]] as const) {
    console.log(
      `  ${label.padEnd(12)} ${r[key].toFixed(2).padStart(7)} ms   (parse ${r.parse[key].toFixed(2)} ms, analysis ${r.analysis[key].toFixed(2)} ms; fastest run ${r.fastest[key].toFixed(2)} ms)`,
    );
  }
  const row = (name: string, before: CorpusFigures, now: CorpusFigures, k: CorpusKind | "all"): string =>
    `  ${name.padEnd(16)} precision ${before[k].precision.toFixed(1).padStart(5)}% -> ${now[k].precision.toFixed(1).padStart(5)}%   recall ${before[k].recall.toFixed(1).padStart(5)}% -> ${now[k].recall.toFixed(1).padStart(5)}%`;
  console.log(`\nNotes corpus (${r.corpus.notes} notes), before -> now:`);
  for (const k of [...CORPUS_KINDS, "all"] as const) console.log(row(k, r.corpus.before, r.corpus.now, k));
  console.log(`\nHeld-out notes (${r.corpus.holdout.notes}, written after the fixes), before -> first run -> now:`);
  for (const k of [...CORPUS_KINDS, "all"] as const) {
    const h = r.corpus.holdout;
    console.log(`${row(k, h.before, h.now, k)}   (first run: precision ${h.firstRun[k].precision.toFixed(1)}%)`);
  }
}
