import { describe, expect, it } from "vitest";
import { absolutizeNoteLinks } from "../../../src/core/digest/absolutize-note-links.js";
import { createDepartmentMatcher } from "../../../src/core/digest/create-department-matcher.js";
import { extractDepartmentParts, findNoteSections } from "../../../src/core/digest/extract-department-parts.js";
import { formatPeriod } from "../../../src/core/digest/format-period.js";
import { parseDigestWindow } from "../../../src/core/digest/parse-digest-window.js";
import { relevelHeadings } from "../../../src/core/digest/render-digest-markdown.js";
import { renderNoteHtml } from "../../../src/core/digest/render-note-html.js";
import { parseMarkdownModel } from "../../../src/core/notes/parse-markdown-model.js";
import type { DepartmentConfig } from "../../../src/core/config/integ-config.js";

const SECTIONS = ["What changes for you", "What you need to do", "Who to ask"];
const dept = (name: string, aliases: string[] = []): DepartmentConfig => ({ name, aliases, signoff: [] });

function parts(note: string, department: DepartmentConfig) {
  const sections = findNoteSections({ model: parseMarkdownModel(note, { frontMatter: true }), inlineHeading: null }, SECTIONS);
  return { title: sections.title, ...extractDepartmentParts(sections, department) };
}

const NOTE = `# Prices per piece

## What changes for you

### Finance

Invoices show prices per piece.

### Sales and accounting

Quotes show prices per piece too.

## What you need to do

Check your next invoice.

## Who to ask

Ask Maria.
`;

describe("the part of a note that concerns a department", () => {
  const table: { name: string; note: string; department: DepartmentConfig; match: string; concerns: string[] }[] = [
    { name: "a heading that names the department", note: NOTE, department: dept("finance"), match: "named", concerns: ["Invoices show prices per piece."] },
    { name: "a heading that names an alias", note: NOTE, department: dept("finance", ["accounting"]), match: "named", concerns: ["Invoices show prices per piece.", "Quotes show prices per piece too."] },
    { name: "plural and case do not matter", note: NOTE.replace("### Finance", "### FINANCES"), department: dept("finance"), match: "named", concerns: ["Invoices show prices per piece."] },
    {
      name: "a paragraph that names the department (with its list marker)",
      note: "## What changes for you\n\n- Warehouse staff scan boxes.\n- Drivers get routes.\n\n## What you need to do\n\nNothing.\n",
      department: dept("warehouse"),
      match: "named",
      concerns: ["- Warehouse staff scan boxes."],
    },
    {
      name: "no part names it: the whole \"What changes for you\"",
      note: NOTE,
      department: dept("logistics"),
      match: "section",
      concerns: ["### Finance\n\nInvoices show prices per piece.\n\n### Sales and accounting\n\nQuotes show prices per piece too."],
    },
    {
      name: "no such section: the whole note without the later sections",
      note: "Everyone sees new ids.\n\n## Who to ask\n\nAsk Maria.\n",
      department: dept("legal"),
      match: "whole-note",
      concerns: ["Everyone sees new ids."],
    },
    { name: "a word that only contains the name does not count", note: NOTE.replace("### Finance", "### Refinanced"), department: dept("finance"), match: "section", concerns: [expect.stringContaining("Refinanced") as unknown as string] },
  ];
  for (const row of table) {
    it(row.name, () => {
      const p = parts(row.note, row.department);
      expect(p.match).toBe(row.match);
      expect(p.concerns.map((c) => c.markdown)).toEqual(row.concerns);
    });
  }

  it("always adds what to do and whom to ask, and takes the note's title from its first heading", () => {
    const p = parts(NOTE, dept("finance"));
    expect(p.followUps).toEqual([
      { heading: "What you need to do", markdown: "Check your next invoice." },
      { heading: "Who to ask", markdown: "Ask Maria." },
    ]);
    expect(p.title).toBe("Prices per piece");
  });

  it("names departments in linear time, however hostile the text", () => {
    const matches = createDepartmentMatcher(dept("accounts payable", ["a a a"]));
    const hostile = `${"a ".repeat(50_000)}b`;
    expect(matches(hostile)).toBe(true);
    expect(matches(`${"a\t".repeat(50_000)}`)).toBe(true);
    expect(matches("accounts  payables")).toBe(true);
    expect(matches("accounts-payable")).toBe(false);
  });
});

describe("the digest's window and period", () => {
  const now = new Date("2026-11-30T06:00:00Z");
  it("reads durations before now and ISO dates, and refuses an empty window", () => {
    expect(parseDigestWindow("7d", undefined, now)).toEqual({ since: "2026-11-23T06:00:00.000Z", until: "2026-11-30T06:00:00.000Z" });
    expect(parseDigestWindow("2026-11-23", "2026-11-30", now)).toEqual({ since: "2026-11-23T00:00:00.000Z", until: "2026-11-30T00:00:00.000Z" });
    expect(parseDigestWindow("12h", "", now).since).toBe("2026-11-29T18:00:00.000Z");
    expect(() => parseDigestWindow("2026-12-01", undefined, now)).toThrow("the window is empty");
    expect(() => parseDigestWindow("yesterday", undefined, now)).toThrow('--since must be a date (2026-11-23) or a duration (7d, 12h, 2w), not "yesterday"');
  });

  it("says the period as a person does", () => {
    expect(formatPeriod("2026-11-23T06:00:00Z", "2026-11-30T06:00:00Z")).toBe("23–30 Nov 2026");
    expect(formatPeriod("2026-11-28T06:00:00Z", "2026-12-05T06:00:00Z")).toBe("28 Nov – 5 Dec 2026");
    expect(formatPeriod("2026-12-28T06:00:00Z", "2027-01-04T06:00:00Z")).toBe("28 Dec 2026 – 4 Jan 2027");
  });
});

describe("the note's words in markdown and HTML", () => {
  it("sets note headings under the excerpt's heading, leaving code blocks alone", () => {
    expect(relevelHeadings("# Big\n\n```\n# not a heading\n```\n\n## Small")).toBe("#### Big\n\n```\n# not a heading\n```\n\n#### Small");
  });

  it("makes relative links absolute against the note's address, and nothing else", () => {
    const base = "https://ghe.example.com/acme/integrations/blob/abc/docs/release-notes/a.md";
    expect(absolutizeNoteLinks("See the [guide](../guides/x.md), [site](https://acme.example/) and [top](#top).", base)).toBe(
      "See the [guide](https://ghe.example.com/acme/integrations/blob/abc/docs/guides/x.md), [site](https://acme.example/) and [top](#top).",
    );
  });

  it("renders HTML that is safe to send: no script, no remote image, no raw HTML, only web and mail links", () => {
    const html = renderNoteHtml(
      '<script>alert(1)</script>\n\n[click](javascript:alert(1)) [mail](mailto:maria@acme.example) ![chart](https://evil.example/pixel.png) <img src=x onerror=alert(1)> <!-- hidden -->\n\n## Inner',
      { baseUrl: "https://github.com/acme/integrations/pull/1", headingLevel: 4 },
    );
    expect(html).not.toMatch(/<script|<img|href="javascript/iu);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('<a href="mailto:maria@acme.example">mail</a>');
    expect(html).toContain('<a href="https://evil.example/pixel.png">Image: chart</a>');
    expect(html).toContain("<h4>Inner</h4>");
    expect(html).not.toContain("hidden");
  });
});
