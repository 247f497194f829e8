import { GraphQLError, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

/** Standard connection arguments. */
export interface ConnectionArgs {
  readonly first?: number | null;
  readonly last?: number | null;
  readonly after?: string | null;
  readonly before?: string | null;
}

/** Error codes GitHub uses for pagination mistakes; the whole query then fails before execution. */
export const PAGINATION_ERROR_TYPES = new Set(["MISSING_PAGINATION_BOUNDARIES", "EXCESSIVE_PAGINATION"]);

export function encodeCursor(index: number): string {
  return Buffer.from(`cursor:v2:${index}`).toString("base64");
}

function decodeCursor(cursor: string | null | undefined): number | undefined {
  if (!cursor) return undefined;
  const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  if (!m?.[1]) throw new GraphQLError(`\`${cursor}\` does not appear to be a valid cursor.`, { extensions: { type: "INVALID_CURSOR_ARGUMENTS" } });
  return Number(m[1]);
}

function selects(set: SelectionSetNode | undefined, names: readonly string[]): boolean {
  if (!set) return false;
  for (const sel of set.selections) {
    if (sel.kind === "Field" && names.includes(sel.name.value)) return true;
    if (sel.kind === "InlineFragment" && selects(sel.selectionSet, names)) return true;
    // Fragment spreads: be conservative and assume they select nodes.
    if (sel.kind === "FragmentSpread") return true;
  }
  return false;
}

/**
 * A connection over `all`, paginated like GitHub: `first` or `last` is
 * required when nodes or edges are selected, and neither may exceed 100.
 */
export function connection<T>(
  all: readonly T[],
  args: ConnectionArgs,
  info: GraphQLResolveInfo,
  map: (item: T) => unknown,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const field = info.fieldName;
  const wantsItems = info.fieldNodes.some((n) => selects(n.selectionSet, ["nodes", "edges"]));
  const first = args.first ?? null;
  const last = args.last ?? null;
  if (wantsItems && first === null && last === null) {
    throw new GraphQLError(`You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`, {
      extensions: { type: "MISSING_PAGINATION_BOUNDARIES" },
    });
  }
  for (const [name, value] of [["first", first], ["last", last]] as const) {
    if (value !== null && value > 100) {
      throw new GraphQLError(`Requesting ${value} records on the \`${field}\` connection exceeds the \`${name}\` limit of 100 records.`, {
        extensions: { type: "EXCESSIVE_PAGINATION" },
      });
    }
    if (value !== null && value < 0) {
      throw new GraphQLError(`\`${name}\` on the \`${field}\` connection cannot be less than zero.`, { extensions: { type: "INVALID_CURSOR_ARGUMENTS" } });
    }
  }
  let start = 0;
  let end = all.length;
  const after = decodeCursor(args.after);
  const before = decodeCursor(args.before);
  if (after !== undefined) start = Math.min(all.length, after + 1);
  if (before !== undefined) end = Math.max(start, Math.min(end, before));
  if (first !== null) end = Math.min(end, start + first);
  if (last !== null) start = Math.max(start, end - last);
  const items = all.slice(start, end);
  const mapped = items.map(map);
  return {
    nodes: mapped,
    edges: mapped.map((node, i) => ({ cursor: encodeCursor(start + i), node })),
    pageInfo: {
      hasNextPage: end < all.length,
      hasPreviousPage: start > 0,
      startCursor: items.length > 0 ? encodeCursor(start) : null,
      endCursor: items.length > 0 ? encodeCursor(end - 1) : null,
    },
    totalCount: all.length,
    ...extra,
  };
}

/** A GitHub-style "not found" error (`type: NOT_FOUND`); the field resolves to null. */
export function notFoundError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type: "NOT_FOUND" } });
}

/** A GitHub-style permission error (`type: FORBIDDEN`). */
export function forbiddenError(message = "Resource not accessible by integration"): GraphQLError {
  return new GraphQLError(message, { extensions: { type: "FORBIDDEN" } });
}
