import { compileGlob } from "../paths/compile-glob.js";
import type { KeyPathSegment } from "./create-config-issue.js";
import { IDENTITY_PATTERN } from "./integ-config.schema.js";
import { suggestNearest } from "./suggest-nearest.js";

/** A problem found by a rule that spans several keys, placed at one of them. */
export interface RuleFinding {
  readonly path: readonly KeyPathSegment[];
  readonly problem: string;
  /** Point at the key rather than its value. */
  readonly at: "value" | "key";
}

export interface RuleFindings {
  readonly errors: readonly RuleFinding[];
  readonly warnings: readonly RuleFinding[];
}

/**
 * The validation rules (docs/configuration.md#validation-rules) that one
 * key's schema cannot express.
 * Reads the raw document defensively (it may also have schema errors) so that
 * every problem is reported at once; a part with the wrong type is skipped
 * here, because the schema already reports it.
 */
export function checkConfigRules(raw: unknown): RuleFindings {
  const errors: RuleFinding[] = [];
  const warnings: RuleFinding[] = [];
  const root = asRecord(raw);
  if (root === null) return { errors, warnings };

  checkApprovalMin(root, errors);
  checkSystems(root, errors);
  checkNoteChannels(root, errors);
  checkUnusedDepartments(root, warnings);
  checkGlobs(root, errors, warnings);
  return { errors, warnings };
}

/** `approval.min` is not larger than the number of `@user` owners when `owners` lists no team. */
function checkApprovalMin(root: Record<string, unknown>, errors: RuleFinding[]): void {
  const min = asRecord(root["approval"])?.["min"];
  const owners = asArray(root["owners"]);
  if (typeof min !== "number" || !Number.isInteger(min) || owners === null || owners.length === 0) return;
  const valid = owners.filter((o): o is string => typeof o === "string" && IDENTITY_PATTERN.test(o));
  if (valid.length !== owners.length || valid.some((o) => o.includes("/"))) return;
  const people = new Set(valid.map((o) => o.toLowerCase())).size;
  if (min > people) {
    errors.push({
      path: ["approval", "min"],
      problem: `needs ${min} approvals, but owners lists only ${people} ${people === 1 ? "person" : "people"} and no team, so it could never be met`,
      at: "value",
    });
  }
}

/** A system's `feeds` name defined systems; its `departments` are defined under `departments`. */
function checkSystems(root: Record<string, unknown>, errors: RuleFinding[]): void {
  const systems = asRecord(root["systems"]);
  if (systems === null) return;
  const systemNames = Object.keys(systems);
  const departmentsValue = root["departments"];
  const departments = asRecord(departmentsValue);
  const departmentNames = departments === null ? [] : Object.keys(departments);
  for (const name of systemNames) {
    const system = asRecord(systems[name]);
    if (system === null) continue;
    asArray(system["feeds"])?.forEach((feed, index) => {
      if (typeof feed !== "string" || feed === "" || Object.hasOwn(systems, feed)) return;
      errors.push({
        path: ["systems", name, "feeds", index],
        problem: `${JSON.stringify(feed)} is not a system defined under systems${didYouMean(feed, systemNames)}`,
        at: "value",
      });
    });
    // A `departments` of the wrong type is the schema's to report.
    if (departmentsValue !== undefined && departments === null) continue;
    asArray(system["departments"])?.forEach((department, index) => {
      if (typeof department !== "string" || department === "") return;
      if (departments !== null && Object.hasOwn(departments, department)) return;
      const hint =
        departments === null
          ? ` (add it: departments: { ${department}: {} })`
          : didYouMean(department, departmentNames);
      errors.push({
        path: ["systems", name, "departments", index],
        problem: `${JSON.stringify(department)} is not a department defined under departments${hint}`,
        at: "value",
      });
    });
  }
}

/** `release_note.paths`, `inline_heading` and `external_hosts` must not all be empty. */
function checkNoteChannels(root: Record<string, unknown>, errors: RuleFinding[]): void {
  const note = asRecord(root["release_note"]);
  if (note === null) return;
  const paths = note["paths"];
  const heading = note["inline_heading"];
  const hosts = note["external_hosts"];
  const noPaths = Array.isArray(paths) && paths.length === 0;
  const noHeading = heading === "";
  const noHosts = hosts === undefined || (Array.isArray(hosts) && hosts.length === 0);
  if (noPaths && noHeading && noHosts) {
    errors.push({
      path: ["release_note"],
      problem:
        'leaves no way to give a release note: paths, inline_heading and external_hosts are all empty (keep inline_heading: "Human release note", or list paths or external_hosts)',
      at: "key",
    });
  }
}

/** Warn about a department no system lists: it can never be impacted. */
function checkUnusedDepartments(root: Record<string, unknown>, warnings: RuleFinding[]): void {
  const departments = asRecord(root["departments"]);
  if (departments === null) return;
  const used = new Set<string>();
  const systems = asRecord(root["systems"]);
  for (const system of Object.values(systems ?? {})) {
    for (const name of asArray(asRecord(system)?.["departments"]) ?? []) if (typeof name === "string") used.add(name);
  }
  for (const name of Object.keys(departments)) {
    if (!used.has(name)) {
      warnings.push({
        path: ["departments", name],
        problem: "no system lists this department, so it is never impacted",
        at: "key",
      });
    }
  }
}

/** Every glob list of the config, with its key path. */
function globLists(root: Record<string, unknown>): Array<{ readonly path: readonly KeyPathSegment[]; readonly globs: readonly unknown[] }> {
  const paths: Array<readonly KeyPathSegment[]> = [
    ["integration", "paths"],
    ["integration", "branches"],
    ["release_note", "paths"],
  ];
  for (const name of Object.keys(asRecord(root["systems"]) ?? {})) paths.push(["systems", name, "paths"]);
  const lists: Array<{ readonly path: readonly KeyPathSegment[]; readonly globs: readonly unknown[] }> = [];
  for (const path of paths) {
    let node: unknown = root;
    for (const segment of path) node = asRecord(node)?.[segment];
    const globs = asArray(node);
    if (globs !== null) lists.push({ path, globs });
  }
  return lists;
}

/**
 * Globs the matcher cannot use (`compileGlob`: negation, extglobs, brace
 * bombs, over-long globs, bad classes) are errors, so that a rule never
 * silently matches nothing. Globs that start with `./` or `/` are warnings:
 * paths are matched from the repository root, so they never match.
 */
function checkGlobs(root: Record<string, unknown>, errors: RuleFinding[], warnings: RuleFinding[]): void {
  for (const { path, globs } of globLists(root)) {
    globs.forEach((glob, index) => {
      // An empty or non-string entry is the schema's to report.
      if (typeof glob !== "string" || glob === "") return;
      const compiled = compileGlob(glob);
      if (!compiled.ok) {
        errors.push({ path: [...path, index], problem: `${JSON.stringify(glob.length > 80 ? `${glob.slice(0, 80)}…` : glob)} ${compiled.problem}`, at: "value" });
      } else if (!(path[0] === "integration" && path[1] === "branches") && (glob.startsWith("./") || glob.startsWith("/"))) {
        warnings.push({
          path: [...path, index],
          problem: `${JSON.stringify(glob)} never matches: paths are matched from the repository root, without a leading "./" or "/"`,
          at: "value",
        });
      }
    });
  }
}

function didYouMean(word: string, candidates: readonly string[]): string {
  const near = suggestNearest(word, candidates);
  return near === null ? "" : ` (did you mean ${JSON.stringify(near)}?)`;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function asArray(value: unknown): readonly unknown[] | null {
  return Array.isArray(value) ? value : null;
}
