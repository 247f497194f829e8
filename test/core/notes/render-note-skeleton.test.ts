import { describe, expect, it } from "vitest";
import { parseIntegConfig } from "../../../src/core/config/parse-integ-config.js";
import type { IntegConfig } from "../../../src/core/config/integ-config.js";
import { analyseNoteSource } from "../../../src/core/notes/analyse-note-source.js";
import { renderNoteSkeleton } from "../../../src/core/notes/render-note-skeleton.js";

function config(yaml: string): IntegConfig {
  const parsed = parseIntegConfig(yaml);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join("; "));
  return parsed.config;
}

const MAP = config(`version: 1
systems:
  erp: { paths: ["erp/**"], departments: [finance, order_desk], feeds: [crm] }
  crm: { paths: ["crm/**"], departments: [sales] }
departments:
  finance: {}
  order_desk: {}
  sales: {}
owners: ["@maria-ops"]
`);

describe("renderNoteSkeleton", () => {
  it("each department gets a heading the department check accepts; only the markers block", () => {
    const skeleton = renderNoteSkeleton({ systems: ["erp"], departments: MAP.departments, config: MAP.releaseNote, title: "Ids" });
    expect(skeleton.markdown).toContain("### Order desk\n");
    const analysis = analyseNoteSource(skeleton.markdown, MAP.releaseNote, MAP.departments);
    expect(analysis.valid).toBe(false);
    expect(new Set(analysis.findings.filter((f) => f.severity === "blocking").map((f) => f.kind))).toEqual(new Set(["placeholder"]));
    expect(analysis.findings.filter((f) => f.kind === "placeholder").map((f) => f.line)).toEqual(skeleton.markerLines);
  });

  it("the example sentences are plain: no warning once the markers are gone", () => {
    const skeleton = renderNoteSkeleton({ systems: ["erp"], departments: MAP.departments, config: MAP.releaseNote, title: "Ids" });
    const written = skeleton.markdown.replace(/^TODO: .*For example: "(.*)"$/gmu, "$1");
    const analysis = analyseNoteSource(written, MAP.releaseNote, MAP.departments);
    expect(analysis.findings.filter((f) => f.severity !== "notice")).toEqual([]);
  });

  it("the guidance is an HTML comment (not prose), and a title on one line", () => {
    const skeleton = renderNoteSkeleton({ systems: [], departments: [], config: MAP.releaseNote, title: "Two\nlines", lintCommand: "integ-gate lint-note x.md" });
    expect(skeleton.markdown.startsWith("<!--\nRelease note for a change to this integration.")).toBe(true);
    expect(skeleton.markdown).toContain("Check it with: integ-gate lint-note x.md\n-->");
    expect(skeleton.markdown).toContain("\n# Two lines\n");
  });

  it("no sections configured: departments become the top sections", () => {
    const bare = config('version: 1\nrelease_note: { sections: [] }\nowners: ["@maria-ops"]\n');
    const skeleton = renderNoteSkeleton({ systems: ["erp"], departments: MAP.departments, config: bare.releaseNote });
    expect(skeleton.markdown.split("\n").filter((l) => l.startsWith("#"))).toEqual([
      "# TODO: a title that says what changes",
      "## Finance",
      "## Order desk",
      "## Sales",
    ]);
  });

  it("a config without placeholders still marks the places with TODO (the CLI warns that the gate will not catch them)", () => {
    const none = config('version: 1\nrelease_note: { placeholders: [] }\nowners: ["@maria-ops"]\n');
    const skeleton = renderNoteSkeleton({ systems: [], departments: [], config: none.releaseNote });
    expect(skeleton.marker).toBe("TODO");
    expect(skeleton.markerLines.length).toBe(4);
  });
});
