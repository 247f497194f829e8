import { describe, expect, it } from "vitest";
import {
  checkRegexSites,
  findRegexesInSource,
  regexProblems,
  staleAllowEntries,
  type RegexSite,
} from "../../scripts/check-regexes.js";
import { REGEX_ALLOW_LIST } from "../../scripts/regex-allow-list.js";

/**
 * The ReDoS check (docs/security.md, "Linear-time text scanning"): every
 * regular expression in src/, app/ and action/ is analysed by recheck; one
 * that can backtrack super-linearly fails here with its file:line, unless
 * scripts/regex-allow-list.ts gives a reason.
 */
describe("every regular expression integ-gate runs is linear", () => {
  it("has no regular expression recheck flags, and no allow-list entry without a use", { timeout: 180_000 }, () => {
    const { sites, problems } = regexProblems();
    expect(sites).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });

  it("gives every allow-list entry a reason, and every run-time value a representative sample or an acceptance", () => {
    for (const entry of REGEX_ALLOW_LIST) {
      expect(entry.reason.length, `${entry.file}: ${entry.match}`).toBeGreaterThan(40);
      expect(entry.samples !== undefined || entry.accept === true, `${entry.file}: ${entry.match}`).toBe(true);
    }
  });
});

describe("the check finds every way code writes a regular expression", () => {
  const source = [
    'const WORD = "[a-z]+";',
    "const A = /^(a+)+$/u;",
    "const B = new RegExp(`^${WORD}:${WORD}$`);",
    'const C = RegExp("^x*y", "i");',
    'const D = "text".match("(b|b)*c");',
    "const E = (name: string) => new RegExp(`^${name}$`);",
    "const F = new RegExp(/a/, 'g');",
  ].join("\n");
  const sites = findRegexesInSource("src/example.ts", source);

  it("reads literals, constructors with constant templates, strings given to match, and marks run-time patterns", () => {
    expect(sites.map((s) => ({ line: s.line, kind: s.kind, source: s.source, flags: s.flags, unresolved: s.unresolved }))).toEqual([
      { line: 2, kind: "literal", source: "^(a+)+$", flags: "u", unresolved: [] },
      { line: 3, kind: "constructor", source: "^[a-z]+:[a-z]+$", flags: "", unresolved: [] },
      { line: 4, kind: "constructor", source: "^x*y", flags: "i", unresolved: [] },
      { line: 5, kind: "string", source: "(b|b)*c", flags: "", unresolved: [] },
      { line: 6, kind: "constructor", source: null, flags: "", unresolved: ["name"] },
      { line: 7, kind: "literal", source: "a", flags: "", unresolved: [] },
    ]);
  });

  it("flags the exponential and polynomial ones, and a run-time pattern nobody listed", { timeout: 120_000 }, () => {
    const verdicts = checkRegexSites(sites, []);
    expect(verdicts.map((v) => [v.site.line, v.status])).toEqual([
      [2, "vulnerable"],
      [3, "safe"],
      [4, "safe"],
      [5, "vulnerable"],
      [6, "dynamic-unlisted"],
      [7, "safe"],
    ]);
  });

  it("analyses a listed run-time pattern with its samples, and reports an entry that matches nothing", { timeout: 120_000 }, () => {
    const listed = [{ file: "src/example.ts", match: "`^${name}$`", reason: "a test entry whose sample is a nested quantifier", samples: { name: "(x+)+" } }];
    const dynamic = sites.filter((s) => s.line === 6);
    expect(checkRegexSites(dynamic, listed).map((v) => [v.analysed, v.status])).toEqual([["^(x+)+$", "vulnerable"]]);
    expect(staleAllowEntries(sites, [{ file: "src/example.ts", match: "gone", reason: "no longer in the code" }])).toHaveLength(1);
  });
});

describe("the check catches the regular expressions review found backtracking on PR text", () => {
  // As they were before they were rewritten (docs/security.md lists the measured cost of each).
  const before: Array<[string, string]> = [
    ["list-note-candidates: trailing sentence marks", "const path = token.replace(/[.:!?]+$/, \"\");"],
    ["parse-markdown-model: table delimiter row", "const DELIMITER_ROW = /^[ \\t>]*\\|?[ \\t]*:?-+:?[ \\t]*(?:\\|[ \\t]*:?-+:?[ \\t]*)*\\|?[ \\t]*$/;"],
    ["find-unexpanded-acronyms: an all-capitals word", "const shouting = /^[^a-z]*[A-Z][^a-z]*$/.test(word);"],
    ["trailing slashes of a URL", 'const base = url.replace(/\\/+$/, "");'],
  ];
  it.each(before)("%s", { timeout: 120_000 }, (_name, code) => {
    const sites: RegexSite[] = findRegexesInSource("src/before.ts", code);
    expect(sites).toHaveLength(1);
    expect(checkRegexSites(sites, []).map((v) => v.status)).toEqual(["vulnerable"]);
  });
});
