import { describe, expect, it } from "vitest";
import type { DepartmentConfig } from "../../../src/core/config/integ-config.js";
import { evaluateReleaseNote } from "../../../src/core/notes/evaluate-release-note.js";
import { listNoteCandidatePaths } from "../../../src/core/notes/list-note-candidates.js";
import { buildConfig } from "../../support/config-builder.js";
import type { ConfigOverrides } from "../../support/config-builder.js";
import { buildFacts, changedFile, missingNote, textNote } from "../../support/facts-builder.js";

const GOOD_NOTE = [
  "# Product ids reach the CRM", // 1
  "", // 2
  "## What changes for you", // 3
  "", // 4
  "From Monday the CRM shows the same product id as the ERP.", // 5
  "Sales staff no longer look the id up in the warehouse list,", // 6
  "and finance sees it on every invoice line.", // 7
  "", // 8
  "## What you need to do", // 9
  "", // 10
  "Nothing, unless a product shows an empty id. Then tell us the product name.", // 11
  "", // 12
  "## Who to ask", // 13
  "", // 14
  "Ask Maria Lopez in operations, or write in the erp-crm channel.", // 15
  "",
].join("\n");
const BAD_NOTE = "# Product ids\n\nThe CRM gets ids. TODO\n";
const NOTE_A = "docs/release-notes/2024-06-product-id.md";
const NOTE_B = "docs/release-notes/2024-06-prices.md";

const departments: DepartmentConfig[] = [
  { name: "finance", signoff: [], aliases: ["accounting"] },
  { name: "warehouse", signoff: [], aliases: [] },
  { name: "sales", signoff: [], aliases: [] },
];

function run(body: string, extra: Parameters<typeof buildFacts>[0] = {}, config: ConfigOverrides = {}) {
  const facts = buildFacts({
    body,
    noteFiles: { ...textNote(NOTE_A, GOOD_NOTE, "blob-a"), ...textNote(NOTE_B, BAD_NOTE, "blob-b") },
    ...extra,
  });
  return evaluateReleaseNote(facts, buildConfig({ departments, ...config }), departments);
}

describe("evaluateReleaseNote: no note", () => {
  it.each([
    ["an empty description", ""],
    ["a description without links", "Fixes the nightly product sync.\n\nTested on staging."],
    ["a link inside a code block", `Fixes the sync.\n\n\`\`\`\n[note](${NOTE_A})\n\`\`\`\n`],
    ["a link inside an HTML comment", `Fixes the sync.\n<!-- [note](${NOTE_A}) -->\n`],
    ["an empty inline section (comment only)", "## Human release note\n\n<!-- Write for the people whose work changes. -->\n"],
  ])("%s: Link a human release note", (_name, body) => {
    const r = run(body);
    expect(r).toMatchObject({ note: null, valid: false, firstProblem: "Link a human release note in the PR description" });
    expect(r.rejected).toEqual([]);
  });

  it("says the inline section has no text yet", () => {
    const r = run("Intro.\n\n## Human release note\n\n<!-- write here -->\n");
    expect(r.remarks).toEqual(['The "Human release note" section (line 3) has no text yet.']);
  });

  it("a path in a code span or plain text: make this a link", () => {
    const r = run(`Fixes the sync.\n\nRelease note: \`${NOTE_A}\`\n`);
    expect(r.firstProblem).toBe(`Make ${NOTE_A} a link in the PR description`);
    expect(r.remarks).toEqual([`${NOTE_A} (line 3) is plain text: make this a link, e.g. [Release note](${NOTE_A}).`]);
    expect(run(`See ./${NOTE_A}.`).firstProblem).toBe(`Make ${NOTE_A} a link in the PR description`);
  });

  it("the PR adds a note file that the description does not link", () => {
    const r = run("Fixes the sync.", { files: [changedFile(NOTE_A, "added"), changedFile("integrations/erp/sync.ts")] });
    expect(r.firstProblem).toBe(`Link the release note ${NOTE_A} in the PR description`);
    expect(r.remarks).toEqual([
      `This pull request adds ${NOTE_A}, but the description does not link it: add [Release note](${NOTE_A}).`,
    ]);
  });
});

