import { describe, expect, it } from "vitest";
import { renderImpactMap } from "../../../src/core/report/render-impact-map.js";
import { evaluateImpact } from "../../../src/core/rules/evaluate-impact.js";
import { buildConfig } from "../../support/config-builder.js";
import { changedFile } from "../../support/facts-builder.js";

const config = buildConfig({
  systems: [
    { name: "erp", departments: ["finance"], feeds: ["crm"] },
    { name: "crm", departments: ["sales"] },
    { name: 'odd "name"', departments: [] },
  ],
  departments: [{ name: "finance" }, { name: "sales" }],
});

describe("renderImpactMap", () => {
  it("draws touched systems, fed systems and departments as a Mermaid flowchart", () => {
    const map = renderImpactMap(evaluateImpact([changedFile("integrations/erp/a.ts")], config));
    expect(map).toContain("```mermaid\nflowchart LR\n");
    expect(map).toContain('  s0["erp (touched)"]:::touched');
    expect(map).toContain('  s1["crm"]');
    expect(map).toContain('  d0(["finance"]):::department');
    expect(map).toContain("  s0 -->|feeds| s1");
    expect(map).toContain("  s0 -.-> d0");
    expect(map).toContain("  s1 -.-> d1");
    expect(map).toContain("- **erp** is touched: `integrations/erp/a.ts`");
    expect(map).toContain("- Fed by a touched system, so impacted too: **crm**");
    expect(map).toContain("- Impacted departments: **finance**, **sales**");
  });

  it("escapes quotes in names so the chart still renders", () => {
    const map = renderImpactMap(evaluateImpact([changedFile('integrations/odd "name"/x')], config));
    expect(map).toContain('  s0["odd #quot;name#quot; (touched)"]:::touched');
  });

  it("says so when no system is touched", () => {
    expect(renderImpactMap(evaluateImpact([changedFile("README.md")], config))).toBe(
      "No system in `.integ.yml` is touched by this pull request.",
    );
  });
});
