import { describe, expect, it } from "vitest";
import type { PlainLanguageConfig } from "../../../src/core/config/integ-config.js";
import { BUILT_IN_JARGON } from "../../../src/core/notes/jargon-list.js";
import { fleschKincaidGrade, lintPlainLanguage } from "../../../src/core/notes/lint-plain-language.js";
import { parseMarkdownModel } from "../../../src/core/notes/parse-markdown-model.js";
import { selectNoteText } from "../../../src/core/notes/select-note-text.js";
import { buildConfig } from "../../support/config-builder.js";

function lint(source: string, plain: Partial<PlainLanguageConfig> = {}) {
  const config = buildConfig({ releaseNote: { plainLanguage: plain } }).releaseNote.plainLanguage;
  return lintPlainLanguage(selectNoteText(parseMarkdownModel(source, { frontMatter: true })), config);
}
const pinned = (r: ReturnType<typeof lint>, kind: string) =>
  r.findings.filter((f) => f.kind === kind).map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity}`);

const EASY = "We send the new id to the shop each night. You see it the next day. ";

describe("lintPlainLanguage: Flesch-Kincaid grade", () => {
  const hard =
    "Consequently, organisational reconciliation necessitates comprehensive documentation of intercompany transactions. ";

  it("flags a note of 100+ words above max_grade, over the whole note", () => {
    const source = `# Note\n\n${hard.repeat(12)}\n`;
    const r = lint(source);
    expect(r.grade).toBeGreaterThan(9);
    expect(pinned(r, "grade-too-high")).toEqual([`3:1-3:${hard.repeat(12).trimEnd().length} warning`]);
    expect(r.findings.find((f) => f.kind === "grade-too-high")?.message).toMatch(/grade \d+\.\d .*aim for 9 or lower/);
  });

  it("honours max_grade", () => {
    expect(pinned(lint(`# Note\n\n${hard.repeat(12)}\n`, { maxGrade: 40 }), "grade-too-high")).toEqual([]);
  });

  it("does not grade a note under 100 words, however hard", () => {
    const r = lint(`# Note\n\n${hard.repeat(8)}\n`);
    expect(r.grade).toBeNull();
    expect(pinned(r, "grade-too-high")).toEqual([]);
  });

  it("passes plain text and honours max_grade", () => {
    const r = lint(`# Note\n\n${EASY.repeat(10)}\n`);
    expect(r.grade).not.toBeNull();
    expect(r.grade ?? 99).toBeLessThan(4);
    expect(pinned(r, "grade-too-high")).toEqual([]);
  });

  it("computes the standard formula", () => {
    const model = parseMarkdownModel(EASY.repeat(10));
    // 16 one-syllable words in 2 sentences per repeat
    const grade = fleschKincaidGrade(model.words, model.sentences.length) ?? NaN;
    const words = model.words.length;
    expect(words).toBe(160);
    expect(grade).toBeCloseTo(0.39 * (160 / 20) + 11.8 * (160 / 160) - 15.59, 0);
  });
});

describe("lintPlainLanguage: long sentences", () => {
  const long = `The new product id travels from the ERP to the CRM every night${" and then on to the shop".repeat(5)} before the warehouse opens.`;
  const source = ["# Note", "", "Short one here.", long, "", "- A list item is a sentence of its own", ""].join("\n");

  it("pins each sentence over max_sentence_words with its words and quote", () => {
    const r = lint(source);
    const f = r.findings.find((x) => x.kind === "long-sentence");
    expect(pinned(r, "long-sentence")).toEqual([`4:1-4:${long.length + 1} warning`]);
    expect(f?.message).toBe("This sentence has 47 words; split it so that no sentence has more than 30.");
    expect(f?.quote).toBe(long);
  });

  it("uses max_sentence_words", () => {
    expect(pinned(lint(source, { maxSentenceWords: 50 }), "long-sentence")).toEqual([]);
    expect(pinned(lint(source, { maxSentenceWords: 3 }), "long-sentence")).toEqual([
      `4:1-4:${long.length + 1} warning`,
      "6:3-6:39 warning",
    ]);
  });
});

