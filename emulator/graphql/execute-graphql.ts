import { recordScopeViolation, repositoryViolation } from "../request-scope.js";
import {
  execute,
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";
import type { EmulatorState } from "../emulator-state.js";
import type { RateLimitBucket } from "../rate-limiter.js";
import type { Caller } from "../rest-context.js";
import type { RestUrls } from "../rest-urls.js";
import type { RepoRecord } from "../state-records.js";
import { notFoundError, PAGINATION_ERROR_TYPES } from "./graphql-connection.js";
import { nodeById, organizationNode, repoNode, userNode, type GraphqlContext } from "./graphql-nodes.js";
import { loadGithubSchema } from "./load-github-schema.js";
import { searchIssues } from "./search-merged-pulls.js";

/** A GraphQL request body. */
export interface GraphqlRequest {
  readonly query?: unknown;
  readonly variables?: unknown;
  readonly operationName?: unknown;
}

/** The outcome of one GraphQL request. */
export interface GraphqlResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** Operation name for the request log ("anonymous" when unnamed). */
  readonly operationName: string;
  /** Rate-limit points spent. */
  readonly cost: number;
}

export interface GraphqlEnvironment {
  readonly state: EmulatorState;
  readonly urls: RestUrls;
  readonly caller: Caller;
  readonly canRead: (repo: RepoRecord) => boolean;
  /** Spends points; undefined when the limit is exhausted. */
  readonly spend: (cost: number) => RateLimitBucket | undefined;
  readonly peek: () => RateLimitBucket;
}

/** Strict default resolver: a field our objects do not carry is an error, never a silent null. */
const strictResolver: GraphQLFieldResolver<unknown, GraphqlContext> = (source, args, ctx, info) => {
  if (source === null || typeof source !== "object") return undefined;
  const obj = source as Record<string, unknown>;
  if (!(info.fieldName in obj)) {
    throw new GraphQLError(`The GitHub emulator does not implement ${info.parentType.name}.${info.fieldName}`, {
      extensions: { type: "EMULATOR_UNSUPPORTED" },
    });
  }
  const v = obj[info.fieldName];
  return typeof v === "function" ? (v as (a: unknown, c: unknown, i: unknown) => unknown)(args, ctx, info) : v;
};

function literal(node: ValueNode | undefined, variables: Record<string, unknown>): number | undefined {
  if (!node) return undefined;
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const v = variables[node.name.value];
    return typeof v === "number" ? v : undefined;
  }
  return undefined;
}

/**
 * GitHub's rate-limit cost: the number of requests needed to fill every
 * connection (each `first`/`last` multiplied by its parents'), divided by
 * 100 and rounded, at least 1. Also returns the node count.
 */
export function estimateCost(doc: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): { cost: number; nodeCount: number } {
  const op = getOperationAST(doc, operationName);
  if (!op) return { cost: 1, nodeCount: 0 };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let requests = 0;
  let nodes = 0;
  const walk = (set: SelectionSetNode | undefined, multiplier: number, depth: number): void => {
    if (!set || depth > 50) return;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const size =
          literal(sel.arguments?.find((a) => a.name.value === "first")?.value, variables) ??
          literal(sel.arguments?.find((a) => a.name.value === "last")?.value, variables);
        if (size !== undefined) {
          requests += multiplier;
          nodes += multiplier * size;
          walk(sel.selectionSet, multiplier * Math.max(1, size), depth + 1);
        } else walk(sel.selectionSet, multiplier, depth + 1);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet, multiplier, depth + 1);
      else walk(fragments.get(sel.name.value)?.selectionSet, multiplier, depth + 1);
    }
  };
  walk(op.selectionSet, 1, 0);
  return { cost: Math.max(1, Math.round(requests / 100)), nodeCount: nodes };
}

