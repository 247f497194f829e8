import { describe, expect, it } from "vitest";
import { normalizeHeading } from "../../../src/core/notes/normalize-heading.js";
import { parseMarkdownModel } from "../../../src/core/notes/parse-markdown-model.js";

const at = (source: string, offset: number) => parseMarkdownModel(source).position(offset);

describe("normalizeHeading", () => {
  it.each([
    ["What changes for you", "what changes for you"],
    ["  What   changes\tfor YOU?  ", "what changes for you"],
    ["📝 Human release note", "human release note"],
    [":memo: Human release note :tada:", "human release note"],
    ["1. What you need to do", "1. what you need to do"],
    ["— Who to ask —", "who to ask"],
    ["ＷＨＯ ｔｏ ａｓｋ", "who to ask"],
    ["Straße", "strasse"],
    ["🇩🇪 Who to ask ✅", "who to ask"],
  ])("%j -> %j", (input, expected) => {
    expect(normalizeHeading(input)).toBe(expected);
  });

  it("compares a heading's text content, without markup", () => {
    const model = parseMarkdownModel("## **Who** to _ask_?\n");
    expect(model.headings[0]?.normalized).toBe("who to ask");
  });
});

describe("parseMarkdownModel: sections", () => {
  const source = [
    "# Note", // 1
    "", // 2
    "## What changes for you", // 3
    "Text.", // 4
    "### Finance", // 5
    "More.", // 6
    "", // 7
    "Who to ask", // 8 (setext h2)
    "----------", // 9
    "Maria.", // 10
    "# Appendix", // 11
  ].join("\n");
  const model = parseMarkdownModel(source);

  it("finds ATX and setext headings with their depth", () => {
    expect(model.headings.map((h) => [h.depth, h.text])).toEqual([
      [1, "Note"],
      [2, "What changes for you"],
      [3, "Finance"],
      [2, "Who to ask"],
      [1, "Appendix"],
    ]);
  });

  it("runs a section up to the next heading of the same or a higher level", () => {
    const line = (o: number) => model.position(o).line;
    const ends = model.headings.map((h) => line(h.sectionEnd));
    // Note ends at Appendix (line 11); "What changes" at "Who to ask" (line 8); Finance also at line 8.
    expect(ends.slice(0, 4)).toEqual([11, 8, 8, 11]);
    expect(model.headings[4]?.sectionEnd).toBe(source.length);
  });
});

describe("parseMarkdownModel: prose", () => {
  it("reads paragraphs, list items, block quotes, table cells and link text, nothing else", () => {
    const source = [
      "---", // not front matter in a PR body: a thematic break
      "",
      "Paragraph words.",
      "",
      "- list item",
      "> quoted text",
      "",
      "| Cell one | Cell two |",
      "|---|---|",
      "| [link text](https://example.com/a) | `code span` |",
      "",
      "```",
      "code block words",
      "```",
      "",
      "<!-- comment words -->",
      "<div>html words</div>",
      "",
      "See https://example.com/bare and <https://example.com/auto>.",
    ].join("\n");
    const model = parseMarkdownModel(source);
    const prose = model.words.filter((w) => model.blocks[w.block]?.kind === "prose").map((w) => w.text);
    expect(prose).toEqual(["Paragraph", "words", "list", "item", "quoted", "text", "Cell", "one", "Cell", "two", "link", "text", "See", "and"]);
  });

  it("a link whose text is a URL adds no words, and is one link", () => {
    const model = parseMarkdownModel("See [https://example.com/a](https://example.com/a) and [www.example.com](https://example.com) now.");
    expect(model.words.map((w) => w.text)).toEqual(["See", "and", "now"]);
    expect(model.links.map((l) => l.url)).toEqual(["https://example.com/a", "https://example.com"]);
  });

  it("ignores YAML front matter in note files and keeps line numbers", () => {
    const source = "---\ntitle: Product ids\nowner: maria\n---\n# Note\n\nHello world.\n";
    const model = parseMarkdownModel(source, { frontMatter: true });
    expect(model.headings.map((h) => h.text)).toEqual(["Note"]);
    const hello = model.words.find((w) => w.text === "Hello");
    expect(hello && model.position(hello.start)).toEqual({ line: 7, column: 1 });
    expect(model.words.map((w) => w.text)).not.toContain("title");
  });

  it("matches words as docs/release-note.md defines them", () => {
    const model = parseMarkdownModel("Don’t re-run the ERP_sync job; it's 3.5 times faster — café, naïve, 東京.");
    expect(model.words.map((w) => w.text)).toEqual([
      "Don’t", "re-run", "the", "ERP_sync", "job", "it's", "3", "5", "times", "faster", "café", "naïve", "東京",
    ]);
  });

  it("keeps each word's line and column in the source, through escapes, entities and quote markers", () => {
    const source = "> First line with \\*stars\\* &amp; more\n> second *line* here\n";
    const model = parseMarkdownModel(source);
    const pos = (text: string) => {
      const w = model.words.find((x) => x.text === text);
      return w && { ...model.position(w.start), slice: source.slice(w.start, w.end) };
    };
    expect(pos("stars")).toEqual({ line: 1, column: 21, slice: "stars" });
    expect(pos("more")).toEqual({ line: 1, column: 35, slice: "more" });
    expect(pos("second")).toEqual({ line: 2, column: 3, slice: "second" });
    expect(pos("line")).toMatchObject({ line: 1, column: 9 });
    expect(model.words.filter((w) => w.text === "line").map((w) => model.position(w.start))).toEqual([
      { line: 1, column: 9 },
      { line: 2, column: 11 },
    ]);
  });

  it("counts lines after CRLF and lone CR line endings", () => {
    expect(at("a\r\nb\rc", 5)).toEqual({ line: 3, column: 1 });
  });
});

