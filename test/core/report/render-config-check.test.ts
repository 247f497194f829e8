import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderConfigCheck } from "../../../src/core/report/render-config-check.js";

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/config/${name}`, import.meta.url), "utf8");

describe("renderConfigCheck (integ-gate/config)", () => {
  it("passes a valid proposed file and says what it configures", () => {
    const verdict = renderConfigCheck({ kind: "text", text: fixture("valid-complete.yml") });
    expect(verdict.name).toBe("integ-gate/config");
    expect(verdict.outcome).toBe("pass");
    expect(verdict.title).toBe("Proposed .integ.yml is valid");
    expect(verdict.annotations).toEqual([]);
    expect(verdict.summary).toContain("It takes effect once merged into the default branch.");
    expect(verdict.summary).toContain("- Owners: @maria-ops, @acme/integration-owners; 1 approval needed, reset on `note-change`");
    expect(verdict.summary).toContain("- Systems: `erp`, `crm`, `logistics`");
    expect(verdict.summary).toContain("- Override: label `integ-gate/override`, by @acme/admins");
  });

  it("passes with warnings, annotated on the file", () => {
    const verdict = renderConfigCheck({
      kind: "text",
      text: 'version: 1\nowners: ["@maria-ops"]\ndepartments:\n  legal: {}\n',
    });
    expect(verdict.outcome).toBe("pass");
    expect(verdict.title).toBe("Proposed .integ.yml is valid (1 warning)");
    expect(verdict.annotations).toEqual([
      {
        path: ".integ.yml",
        startLine: 4,
        endLine: 4,
        startColumn: 3,
        endColumn: 3,
        level: "warning",
        title: ".integ.yml warning",
        message: "departments.legal: no system lists this department, so it is never impacted",
      },
    ]);
  });

  it("blocks an invalid file: the title names the first error and its line, the summary lists every one", () => {
    const text = 'version: 1\nowners: ["@maria-ops", "@mаria"]\napproval:\n  reset_on: sometimes\naproval: {}\n';
    const verdict = renderConfigCheck({ kind: "text", text });
    expect(verdict.outcome).toBe("blocked");
    expect(verdict.title).toBe(
      'Proposed .integ.yml is invalid (line 2): owners[1]: "@mаria" is not @user or @org/team (it contains "а", U+0430, which only looks like a Latin letter; GitHub names use A-Z, 0-9 and -) (and 2 more)',
    );
    expect(verdict.summary).toContain("has 3 problems");
    expect(verdict.summary).toContain("integ-gate keeps using the configuration on the default branch");
    expect(verdict.summary).toContain('- line 4, column 13: `approval.reset_on`: must be one of push, note-change or never, not the text "sometimes"');
    expect(verdict.summary).toContain('- line 5, column 1: `aproval`: unknown key "aproval"');
    expect(verdict.annotations.map((a) => [a.path, a.startLine, a.startColumn, a.level])).toEqual([
      [".integ.yml", 2, 24, "failure"],
      [".integ.yml", 4, 13, "failure"],
      [".integ.yml", 5, 1, "failure"],
    ]);
    expect(verdict.annotations[1]?.message).toBe(
      'approval.reset_on: must be one of push, note-change or never, not the text "sometimes"',
    );
  });

  it("blocks an empty proposed file", () => {
    const verdict = renderConfigCheck({ kind: "text", text: "" });
    expect(verdict.outcome).toBe("blocked");
    expect(verdict.title).toBe("Proposed .integ.yml is invalid (line 1): the file is empty: it needs at least `version: 1` and `owners`");
  });

  it("blocks a YAML syntax error with its line", () => {
    const verdict = renderConfigCheck({ kind: "text", text: fixture("malformed.yml") });
    expect(verdict.outcome).toBe("blocked");
    expect(verdict.title).toMatch(/^Proposed \.integ\.yml is invalid \(line 3\): YAML syntax error: /);
    expect(verdict.annotations).toHaveLength(1);
  });

  it("passes a deletion and says integ-gate stops gating after merge", () => {
    const verdict = renderConfigCheck({ kind: "deleted" });
    expect(verdict.outcome).toBe("pass");
    expect(verdict.title).toBe(".integ.yml deleted: integ-gate will stop gating after merge");
    expect(verdict.summary).toContain("remove them from branch protection");
    expect(verdict.annotations).toEqual([]);
  });

  it("uses the file name it is given", () => {
    const verdict = renderConfigCheck({ kind: "text", text: "version: 2\nowners: ['@a']\n" }, "sub/.integ.yml");
    expect(verdict.title).toBe("Proposed sub/.integ.yml is invalid (line 1): version: must be the integer 1, not 2");
    expect(verdict.annotations[0]?.path).toBe("sub/.integ.yml");
  });
});
