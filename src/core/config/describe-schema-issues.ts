import type { z } from "zod";
import type { ConfigIssue } from "./config-error.js";
import { createConfigIssue } from "./create-config-issue.js";
import type { KeyPathSegment } from "./create-config-issue.js";
import { integConfigSchema } from "./integ-config.schema.js";
import type { YamlSource } from "./parse-yaml-document.js";
import { suggestNearest } from "./suggest-nearest.js";

type SchemaIssue = z.core.$ZodIssue;

/**
 * Passed to `safeParse` so that every issue the schema does not word itself
 * reads as one plain sentence ("must be a list, not the text \"x\"").
 * Messages written in the schema take precedence over this map.
 */
export const schemaErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `must be ${describeExpected(issue.expected)}, not ${describeValue(issue.input)}`;
    case "too_small":
      return withNumber(describeBound(issue.origin, "small", Number(issue.minimum), issue.inclusive !== false), issue.input);
    case "too_big":
      return withNumber(describeBound(issue.origin, "big", Number(issue.maximum), issue.inclusive !== false), issue.input);
    case "invalid_value":
      return `must be ${listChoices(issue.values.map((v) => String(v)))}, not ${describeValue(issue.input)}`;
    case "invalid_format":
      return "has the wrong format";
    case "invalid_key":
      return "is not a valid name";
    case "invalid_union":
      return `has the wrong form (${describeValue(issue.input)})`;
    default:
      return undefined;
  }
};

/** Extra words for a missing required key. */
const REQUIRED_HINTS: Readonly<Record<string, string>> = {
  version: "is required: add `version: 1`",
  owners: 'is required: list at least one integration owner, e.g. owners: ["@maria-ops"]',
};

/**
 * Turns the schema's issues into one sentence each, placed at the YAML node
 * they concern: the value when there is one, else its key, else the parent.
 * An unknown key becomes one issue per key, pointing at the key, with the
 * nearest valid key when one is close.
 */
export function describeSchemaIssues(issues: readonly SchemaIssue[], source: YamlSource, file: string): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const add = (path: readonly KeyPathSegment[], problem: string, at: "value" | "key" = "value"): void => {
    out.push(createConfigIssue(file, path, source.locate(path, at), problem));
  };
  const visit = (issue: SchemaIssue, prefix: readonly KeyPathSegment[]): void => {
    const path = [...prefix, ...toSegments(issue.path)];
    const value = valueAt(source.value, path);
    switch (issue.code) {
      case "unrecognized_keys": {
        const valid = schemaKeysAt(path);
        for (const key of issue.keys) add([...path, key], describeUnknownKey(key, valid), "key");
        return;
      }
      case "invalid_key": {
        const name = path[path.length - 1];
        const inner = issue.issues[0]?.message ?? "is not a valid name";
        add(path, name === "" ? "the name must not be empty" : `the name ${JSON.stringify(name)} ${inner}`, "key");
        return;
      }
      case "invalid_union": {
        // Report the branch that got past the type check (e.g. a one-key mapping with a bad value).
        const branch = issue.errors.find((errs) => !errs.some((e) => e.code === "invalid_type" && e.path.length === 0));
        if (branch !== undefined && branch.length > 0) {
          for (const inner of branch) visit(inner, path);
          return;
        }
        add(path, withValue(issue.message, value));
        return;
      }
      default: {
        const lastKey = path[path.length - 1];
        if (value === undefined && (issue.code === "invalid_type" || issue.code === "invalid_value")) {
          add(path, (typeof lastKey === "string" && path.length === 1 ? REQUIRED_HINTS[lastKey] : undefined) ?? "is required");
          return;
        }
        const typed = issue.code === "invalid_type" || issue.code === "invalid_value";
        const message = typed && !issue.message.includes(", not ") ? `${issue.message}, not ${describeValue(value)}` : issue.message;
        add(path, withValue(message, value));
      }
    }
  };
  for (const issue of issues) visit(issue, []);
  return out;
}

/** `is not @user or @org/team` -> `"@acme" is not @user or @org/team`, with a hint for look-alike letters. */
function withValue(message: string, value: unknown): string {
  if (!message.startsWith("is ") || typeof value !== "string") return message;
  return `${JSON.stringify(value)} ${message}${hintForText(value, message)}`;
}