describe("lintPlainLanguage: jargon", () => {
  const source = [
    "# Leveraging the new feed", // 1
    "", // 2
    "We utilize the ERP and it utilizes the CRM.", // 3
    "The job is idempotent; the payload is smaller.", // 4
    "Old fields were deprecated, so we are utilising", // 5
    "new ones while circling back on the ETL.", // 6
    "", // 7
    "`utilize` in code and [a link to utilize](https://example.com/utilize) text.", // 8
  ].join("\n");
  const r = lint(source);
  const jargon = r.findings.filter((f) => f.kind === "jargon");

  it("finds each jargon term with its inflections, phrases included, once, at its first use", () => {
    expect(jargon.map((f) => `${f.line}:${f.column}-${f.endColumn} ${f.message}`)).toEqual([
      '1:3-13 "Leveraging" is jargon: say "use" instead.',
      '3:4-11 "utilize" is jargon (4 times, on lines 3, 5 and 8): say "use" instead.',
      '4:12-22 "idempotent" is jargon: say "safe to repeat" instead.',
      '4:28-35 "payload" is jargon: say "data sent" instead.',
      '5:17-27 "deprecated" is jargon: say "stop using" instead.',
      '6:16-29 "circling back" is jargon: say "come back to" instead.',
      '6:37-40 "ETL" is jargon: say "copying data between systems" instead.',
    ]);
  });

  it("lists every use of a term, so that each can be annotated", () => {
    const utilize = jargon.find((f) => f.message.startsWith('"utilize"'));
    expect(utilize?.occurrences?.map((o) => `${o.line}:${o.column}-${o.endColumn}`)).toEqual(["3:4-11", "3:27-35", "5:39-48", "8:34-41"]);
    expect(jargon.find((f) => f.message.startsWith('"payload"'))?.occurrences).toBeUndefined();
  });

  it("quotes the sentence", () => {
    expect(jargon[1]?.quote).toBe("We utilize the ERP and it utilizes the CRM.");
    expect(jargon[5]?.quote).toBe("Old fields were deprecated, so we are utilising new ones while circling back on the ETL.");
  });

  it("adds config jargon (with or without a plainer word) and removes jargon_allow", () => {
    const text = "# Note\n\nThe endpoint sends synergy and the flux capacitor sends data.\n";
    const r2 = lint(text, {
      jargon: new Map([
        ["flux capacitor", "time machine"],
        ["synergy", null],
      ]),
      jargonAllow: ["endpoint"],
    });
    expect(r2.findings.filter((f) => f.kind === "jargon").map((f) => f.message)).toEqual([
      '"synergy" is jargon: say "working together" instead.',
      '"flux capacitor" is jargon: say "time machine" instead.',
    ]);
    const r3 = lint("# Note\n\nThe gizmo works.\n", { jargon: new Map([["gizmo", null]]) });
    expect(r3.findings.map((f) => f.message)).toEqual(['"gizmo" is jargon: say what it means in everyday words.']);
  });

  it("ships at least 100 built-in terms, most with a plainer word", () => {
    expect(BUILT_IN_JARGON.length).toBeGreaterThanOrEqual(100);
    expect(BUILT_IN_JARGON.filter(([, plainer]) => plainer !== null).length).toBeGreaterThanOrEqual(100);
    for (const term of ["utilize", "leverage", "idempotent", "ETL", "payload", "deprecate", "synergy", "endpoint"]) {
      expect(BUILT_IN_JARGON.map(([t]) => t)).toContain(term);
    }
  });
});

describe("lintPlainLanguage: notices", () => {
  it("passive voice", () => {
    const source = "# Note\n\nPrices are updated every night.\nThe file was not sent.\nWe send the file.\nThe order is being shipped.\n";
    const r = lint(source);
    expect(r.findings.filter((f) => f.kind === "passive-voice").map((f) => `${f.line}:${f.column}-${f.endColumn} ${f.severity}`)).toEqual([
      "3:8-19 notice",
      "4:10-22 notice",
      "6:11-27 notice",
    ]);
    expect(r.findings.find((f) => f.kind === "passive-voice")?.message).toContain('"are updated" is passive');
  });

  it("acronyms without an expansion, once each", () => {
    const source = [
      "# Note",
      "",
      "The SKU moves to the WMS. The SKU stays.", // 3
      "Enterprise Resource Planning (ERP) sends it; the ERP is fine.", // 4
      "CRM (Customer Relationship Management) too. A PDF is attached.", // 5
      "PLEASE DO NOT CHANGE THE SKU BY HAND.", // 6
      "The ETL runs nightly.", // 7
    ].join("\n");
    const r = lint(source);
    expect(r.findings.filter((f) => f.kind === "acronym").map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([
      '3:5 "SKU" is not spelled out (2 times, on line 3): write it in full the first time, e.g. "Full Name (SKU)", or list it in known_acronyms if every reader knows it.',
      '3:22 "WMS" is not spelled out: write it in full the first time, e.g. "Full Name (WMS)", or list it in known_acronyms if every reader knows it.',
    ]);
  });
});

describe("lintPlainLanguage: known terms", () => {
  it("system and department names from the config are not unexplained acronyms", () => {
    const source = "# Note\n\nThe ERP sends the SKU to the CRM and HR.\n";
    const config = buildConfig().releaseNote.plainLanguage;
    const note = selectNoteText(parseMarkdownModel(source));
    const acronyms = (known: string[]) =>
      lintPlainLanguage(note, config, { knownTerms: known })
        .findings.filter((f) => f.kind === "acronym")
        .map((f) => f.message.split('"')[1]);
    expect(acronyms([])).toEqual(["ERP", "SKU", "CRM"]);
    expect(acronyms(["erp", "crm"])).toEqual(["SKU"]);
  });
});

describe("lintPlainLanguage: enforce", () => {
  const source = "# Note\n\nWe leverage the feed.\n";
  it("warnings by default, with no problems", () => {
    const r = lint(source);
    expect(r.findings.map((f) => f.severity)).toEqual(["warning"]);
    expect(r.problems).toEqual([]);
  });
  it("blocking with enforce: true, the first one as a title; notices stay notices", () => {
    const r = lint(`${source}The data is sent.\n`, { enforce: true });
    expect(r.findings.map((f) => [f.kind, f.severity])).toEqual([
      ["jargon", "blocking"],
      ["passive-voice", "notice"],
    ]);
    expect(r.problems).toEqual(['Release note uses jargon: "leverage" (say "use")']);
  });
});