describe("evaluateReleaseNote: an in-repo note", () => {
  it("accepts a valid linked note, with its blob and word count", () => {
    const r = run(`Fixes the sync.\n\nRelease note: [product ids](${NOTE_A})\n`);
    expect(r).toMatchObject({
      note: { kind: "in-repo", path: NOTE_A, blobSha: "blob-a", link: NOTE_A },
      valid: true,
      rejected: [],
      firstProblem: null,
      words: 57,
    });
  });

  it.each([
    ["relative", NOTE_A],
    ["./", `./${NOTE_A}`],
    ["/", `/${NOTE_A}`],
    ["blob URL", `https://github.com/acme/integrations/blob/feature/product-id/${NOTE_A}`],
    ["raw URL", `https://github.com/acme/integrations/raw/main/${NOTE_A}#L3`],
    ["bare blob URL", `https://github.com/acme/integrations/blob/main/${NOTE_A}`],
    ["autolink", `<https://github.com/acme/integrations/blob/main/${NOTE_A}>`],
  ])("finds it through a %s link", (_name, link) => {
    const body = link.startsWith("https://") || link.startsWith("<") ? `Note: ${link}` : `Note: [here](${link})`;
    expect(run(body).note).toMatchObject({ kind: "in-repo", path: NOTE_A });
  });

  it("finds it through a reference link, positioned where the reference is used", () => {
    const r = run(`Fixes the sync.\n\nSee [the note][rn] and [the prices][pn].\n\n[pn]: ${NOTE_B}\n[rn]: ${NOTE_A}\n`);
    expect(r.note).toMatchObject({ kind: "in-repo", path: NOTE_A });
    expect(r.rejected).toEqual([
      { text: NOTE_B, line: 3, reason: expect.stringContaining("the note failed its checks: Release note is missing the sections") },
    ]);
  });

  it("counts the fork's head repository as this repository", () => {
    const url = `https://github.com/Dev-Alice/integrations/blob/fix/${NOTE_A}`;
    expect(run(url, { headRepoFullName: "dev-alice/integrations" }).note).toMatchObject({ path: NOTE_A });
    expect(run(url).rejected[0]?.reason).toBe("points to another repository (Dev-Alice/integrations)");
  });

  it.each([
    [missingNote(NOTE_A), "does not exist at the head commit (hhhhhhh)"],
    [{ [NOTE_A]: { kind: "binary" as const, path: NOTE_A, blobSha: "b" } }, "is a binary file, not a markdown note"],
    [
      { [NOTE_A]: { kind: "too-large" as const, path: NOTE_A, blobSha: "b", byteSize: 2_000_000 } },
      "is too large to read (2,000,000 bytes)",
    ],
    [{}, "was not read at the head commit (hhhhhhh)"],
  ])("rejects a note that cannot be read: %j", (noteFiles, reason) => {
    const r = run(`Note: [here](${NOTE_A})`, { noteFiles });
    expect(r.rejected).toEqual([{ text: NOTE_A, line: 1, reason }]);
    expect(r.firstProblem).toBe(`Release note link ${NOTE_A} ${reason}`);
    expect(r.words).toBeNull();
  });

  it("a note that fails its checks: the title is its first problem, findings are on it", () => {
    const r = run(`Note: [here](${NOTE_B})`);
    expect(r.valid).toBe(false);
    expect(r.firstProblem).toBe(
      'Release note is missing the sections "What changes for you", "What you need to do", "Who to ask"',
    );
    expect(r.findings.map((f) => `${f.kind}@${f.line}`)).toEqual([
      "missing-section@1",
      "missing-section@1",
      "missing-section@1",
      "placeholder@3",
      "too-few-words@1",
      "department-not-named@1",
      "department-not-named@1",
      "department-not-named@1",
      "acronym@3",
    ]);
    expect(r.words).toBe(5);
  });

  it("names every missing department", () => {
    const note = GOOD_NOTE.replace("Sales staff", "Staff").replace(" in the warehouse list", "");
    const r = run(`Note: [here](${NOTE_A})`, { noteFiles: textNote(NOTE_A, note) });
    expect(r.firstProblem).toBe("Release note does not name: warehouse, sales");
  });
});

