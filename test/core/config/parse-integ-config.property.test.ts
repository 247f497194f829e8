import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseIntegConfig } from "../../../src/core/config/parse-integ-config.js";

/** The invariants every answer keeps, whatever the input. */
function checkAnswer(text: string): void {
  const result = parseIntegConfig(text);
  const lineCount = text.split(/\r\n|\r|\n/).length;
  if (result.ok) {
    expect(result.config.version).toBe(1);
    expect(result.config.owners.length).toBeGreaterThan(0);
    return;
  }
  expect(result.issues.length).toBeGreaterThan(0);
  let previous = { line: 0, column: 0 };
  for (const issue of result.issues) {
    expect(issue.line).toBeGreaterThanOrEqual(1);
    expect(issue.column).toBeGreaterThanOrEqual(1);
    expect(issue.line).toBeLessThanOrEqual(lineCount);
    expect(issue.message).toContain(`(line ${issue.line}, column ${issue.column})`);
    expect(issue.problem.length).toBeGreaterThan(0);
    // The catch-all answer means an internal exception: none may happen.
    expect(issue.problem).not.toMatch(/^could not be read/);
    // Sorted by position.
    expect(issue.line > previous.line || (issue.line === previous.line && issue.column >= previous.column)).toBe(true);
    previous = issue;
  }
}

/** Characters that matter to YAML, so random text often looks like YAML. */
const yamlish = fc
  .array(
    fc.constantFrom(
      "version: 1\n",
      'owners: ["@a"]\n',
      "owners:\n  - ",
      "systems:\n  erp:\n    paths: [a]\n",
      "  ",
      "\n",
      "- ",
      ": ",
      "&a ",
      "*a",
      "[",
      "]",
      "{",
      "}",
      ",",
      "'",
      '"',
      "#",
      "?",
      "|",
      ">",
      "!",
      "%",
      "@",
      "---\n",
      "...\n",
      "\t",
      "release_note:",
      "approval: { min: ",
      "2",
      "x",
      "é",
      "\u0430",
      "\uFEFF",
      "\r\n",
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(""));

const keyName = fc.oneof(
  fc.constantFrom(
    "version",
    "owners",
    "systems",
    "departments",
    "release_note",
    "approval",
    "override",
    "comment",
    "integration",
    "paths",
    "feeds",
    "min",
    "__proto__",
    "constructor",
  ),
  fc.string({ maxLength: 8 }),
);

const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: false }),
    fc.string({ maxLength: 12 }),
    fc.constantFrom("@maria-ops", "@acme/owners", "@mаria", "note-change", "docs/**"),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(keyName, tie("value"), { maxKeys: 5 }),
  ),
})).value;

describe("parseIntegConfig never throws", () => {
  it("on arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), checkAnswer), { numRuns: 400 });
  });

  it("on arbitrary unicode strings", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), checkAnswer), { numRuns: 200 });
  });

  it("on YAML-looking text", () => {
    fc.assert(fc.property(yamlish, checkAnswer), { numRuns: 500 });
  });

  it("on arbitrary JSON-ish objects dumped to YAML", () => {
    fc.assert(
      fc.property(jsonish, (value) => {
        checkAnswer(stringify(value));
      }),
      { numRuns: 400 },
    );
  });

  it("on a valid base config with arbitrary values at its keys", () => {
    const base = fc.record({
      version: fc.oneof(fc.constant(1), jsonish),
      owners: fc.oneof(fc.constant(["@maria-ops"]), jsonish),
      approval: fc.option(fc.dictionary(fc.constantFrom("min", "reset_on", "developers", "request_reviews", "x"), jsonish)),
      release_note: fc.option(
        fc.dictionary(fc.constantFrom("paths", "inline_heading", "external_hosts", "min_words", "plain_language"), jsonish),
      ),
      systems: fc.option(fc.dictionary(fc.string({ maxLength: 5 }), jsonish, { maxKeys: 3 })),
    });
    fc.assert(
      fc.property(base, (value) => {
        checkAnswer(stringify(value));
      }),
      { numRuns: 400 },
    );
  });
});
