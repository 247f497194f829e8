import { Composer, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser } from "yaml";
import type { CST, Document, Node as YamlNode, Pair, ParsedNode } from "yaml";
import type { ConfigIssue } from "./config-error.js";
import { createConfigIssue } from "./create-config-issue.js";
import { scanYamlLimits } from "./scan-yaml-limits.js";
import type { KeyPathSegment, SourcePosition } from "./create-config-issue.js";

/** Files over this many bytes (UTF-8) are rejected before they are parsed. */
export const MAX_CONFIG_BYTES = 256 * 1024;
/** Collections nested deeper than this are rejected before they are composed. */
export const MAX_NESTING_DEPTH = 32;
/** More aliases (`*name`) than this are rejected. */
export const MAX_ALIAS_COUNT = 100;
/** Rejected when expanding every alias would give more nodes than this. */
export const MAX_EXPANDED_NODES = 10_000;

/** A parsed YAML document and the means to place a key path in it. */
export interface YamlSource {
  readonly doc: Document.Parsed;
  /** The document as plain JS (mappings are objects, keys are strings). */
  readonly value: unknown;
  /** Line and column of the node at `path`: its value, or its key (`at: "key"`), or the nearest parent that exists. */
  readonly locate: (path: readonly KeyPathSegment[], at?: "value" | "key") => SourcePosition;
  /** Keys of the mapping at `path`, in file order ([] when it is not a mapping). */
  readonly keysAt: (path: readonly KeyPathSegment[]) => string[];
}

export type YamlParseResult =
  | { readonly ok: true; readonly source: YamlSource; readonly warnings: readonly ConfigIssue[] }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

const START: SourcePosition = { line: 1, column: 1 };
const tooDeep = `nests collections deeper than ${MAX_NESTING_DEPTH} levels`;
const tooManyAliases = `uses more than ${MAX_ALIAS_COUNT} aliases (*name); write the values out`;
/**
 * Keys, values, YAML indicators and lines a file may hold: a real `.integ.yml` has a
 * few hundred, and the parser's cost grows with them (a 256 KiB file of
 * 131,072 one-character entries took seconds), so more is refused before
 * parsing (docs/security.md, "Linear-time text scanning").
 */
export const MAX_CONFIG_TOKENS = 30_000;
/** A function, not a constant: toLocaleString loads ICU's number formats, which a valid file never needs. */
const tooManyTokens = (): string =>
  `holds more than ${MAX_CONFIG_TOKENS.toLocaleString("en-US")} keys, values, indicators and lines; a configuration this large is refused`;

/**
 * Parses the text of one YAML document with positions, refusing what a
 * configuration file has no business being: over 256 KiB, nested deeper than
 * 32 levels, more than one document, duplicate keys, mapping keys that are not
 * plain scalars, alias bombs and self-referencing aliases. Never throws.
 */
