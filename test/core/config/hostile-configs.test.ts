import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ConfigIssue } from "../../../src/core/config/config-error.js";
import { parseIntegConfig } from "../../../src/core/config/parse-integ-config.js";

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/config/${name}`, import.meta.url), "utf8");

function rejected(text: string): readonly ConfigIssue[] {
  let result: ReturnType<typeof parseIntegConfig> | undefined;
  expect(() => {
    result = parseIntegConfig(text);
  }).not.toThrow();
  if (result === undefined || result.ok) throw new Error("expected the config to be rejected");
  return result.issues;
}

/** Deep nesting, built rather than committed. */
const nested = (depth: number, open: string, close: string, inner = "1"): string =>
  `version: 1\nowners: ["@a"]\nintegration: ${open.repeat(depth)}${inner}${close.repeat(depth)}\n`;

describe("hostile .integ.yml files: one clear first error with line and column, never a throw", () => {
  const cases: ReadonlyArray<{ readonly name: string; readonly text: () => string; readonly first: string; readonly count?: number }> = [
    { name: "empty file", text: () => fixture("empty.yml"), first: "the file is empty: it needs at least `version: 1` and `owners` (line 1, column 1)", count: 1 },
    { name: "whitespace only", text: () => fixture("whitespace-only.yml"), first: "the file is empty: it needs at least `version: 1` and `owners` (line 1, column 1)", count: 1 },
    { name: "comments only", text: () => "# nothing yet\n# version: 1\n", first: "the file is empty: it needs at least `version: 1` and `owners` (line 1, column 1)", count: 1 },
    {
      name: "malformed YAML (unclosed flow list)",
      text: () => fixture("malformed.yml"),
      first: "YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ] (line 3, column 1)",
    },
    {
      name: "malformed YAML (tab indentation)",
      text: () => "version: 1\nowners:\n\t- \"@a\"\n",
      first: "YAML syntax error: Tabs are not allowed as indentation (line 3, column 1)",
    },
    { name: "unknown key at the top", text: () => fixture("unknown-key-top.yml"), first: 'aproval: unknown key "aproval" (did you mean "approval"?) (line 3, column 1)', count: 1 },
    {
      name: "unknown key nested",
      text: () => fixture("unknown-key-nested.yml"),
      first: 'release_note.plain_language.max_grades: unknown key "max_grades" (did you mean "max_grade"?) (line 6, column 5)',
      count: 1,
    },
    {
      name: "duplicate key",
      text: () => fixture("duplicate-key.yml"),
      first: 'approval.min: duplicate key "min" (first written at line 4): each key may appear once (line 6, column 3)',
      count: 1,
    },
    {
      name: "alias bomb (billion laughs)",
      text: () => fixture("alias-bomb.yml"),
      first: "lol3[7]: aliases expand to more than 10,000 values (an alias bomb?); write the values out (line 6, column 63)",
      count: 1,
    },
    {
      name: "too many aliases",
      text: () => `version: 1\nowners: &o ["@a"]\nx: [${Array.from({ length: 101 }, () => "*o").join(", ")}]\n`,
      first: "uses more than 100 aliases (*name); write the values out (line 3, column 405)",
      count: 1,
    },
    { name: "300 KiB file", text: () => `version: 1\nowners: ["@a"]\n# ${"x".repeat(300 * 1024)}\n`, first: "the file is 300.0 KiB; the limit is 256 KiB (line 1, column 1)", count: 1 },
    { name: "10 MB file", text: () => `version: 1\n${"a".repeat(10 * 1000 * 1000)}`, first: "the file is 9.5 MiB; the limit is 256 KiB (line 1, column 1)", count: 1 },
    {
      name: "256 KiB in multi-byte characters (counted in bytes, not characters)",
      text: () => `version: 1\nowners: ["@a"]\n# ${"é".repeat(140 * 1024)}\n`,
      first: "the file is 280.0 KiB; the limit is 256 KiB (line 1, column 1)",
      count: 1,
    },
    { name: "10,000 nested flow lists", text: () => nested(10_000, "[", "]"), first: "nests collections deeper than 32 levels (line 3, column 45)", count: 1 },
    { name: "10,000 nested flow mappings", text: () => nested(10_000, "{a: ", "}"), first: "nests collections deeper than 32 levels (line 3, column 138)", count: 1 },
    { name: "10,000 nested block lists", text: () => `version: 1\nx:\n${"- ".repeat(10_000)}1\n`, first: "nests collections deeper than 32 levels (line 3, column 63)", count: 1 },
    {
      name: "200 nested block mappings, one space deeper each",
      text: () => Array.from({ length: 200 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n"),
      first: "nests collections deeper than 32 levels (line 33, column 33)",
      count: 1,
    },
    {
      name: "compact nesting (`- key:` opens two levels per line)",
      text: () => `${Array.from({ length: 25 }, (_, i) => `${" ".repeat(2 * i)}- k${i}:`).join("\n")} x\n`,
      first: "nests collections deeper than 32 levels (line 17, column 33)",
      count: 1,
    },
    {
      name: "wrong type at every key",
      text: () => fixture("wrong-types.yml"),
      first: 'version: must be the integer 1, not the text "1" (line 1, column 10)',
      count: 30,
    },
    {
      name: "look-alike login (Cyrillic а)",
      text: () => fixture("lookalike-login.yml"),
      first:
        'owners[0]: "@mаria-ops" is not @user or @org/team (it contains "а", U+0430, which only looks like a Latin letter; GitHub names use A-Z, 0-9 and -) (line 3, column 10)',
      count: 1,
    },
    { name: "a bare string", text: () => "hello", first: 'must be a mapping of keys (version, owners, ...), not the string "hello" (line 1, column 1)', count: 1 },
    { name: "a null document", text: () => "~\n", first: "must be a mapping of keys (version, owners, ...), not null (line 1, column 1)", count: 1 },
    { name: "a byte order mark and garbage", text: () => "\uFEFF: : :\n", first: "YAML syntax error: Nested mappings are not allowed in compact mappings (line 1, column 4)" },
  ];

  it.each(cases)("$name", ({ text, first, count }) => {
    const issues = rejected(text());
    expect(issues[0]?.message).toBe(first);
    if (count !== undefined) expect(issues).toHaveLength(count);
    for (const issue of issues) {
      expect(issue.line).toBeGreaterThanOrEqual(1);
      expect(issue.column).toBeGreaterThanOrEqual(1);
    }
  });

  it("reports a wrong type at every key of the wrong-types fixture, each at its own line", () => {
    const issues = rejected(fixture("wrong-types.yml"));
    expect(issues.map((i) => i.keyPath)).toEqual([
      "version",
      "integration",
      "systems.erp",
      "systems.crm.paths",
      "systems.crm.owners",
      "systems.crm.departments",
      "systems.crm.feeds",
      "departments.sales",
      "departments.finance.signoff",
      "departments.finance.aliases",
      "release_note.paths",
      "release_note.inline_heading",
      "release_note.external_hosts",
      "release_note.sections",
      "release_note.mention_departments",
      "release_note.placeholders",
      "release_note.min_words",
      "release_note.plain_language.enforce",
      "release_note.plain_language.max_grade",
      "release_note.plain_language.max_sentence_words",
      "release_note.plain_language.jargon",
      "release_note.plain_language.jargon_allow",
      "owners",
      "approval.min",
      "approval.reset_on",
      "approval.developers",
      "approval.request_reviews",
      "override.label",
      "override.allowed",
      "comment",
    ]);
    const lines = issues.map((i) => i.line);
    expect(new Set(lines).size).toBe(lines.length);
  });

  it("does not take a long file without aliases for an alias bomb", () => {
    const owners = Array.from({ length: 8_000 }, (_, i) => `  - "@user-${i}"`).join("\n");
    const result = parseIntegConfig(`version: 1\nowners:\n${owners}\n`);
    expect(result.ok && result.config.owners).toHaveLength(8_000);
  });

  it("refuses, before parsing, a file of more keys, values and indicators than any real configuration holds", () => {
    const text = `version: 1\nowners: ["@a"]\n${":\n".repeat(40_000)}`;
    expect(rejected(text)[0]?.message).toMatch(/^holds more than 30,000 keys, values, indicators and lines; a configuration this large is refused \(line \d+, column \d+\)$/);
  });

  it("does not count wide indentation as nesting", () => {
    const text = `version: 1\nowners: ["@a"]\nsystems:\n${" ".repeat(40)}erp:\n${" ".repeat(80)}paths: [a]\n`;
    expect(parseIntegConfig(text).ok).toBe(true);
  });

  it("reads 32 levels of nesting and refuses the 33rd", () => {
    // The top mapping is level 1, so 31 nested lists under `comment` reach level 32.
    const atLimit = `version: 1\nowners: ["@a"]\ncomment: ${"[".repeat(31)}${"]".repeat(31)}\n`;
    expect(rejected(atLimit)[0]?.message).toBe("comment: must be true or false, not a list (line 3, column 10)");
    const overLimit = `version: 1\nowners: ["@a"]\ncomment: ${"[".repeat(32)}${"]".repeat(32)}\n`;
    expect(rejected(overLimit)[0]?.message).toBe("nests collections deeper than 32 levels (line 3, column 41)");
  });
});
