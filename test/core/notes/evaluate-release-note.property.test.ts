import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateReleaseNote } from "../../../src/core/notes/evaluate-release-note.js";
import { buildConfig } from "../../support/config-builder.js";
import { buildFacts, textNote } from "../../support/facts-builder.js";

const NOTE = "docs/release-notes/a.md";
const pieces = [
  "# Human release note\n", "## What changes for you\n", "### Who to ask\n", "Who to ask\n---\n", "\n", "\n\n", " ",
  "Finance and sales see the id. ", "TODO ", "We leverage the payload. ", "> ", "- ", "1. ", "| a | b |\n|---|---|\n",
  "```\n", "`", "<!-- ", " -->", "[note](", `${NOTE}`, ")", "<", ">", "https://github.com/acme/integrations/blob/main/",
  "https://acme.atlassian.net/x", "[r][1]", "\n[1]: ", "javascript:x", "%2e%2e/", "../", "\\", "*", "_", "&amp;", "é", "📝",
  "\r\n", "\t", "[^1]", "~~", "[x] ", "www.example.com", "a@b.co",
];
const body = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 80 }).map((a) => a.join(""));

describe("evaluateReleaseNote: any description", () => {
  it("never throws and keeps its promises", () => {
    const config = buildConfig({
      departments: [{ name: "finance" }, { name: "sales" }],
      releaseNote: { externalHosts: ["acme.atlassian.net"], minWords: 3 },
    });
    fc.assert(
      fc.property(body, body, (description, noteText) => {
        const facts = buildFacts({ body: description, noteFiles: textNote(NOTE, noteText) });
        const r = evaluateReleaseNote(facts, config, config.departments);
        expect(r.valid).toBe(r.note !== null);
        expect(r.firstProblem === null).toBe(r.valid);
        const source = r.note?.kind === "in-repo" ? noteText : description;
        const lines = source.split(/\r\n|\r|\n/).length;
        for (const f of r.findings) {
          expect(f.line).toBeGreaterThanOrEqual(1);
          expect(f.endLine).toBeGreaterThanOrEqual(f.line);
          if (r.note !== null) expect(f.endLine).toBeLessThanOrEqual(lines);
          expect(f.column).toBeGreaterThanOrEqual(1);
          if (f.endLine === f.line) expect(f.endColumn).toBeGreaterThanOrEqual(f.column);
        }
        for (const c of r.rejected) expect(c.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 300, seed: 20240601 },
    );
  });
});