function hintForText(value: string, message: string): string {
  if (!message.includes("@user")) return "";
  if (!value.startsWith("@")) return " (it must start with @)";
  const odd = [...value.slice(1)].find((ch) => !/[\w/.\-[\]]/.test(ch));
  if (odd === undefined) return "";
  const code = `U+${(odd.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
  if (/\s/.test(odd)) return " (it contains a space)";
  return (odd.codePointAt(0) ?? 0) > 0x7f
    ? ` (it contains ${JSON.stringify(odd)}, ${code}, which only looks like a Latin letter; GitHub names use A-Z, 0-9 and -)`
    : ` (it contains ${JSON.stringify(odd)}; GitHub names use A-Z, 0-9 and -)`;
}

function describeUnknownKey(key: string, valid: readonly string[] | null): string {
  const base = `unknown key ${JSON.stringify(key)}`;
  if (valid === null || valid.length === 0) return base;
  const near = suggestNearest(key, valid);
  if (near !== null) return `${base} (did you mean ${JSON.stringify(near)}?)`;
  return `${base}; valid keys here: ${valid.join(", ")}`;
}

function toSegments(path: readonly PropertyKey[]): KeyPathSegment[] {
  return path.map((p) => (typeof p === "number" ? p : String(p)));
}

function valueAt(root: unknown, path: readonly KeyPathSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

interface SchemaDef {
  readonly type: string;
  readonly shape?: Record<string, { _zod: { def: SchemaDef } }>;
  readonly innerType?: { _zod: { def: SchemaDef } };
  readonly valueType?: { _zod: { def: SchemaDef } };
  readonly element?: { _zod: { def: SchemaDef } };
}

/** The keys the schema allows in the object at `path`, or null when it is not an object. */
export function schemaKeysAt(path: readonly KeyPathSegment[]): string[] | null {
  const unwrap = (def: SchemaDef): SchemaDef => {
    let current = def;
    while ((current.type === "optional" || current.type === "default") && current.innerType) {
      current = current.innerType._zod.def;
    }
    return current;
  };
  let def = unwrap((integConfigSchema as unknown as { _zod: { def: SchemaDef } })._zod.def);
  for (const segment of path) {
    let next: SchemaDef | undefined;
    if (def.type === "object" && typeof segment === "string") next = def.shape?.[segment]?._zod.def;
    else if (def.type === "record") next = def.valueType?._zod.def;
    else if (def.type === "array") next = def.element?._zod.def;
    if (next === undefined) return null;
    def = unwrap(next);
  }
  return def.type === "object" && def.shape ? Object.keys(def.shape) : null;
}

function describeExpected(expected: string): string {
  switch (expected) {
    case "array":
      return "a list";
    case "object":
    case "record":
      return "a mapping (key: value)";
    case "string":
      return "text";
    case "boolean":
      return "true or false";
    case "int":
      return "a whole number";
    case "number":
      return "a number";
    default:
      return expected;
  }
}

/** How a YAML value reads to a person: `the text "yes"`, `a list`, `empty (null)`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    case "number":
      return `${value}`;
    case "boolean":
      return `${value}`;
    case "object":
      return "a mapping";
    default:
      return typeof value;
  }
}

function describeBound(origin: string, side: "small" | "big", bound: number, inclusive: boolean): string {
  if (origin === "array") {
    return side === "small"
      ? `must list at least ${bound} ${bound === 1 ? "entry" : "entries"}`
      : `must list at most ${bound} entries`;
  }
  if (origin === "string") {
    if (side === "small" && bound === 1) return "must not be empty";
    return side === "small" ? `must be at least ${bound} characters long` : `must be at most ${bound} characters long`;
  }
  if (side === "small") return inclusive ? `must be at least ${bound}` : `must be greater than ${bound}`;
  return inclusive ? `must be at most ${bound}` : `must be less than ${bound}`;
}

function withNumber(message: string, input: unknown): string {
  return typeof input === "number" ? `${message}, not ${input}` : message;
}

function listChoices(values: readonly string[]): string {
  if (values.length === 1) return `${values[0]}`;
  return `one of ${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}
