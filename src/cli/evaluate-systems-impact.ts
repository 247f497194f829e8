import type { IntegConfig, SystemConfig } from "../core/config/integ-config.js";
import { suggestNearest } from "../core/config/suggest-nearest.js";
import { evaluateImpact, type Impact } from "../core/rules/evaluate-impact.js";
import { UsageError } from "./cli-io.js";

/**
 * The impact of changing the named systems, exactly as the gate computes it
 * for a PR that touches them (`evaluateImpact`: the systems, every system
 * they feed, transitively, and those systems' departments, in config order).
 * An unknown system name is a UsageError that lists the defined ones.
 */
export function evaluateSystemsImpact(names: readonly string[], config: IntegConfig): Impact {
  const defined = config.systems.map((s) => s.name);
  for (const name of names) {
    if (defined.includes(name)) continue;
    const nearest = suggestNearest(name, defined);
    const known = defined.length === 0 ? "the config defines no systems" : `defined systems: ${defined.join(", ")}`;
    throw new UsageError(`unknown system "${name}"${nearest === null ? "" : ` (did you mean "${nearest}"?)`}; ${known}`);
  }
  // The rule matches changed files against each system's globs; give every
  // system one literal path (its index: digits are never glob syntax) and
  // "change" the named ones, so the dependency map is walked by the gate's own code.
  const indexed: IntegConfig = { ...config, systems: config.systems.map((s, i) => ({ ...s, paths: [`${i}`] })) };
  const files = names.map((name) => ({ path: `${defined.indexOf(name)}`, status: "modified" as const }));
  const impact = evaluateImpact(files, indexed);
  const byName = new Map(config.systems.map((s) => [s.name, s] as const));
  const original = (s: SystemConfig): SystemConfig => byName.get(s.name) ?? s;
  return {
    ...impact,
    touched: impact.touched.map((t) => ({ system: original(t.system), files: [] })),
    impactedSystems: impact.impactedSystems.map(original),
  };
}
