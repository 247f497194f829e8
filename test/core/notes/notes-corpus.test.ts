import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CORPUS_DIR,
  CORPUS_KINDS,
  analyseCorpusNote,
  findingTerm,
  loadCorpus,
  scoreCorpus,
} from "../../../bench/score-notes-corpus.js";
import type { CorpusScore } from "../../../bench/score-notes-corpus.js";

const notes = loadCorpus();
const score = scoreCorpus(notes);
const recorded = JSON.parse(readFileSync(join(import.meta.dirname, "../../../bench/notes-corpus-before.json"), "utf8")) as {
  before: { corpus: Pick<CorpusScore, "kinds" | "all">; holdout: Pick<CorpusScore, "kinds" | "all"> };
};

describe("the notes corpus (test/fixtures/notes-corpus/): realistic notes with labelled findings", () => {
  it("holds at least 40 notes in many voices, each labelled", () => {
    expect(notes.length).toBeGreaterThanOrEqual(40);
    const readers = new Set(notes.map((n) => n.readers));
    expect(readers.size).toBeGreaterThanOrEqual(25);
    for (const voice of ["bank customers", "nurses and ward managers", "pickers and shift leads", "finance staff", "workspace admins"]) {
      expect(readers).toContain(voice);
    }
    expect(notes.filter((n) => n.readers.startsWith("developers") || n.readers.includes("(contrast)")).length).toBeGreaterThanOrEqual(5);
  });

  it("a writer can trust the findings: precision at least 97% overall and 92% for every kind", () => {
    const wrong = score.wrong.join("\n");
    expect(score.all.precision, wrong).toBeGreaterThanOrEqual(0.97);
    for (const kind of CORPUS_KINDS) expect(score.kinds[kind].precision, `${kind}\n${wrong}`).toBeGreaterThanOrEqual(0.92);
  });

  it("finds at least as much as before the corpus fixed the rules (recall per kind and overall)", () => {
    const missed = score.missed.join("\n");
    expect(score.all.recall, missed).toBeGreaterThanOrEqual(recorded.before.corpus.all.recall);
    for (const kind of CORPUS_KINDS) {
      expect(score.kinds[kind].recall, `${kind}\n${missed}`).toBeGreaterThanOrEqual(recorded.before.corpus.kinds[kind].recall);
    }
  });

  it("reports each jargon term and acronym once, at its first use, with every use listed", () => {
    expect(score.all.repeats).toBe(0);
    const rota = notes.find((n) => n.file === "hospital-rota-app.md");
    if (rota === undefined) throw new Error("hospital-rota-app.md is missing");
    const functionality = analyseCorpusNote(rota).findings.filter((f) => f.kind === "jargon" && findingTerm(f) === "functionality");
    expect(functionality).toHaveLength(1);
    expect(functionality[0]?.message).toBe('"functionality" is jargon (3 times, on lines 5, 9 and 19): say "feature" instead.');
    expect(functionality[0]?.occurrences?.map((o) => o.line)).toEqual([5, 9, 19]);
  });

  it("every jargon and acronym finding points at the term, at its line and column", () => {
    for (const note of notes) {
      const { findings, source } = analyseCorpusNote(note);
      const lines = source.split("\n");
      for (const f of findings.filter((x) => x.kind === "jargon" || x.kind === "acronym")) {
        for (const at of f.occurrences ?? [f]) {
          const written = lines[at.line - 1]?.slice(at.column - 1, at.endColumn - 1) ?? "";
          expect(written.length, `${note.file}:${at.line}:${at.column} ${f.message}`).toBeGreaterThan(0);
          expect(/^[\p{L}\p{N}]/u.test(written), `${note.file}:${at.line}:${at.column} "${written}"`).toBe(true);
        }
        const first = lines[f.line - 1]?.slice(f.column - 1, f.endColumn - 1) ?? "";
        expect(first.toLowerCase(), `${note.file}:${f.line}`).toBe(findingTerm(f).toLowerCase());
      }
    }
  });
});

describe("the held-out notes (written after the rules were fixed, never used to tune them)", () => {
  const dir = join(CORPUS_DIR, "holdout");
  const holdout = scoreCorpus(loadCorpus(dir), dir);

  it("are precise, and find at least as much as before", () => {
    expect(holdout.all.precision, holdout.wrong.join("\n")).toBeGreaterThanOrEqual(0.93);
    expect(holdout.all.recall).toBeGreaterThanOrEqual(recorded.before.holdout.all.recall);
  });
});
