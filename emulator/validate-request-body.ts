/**
 * A small JSON-schema subset that checks request bodies the way GitHub's
 * request validation does, with its message wording ("Invalid request." plus
 * one line per problem).
 */
export type BodySpec =
  | { readonly type: "string"; readonly enum?: readonly string[]; readonly maxLength?: number; readonly format?: "date-time"; readonly nullable?: boolean }
  | { readonly type: "integer"; readonly nullable?: boolean }
  | { readonly type: "boolean"; readonly nullable?: boolean }
  | {
      readonly type: "object";
      readonly properties: Readonly<Record<string, BodySpec>>;
      readonly required?: readonly string[];
      readonly nullable?: boolean;
    }
  | { readonly type: "array"; readonly items: BodySpec; readonly maxItems?: number; readonly nullable?: boolean };

function show(value: unknown): string {
  if (value === null || value === undefined) return "nil";
  return JSON.stringify(value);
}

const ARTICLE: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  boolean: "a boolean",
  object: "an object",
  array: "an array",
};

function typeOk(spec: BodySpec, value: unknown): boolean {
  switch (spec.type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
  }
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Returns GitHub's problem lines for `value` (empty when valid). */
export function validateRequestBody(spec: BodySpec, value: unknown, pointer = ""): string[] {
  const where = pointer === "" ? "" : pointer;
  if (value === null && spec.nullable) return [];
  if (!typeOk(spec, value)) return [`For '${where || "root"}', ${show(value)} is not ${ARTICLE[spec.type] ?? spec.type}.`];
  const problems: string[] = [];
  if (spec.type === "string" && typeof value === "string") {
    if (spec.enum && !spec.enum.includes(value)) {
      problems.push(`For '${where}', ${show(value)} is not a member of [${spec.enum.map((e) => JSON.stringify(e)).join(", ")}].`);
    }
    if (spec.maxLength !== undefined && [...value].length > spec.maxLength) {
      problems.push(`Only ${spec.maxLength} characters are allowed; ${[...value].length} were supplied.`);
    }
    if (spec.format === "date-time" && !DATE_TIME.test(value)) {
      problems.push(`For '${where}', ${show(value)} is not a date-time.`);
    }
  } else if (spec.type === "object") {
    const obj = value as Record<string, unknown>;
    // GitHub names missing keys in alphabetical order.
    const missing = (spec.required ?? []).filter((k) => obj[k] === undefined).sort();
    if (missing.length === 1) problems.push(`"${missing[0] ?? ""}" wasn't supplied.`);
    else if (missing.length > 1) problems.push(`${missing.map((m) => `"${m}"`).join(", ")} weren't supplied.`);
    for (const [key, sub] of Object.entries(spec.properties)) {
      if (obj[key] === undefined) continue;
      problems.push(...validateRequestBody(sub, obj[key], `${where}${where ? "/" : ""}properties/${key}`));
    }
  } else if (spec.type === "array") {
    const arr = value as unknown[];
    if (spec.maxItems !== undefined && arr.length > spec.maxItems) {
      problems.push(`No more than ${spec.maxItems} items are allowed; ${arr.length} were supplied.`);
    }
    for (const item of arr) problems.push(...validateRequestBody(spec.items, item, `${where}${where ? "/" : ""}items`));
  }
  return problems;
}
