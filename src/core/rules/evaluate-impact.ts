import type { DepartmentConfig, IntegConfig, SystemConfig } from "../config/integ-config.js";
import type { ChangedFile } from "../facts/pull-request-facts.js";
import { createPathMatcher } from "../paths/create-path-matcher.js";

/** A system a changed file belongs to, and the files that put it there. */
export interface TouchedSystem {
  readonly system: SystemConfig;
  /** The changed paths under the system's `paths` (old or new path of a rename), in PR order. */
  readonly files: readonly string[];
}

/** Which systems and departments a pull request reaches. */
export interface Impact {
  /** Systems with a changed file under their `paths`, in config order. */
  readonly touched: readonly TouchedSystem[];
  /** Touched systems and, transitively, every system they feed, in config order. */
  readonly impactedSystems: readonly SystemConfig[];
  /** Departments of the impacted systems, in config order. */
  readonly impactedDepartments: readonly DepartmentConfig[];
  /** `feeds` edges between impacted systems, `[from, to]`, in config order. */
  readonly feedEdges: readonly (readonly [string, string])[];
}

/** The path of a changed file and, for a rename, its old path. */
export function changedPaths(file: ChangedFile): string[] {
  return file.previousPath !== undefined && file.previousPath !== file.path
    ? [file.path, file.previousPath]
    : [file.path];
}

/**
 * Systems touched and impacted by a set of changed files, and the impacted
 * departments. `feeds` may form cycles; each system is visited once.
 */
export function evaluateImpact(files: readonly ChangedFile[], config: IntegConfig): Impact {
  const touched: TouchedSystem[] = [];
  for (const system of config.systems) {
    const matches = createPathMatcher(system.paths);
    const hit: string[] = [];
    for (const file of files) for (const path of changedPaths(file)) if (matches(path)) hit.push(path);
    if (hit.length > 0) touched.push({ system, files: hit });
  }

  const byName = new Map(config.systems.map((s) => [s.name, s] as const));
  const reached = new Set<string>();
  const queue = touched.map((t) => t.system.name);
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (reached.has(name)) continue;
    reached.add(name);
    for (const fed of byName.get(name)?.feeds ?? []) if (!reached.has(fed)) queue.push(fed);
  }
  const impactedSystems = config.systems.filter((s) => reached.has(s.name));

  const departmentNames = new Set(impactedSystems.flatMap((s) => s.departments));
  const impactedDepartments = config.departments.filter((d) => departmentNames.has(d.name));

  const feedEdges: (readonly [string, string])[] = [];
  for (const system of impactedSystems) {
    for (const fed of system.feeds) if (reached.has(fed)) feedEdges.push([system.name, fed]);
  }
  return { touched, impactedSystems, impactedDepartments, feedEdges };
}