function githubError(e: GraphQLError): Record<string, unknown> {
  const type = e.extensions["type"];
  const undefinedField = /^Cannot query field "([^"]+)" on type "([^"]+)"\./.exec(e.message);
  if (undefinedField) {
    return {
      path: e.path ?? ["query"],
      extensions: { code: "undefinedField", typeName: undefinedField[2], fieldName: undefinedField[1] },
      locations: e.locations,
      message: `Field '${undefinedField[1] ?? ""}' doesn't exist on type '${undefinedField[2] ?? ""}'`,
    };
  }
  return {
    ...(typeof type === "string" ? { type } : {}),
    ...(e.path ? { path: e.path } : {}),
    ...(e.locations ? { locations: e.locations } : {}),
    message: e.message,
  };
}

function rootValue(env: GraphqlEnvironment, cost: number, nodeCount: number): Record<string, unknown> {
  const { state, urls, caller } = env;
  return {
    repository: (args: Record<string, unknown>, ctx: GraphqlContext) => {
      const full = `${String(args["owner"])}/${String(args["name"])}`;
      if (state.scopeGuard) {
        const violation = repositoryViolation(state, "POST", "/graphql repository()", full);
        if (violation !== null) recordScopeViolation(violation);
      }
      const repo = state.repo(full);
      if (!repo || !ctx.canRead(repo)) throw notFoundError(`Could not resolve to a Repository with the name '${full}'.`);
      return repoNode(ctx, repo);
    },
    organization: (args: Record<string, unknown>, ctx: GraphqlContext) => {
      const org = state.user(String(args["login"]));
      if (!org || org.type !== "Organization") throw notFoundError(`Could not resolve to an Organization with the login of '${String(args["login"])}'.`);
      return organizationNode(ctx, org);
    },
    user: (args: Record<string, unknown>) => {
      const u = state.user(String(args["login"]));
      if (!u || u.type !== "User") throw notFoundError(`Could not resolve to a User with the login of '${String(args["login"])}'.`);
      return userNode(urls, u);
    },
    viewer: () => {
      const login = caller.kind === "token" ? caller.token.login : "ghost";
      // `viewer` is a User: for a bot token GitHub answers the login with its `[bot]` suffix
      // (`github-actions[bot]`, `<app-slug>[bot]`), as REST names comment authors.
      const user = state.ensureUser(login);
      return { ...userNode(urls, user), login: user.login };
    },
    rateLimit: () => {
      const b = env.peek();
      return { cost, limit: b.limit, remaining: b.remaining, used: b.used, resetAt: new Date(b.reset * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"), nodeCount };
    },
    node: (args: Record<string, unknown>, ctx: GraphqlContext) => nodeById(ctx, String(args["id"])),
    nodes: (args: Record<string, unknown>, ctx: GraphqlContext) => ((args["ids"] as string[] | undefined) ?? []).map((id) => nodeById(ctx, id)),
    search: searchIssues,
  };
}

/** GitHub refuses queries that could return more than 500,000 nodes. */
const MAX_NODES = 500_000;

type Prepared = { kind: "syntax"; error: GraphQLError } | { kind: "ok"; doc: DocumentNode; errors: readonly GraphQLError[] };

/** Parsed and validated documents by query text (clients send the same few queries over and over). */
const preparedCache = new Map<string, Prepared>();

function prepare(query: string): Prepared {
  const hit = preparedCache.get(query);
  if (hit) return hit;
  let result: Prepared;
  try {
    const doc = parse(query);
    result = { kind: "ok", doc, errors: validate(loadGithubSchema(), doc) };
  } catch (e) {
    result = { kind: "syntax", error: e instanceof GraphQLError ? e : new GraphQLError(String(e)) };
  }
  if (preparedCache.size >= 500) preparedCache.clear();
  preparedCache.set(query, result);
  return result;
}

/** Parses, validates against GitHub's schema, prices and executes one GraphQL request. */
export async function executeGraphql(env: GraphqlEnvironment, request: GraphqlRequest): Promise<GraphqlResponse> {
  const schema = loadGithubSchema();
  if (typeof request.query !== "string") {
    return { status: 200, body: { errors: [{ message: "A query attribute must be specified and must be a string." }] }, operationName: "anonymous", cost: 0 };
  }
  const variables = (request.variables && typeof request.variables === "object" ? request.variables : {}) as Record<string, unknown>;
  const opName = typeof request.operationName === "string" ? request.operationName : undefined;
  const prepared = prepare(request.query);
  if (prepared.kind === "syntax") {
    return { status: 200, body: { errors: [githubError(prepared.error)] }, operationName: "anonymous", cost: 0 };
  }
  const doc = prepared.doc;
  const operationName = opName ?? getOperationAST(doc, undefined)?.name?.value ?? "anonymous";
  if (prepared.errors.length > 0) {
    return { status: 200, body: { errors: prepared.errors.map(githubError) }, operationName, cost: 0 };
  }
  const { cost, nodeCount } = estimateCost(doc, opName, variables);
  if (nodeCount > MAX_NODES) {
    return {
      status: 200,
      body: { errors: [{ type: "MAX_NODE_LIMIT_EXCEEDED", message: `This query requests up to ${nodeCount.toLocaleString("en-US")} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString("en-US")}.` }] },
      operationName,
      cost: 0,
    };
  }
  const bucket = env.spend(cost);
  if (!bucket) {
    return {
      status: 200,
      body: { errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded for this installation." }] },
      operationName,
      cost: 0,
    };
  }
  const context: GraphqlContext = {
    state: env.state,
    urls: env.urls,
    caller: env.caller,
    canRead: env.canRead,
    rateLimit: bucket,
    cost,
    nodeCount,
  };
  const result = await execute({
    schema,
    document: doc,
    rootValue: rootValue(env, cost, nodeCount),
    contextValue: context,
    variableValues: variables,
    operationName: opName ?? null,
    fieldResolver: strictResolver,
  });
  const errors = result.errors ?? [];
  const pagination = errors.filter((e) => PAGINATION_ERROR_TYPES.has(String(e.extensions["type"])));
  if (pagination.length > 0) {
    // GitHub rejects these before executing anything: no data at all.
    return { status: 200, body: { errors: pagination.map(githubError) }, operationName, cost };
  }
  const body: Record<string, unknown> = { data: result.data ?? null };
  if (errors.length > 0) body["errors"] = errors.map(githubError);
  return { status: 200, body, operationName, cost };
}