export function parseYamlDocument(text: string, file: string): YamlParseResult {
  const fail = (path: readonly KeyPathSegment[], position: SourcePosition, problem: string): YamlParseResult => ({
    ok: false,
    issues: [createConfigIssue(file, path, position, problem)],
  });

  const bytes = utf8ByteLength(text, MAX_CONFIG_BYTES);
  if (bytes > MAX_CONFIG_BYTES) {
    return fail([], START, `the file is ${formatSize(bytes)}; the limit is 256 KiB`);
  }

  const lineCounter = new LineCounter();
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: Math.max(1, line), column: Math.max(1, col) };
  };

  // A cheap scan first, so that a hostile file costs a lexer pass, not a parse.
  const early = scanYamlLimits(text, {
    depth: MAX_NESTING_DEPTH,
    stopDepth: 2 * MAX_NESTING_DEPTH,
    aliases: MAX_ALIAS_COUNT,
    tokens: MAX_CONFIG_TOKENS,
  });
  if (early !== null) {
    const position = positionOf(text, early.offset);
    if (early.limit === "tokens") return fail([], position, tooManyTokens());
    return early.limit === "aliases"
      ? fail([], position, tooManyAliases)
      : fail([], position, tooDeep);
  }

  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const deepAt = findTooDeepToken(tokens);
  if (deepAt !== null) return fail([], at(deepAt), tooDeep);

  const docs = withoutStackTraces(() => [...new Composer({ uniqueKeys: true, prettyErrors: false, strict: true }).compose(tokens)]);
  const [doc, second] = docs;
  if (doc === undefined || doc.contents === null || isEmptyScalar(doc.contents)) {
    return fail([], START, "the file is empty: it needs at least `version: 1` and `owners`");
  }
  if (second !== undefined) {
    return fail([], at(second.range[0]), "holds more than one YAML document (remove the second `---`)");
  }

  // Built once, on the first duplicate key: a file of thousands of duplicates stays linear (docs/security.md).
  let duplicates: ReadonlyMap<number, DuplicateKey> | null = null;
  const duplicateAt = (offset: number): DuplicateKey | null => {
    duplicates ??= indexDuplicateKeys(doc.contents);
    return duplicates.get(offset) ?? null;
  };
  const errors = doc.errors.map((error) => {
    const offset = error.pos[0];
    // Only these errors sit at a key or value; a syntax error's place says little about which key it concerns.
    const placed = error.code === "DUPLICATE_KEY" || error.code === "BAD_SCALAR_START";
    const path = placed ? findKeyPathAt(doc.contents, offset) : [];
    return createConfigIssue(file, path, at(offset), describeYamlError(error.code, error.message, duplicateAt, text, offset, at));
  });
  if (errors.length > 0) return { ok: false, issues: errors };

  const structural = checkStructure(doc, file, at);
  if (structural.length > 0) return { ok: false, issues: structural };

  if (!isMap(doc.contents)) {
    return fail([], at(doc.contents.range[0]), `must be a mapping of keys (version, owners, ...), not ${describeNode(doc.contents)}`);
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // checkStructure already refuses what toJS throws on; this is a last guard.
    return fail([], START, `could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }

  const warnings = doc.warnings.map((warning) =>
    createConfigIssue(file, findKeyPathAt(doc.contents, warning.pos[0]), at(warning.pos[0]), firstLine(warning.message)),
  );

  const nodeAt = (path: readonly KeyPathSegment[]): { node: YamlNode | null; pair: Pair | null; parent: YamlNode | null } => {
    let node: YamlNode | null = doc.contents;
    let pair: Pair | null = null;
    let parent: YamlNode | null = null;
    for (const segment of path) {
      const resolved: YamlNode | null = node !== null && isAlias(node) ? (node.resolve(doc) ?? null) : node;
      if (resolved === null) break;
      let next: YamlNode | null = null;
      pair = null;
      if (isMap(resolved)) {
        const found = resolved.items.find((item) => isScalar(item.key) && String(item.key.value ?? "") === String(segment));
        if (found === undefined) return { node: null, pair: null, parent: resolved };
        pair = found;
        next = isNode(found.value) ? found.value : null;
      } else if (isSeq(resolved) && typeof segment === "number") {
        const item = resolved.items[segment];
        next = isNode(item) ? item : null;
      } else {
        return { node: null, pair: null, parent: resolved };
      }
      parent = resolved;
      node = next;
      if (node === null) break;
    }
    return { node, pair, parent };
  };

  const source: YamlSource = {
    doc,
    value,
    locate(path, where = "value") {
      const { node, pair, parent } = nodeAt(path);
      const key = pair !== null && isNode(pair.key) ? pair.key : null;
      const target = where === "key" ? (key ?? node ?? parent) : (node ?? key ?? parent);
      return target?.range ? at(target.range[0]) : START;
    },
    keysAt(path) {
      const { node } = nodeAt(path);
      const resolved = node !== null && isAlias(node) ? node.resolve(doc) : node;
      if (!isMap(resolved)) return [];
      return resolved.items.map((item) => (isScalar(item.key) ? String(item.key.value ?? "") : ""));
    },
  };
  return { ok: true, source, warnings };
}

/** Line and column of an offset, counting \n, \r\n and lone \r as YAML does. */
function positionOf(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Counts UTF-8 bytes, stopping early once past `limit`. */
function utf8ByteLength(text: string, limit: number): number {
  if (text.length > limit) return new TextEncoder().encode(text).length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function firstLine(message: string): string {
  return message.split("\n", 1)[0] ?? message;
}

/** The offset of the first collection nested deeper than the limit, walking the CST without recursion. */
function findTooDeepToken(tokens: readonly CST.Token[]): number | null {
  const stack: Array<{ token: CST.Token; depth: number }> = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop() as { token: CST.Token; depth: number };
    switch (token.type) {
      case "document":
        if (token.value) stack.push({ token: token.value, depth });
        break;
      case "block-map":
      case "block-seq":
      case "flow-collection": {
        const inner = depth + 1;
        if (inner > MAX_NESTING_DEPTH) return token.offset;
        for (const item of token.items) {
          if (item.key) stack.push({ token: item.key, depth: inner });
          if (item.value) stack.push({ token: item.value, depth: inner });
        }
        break;
      }
      default:
        break;
    }
  }
  return null;
}

/**
 * Runs `compose` with stack traces off: yaml makes an Error for every problem
 * it finds, and capturing each one's stack made a 256 KiB file of one-character
 * mistakes (hundreds of thousands of errors) cost seconds (docs/security.md,
 * "Linear-time text scanning"). The positions integ-gate reports come from the
 * errors' offsets, never from their stacks.
 */
function withoutStackTraces<T>(compose: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return compose();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function isNode(value: unknown): value is YamlNode {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value);
}

function isEmptyScalar(node: ParsedNode): boolean {
  return isScalar(node) && node.value === null && node.source === "";
}

function describeNode(node: ParsedNode): string {
  if (isSeq(node)) return "a list";
  if (isAlias(node)) return "an alias";
  if (isScalar(node)) return node.value === null ? "null" : `the ${typeof node.value} ${JSON.stringify(node.value)}`;
  return "something else";
}

function describeYamlError(
  code: string,
  message: string,
  duplicateAt: (offset: number) => DuplicateKey | null,
  text: string,
  offset: number,
  at: (offset: number) => SourcePosition,
): string {
  if (code === "BAD_SCALAR_START" && text[offset] === "@") {
    const value = /^[^\s,\]}#]+/.exec(text.slice(offset, offset + 200))?.[0] ?? "@";
    return `${value} must be in quotes: a YAML value cannot start with @ (write "${value}")`;
  }
  if (code === "DUPLICATE_KEY") {
    const key = duplicateAt(offset);
    if (key !== null) {
      const first = key.first.range ? ` (first written at line ${at(key.first.range[0]).line})` : "";
      return `duplicate key ${JSON.stringify(key.name)}${first}: each key may appear once`;
    }
    return "duplicate key: each key may appear once";
  }
  return `YAML syntax error: ${firstLine(message)}`;
}

/** A key written a second time in its mapping, and where it was first written. */
interface DuplicateKey {
  readonly name: string;
  readonly first: YamlNode;
}

/** Every repeated mapping key, by the offset of the repeat: one pass over the document. */
function indexDuplicateKeys(root: YamlNode | null): Map<number, DuplicateKey> {
  const index = new Map<number, DuplicateKey>();
  visitNodes(root, (node) => {
    if (!isMap(node)) return;
    const seen = new Map<string, YamlNode>();
    for (const item of node.items) {
      if (!isScalar(item.key)) continue;
      const name = String(item.key.value ?? "");
      const first = seen.get(name);
      const offset = item.key.range?.[0];
      if (first === undefined) seen.set(name, item.key);
      else if (offset !== undefined && !index.has(offset)) index.set(offset, { name, first });
    }
  });
  return index;
}

/** Where a collection item starts (its key, else its value); -1 for an item without a position. */
function itemStart(item: unknown): number {
  if (isNode(item)) return item.range?.[0] ?? -1;
  if (isPair(item)) return (isNode(item.key) ? item.key.range?.[0] : undefined) ?? (isNode(item.value) ? item.value.range?.[0] : undefined) ?? -1;
  return -1;
}

/**
 * The indexes of the items of a collection that may hold `offset`: the last
 * one starting at or before it, and the one before that. Items are in
 * document order, so a binary search: a mapping of thousands of keys with an
 * issue at each stays linear overall (docs/security.md, "Linear-time text
 * scanning").
 */
function itemsAround(items: readonly unknown[], offset: number): number[] {
  let lo = 0;
  let hi = items.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (itemStart(items[mid]) <= offset) {
      last = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return last < 0 ? [] : last === 0 ? [0] : [last - 1, last];
}

/** The key path of the deepest node at `offset` (depth is bounded before this runs). */
function findKeyPathAt(root: YamlNode | null, offset: number): KeyPathSegment[] {
  const path: KeyPathSegment[] = [];
  const contains = (node: unknown): node is YamlNode =>
    isNode(node) && node.range != null && node.range[0] <= offset && offset < Math.max(node.range[2], node.range[0] + 1);
  let node: YamlNode | null = root;
  for (;;) {
    let next: YamlNode | null = null;
    if (isMap(node)) {
      for (const i of itemsAround(node.items, offset)) {
        const item = node.items[i];
        if (item === undefined) continue;
        const key = isScalar(item.key) ? String(item.key.value ?? "") : null;
        if (key === null) continue;
        if (contains(item.key)) {
          path.push(key);
          return path;
        }
        if (contains(item.value)) {
          path.push(key);
          next = item.value;
          break;
        }
      }
    } else if (isSeq(node)) {
      const items = node.items;
      const index = itemsAround(items, offset).find((i) => contains(items[i]));
      if (index !== undefined) {
        path.push(index);
        next = items[index] as YamlNode;
      }
    }
    if (next === null) return path;
    node = next;
  }
}

/** Calls `visit` on every node, depth first, in document order. */
function visitNodes(root: YamlNode | null, visit: (node: YamlNode) => void): void {
  const stack: YamlNode[] = root === null ? [] : [root];
  while (stack.length > 0) {
    const node = stack.pop() as YamlNode;
    visit(node);
    const children: YamlNode[] = [];
    if (isMap(node)) {
      for (const item of node.items) {
        if (isNode(item.key)) children.push(item.key);
        if (isNode(item.value)) children.push(item.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (isNode(item)) children.push(item);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as YamlNode);
  }
}

/**
 * Refuses mapping keys that are collections or `__proto__`, aliases without
 * an anchor, aliases inside the collection they name, too many aliases, and
 * aliases that would expand the document by more than the node budget.
 */
function checkStructure(doc: Document.Parsed, file: string, at: (offset: number) => SourcePosition): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const issueAt = (node: YamlNode, problem: string): void => {
    const offset = node.range?.[0] ?? 0;
    issues.push(createConfigIssue(file, findKeyPathAt(doc.contents, offset), at(offset), problem));
  };
  // In document order an alias names the latest anchor before it (YAML's rule);
  // one map replaces yaml's Alias.resolve, which searches the whole document each time.
  const anchors = new Map<string, YamlNode>();
  const targets = new Map<YamlNode, YamlNode>();
  const aliases: YamlNode[] = [];
  visitNodes(doc.contents, (node) => {
    if (issues.length > 0) return;
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isScalar(item.key) && isNode(item.key)) {
          issueAt(item.key, "keys must be plain words, not lists, mappings or aliases");
          return;
        }
        if (isScalar(item.key) && item.key.value === "__proto__") {
          issueAt(item.key, 'the key "__proto__" is not allowed');
          return;
        }
      }
    }
    if (!isAlias(node)) {
      const anchor = (node as { anchor?: string }).anchor;
      if (anchor !== undefined) anchors.set(anchor, node);
      return;
    }
    aliases.push(node);
    if (aliases.length > MAX_ALIAS_COUNT) {
      issueAt(node, tooManyAliases);
      return;
    }
    const target = anchors.get(node.source);
    if (target === undefined) {
      issueAt(node, `alias *${node.source} has no anchor &${node.source} before it`);
      return;
    }
    if (target.range && node.range && target.range[0] <= node.range[0] && node.range[0] < target.range[2]) {
      issueAt(node, `alias *${node.source} is inside the collection it names`);
      return;
    }
    targets.set(node, target);
  });
  if (issues.length > 0 || aliases.length === 0) return issues;

  // Expanded size, memoised per node: an alias counts as what it names, expanded.
  const sizes = new Map<YamlNode, number>();
  const sizeOf = (node: YamlNode): number => {
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let size = 1;
    const target = targets.get(node);
    if (target !== undefined) size = sizeOf(target);
    else if (isMap(node)) {
      for (const item of node.items) {
        if (isNode(item.key)) size += sizeOf(item.key);
        if (isNode(item.value)) size += sizeOf(item.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (isNode(item)) size += sizeOf(item);
    }
    size = Math.min(size, Number.MAX_SAFE_INTEGER);
    sizes.set(node, size);
    return size;
  };
  // What the aliases add to the document, in document order: report the alias that goes over.
  let added = 0;
  for (const alias of aliases) {
    added += sizeOf(alias) - 1;
    if (added > MAX_EXPANDED_NODES) {
      issueAt(alias, `aliases expand to more than ${MAX_EXPANDED_NODES.toLocaleString("en-US")} values (an alias bomb?); write the values out`);
      break;
    }
  }
  return issues;
}
