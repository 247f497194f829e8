import type { Impact } from "../rules/evaluate-impact.js";
import { codeSpan, escapeMarkdown } from "./escape-markdown.js";

function mermaidLabel(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/#/g, "#35;")
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;");
}

/** The impact map as a Mermaid flowchart: touched systems → fed systems → departments. */
export function renderImpactMap(impact: Impact): string {
  if (impact.impactedSystems.length === 0) return "No system in `.integ.yml` is touched by this pull request.";
  const touched = new Set(impact.touched.map((t) => t.system.name));
  const systemId = new Map(impact.impactedSystems.map((s, i) => [s.name, `s${i}`] as const));
  const departmentId = new Map(impact.impactedDepartments.map((d, i) => [d.name, `d${i}`] as const));

  const lines = ["```mermaid", "flowchart LR"];
  for (const system of impact.impactedSystems) {
    const id = systemId.get(system.name) as string;
    const label = mermaidLabel(touched.has(system.name) ? `${system.name} (touched)` : system.name);
    lines.push(`  ${id}["${label}"]${touched.has(system.name) ? ":::touched" : ""}`);
  }
  for (const department of impact.impactedDepartments) {
    lines.push(`  ${departmentId.get(department.name) as string}(["${mermaidLabel(department.name)}"]):::department`);
  }
  for (const [from, to] of impact.feedEdges) {
    lines.push(`  ${systemId.get(from) as string} -->|feeds| ${systemId.get(to) as string}`);
  }
  for (const system of impact.impactedSystems) {
    for (const name of system.departments) {
      const target = departmentId.get(name);
      if (target !== undefined) lines.push(`  ${systemId.get(system.name) as string} -.-> ${target}`);
    }
  }
  lines.push("  classDef touched fill:#fde68a,stroke:#b45309", "  classDef department fill:#dbeafe,stroke:#1d4ed8", "```");

  const text = [lines.join("\n"), ""];
  for (const { system, files } of impact.touched) {
    const shown = files.slice(0, 5).map(codeSpan).join(", ");
    const more = files.length > 5 ? ` and ${files.length - 5} more` : "";
    text.push(`- **${escapeMarkdown(system.name)}** is touched: ${shown}${more}`);
  }
  const fed = impact.impactedSystems.filter((s) => !touched.has(s.name)).map((s) => `**${escapeMarkdown(s.name)}**`);
  if (fed.length > 0) text.push(`- Fed by a touched system, so impacted too: ${fed.join(", ")}`);
  const departments = impact.impactedDepartments.map((d) => `**${escapeMarkdown(d.name)}**`);
  text.push(`- Impacted departments: ${departments.length > 0 ? departments.join(", ") : "none"}`);
  return text.join("\n");
}
