import { describe, expect, it } from "vitest";
import { analyseNoteSource } from "../../src/core/notes/analyse-note-source.js";
import { buildConfig } from "../support/config-builder.js";

/**
 * Inputs that made a regular expression backtrack quadratically (found by
 * eslint-plugin-regexp's no-super-linear-backtracking): each took 2.5 s of
 * CPU at 64 KiB before. Every text is scanned in linear time
 * (docs/checks.md#limits), so each must now take well under a second.
 */
describe("notes at the size limit are scanned in linear time", () => {
  const config = buildConfig();
  const cases: Array<[string, string]> = [
    ["a table-like line of 65,000 spaces", `# Note\n\n|-${" ".repeat(65_000)}x\n`],
    ["one 60,000-capital word followed by a small letter", `# Note\n\nWe ${"A".repeat(60_000)}a it.\n`],
  ];
  it.each(cases)("%s", (_name, source) => {
    const started = performance.now();
    analyseNoteSource(source, config.releaseNote, []);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
