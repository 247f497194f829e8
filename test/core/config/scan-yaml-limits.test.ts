import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { scanYamlLimits } from "../../../src/core/config/scan-yaml-limits.js";

/** Collections nested in a JS value: each array or object is one YAML collection. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    fc.string({ maxLength: 6 }),
    fc.integer(),
    fc.constant(null),
    fc.array(tie("node"), { maxLength: 3 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), tie("node"), { maxKeys: 3 }),
  ),
})).node;

const unlimited = 1_000_000;

describe("scanYamlLimits", () => {
  it("never counts more nesting than the document has, in any layout", () => {
    fc.assert(
      fc.property(value, fc.constantFrom(2, 4, 8), fc.boolean(), fc.boolean(), (v, indent, flow, seqInMap) => {
        const text = stringify(v, { indent, collectionStyle: flow ? "flow" : "any", indentSeq: seqInMap });
        const depth = depthOf(v);
        expect(scanYamlLimits(text, { depth, stopDepth: depth, aliases: unlimited })).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it("finds flow nesting exactly, at the first bracket past the limit", () => {
    expect(scanYamlLimits("a: [[[x]]]", { depth: 3, stopDepth: 3, aliases: unlimited })).toEqual({ offset: 5, limit: "depth" });
    expect(scanYamlLimits("a: [[[x]]]", { depth: 4, stopDepth: 4, aliases: unlimited })).toBeNull();
  });

  it("reports the first place past `depth`, even when it stops later", () => {
    const text = `a: ${"[".repeat(100)}`;
    expect(scanYamlLimits(text, { depth: 2, stopDepth: 50, aliases: unlimited })).toEqual({ offset: 4, limit: "depth" });
  });

  it("counts aliases, not asterisks in text", () => {
    const text = 'a: &x 1\nb: [*x, *x, "*x", \'*x\', x*]\n# *x *x\n';
    expect(scanYamlLimits(text, { depth: 10, stopDepth: 10, aliases: 2 })).toBeNull();
    expect(scanYamlLimits(text, { depth: 10, stopDepth: 10, aliases: 1 })).toEqual({ offset: 16, limit: "aliases" });
  });

  it("does not count brackets inside quoted or block text", () => {
    const text = `a: "${"[".repeat(50)}"\nb: |\n  ${"{".repeat(50)}\nc: '${"[".repeat(50)}'\n`;
    expect(scanYamlLimits(text, { depth: 2, stopDepth: 2, aliases: unlimited })).toBeNull();
  });
});
