import { describe, expect, it } from "vitest";
import type { DepartmentConfig } from "../../../src/core/config/integ-config.js";
import { checkReleaseNote } from "../../../src/core/notes/check-release-note.js";
import { parseMarkdownModel } from "../../../src/core/notes/parse-markdown-model.js";
import { selectNoteText } from "../../../src/core/notes/select-note-text.js";
import { buildConfig } from "../../support/config-builder.js";

const FILLER = "The ERP now sends the product id to the CRM every night, so everyone sees the same number.";

/** A note with the three default sections, each holding `FILLER` unless replaced. */
function note(parts: { changes?: string; todo?: string; ask?: string; title?: string } = {}): string {
  return [
    parts.title ?? "# Product ids reach the CRM",
    "",
    "## What changes for you",
    "",
    parts.changes ?? `${FILLER} Finance, sales and the warehouse see it first.`,
    "",
    "## What you need to do",
    "",
    parts.todo ?? FILLER,
    "",
    "## Who to ask",
    "",
    parts.ask ?? "Ask Maria Lopez in operations.",
    "",
  ].join("\n");
}

const departments: DepartmentConfig[] = [
  { name: "finance", signoff: [], aliases: ["accounting", "accounts payable"] },
  { name: "warehouse", signoff: [], aliases: [] },
  { name: "sales", signoff: [], aliases: [] },
];

function check(source: string, overrides: Parameters<typeof buildConfig>[0] = {}, depts = departments) {
  const config = buildConfig(overrides);
  const model = parseMarkdownModel(source, { frontMatter: true });
  return checkReleaseNote(selectNoteText(model), config.releaseNote, depts);
}

const brief = (r: ReturnType<typeof check>) =>
  r.findings.map((f) => `${f.kind}@${f.line}:${f.column}`);

describe("checkReleaseNote: a good note passes", () => {
  it("has no findings and no problems", () => {
    const r = check(note());
    expect(r.findings).toEqual([]);
    expect(r.problems).toEqual([]);
  });
});

describe("checkReleaseNote: required sections", () => {
  it("a missing section is named in the title and pinned to line 1", () => {
    const source = note().replace("## Who to ask\n\nAsk Maria Lopez in operations.\n", "");
    const r = check(source);
    expect(r.problems[0]).toBe('Release note is missing the section "Who to ask"');
    expect(r.findings[0]).toMatchObject({ kind: "missing-section", severity: "blocking", line: 1, column: 1 });
    expect(r.findings[0]?.message).toContain('add a heading "Who to ask"');
  });

  it("several missing sections are listed together", () => {
    const r = check("# Note\n\nJust some text about the change for finance, sales and the warehouse.\n", {
      releaseNote: { minWords: 0 },
    });
    expect(r.problems).toEqual([
      'Release note is missing the sections "What changes for you", "What you need to do", "Who to ask"',
    ]);
  });

  it("a section with no prose is empty; the finding sits on its heading", () => {
    const source = note({ ask: "<!-- fill in -->\n\n```\ncode is not prose\n```" });
    const r = check(source);
    expect(r.problems).toEqual(['Release note section "Who to ask" is empty']);
    expect(brief(r)).toEqual(["empty-section@11:1"]);
  });

  it("an empty section says which heading ended it, when one of the same level follows right away", () => {
    const source = [
      "# Note", // 1
      "", // 2
      "## What changes for you", // 3
      "", // 4
      "## Finance", // 5
      "", // 6
      "Invoices show the product id from Monday, for every order that finance books.", // 7
      "", // 8
      "## What you need to do", // 9
      "", // 10
      "Nothing.", // 11
      "", // 12
      "## Who to ask", // 13
      "", // 14
      "Maria in operations.", // 15
    ].join("\n");
    const finding = check(source, { releaseNote: { minWords: 0 } }).findings[0];
    expect(finding?.message).toBe(
      'The section "What changes for you" has no text: the heading "Finance" (line 5) is at the same level, so it ends the section. Write a sentence or two under "What changes for you", or make "Finance" a sub-heading (### Finance).',
    );
    expect(`${finding?.line}:${finding?.column}`).toBe("3:1");
  });

  it("sub-sections count as content of their section", () => {
    const source = note({ changes: "### Finance\n\nInvoices show the product id.\n\n### Sales and warehouse\n\nQuotes and picking lists show it too." });
    expect(check(source, { releaseNote: { minWords: 0 } }).findings).toEqual([]);
  });

  it.each([
    ["emoji, case and punctuation", "## 🙋 WHO TO ASK?"],
    ["another level", "#### Who to ask"],
    ["setext", "Who to ask\n----------"],
    ["markup in the heading", "## *Who* to **ask**:"],
  ])("matches a heading written with %s", (_name, heading) => {
    const source = note().replace("## Who to ask", heading);
    expect(check(source).problems).toEqual([]);
  });

  it("does not take prose under a lower sibling heading as the section's", () => {
    const source = note().replace("## Who to ask\n\nAsk Maria Lopez in operations.\n", "## Who to ask\n## Contacts\n\nAsk Maria.\n");
    expect(check(source).problems).toEqual(['Release note section "Who to ask" is empty']);
  });
});