describe("parseMarkdownModel: sentences", () => {
  it("splits on . ! ? and ends one at every list item, table cell and heading", () => {
    const source = [
      "# Heading words",
      "The ERP sends ids. Version 3.5 is fine, e.g. for sales! Ask Maria?",
      "",
      "- first item",
      "- second item",
      "",
      "| a b | c |",
      "|---|---|",
    ].join("\n");
    const model = parseMarkdownModel(source);
    expect(model.sentences.map((s) => [s.text, s.wordCount])).toEqual([
      ["The ERP sends ids.", 4],
      ["Version 3.5 is fine, e.g. for sales!", 9],
      ["Ask Maria?", 2],
      ["first item", 2],
      ["second item", 2],
      ["a b", 2],
      ["c", 1],
    ]);
  });

  it("gives each sentence its source range", () => {
    const source = "Intro.\n\nOne two. Three\nfour five.\n";
    const model = parseMarkdownModel(source);
    const s = model.sentences[2];
    expect(s && [model.position(s.start), model.position(s.end), source.slice(s.start, s.end)]).toEqual([
      { line: 3, column: 10 },
      { line: 4, column: 11 },
      "Three\nfour five.",
    ]);
  });
});

describe("parseMarkdownModel: links", () => {
  it("lists markdown, reference, autolinks and bare URLs in document order, not those in code or comments", () => {
    const source = [
      "Start [a](docs/a.md) then www.example.com/x",
      "`[code](docs/code.md)` and <https://example.com/auto>",
      "```",
      "[fenced](docs/fenced.md) https://example.com/fenced",
      "```",
      "<!-- [hidden](docs/hidden.md) https://example.com/hidden -->",
      "    [indented](docs/indented.md)",
      "",
      "Use [the note][n] and https://example.com/bare.",
      "",
      "[n]: docs/ref.md",
    ].join("\n");
    const model = parseMarkdownModel(source);
    expect(model.links.map((l) => [l.kind, l.url])).toEqual([
      ["link", "docs/a.md"],
      ["bare", "http://www.example.com/x"],
      ["autolink", "https://example.com/auto"],
      ["reference", "docs/ref.md"],
      ["bare", "https://example.com/bare"],
    ]);
  });
});

describe("parseMarkdownModel: GFM constructs", () => {
  it("footnotes are prose, not links; tables in block quotes and lists are read; task items and strikethrough too", () => {
    const source = [
      "Ids change[^1] today.",
      "",
      "[^1]: Only for new products.",
      "",
      "> | Team | Change |",
      "> |:--|--:|",
      "> | Sales | quotes |",
      "",
      "- [x] ~~old~~ new step",
    ].join("\n");
    const model = parseMarkdownModel(source);
    expect(model.links).toEqual([]);
    expect(model.words.map((w) => w.text)).toEqual([
      "Ids", "change", "today", "Only", "for", "new", "products", "Team", "Change", "Sales", "quotes", "old", "new", "step",
    ]);
    expect(model.sentences.map((s) => s.text)).toContain("Sales");
  });

  it("a pipe line without a delimiter row is a paragraph", () => {
    const model = parseMarkdownModel("| not | a table |\n| still | text |\n");
    expect(model.sentences.map((s) => s.text)).toEqual(["not | a table | | still | text"]);
  });
});

describe("parseMarkdownModel: hostile input never throws", () => {
  it.each([
    ["empty", ""],
    ["only whitespace", " \n\t\n"],
    ["unclosed code fence", "Intro [a](docs/a.md)\n\n```\n[b](docs/b.md)\nno end"],
    ["unclosed comment", "Intro\n<!-- [b](docs/b.md)\n"],
    ["65,536 characters", "word ".repeat(13_107) + "x"],
    ["deep block quotes", `${">".repeat(5_000)} deep`],
    ["deep lists (65,536 characters)", Array.from({ length: 250 }, (_, i) => `${"  ".repeat(i)}- item ${i}`).join("\n").slice(0, 65_536)],
    ["deep emphasis", `${"*".repeat(2_000)}x${"*".repeat(2_000)}`],
    ["nested brackets", `${"[".repeat(5_000)}x${"]".repeat(5_000)}`],
    ["NUL and lone surrogates", "a\u0000b \ud800 c\udfff"],
    ["thousands of links", Array.from({ length: 2_000 }, (_, i) => `[n${i}](docs/release-notes/n${i}.md)`).join(" ")],
  ])("%s", (_name, source) => {
    expect(() => parseMarkdownModel(source)).not.toThrow();
  });

  it("reads a code fence that is never closed as code to the end", () => {
    const model = parseMarkdownModel("Intro [a](docs/a.md)\n\n```\n[b](docs/b.md)\nno end");
    expect(model.links.map((l) => l.url)).toEqual(["docs/a.md"]);
  });
});
