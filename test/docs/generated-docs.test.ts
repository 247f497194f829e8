import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_TABLE_END, CONFIG_TABLE_START, renderConfigKeyTable, renderJargonDoc } from "../../scripts/render-reference-docs.js";
import { BUILT_IN_JARGON } from "../../src/core/notes/jargon-list.js";

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

describe("the generated parts of docs/ (run `npm run docs` after changing their sources)", () => {
  it("docs/configuration.md holds the key table the zod schema generates", () => {
    const doc = read("docs/configuration.md");
    const start = doc.indexOf(CONFIG_TABLE_START);
    const end = doc.indexOf(CONFIG_TABLE_END);
    expect(start, "the table's start marker").toBeGreaterThanOrEqual(0);
    expect(end, "the table's end marker").toBeGreaterThan(start);
    expect(doc.slice(start, end + CONFIG_TABLE_END.length)).toBe(renderConfigKeyTable());
  });

  it("docs/jargon.md is what the built-in jargon list generates", () => {
    expect(read("docs/jargon.md")).toBe(renderJargonDoc());
  });

  it.each([".github/workflows/integ-gate.yml", "action/examples/integ-gate-review-trigger.yml", "action/examples/integ-gate-review-relay.yml"])(
    "docs/action.md shows %s as it is (the tests run that file)",
    (workflow) => {
      expect(read("docs/action.md")).toContain(read(workflow));
    },
  );

  it("the key table lists every key with its default, and the jargon page every term", () => {
    const table = renderConfigKeyTable();
    expect(table).toContain("| `version` | `1` | required |");
    expect(table).toContain("| `release_note.min_words` | integer ≥ 0 | `40` | Fewest words of prose. |");
    expect(table).toContain("| `approval.reset_on` | `push`, `note-change` or `never` | `\"note-change\"` |");
    expect(table).toContain("| `systems.<name>.paths` | non-empty list of globs | required |");
    const jargon = renderJargonDoc();
    for (const [term] of BUILT_IN_JARGON) expect(jargon).toContain(`| ${term} |`);
  });
});
