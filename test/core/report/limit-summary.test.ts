import { describe, expect, it } from "vitest";
import { CUT_NOTE, SUMMARY_LIMIT, limitSummary } from "../../../src/core/report/limit-summary.js";

const bytes = (text: string) => new TextEncoder().encode(text).length;

describe("limitSummary", () => {
  it("leaves a summary within GitHub's limit unchanged", () => {
    const text = "a".repeat(SUMMARY_LIMIT);
    expect(limitSummary(text)).toBe(text);
  });

  it("cuts a longer summary at a line break and says so", () => {
    const line = "- @reviewer approved, not counted: author of commit abc1234\n";
    const text = line.repeat(2_000);
    const cut = limitSummary(text);
    expect(cut.length).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(cut.endsWith(`${CUT_NOTE}\n`)).toBe(true);
    expect(cut).toContain("This summary was cut here");
    const body = cut.slice(0, cut.indexOf("\n\n…"));
    expect(body.split("\n").every((l) => l === line.trimEnd())).toBe(true);
  });

  it("counts multi-byte characters so GitHub never rejects the summary", () => {
    const cut = limitSummary("✅ approved by someone\n".repeat(5_000));
    expect(bytes(cut)).toBeLessThanOrEqual(SUMMARY_LIMIT);
  });

  it("closes a code fence it cut through", () => {
    const text = "intro\n```mermaid\nflowchart LR\n" + "  a --> b\n".repeat(10_000) + "```\n";
    const cut = limitSummary(text);
    const fences = cut.split("\n").filter((l) => l.startsWith("```")).length;
    expect(fences % 2).toBe(0);
    expect(cut).toContain(CUT_NOTE);
  });
});
