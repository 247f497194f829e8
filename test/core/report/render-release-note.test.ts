import { describe, expect, it } from "vitest";
import type { NoteFinding, ReleaseNoteResult } from "../../../src/core/notes/release-note-result.js";
import {
  renderNoteAnnotations,
  renderReleaseNoteSummary,
  renderReleaseNoteTitle,
} from "../../../src/core/report/render-release-note.js";
import { buildFacts } from "../../support/facts-builder.js";
import { NOTE_PATH, inlineNote, invalidNote, validNote } from "../rules/note-fakes.js";

const finding = (severity: NoteFinding["severity"], line: number, extra: Partial<NoteFinding> = {}): NoteFinding => ({
  kind: severity === "blocking" ? "placeholder" : "long-sentence",
  severity,
  message: severity === "blocking" ? 'Replace the placeholder "TODO".' : "This sentence has 41 words; keep it under 30.",
  line,
  column: 3,
  endLine: line,
  endColumn: 7,
  ...extra,
});

describe("renderReleaseNoteTitle", () => {
  const cases: [string, ReleaseNoteResult, string][] = [
    ["in-repo note", validNote(), `Release note: ${NOTE_PATH}`],
    ["with warnings", validNote("b", { findings: [finding("warning", 2), finding("warning", 4), finding("notice", 5)] }), `Release note: ${NOTE_PATH} (2 plain-language warnings)`],
    ["inline note", inlineNote(), 'Release note: "Human release note" section of the PR description'],
    ["external note", validNote("b", { note: { kind: "external", url: "https://acme.atlassian.net/wiki/x", host: "acme.atlassian.net" } }), "Release note: acme.atlassian.net (not read)"],
    ["no note", invalidNote(), "Link a human release note in the PR description"],
    ["the first blocking problem", invalidNote('Section "Who to ask" is missing from docs/release-notes/x.md'), 'Section "Who to ask" is missing from docs/release-notes/x.md'],
    ["a multi-line problem stays on one line", invalidNote("First line\nsecond line"), "First line second line"],
  ];
  it.each(cases)("%s", (_name, result, title) => {
    expect(renderReleaseNoteTitle(result)).toBe(title);
  });
});

describe("renderNoteAnnotations", () => {
  it("pins in-repo findings to the note file with their level", () => {
    const result = validNote("b", {
      findings: [finding("blocking", 3), finding("warning", 5, { endLine: 6 }), finding("notice", 8)],
    });
    expect(renderNoteAnnotations(result)).toEqual([
      { path: NOTE_PATH, startLine: 3, endLine: 3, startColumn: 3, endColumn: 7, level: "failure", title: "placeholder", message: 'Replace the placeholder "TODO".' },
      { path: NOTE_PATH, startLine: 5, endLine: 6, level: "warning", title: "long sentence", message: "This sentence has 41 words; keep it under 30." },
      { path: NOTE_PATH, startLine: 8, endLine: 8, startColumn: 3, endColumn: 7, level: "notice", title: "long sentence", message: "This sentence has 41 words; keep it under 30." },
    ]);
  });

  it("annotates every use of a term that is one finding", () => {
    const uses = [
      { line: 3, column: 4, endLine: 3, endColumn: 11 },
      { line: 9, column: 1, endLine: 9, endColumn: 8 },
    ];
    const result = validNote("b", { findings: [finding("warning", 3, { occurrences: uses })] });
    expect(renderNoteAnnotations(result).map((a) => `${a.startLine}:${a.startColumn ?? ""}-${a.endColumn ?? ""}`)).toEqual(["3:4-11", "9:1-8"]);
  });

  it("has no file to annotate for an inline note", () => {
    expect(renderNoteAnnotations({ ...inlineNote(), findings: [finding("warning", 5)] })).toEqual([]);
  });
});

describe("renderReleaseNoteSummary", () => {
  it("quotes the sentence of an inline note's finding", () => {
    const result = { ...inlineNote(), findings: [finding("warning", 5, { quote: "We leverage synergies." })] };
    const summary = renderReleaseNoteSummary(result, buildFacts());
    expect(summary).toContain('The note is the "Human release note" section of the PR description (line 3) (120 words).');
    expect(summary).toContain("- ⚠️ note line 5: This sentence has 41 words; keep it under 30.\n  > We leverage synergies.");
  });

  it("lists every rejected candidate with its reason", () => {
    const result: ReleaseNoteResult = {
      ...invalidNote(),
      rejected: [
        { text: "https://github.com/other/repo/blob/main/docs/release-notes/a.md", line: 2, reason: "points to another repository (other/repo)" },
        { text: "docs/release-notes/missing.md", line: 4, reason: "does not exist at the head commit" },
      ],
      remarks: ["docs/release-notes/b.md is mentioned as plain text: make this a link"],
    };
    const summary = renderReleaseNoteSummary(result, buildFacts());
    expect(summary).toContain("No valid release note was found.");
    expect(summary).toContain("- `https://github.com/other/repo/blob/main/docs/release-notes/a.md` (line 2 of the description): points to another repository (other/repo)");
    expect(summary).toContain("- `docs/release-notes/missing.md` (line 4 of the description): does not exist at the head commit");
    expect(summary).toContain("- docs/release-notes/b.md is mentioned as plain text: make this a link");
  });

  it("says an external note was not read", () => {
    const result = validNote("b", { note: { kind: "external", url: "https://acme.atlassian.net/wiki/x", host: "acme.atlassian.net" }, words: null });
    expect(renderReleaseNoteSummary(result, buildFacts())).toContain("integ-gate does not read pages outside GitHub, so its content was not checked.");
  });
});
