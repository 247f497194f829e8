import { describe, expect, it } from "vitest";
import { benchNotes, makeNote } from "../../../bench/bench-notes.js";
import { analyseNoteSource } from "../../../src/core/notes/analyse-note-source.js";
import { buildConfig } from "../../support/config-builder.js";

describe("bench/bench-notes.ts", () => {
  it.each([500, 2_000, 5_000])("makes a valid, realistic note of about %i words", (words) => {
    const config = buildConfig();
    const analysis = analyseNoteSource(makeNote(words), config.releaseNote, []);
    expect(analysis.words).toBeGreaterThanOrEqual(words);
    expect(analysis.words).toBeLessThan(words * 1.15);
    expect(analysis.valid).toBe(true);
    expect(analysis.findings.some((f) => f.kind === "jargon")).toBe(true);
  });

  it("reports a figure for each size", () => {
    const r = benchNotes(1);
    for (const value of [r.words500, r.words2000, r.words5000, r.parse.words5000, r.analysis.words5000]) {
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeGreaterThan(0);
    }
  });
});