describe("evaluateReleaseNote: several candidates", () => {
  it("the first valid candidate wins; invalid ones before it are listed with reasons", () => {
    const body = [
      "Fixes the sync.", // 1
      "", // 2
      "Old: [prices](docs/release-notes/2024-06-prices.md)", // 3
      "Elsewhere: https://docs.google.com/document/d/1 and [runbook](docs/runbook.md)", // 4
      `New: [product ids](${NOTE_A}), again [here](./${NOTE_A})`, // 5
    ].join("\n");
    const r = run(body);
    expect(r.note).toMatchObject({ kind: "in-repo", path: NOTE_A });
    expect(r.rejected.map((x) => [x.line, x.text, x.reason.slice(0, 40)])).toEqual([
      [3, NOTE_B, "the note failed its checks: Release note"],
      [4, "https://docs.google.com/document/d/1", "goes to docs.google.com, which is not gi"],
      [4, "docs/runbook.md", "is not under release_note.paths (docs/re"],
    ]);
    expect(r.remarks).toEqual([]);
  });

  it.each([
    [
      "a link meant as a note comes before a later failing note",
      `New: [note](docs/release-notes/typo.md)\nOld: [prices](${NOTE_B})`,
      [],
      "Release note link docs/release-notes/typo.md was not read at the head commit (hhhhhhh)",
    ],
    [
      "other links do not hide a failing note",
      `Ticket: https://jira.example.com/browse/ERP-1\nNote: [prices](${NOTE_B})`,
      [],
      'Release note is missing the sections "What changes for you", "What you need to do", "Who to ask"',
    ],
    [
      "a note file the PR adds but does not link comes first",
      `Old: [prices](${NOTE_B})`,
      [changedFile("docs/release-notes/2024-07-new.md", "added")],
      "Link the release note docs/release-notes/2024-07-new.md in the PR description",
    ],
  ])("title when nothing is valid: %s", (_name, body, files, title) => {
    expect(run(body, { files }).firstProblem).toBe(title);
  });

  it("another distinct valid note is a remark", () => {
    const noteC = "docs/release-notes/2024-07-more.md";
    const r = run(`[a](${NOTE_A}) and [c](${noteC})`, {
      noteFiles: { ...textNote(NOTE_A, GOOD_NOTE), ...textNote(noteC, GOOD_NOTE) },
    });
    expect(r.note).toMatchObject({ path: NOTE_A });
    expect(r.remarks).toEqual([`${noteC} (line 1) is also a valid release note; only the first one counts.`]);
  });

  it("an external note is accepted, never read, and says so", () => {
    const r = run("Note: https://acme.atlassian.net/wiki/spaces/OPS/pages/42", {}, {
      releaseNote: { externalHosts: ["acme.atlassian.net"] },
    });
    expect(r).toMatchObject({
      note: { kind: "external", host: "acme.atlassian.net", url: "https://acme.atlassian.net/wiki/spaces/OPS/pages/42" },
      valid: true,
      findings: [],
      words: null,
    });
    expect(r.remarks[0]).toContain("integ-gate accepts it but does not read it");
  });

  it("the userinfo trick does not pass as an external host", () => {
    const r = run("[note](https://acme.atlassian.net@evil.example/wiki/x)", {}, {
      releaseNote: { externalHosts: ["acme.atlassian.net"] },
    });
    expect(r.valid).toBe(false);
    expect(r.rejected[0]?.reason).toContain("goes to evil.example");
  });

  it("javascript: and data: links are rejected with a reason", () => {
    const r = run("[a](javascript:alert(1)) [b](data:text/html,hi)");
    expect(r.rejected.map((x) => x.reason)).toEqual([
      "is a javascript: link, which is never followed",
      "is a data: URL; link a note file or page instead",
    ]);
    expect(r.firstProblem).toBe("Release note link javascript:alert(1) is a javascript: link, which is never followed");
  });
});