describe("checkReleaseNote: placeholders", () => {
  it.each([
    ["TODO in prose", "Ask TODO in operations.", ["placeholder@13:5"]],
    ["lower case", "Ask todo in operations.", ["placeholder@13:5"]],
    ["followed by a colon", "TODO: name a person.", ["placeholder@13:1"]],
    ["in parentheses", "Ask Maria (TBD).", ["placeholder@13:12"]],
    ["lorem ipsum across a line break", "Ask Lorem\nipsum now.", ["placeholder@13:5"]],
    ["in emphasis", "Ask **FIXME** now.", ["placeholder@13:7"]],
    ["glued to a letter", "Ask TODOs now.", []],
    ["glued with _", "Ask TODO_LIST now.", []],
    ["glued with -", "Ask XXX-L now.", []],
    ["in a code span", "Ask `TODO` now.", []],
    ["in an HTML comment", "Ask Maria. <!-- TODO -->", []],
    ["in a link URL", "Ask [Maria](https://example.com/TODO).", []],
  ])("%s", (_name, ask, expected) => {
    const r = check(note({ ask }));
    expect(brief(r).filter((f) => f.startsWith("placeholder"))).toEqual(expected);
  });

  it("in a heading, with the title naming it", () => {
    const r = check(note({ title: "# TBD: product ids" }));
    expect(brief(r)).toEqual(["placeholder@1:3"]);
    expect(r.problems).toEqual(['Release note still contains the placeholder "TBD"']);
    expect(r.findings[0]?.quote).toBe("TBD: product ids");
  });

  it("counts several occurrences in the title", () => {
    const r = check(note({ ask: "TODO TODO" }));
    expect(r.problems).toEqual(['Release note still contains placeholders (2, first "TODO")']);
  });

  it("uses the configured placeholders", () => {
    const r = check(note({ ask: "Ask ??name?? in operations." }), { releaseNote: { placeholders: ["??name??"] } });
    expect(brief(r)).toEqual(["placeholder@13:5"]);
  });
});

describe("checkReleaseNote: min_words", () => {
  it("counts words of prose only, not headings or code", () => {
    const source = "# A very long title with many words in it\n\n## What changes for you\nIds.\n## What you need to do\nNothing.\n## Who to ask\nMaria.\n\n```\nlots of code words here\n```\n";
    const r = check(source, { departments: [] }, []);
    expect(r.problems).toEqual(["Release note has 3 words; it needs at least 40"]);
    expect(brief(r)).toEqual(["too-few-words@1:1"]);
  });

  it("min_words 0 never fails", () => {
    const source = "## What changes for you\nIds.\n## What you need to do\nNothing.\n## Who to ask\nMaria.\n";
    expect(check(source, { releaseNote: { minWords: 0 } }, []).problems).toEqual([]);
  });
});

describe("checkReleaseNote: departments", () => {
  const withChanges = (changes: string) => note({ changes: `${FILLER} ${changes}` });
  it.each([
    ["all named", "Finance, sales and the warehouse see it.", []],
    ["alias", "Accounting, sales and the warehouse see it.", []],
    ["alias phrase across a line break", "Accounts\npayable, sales and the warehouse see it.", []],
    ["plural s", "Sales and warehouses see it; finances too.", []],
    ["plural es on an alias", "Sales, the warehouse and both accounts payables see it.", []],
    ["possessive", "The warehouse's staff, sales and finance see it.", []],
    ["only in a heading", "### Finance\nSales and the warehouse see it.", []],
    ["none", "Everyone sees it.", ["finance", "warehouse", "sales"]],
    ["inside another word", "Refinance, wholesales and warehousing see it.", ["finance", "warehouse", "sales"]],
    ["glued with -", "The finance-team, sales-ops and warehouse_staff see it.", ["finance", "warehouse", "sales"]],
    ["only in code", "`finance`, `sales` and `warehouse` see it.", ["finance", "warehouse", "sales"]],
  ])("%s", (_name, changes, missing) => {
    const r = check(withChanges(changes));
    const found = r.findings.filter((f) => f.kind === "department-not-named").map((f) => f.message);
    expect(found).toHaveLength(missing.length);
    if (missing.length > 0) expect(r.problems).toEqual([`Release note does not name: ${missing.join(", ")}`]);
    else expect(r.problems).toEqual([]);
  });

  it("reads _ and - in a department key as spaces", () => {
    const depts: DepartmentConfig[] = [
      { name: "customer_service", signoff: [], aliases: [] },
      { name: "accounts-receivable", signoff: [], aliases: [] },
    ];
    expect(check(withChanges("Customer service and accounts receivable see it."), {}, depts).problems).toEqual([]);
    expect(check(withChanges("Customer_service sees it."), {}, depts).problems).toEqual([
      "Release note does not name: customer_service, accounts-receivable",
    ]);
  });

  it("is skipped with mention_departments: false", () => {
    expect(check(withChanges("Everyone sees it."), { releaseNote: { mentionDepartments: false } }).problems).toEqual([]);
  });
});

describe("checkReleaseNote: order of problems", () => {
  it("sections, then placeholders, then words, then departments", () => {
    const r = check("# TODO\n\nShort.\n");
    expect(r.problems).toEqual([
      'Release note is missing the sections "What changes for you", "What you need to do", "Who to ask"',
      'Release note still contains the placeholder "TODO"',
      "Release note has 1 word; it needs at least 40",
      "Release note does not name: finance, warehouse, sales",
    ]);
  });
});
