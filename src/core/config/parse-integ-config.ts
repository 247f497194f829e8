import type { ConfigIssue } from "./config-error.js";
import { checkConfigRules } from "./check-config-rules.js";
import type { RuleFinding } from "./check-config-rules.js";
import { createConfigIssue, sortConfigIssues } from "./create-config-issue.js";
import { describeSchemaIssues, schemaErrorMap } from "./describe-schema-issues.js";
import { CONFIG_PATH } from "./integ-config.js";
import type { IntegConfig } from "./integ-config.js";
import { integConfigSchema } from "./integ-config.schema.js";
import { parseYamlDocument } from "./parse-yaml-document.js";
import type { YamlSource } from "./parse-yaml-document.js";
import { resolveIntegConfig } from "./resolve-integ-config.js";

/** The outcome of reading a `.integ.yml`. Issues and warnings are in file order. */
export type ParseIntegConfigResult =
  | { readonly ok: true; readonly config: IntegConfig; readonly warnings: readonly ConfigIssue[] }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/**
 * Reads the text of a `.integ.yml` into the resolved configuration, or every
 * problem in it, each with its key path, line and column (the first one is
 * what a check title shows). Never throws.
 *
 * Refused before validation: files over 256 KiB, YAML syntax errors,
 * duplicate keys, alias bombs, nesting deeper than 32 levels, an empty file
 * or a document that is not a mapping. Then the schema (unknown keys, types)
 * and the cross-key rules (docs/configuration.md#validation-rules) are
 * checked together.
 */
export function parseIntegConfig(text: string, file: string = CONFIG_PATH): ParseIntegConfigResult {
  try {
    return parseOrReport(text, file);
  } catch (error) {
    // Defensive: a bug in a library must not become an exception in the gate.
    const problem = `could not be read (${error instanceof Error ? error.message : String(error)})`;
    return { ok: false, issues: [createConfigIssue(file, [], { line: 1, column: 1 }, problem)] };
  }
}

function parseOrReport(text: string, file: string): ParseIntegConfigResult {
  const yaml = parseYamlDocument(text, file);
  if (!yaml.ok) return { ok: false, issues: sortConfigIssues(yaml.issues) };
  const { source } = yaml;

  const parsed = integConfigSchema.safeParse(source.value, { error: schemaErrorMap });
  const rules = checkConfigRules(source.value);
  const issues = [
    ...(parsed.success ? [] : describeSchemaIssues(parsed.error.issues, source, file)),
    ...toIssues(rules.errors, source, file),
  ];
  if (!parsed.success || issues.length > 0) return { ok: false, issues: sortConfigIssues(dedupe(issues)) };

  const config = resolveIntegConfig(parsed.data, {
    systems: source.keysAt(["systems"]),
    departments: source.keysAt(["departments"]),
  });
  const warnings = sortConfigIssues([...yaml.warnings, ...toIssues(rules.warnings, source, file)]);
  return { ok: true, config, warnings };
}

function toIssues(findings: readonly RuleFinding[], source: YamlSource, file: string): ConfigIssue[] {
  return findings.map((f) => createConfigIssue(file, f.path, source.locate(f.path, f.at), f.problem));
}

/** The same sentence at the same place once (an alias repeats its target's problems). */
function dedupe(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    if (seen.has(issue.message)) return false;
    seen.add(issue.message);
    return true;
  });
}
