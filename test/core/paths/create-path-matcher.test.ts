import fc from "fast-check";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { compileGlob, MAX_BRACE_EXPANSIONS } from "../../../src/core/paths/compile-glob.js";
import { createPathMatcher } from "../../../src/core/paths/create-path-matcher.js";

describe("createPathMatcher", () => {
  it.each([
    ["integrations/**", "integrations/erp/orders.ts", true],
    ["integrations/**", "integrations", true],
    ["integrations/**", "integrationsX/a.ts", false],
    ["integrations/erp/**", "Integrations/erp/a.ts", false],
    ["docs/release-notes/**/*.md", "docs/release-notes/2026/q4/crm.md", true],
    ["docs/release-notes/**/*.md", "docs/release-notes/crm.md", true],
    ["docs/release-notes/**/*.md", "docs/release-notes/crm.txt", false],
    ["*.yml", ".integ.yml", true],
    ["**/.env", "config/.env", true],
    ["etl/*", "etl/a/b.sql", false],
    ["etl/*", "etl/", false],
    ["{erp,crm}/*.ts", "crm/x.ts", true],
    ["{erp,crm}/*.ts", "wms/x.ts", false],
    ["a/{b,{c,d}}/e", "a/d/e", true],
    ["file?.csv", "file1.csv", true],
    ["file?.csv", "file10.csv", false],
    ["report[0-9].csv", "report7.csv", true],
    ["report[!0-9].csv", "report7.csv", false],
    ["a\\*b", "a*b", true],
    ["a\\*b", "axb", false],
    ["**/x/**", "x", true],
    ["**/x/**", "a/b/x/c", true],
  ])("%s matches %s: %s", (glob, path, expected) => {
    expect(createPathMatcher([glob])(path)).toBe(expected);
  });

  it("matches nothing with no globs", () => {
    expect(createPathMatcher([])("anything")).toBe(false);
  });

  it("stays bounded on globs that make backtracking matchers explode", () => {
    // picomatch's RegExp needs seconds to minutes for these; the compiled glob answers at once.
    const cases: Array<[string, string]> = [
      [`${"*a".repeat(16)}*b`, "a".repeat(255)],
      ["**/a*/**/a*/**/a*/**/z", `${"a/".repeat(300)}y`],
    ];
    for (const [glob, path] of cases) expect(createPathMatcher([glob])(path)).toBe(false);
  });

  it("rejects what it does not support, with a reason", () => {
    expect(compileGlob("!docs/**")).toMatchObject({ ok: false, problem: expect.stringContaining("negated") });
    expect(compileGlob("+(a|b)/**")).toMatchObject({ ok: false, problem: expect.stringContaining("extglob") });
    expect(compileGlob("{a,b}".repeat(9))).toMatchObject({
      ok: false,
      problem: expect.stringContaining(String(MAX_BRACE_EXPANSIONS)),
    });
    expect(() => createPathMatcher(["!x"])).toThrow(/negated/);
  });

  it("agrees with picomatch on random globs and paths", () => {
    const seg = fc.constantFrom("a", "b", "ab", ".env", "x.md", "a.b", "_c-d");
    const globSeg = fc.constantFrom("a", "b", "*", "**", "*.md", "a*", "*b", "?", "a?", "{a,b}", "[ab]", ".env", "x.md");
    fc.assert(
      fc.property(fc.array(globSeg, { minLength: 1, maxLength: 5 }), fc.array(seg, { minLength: 1, maxLength: 6 }), (g, p) => {
        const glob = g.join("/");
        const path = p.join("/");
        const expected = picomatch(glob, { dot: true })(path);
        expect(createPathMatcher([glob])(path)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
