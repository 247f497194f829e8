import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES, judgeExample, verdictOf, warningsOf } from "./judge-example.js";

interface Row {
  readonly note: string;
  readonly check: string;
  readonly title: string;
  readonly warnings: string;
}

/** The gallery table of examples/README.md: | [path](path) | check | title | warnings | */
function readTable(): Row[] {
  const rows: Row[] = [];
  for (const line of readFileSync(join(EXAMPLES, "README.md"), "utf8").split("\n")) {
    const m = /^\| \[([^\]]+)\]\([^)]+\) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$/.exec(line);
    if (m) rows.push({ note: m[1] ?? "", check: (m[2] ?? "").trim(), title: (m[3] ?? "").trim(), warnings: (m[4] ?? "").trim() });
  }
  return rows;
}

const rows = readTable();

describe("examples/ gallery", () => {
  it("lists every example note, good and bad", () => {
    const files = ["good", "bad"].flatMap((dir) => readdirSync(join(EXAMPLES, dir)).map((f) => `${dir}/${f}`));
    expect(rows.map((r) => r.note).sort()).toEqual(files.sort());
  });

  it.each(rows.map((r) => [r.note, r] as const))("%s: the gate says what README.md says", (note, row) => {
    const result = judgeExample(note);
    expect(verdictOf(result)).toBe(row.check);
    expect(result.firstProblem ?? "—").toBe(row.title);
    expect(warningsOf(result)).toBe(row.warnings);
    if (note.startsWith("good/")) expect(result.findings.filter((f) => f.severity !== "notice")).toEqual([]);
  });

  it("with plain_language.enforce: true, the jargon-heavy note fails as README.md says", () => {
    const result = judgeExample("bad/jargon-heavy.md", { enforce: true });
    expect(result.valid).toBe(false);
    expect(result.firstProblem).toBe('Release note uses jargon: "Leveraging" (say "use")');
    expect(readFileSync(join(EXAMPLES, "README.md"), "utf8")).toContain(result.firstProblem);
    expect(judgeExample("good/erp-to-crm-product-id.md", { enforce: true }).valid).toBe(true);
  });

  it("every good note is valid and every bad note has something to fix", () => {
    for (const row of rows) {
      if (row.note.startsWith("good/")) expect(row.check).toBe("pass");
      else expect(row.check === "fail" || row.warnings !== "—").toBe(true);
    }
  });
});
