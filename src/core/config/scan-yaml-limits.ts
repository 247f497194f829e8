import { CST, Lexer } from "yaml";

/** Where a cheap scan found the text past a limit (the first place past `depth` for nesting), and which. */
export interface LimitFinding {
  readonly offset: number;
  readonly limit: "depth" | "aliases" | "tokens";
}

/** The lexer's zero-width markers: they take no room in the source text. */
const MARKERS = new Set<string>([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);

/**
 * A linear pass over the lexer's tokens, before the (slower) parser builds
 * anything, that finds a hostile file early: more aliases than `maxAliases`
 * (exact), or nesting past `stopDepth`. Flow nesting is counted exactly;
 * block nesting from the columns of the `-`, `?` and `key:` indicators that
 * are open. That estimate is meant never to overcount (a property test checks
 * it); callers still stop at a generous depth and check the exact depth of
 * what passes. The offset reported for nesting is the first place the count
 * went past `depth`.
 */
export function scanYamlLimits(
  text: string,
  limits: { readonly depth: number; readonly stopDepth: number; readonly aliases: number; readonly tokens?: number },
): LimitFinding | null {
  let offset = 0;
  let tokens = 0;
  let flowDepth = 0;
  let aliases = 0;
  let column = 0;
  /** Column of the first token since the line start or the last indicator: where a key would begin. */
  let keyColumn: number | null = null;
  let afterScalarMarker = false;
  let firstTooDeep: number | null = null;
  const deeper = (depth: number, at: number = offset): boolean => {
    if (depth > limits.depth) firstTooDeep ??= at;
    return depth > limits.stopDepth;
  };
  /** The block collections that are open: columns never decrease; a list may sit at its parent key's column. */
  const blocks: Array<{ readonly column: number; readonly list: boolean }> = [];

  const openBlockAt = (col: number, list: boolean): number => {
    while (blocks.length > 0 && (blocks[blocks.length - 1] as { column: number }).column > col) blocks.pop();
    const top = blocks[blocks.length - 1];
    if (top === undefined || top.column < col) blocks.push({ column: col, list });
    else if (list && !top.list) blocks.push({ column: col, list });
    else if (!list && top.list) {
      // A key at the column of a list that belongs to the key above: the list is closed.
      blocks.pop();
      const parent = blocks[blocks.length - 1];
      if (parent === undefined || parent.column < col) blocks.push({ column: col, list });
    }
    return blocks.length;
  };

  for (const lexeme of new Lexer().lex(text)) {
    if (MARKERS.has(lexeme)) {
      afterScalarMarker = lexeme === CST.SCALAR;
      continue;
    }
    const type = afterScalarMarker ? "scalar" : CST.tokenType(lexeme);
    afterScalarMarker = false;
    let opened = 0;
    let openedAt = offset;
    switch (type) {
      case "newline":
        keyColumn = null;
        break;
      case "space":
      case "comment":
      case "byte-order-mark":
        break;
      case "doc-start":
      case "doc-end":
        blocks.length = 0;
        flowDepth = 0;
        keyColumn = null;
        break;
      case "flow-map-start":
      case "flow-seq-start":
        flowDepth += 1;
        keyColumn = null;
        if (deeper(flowDepth + blocks.length)) return { offset: firstTooDeep ?? offset, limit: "depth" };
        break;
      case "flow-map-end":
      case "flow-seq-end":
        flowDepth = Math.max(0, flowDepth - 1);
        break;
      case "seq-item-ind":
      case "explicit-key-ind":
        if (flowDepth === 0) opened = openBlockAt(column, type === "seq-item-ind");
        keyColumn = null;
        break;
      case "map-value-ind":
        // A block mapping sits at the column of its key (the first token since the line or the last indicator).
        if (flowDepth === 0) {
          opened = openBlockAt(keyColumn ?? column, false);
          openedAt = offset - (column - (keyColumn ?? column));
        }
        keyColumn = null;
        break;
      case "alias":
        aliases += 1;
        if (aliases > limits.aliases) return { offset, limit: "aliases" };
        keyColumn ??= column;
        break;
      default:
        keyColumn ??= column;
        break;
    }
    if (opened > 0 && deeper(opened, openedAt)) return { offset: firstTooDeep ?? offset, limit: "depth" };
    // Keys, values, indicators and line ends: the parser's cost grows with them, so a file of nothing but them is refused early.
    if (type !== "space" && type !== "comment" && limits.tokens !== undefined && ++tokens > limits.tokens) {
      return { offset, limit: "tokens" };
    }
    offset += lexeme.length;
    column = lexeme.includes("\n") ? lexeme.length - lexeme.lastIndexOf("\n") - 1 : column + lexeme.length;
  }
  return null;
}