describe("evaluateReleaseNote: an inline note", () => {
  const inline = [
    "Fixes the nightly sync.", // 1
    "", // 2
    "## Human release note", // 3
    "", // 4
    "### What changes for you", // 5
    "", // 6
    "From Monday the CRM shows the same product id as the ERP. Sales staff no longer", // 7
    "look the id up in the warehouse list, and finance sees it on every invoice.", // 8
    "", // 9
    "### What you need to do", // 10
    "", // 11
    "Nothing, unless a product shows an empty id. Then we will leverage the old list.", // 12
    "", // 13
    "### Who to ask", // 14
    "", // 15
    "Ask Maria Lopez in operations.", // 16
    "", // 17
    "## Testing", // 18
    "", // 19
    "Ran it on staging.", // 20
  ].join("\n");

  it("is accepted, with findings positioned in the PR body and quoting the sentence", () => {
    const r = run(inline);
    expect(r.note).toEqual({ kind: "inline", heading: "Human release note", line: 3 });
    expect(r.words).toBe(51);
    const jargon = r.findings.filter((f) => f.kind === "jargon");
    expect(jargon.map((f) => [f.line, f.column, f.quote])).toEqual([
      [12, 59, "Then we will leverage the old list."],
    ]);
  });

  it("keeps line numbers with Windows line endings", () => {
    const r = run(inline.replace(/\n/g, "\r\n"));
    expect(r.note).toEqual({ kind: "inline", heading: "Human release note", line: 3 });
    expect(r.findings.filter((f) => f.kind === "jargon").map((f) => [f.line, f.column])).toEqual([[12, 59]]);
  });

  it("text after the section (## Testing) is not part of the note", () => {
    const r = run(inline.replace("Ran it on staging.", "TODO"));
    expect(r.valid).toBe(true);
  });

  it("a required heading at the inline heading's level: make it a sub-heading", () => {
    const r = run(inline.replace("### Who to ask", "## Who to ask"));
    expect(r.valid).toBe(false);
    expect(r.firstProblem).toBe(
      'Release note section "Who to ask" is outside the note: make it a sub-heading of "Human release note"',
    );
    expect(r.findings[0]).toMatchObject({ kind: "section-outside-note", line: 14 });
    expect(r.findings[0]?.message).toContain("(### Who to ask)");
    expect(r.rejected).toEqual([
      { text: '"Human release note" section', line: 3, reason: expect.stringContaining("the note failed its checks") },
    ]);
  });

  it("comes before links below it and after links above it, in document order", () => {
    const below = run(`${inline}\n\nOld note: [prices](${NOTE_B})\n`);
    expect(below.note?.kind).toBe("inline");
    expect(below.rejected.map((x) => [x.line, x.text])).toEqual([[22, NOTE_B]]);
    const above = run(`See [prices](${NOTE_B}).\n\n${inline}`);
    expect(above.note?.kind).toBe("inline");
    expect(above.rejected.map((x) => x.text)).toEqual([NOTE_B]);
  });

  it("links inside the inline section are part of it, not candidates; a remark says so", () => {
    const body = `## Human release note\n\nSee [the note](${NOTE_A}).\n`;
    const r = run(body);
    expect(r.valid).toBe(false);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]?.text).toBe('"Human release note" section');
    expect(r.remarks).toContain(
      `The link ${NOTE_A} (line 3) is inside the "Human release note" section, so it is read as part of that inline note: move it above the heading to use the linked note.`,
    );
  });

  it('inline_heading "" disables inline notes', () => {
    const r = run(inline, {}, { releaseNote: { inlineHeading: "" } });
    expect(r.firstProblem).toBe("Link a human release note in the PR description");
  });
});

describe("evaluateReleaseNote: enforce", () => {
  it("plain-language findings block with enforce: true", () => {
    const note = GOOD_NOTE.replace("Then tell us", "Then we leverage the list and tell us");
    const body = `[note](${NOTE_A})`;
    const lax = run(body, { noteFiles: textNote(NOTE_A, note) });
    expect(lax.valid).toBe(true);
    expect(lax.findings.filter((f) => f.severity === "warning").map((f) => f.kind)).toEqual(["jargon"]);
    const strict = run(body, { noteFiles: textNote(NOTE_A, note) }, { releaseNote: { plainLanguage: { enforce: true } } });
    expect(strict.valid).toBe(false);
    expect(strict.firstProblem).toBe('Release note uses jargon: "leverage" (say "use")');
  });
});

