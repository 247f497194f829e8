import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { limitMarkdownConstructs, MARKDOWN_LIMITS } from "../../../src/core/notes/limit-markdown-constructs.js";
import { parseMarkdownModel } from "../../../src/core/notes/parse-markdown-model.js";
import { NOTE_TEXT } from "../../support/github-fixtures.js";

describe("limitMarkdownConstructs", () => {
  it("switches nothing off for ordinary documents", () => {
    const template = readFileSync(new URL("../../fixtures/notes/pr-body-template.md", import.meta.url), "utf8");
    for (const text of [NOTE_TEXT, template, "", "Title\n=====\n\n* a\n* b\n\n> quote\n\n1. one\n2. two\n\n---\n\n**bold** _it_ ~~gone~~"]) {
      expect(limitMarkdownConstructs(text)).toEqual([]);
    }
  });

  it("switches each construct off just past its budget", () => {
    const over = (unit: string, n: number) => unit.repeat(n + 1);
    expect(limitMarkdownConstructs(over("a*", MARKDOWN_LIMITS.emphasisDelimiters))).toEqual(["attention"]);
    expect(limitMarkdownConstructs("a*".repeat(MARKDOWN_LIMITS.emphasisDelimiters / 2))).toEqual([]);
    expect(limitMarkdownConstructs(over("a~", MARKDOWN_LIMITS.strikethroughDelimiters))).toEqual(["strikethrough"]);
    expect(limitMarkdownConstructs(over("a\n===\n", MARKDOWN_LIMITS.underlineLines))).toEqual(["setextUnderline"]);
    expect(limitMarkdownConstructs("a\n===\n".repeat(MARKDOWN_LIMITS.underlineLines))).toEqual([]);
    expect(limitMarkdownConstructs(over("1. a\n", MARKDOWN_LIMITS.listItems))).toEqual(["list"]);
    expect(limitMarkdownConstructs(over("> ", MARKDOWN_LIMITS.containerDepth))).toEqual(["list", "blockQuote"]);
    expect(limitMarkdownConstructs(`${over("- ", MARKDOWN_LIMITS.containerDepth)}x`)).toEqual(["list", "blockQuote"]);
    expect(limitMarkdownConstructs(`${"> ".repeat(MARKDOWN_LIMITS.containerDepth)}x`)).toEqual([]);
  });

  it("a thematic break line is an underline candidate, not a list item", () => {
    expect(limitMarkdownConstructs("---\n".repeat(MARKDOWN_LIMITS.underlineLines + 1))).toEqual(["setextUnderline"]);
  });

  it("a lone `-` line is both an underline candidate and an empty list item", () => {
    expect(limitMarkdownConstructs("-\n".repeat(MARKDOWN_LIMITS.listItems + 1))).toEqual(["setextUnderline", "list"]);
    expect(limitMarkdownConstructs("a\n-\n".repeat(MARKDOWN_LIMITS.underlineLines))).toEqual([]);
  });

  it("switches inline HTML off past its budget of `<?` and `<!` (each unclosed one is read to the end of its paragraph)", () => {
    expect(limitMarkdownConstructs(`x ${"<?".repeat(MARKDOWN_LIMITS.htmlOpenings + 1)}`)).toEqual(["htmlText"]);
    expect(limitMarkdownConstructs(`x ${"<!--a-->".repeat(MARKDOWN_LIMITS.htmlOpenings)} <b>bold</b>`)).toEqual([]);
  });

  it("switches links off past its budget of `[` (each opens a label micromark looks back over): no link is read, so no note is found", () => {
    expect(limitMarkdownConstructs(`x ${"[".repeat(MARKDOWN_LIMITS.labelStarts + 1)}`)).toEqual(["labelStartLink", "labelStartImage", "labelEnd"]);
    expect(limitMarkdownConstructs(`${"[a](b) ".repeat(MARKDOWN_LIMITS.labelStarts)}`)).toEqual([]);
    const model = parseMarkdownModel(`${"[".repeat(MARKDOWN_LIMITS.labelStarts + 1)}\n\nSee [the note](docs/release-notes/a.md).`);
    expect(model.links).toEqual([]);
  });

  it("with emphasis switched off, links and words are still read", () => {
    const model = parseMarkdownModel(`${"a*".repeat(3_000)}\n\nSee [the note](docs/release-notes/a.md).`);
    expect(model.links.map((l) => l.url)).toContain("docs/release-notes/a.md");
  });
});
