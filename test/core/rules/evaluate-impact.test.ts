import { describe, expect, it } from "vitest";
import { evaluateImpact } from "../../../src/core/rules/evaluate-impact.js";
import { buildConfig } from "../../support/config-builder.js";
import { changedFile } from "../../support/facts-builder.js";

const config = buildConfig({
  systems: [
    { name: "erp", departments: ["finance"], feeds: ["crm"] },
    { name: "crm", departments: ["sales"], feeds: ["billing"] },
    { name: "billing", departments: ["finance"], feeds: ["erp"] },
    { name: "hr", departments: ["people"] },
  ],
  departments: [{ name: "people" }, { name: "sales" }, { name: "finance" }],
});

const names = (list: readonly { name: string }[]) => list.map((x) => x.name);

describe("evaluateImpact", () => {
  it("follows feeds transitively through a cycle, each system once, in config order", () => {
    const impact = evaluateImpact([changedFile("integrations/crm/map.ts")], config);
    expect(names(impact.touched.map((t) => t.system))).toEqual(["crm"]);
    expect(names(impact.impactedSystems)).toEqual(["erp", "crm", "billing"]);
    expect(names(impact.impactedDepartments)).toEqual(["sales", "finance"]);
    expect(impact.feedEdges).toEqual([
      ["erp", "crm"],
      ["crm", "billing"],
      ["billing", "erp"],
    ]);
  });

  it("counts the old path of a renamed file that leaves a system", () => {
    const impact = evaluateImpact([changedFile("archive/old-hr.ts", "renamed", "integrations/hr/sync.ts")], config);
    expect(names(impact.touched.map((t) => t.system))).toEqual(["hr"]);
    expect(impact.touched[0]?.files).toEqual(["integrations/hr/sync.ts"]);
    expect(names(impact.impactedDepartments)).toEqual(["people"]);
  });

  it("touches nothing when no file is under a system", () => {
    const impact = evaluateImpact([changedFile("README.md")], config);
    expect(impact).toEqual({ touched: [], impactedSystems: [], impactedDepartments: [], feedEdges: [] });
  });

  it("matches globs case-sensitively and dotfiles included", () => {
    const dotted = buildConfig({ systems: [{ name: "etl", paths: ["etl/**"] }] });
    expect(evaluateImpact([changedFile("etl/.env.example")], dotted).touched).toHaveLength(1);
    expect(evaluateImpact([changedFile("ETL/job.sql")], dotted).touched).toHaveLength(0);
  });
});