describe("evaluateReleaseNote: hostile descriptions never throw", () => {
  it("a 65,536-character description", () => {
    const filler = "Fixes things. ".repeat(4_600);
    const body = `${filler}[note](${NOTE_A})`.padEnd(65_536, "x").slice(0, 65_536);
    expect(body.length).toBe(65_536);
    expect(run(body).note).toMatchObject({ path: NOTE_A });
  });

  it("2,000 rejected links before the note", () => {
    const links = Array.from({ length: 2_000 }, (_, i) => `[l${i}](https://example.com/${i})`).join("\n");
    const r = run(`${links}\n\n[note](${NOTE_A})`);
    expect(r.note).toMatchObject({ path: NOTE_A });
    expect(r.rejected).toHaveLength(2_000);
  });

  it("the same note linked a thousand times is read once and listed once", () => {
    const r = run(Array.from({ length: 1_000 }, () => `[n](${NOTE_B})`).join(" "));
    expect(r.rejected).toHaveLength(1);
  });

  it.each([
    ["deep block quotes", `${">".repeat(1_000)} [n](${NOTE_A})`],
    ["unclosed fence", "```\n[n](docs/release-notes/a.md)"],
    ["unclosed comment", "<!--\n[n](docs/release-notes/a.md)"],
    ["broken surrogates and NUL", "\ud800\u0000[n](docs/release-notes/\udfff.md)"],
    ["%-escapes", "[n](docs/release-notes/%ZZ.md) [m](%)"],
  ])("%s", (_name, body) => {
    expect(() => run(body)).not.toThrow();
  });
});

describe("listNoteCandidatePaths", () => {
  const ctx = (files = [changedFile("docs/release-notes/new.md", "added")]) => ({
    owner: "acme",
    repo: "integrations",
    serverUrl: "https://github.com",
    headRepoFullName: "acme/integrations",
    config: buildConfig(),
    files,
  });

  it("lists linked in-repo note paths in document order, once, then added note files", () => {
    const body = [
      `[b](${NOTE_B}) https://github.com/acme/integrations/blob/main/${NOTE_A}`,
      `[again](./${NOTE_B}) [other](https://github.com/other/repo/blob/main/${NOTE_A})`,
      "`docs/release-notes/code.md` [runbook](docs/runbook.md) https://acme.atlassian.net/x",
      "<!-- [hidden](docs/release-notes/hidden.md) -->",
    ].join("\n");
    expect(listNoteCandidatePaths(body, ctx())).toEqual([NOTE_B, NOTE_A, "docs/release-notes/new.md"]);
  });

  it("leaves out removed files and files outside release_note.paths", () => {
    const files = [changedFile("docs/release-notes/old.md", "removed"), changedFile("docs/other.md", "added")];
    expect(listNoteCandidatePaths("", ctx(files))).toEqual([]);
  });
});

describe("descriptions and notes longer than integ-gate reads as markdown", () => {
  it("a description over 5,000 lines is refused with its line count, never judged on a part", () => {
    const body = `Release note: [n](docs/release-notes/a.md)\n${"log line\n".repeat(5_000)}`;
    const result = evaluateReleaseNote(buildFacts({ body, noteFiles: textNote("docs/release-notes/a.md", "# x\n") }), buildConfig(), []);
    expect(result.valid).toBe(false);
    expect(result.firstProblem).toMatch(/^The PR description has 5,002 lines; integ-gate reads descriptions of at most 5,000 lines/);
  });

  it("a note file over 5,000 lines is refused as a note", () => {
    const result = evaluateReleaseNote(
      buildFacts({ body: "Release note: [n](docs/release-notes/a.md)", noteFiles: textNote("docs/release-notes/a.md", "-\n".repeat(6_000)) }),
      buildConfig(),
      [],
    );
    expect(result.valid).toBe(false);
    expect(result.rejected[0]?.reason).toBe("has 6,001 lines; a release note has at most 5,000");
  });
});
