import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseIntegConfig } from "../../../src/core/config/parse-integ-config.js";
import { evaluateReleaseNote } from "../../../src/core/notes/evaluate-release-note.js";
import type { ReleaseNoteResult } from "../../../src/core/notes/release-note-result.js";
import { evaluateImpact } from "../../../src/core/rules/evaluate-impact.js";
import { buildFacts, changedFile, textNote } from "../../support/facts-builder.js";

export const EXAMPLES = join(import.meta.dirname, "../../../examples");

/**
 * What the gate says about one gallery note: the note is added by a PR that
 * changes the ERP integration and links it from its description, judged
 * with examples/.integ.yml.
 */
export function judgeExample(relativePath: string, options: { readonly enforce?: boolean } = {}): ReleaseNoteResult {
  const parsed = parseIntegConfig(readFileSync(join(EXAMPLES, ".integ.yml"), "utf8"), "examples/.integ.yml");
  if (!parsed.ok) throw new Error(`examples/.integ.yml is invalid: ${parsed.issues.map((i) => i.message).join("; ")}`);
  const notePath = `docs/release-notes/${relativePath.replace(/^(good|bad)\//, "")}`;
  const files = [changedFile("integrations/erp/product-sync.ts"), changedFile(notePath, "added")];
  const facts = buildFacts({
    body: `Sends the product id from the ERP to the CRM.\n\nRelease note: [product ids](${notePath})\n`,
    files,
    noteFiles: textNote(notePath, readFileSync(join(EXAMPLES, relativePath), "utf8")),
  });
  const note = parsed.config.releaseNote;
  const config =
    options.enforce === true
      ? { ...parsed.config, releaseNote: { ...note, plainLanguage: { ...note.plainLanguage, enforce: true } } }
      : parsed.config;
  const impact = evaluateImpact(files, config);
  return evaluateReleaseNote(facts, config, impact.impactedDepartments);
}

/** "pass", "pass, with warnings" or "fail". */
export function verdictOf(result: ReleaseNoteResult): string {
  if (!result.valid) return "fail";
  return result.findings.some((f) => f.severity === "warning") ? "pass, with warnings" : "pass";
}

/** Warnings counted by kind, e.g. "jargon ×14, long-sentence ×2"; "—" when none. */
export function warningsOf(result: ReleaseNoteResult): string {
  const counts = new Map<string, number>();
  for (const f of result.findings) if (f.severity === "warning") counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return counts.size === 0 ? "—" : [...counts].map(([k, n]) => `${k} ×${n}`).join(", ");
}
