import { createHash, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { verifyAppJwt } from "./app-auth.js";
import type { EmulatorState } from "./emulator-state.js";
import type { FaultDecision, FaultInjector } from "./fault-injector.js";
import { executeGraphql, type GraphqlRequest } from "./graphql/execute-graphql.js";
import { rateLimitHeaders, type RateLimiter, type RateLimitBucket, type RateLimits } from "./rate-limiter.js";
import type { RequestLog } from "./request-log.js";
import { docsUrl, forbiddenIntegration, GitHubHttpError, notFound, type Caller, type RouteResult } from "./rest-context.js";
import type { RestUrls } from "./rest-urls.js";
import { findScopeViolation, recordScopeViolation } from "./request-scope.js";
import type { RouteTable } from "./route-table.js";
import type { InstallationPermissions, RepoRecord, TokenRecord } from "./state-records.js";

/** Everything the request handler works with. */
export interface HandlerDeps {
  readonly state: EmulatorState;
  readonly routes: RouteTable;
  readonly log: RequestLog;
  readonly faults: FaultInjector;
  readonly limiter: RateLimiter;
  readonly urls: () => RestUrls;
}

const LEVEL: Record<string, number> = { read: 1, write: 2 };
const GRAPHQL_DOCS = "https://docs.github.com/graphql";
const SECONDARY_MESSAGE =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ";

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function authenticate(state: EmulatorState, header: string | undefined): Caller | GitHubHttpError {
  if (!header) return { kind: "anonymous" };
  const m = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header);
  if (!m?.[1]) return new GitHubHttpError(401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" });
  const credential = m[1];
  if (/^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(credential)) {
    const check = verifyAppJwt(credential, (id) => state.apps.get(id)?.publicKey);
    if (!check.ok) return new GitHubHttpError(401, { message: check.message, documentation_url: "https://docs.github.com/rest", status: "401" });
    const app = state.apps.get(check.appId);
    if (!app) return new GitHubHttpError(401, { message: "A JSON web token could not be decoded", documentation_url: "https://docs.github.com/rest", status: "401" });
    return { kind: "app", app };
  }
  const token = state.tokens.get(credential);
  if (!token || token.expiresAt <= Date.now()) {
    return new GitHubHttpError(401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" });
  }
  return { kind: "token", token };
}

/** Whether a token may reach a repository at all (installation scope, privacy). */
export function tokenReaches(state: EmulatorState, caller: Caller, repo: RepoRecord): boolean {
  if (caller.kind === "anonymous") return !repo.private;
  if (caller.kind === "app") return false;
  const t = caller.token;
  if (t.repos !== null && !t.repos.has(repo.fullName.toLowerCase())) return repo.private ? false : t.kind !== "installation";
  if (t.kind === "installation") {
    const inst = t.installationId === null ? undefined : state.installations.get(t.installationId);
    if (!inst) return false;
    if (t.repos !== null) return true;
    return inst.account.toLowerCase() === repo.owner.toLowerCase() && (inst.repositorySelection === "all" || inst.repos.has(repo.fullName.toLowerCase()));
  }
  if (t.kind === "user") return !repo.private || state.permissionOf(repo.fullName, t.login) !== "none";
  return true;
}

function hasPermission(token: TokenRecord, needs: readonly (readonly [keyof InstallationPermissions, "read" | "write"])[]): boolean {
  return needs.some(([perm, level]) => {
    if (perm === "metadata" && level === "read") return true;
    const have = token.permissions[perm];
    return have !== undefined && (LEVEL[have] ?? 0) >= (LEVEL[level] ?? 3);
  });
}

function callerKey(caller: Caller, req: IncomingMessage): { key: string; kind: keyof RateLimits } {
  if (caller.kind === "token") {
    const t = caller.token;
    if (t.kind === "installation") return { key: `inst:${t.installationId ?? 0}`, kind: "installation" };
    if (t.kind === "actions") return { key: `actions:${t.token}`, kind: "actions" };
    return { key: `user:${t.login.toLowerCase()}`, kind: "user" };
  }
  if (caller.kind === "app") return { key: `app:${caller.app.id}`, kind: "installation" };
  return { key: `anon:${req.socket.remoteAddress ?? ""}`, kind: "anonymous" };
}

function faultResponse(fault: FaultDecision, graphql: boolean): RouteResult {
  const requestId = randomUUID().toUpperCase();
  const retry = fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {};
  switch (fault.status) {
    case 500:
      return { status: 500, body: { message: "Server Error" } };
    case 502:
      return {
        status: 502,
        body: Buffer.from("<html><body><h1>502 Bad Gateway</h1>\nThe server returned an invalid or incomplete response.\n</body></html>\n"),
        headers: { "content-type": "text/html" },
      };
    case 503:
      return { status: 503, body: { message: "Service Unavailable" }, headers: retry };
    case 429:
      return {
        status: 429,
        body: { message: SECONDARY_MESSAGE + requestId + ".", documentation_url: docsUrl("/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits") },
        headers: retry,
      };
    case "403-secondary":
      return {
        status: 403,
        body: { message: SECONDARY_MESSAGE + requestId + ".", documentation_url: docsUrl("/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits") },
        headers: retry,
      };
    case "403-primary": {
      const reset = Math.ceil(Date.now() / 1000) + (fault.retryAfter ?? 60);
      return {
        status: 403,
        body: graphql
          ? { errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded for installation." }] }
          : { message: "API rate limit exceeded for installation.", documentation_url: docsUrl("/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits") },
        headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset), "x-ratelimit-used": "5000", "x-ratelimit-limit": "5000" },
      };
    }
    default:
      return { status: 500, body: { message: "Server Error" } };
  }
}

function etagOf(payload: Buffer): string {
  return `W/"${createHash("sha1").update(payload).digest("hex")}"`;
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (s: string): string => s.trim().replace(/^W\//, "");
  return header.split(",").some((h) => h.trim() === "*" || strip(h) === strip(etag));
}

/** Builds the Node request listener of the emulator. */
export function createRequestHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ message: "Server Error", emulator_error: String(err instanceof Error ? err.stack : err) }));
      } else res.destroy();
    });
  };
}

async function handle(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const urls = deps.urls();
  const requestUrl = new URL(req.url ?? "/", urls.web);
  const method = (req.method ?? "GET").toUpperCase();
  let path = requestUrl.pathname;
  const graphql = path === "/api/graphql" || path === "/graphql";
  if (path.startsWith("/api/v3/") || path === "/api/v3") path = path.slice("/api/v3".length) || "/";
  const logPath = graphql ? "/graphql" : path;
  if (deps.state.scopeGuard) {
    const violation = findScopeViolation(deps.state, method, graphql ? "/graphql" : path, requestUrl.searchParams, req.url ?? "/");
    if (violation !== null) recordScopeViolation(violation);
  }
  const bodyBuf = await readBody(req);
  const match = graphql ? undefined : deps.routes.match(method, path);
  const authTraffic = typeof match === "object" && match.route.authTraffic === true;
  const writeQueue = graphql || !["GET", "HEAD"].includes(method);
  let graphqlOperation: string | undefined;
  let graphqlPoints = 0;
  let installation: number | null = null;

  const finish = (status: number, faulted: boolean): void => {
    deps.log.add({
      method,
      path: logPath,
      query: requestUrl.search,
      ...(graphql ? { graphqlOperation: graphqlOperation ?? "anonymous", graphqlPoints } : {}),
      status,
      writeQueue,
      auth: authTraffic,
      faulted,
      installation,
      at: started,
      durationMs: Date.now() - started,
    });
  };

  const send = (result: RouteResult, extraHeaders: Record<string, string>, faulted: boolean): void => {
    const headers: Record<string, string> = {
      "x-github-media-type": "github.v3; format=json",
      "x-github-api-version-selected": "2022-11-28",
      "x-github-request-id": randomUUID().toUpperCase(),
      "x-github-enterprise-version": "3.19.0",
      ...extraHeaders,
      ...(result.headers ?? {}),
    };
    let payload: Buffer | undefined;
    if (Buffer.isBuffer(result.body)) payload = result.body;
    else if (result.body !== undefined) {
      payload = Buffer.from(JSON.stringify(result.body));
      headers["content-type"] ??= "application/json; charset=utf-8";
    }
    let status = result.status;
    if (method === "GET" && status === 200 && payload) {
      const etag = etagOf(payload);
      headers["etag"] = etag;
      if (etagMatches(req.headers["if-none-match"], etag)) {
        status = 304;
        payload = undefined;
        delete headers["content-type"];
      }
    }
    if (payload) headers["content-length"] = String(payload.length);
    res.writeHead(status, headers);
    res.end(payload);
    finish(status, faulted);
  };

  // 1. Faults come first, as a failing load balancer would (or last: a write processed, its answer lost).
  const decided = deps.faults.decide(method, logPath, graphql);
  const lateFault = decided?.afterProcessing === true && !graphql ? decided : undefined;
  const fault = lateFault === undefined ? decided : undefined;
  const delayed = fault?.delayMs !== undefined;
  if (fault?.delayMs) await sleep(fault.delayMs);
  if (fault?.drop) {
    req.socket.destroy();
    finish(0, true);
    return;
  }
  if (fault?.status !== undefined) {
    send(faultResponse(fault, graphql), {}, true);
    return;
  }

  // 2. Authentication.
  const caller = authenticate(deps.state, req.headers.authorization);
  if (caller instanceof GitHubHttpError) {
    send({ status: caller.status, body: caller.body }, {}, delayed);
    return;
  }
  if (caller.kind === "token" && caller.token.kind === "installation") installation = caller.token.installationId;
  const { key, kind } = callerKey(caller, req);

  // 3. GraphQL.
  if (graphql) {
    if (method !== "POST") {
      send({ status: 404, body: { message: "Not Found", documentation_url: GRAPHQL_DOCS } }, {}, delayed);
      return;
    }
    if (caller.kind !== "token") {
      send({ status: 401, body: { message: "This endpoint requires you to be authenticated.", documentation_url: `${GRAPHQL_DOCS}/guides/forming-calls-with-graphql#authenticating-with-graphql` } }, {}, delayed);
      return;
    }
    let request: GraphqlRequest;
    try {
      request = JSON.parse(bodyBuf.toString("utf8") || "{}") as GraphqlRequest;
    } catch {
      send({ status: 400, body: { message: "Problems parsing JSON", documentation_url: GRAPHQL_DOCS } }, {}, delayed);
      return;
    }
    let bucket: RateLimitBucket = deps.limiter.peek(key, kind, "graphql");
    const response = await executeGraphql(
      {
        state: deps.state,
        urls,
        caller,
        canRead: (repo) => tokenReaches(deps.state, caller, repo),
        spend: (cost) => {
          const b = deps.limiter.spend(key, kind, "graphql", cost);
          if (b) bucket = b;
          return b;
        },
        peek: () => bucket,
      },
      request,
    );
    graphqlOperation = response.operationName;
    graphqlPoints = response.cost;
    send({ status: response.status, body: response.body }, rateLimitHeaders(bucket), delayed);
    return;
  }

  // 4. REST.
  if (path === "/rate_limit" && method === "GET") {
    const core = deps.limiter.peek(key, kind, "core");
    const gql = deps.limiter.peek(key, kind, "graphql");
    const view = (b: RateLimitBucket): Record<string, number> => ({ limit: b.limit, used: b.used, remaining: b.remaining, reset: b.reset });
    send({ status: 200, body: { resources: { core: view(core), graphql: view(gql) }, rate: view(core) } }, rateLimitHeaders(core), delayed);
    return;
  }
  if (match === undefined) {
    send({ status: 404, body: { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" } }, {}, delayed);
    return;
  }
  if (match === "method-not-allowed") {
    send({ status: 404, body: { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" } }, {}, delayed);
    return;
  }
  const { route, params } = match;
  const coreBefore = deps.limiter.peek(key, kind, "core");
  if (caller.kind !== "app" && coreBefore.remaining <= 0) {
    send(
      {
        status: 403,
        body: { message: `API rate limit exceeded for ${kind === "installation" ? "installation" : "user"}.`, documentation_url: docsUrl("/rest/overview/rate-limits-for-the-rest-api") },
      },
      rateLimitHeaders(coreBefore),
      delayed,
    );
    return;
  }
  let result: RouteResult;
  try {
    if (route.auth === "jwt" && caller.kind !== "app") {
      throw new GitHubHttpError(401, { message: "A JSON web token could not be decoded", documentation_url: route.docs, status: "401" });
    }
    if (route.auth === "token" && caller.kind === "app") throw forbiddenIntegration(route.docs);
    let repo: RepoRecord | undefined;
    if (route.auth === "token" && params["owner"] !== undefined && params["repo"] !== undefined) {
      repo = deps.state.repo(`${params["owner"]}/${params["repo"]}`);
      if (!repo || !tokenReaches(deps.state, caller, repo)) throw notFound(route.docs);
      const writing = method !== "GET";
      if (caller.kind === "anonymous" && writing) {
        throw new GitHubHttpError(401, { message: "Requires authentication", documentation_url: route.docs, status: "401" });
      }
      if (caller.kind === "token" && caller.token.kind === "user") {
        const perm = deps.state.permissionOf(repo.fullName, caller.token.login);
        if (writing && !["admin", "maintain", "write"].includes(perm)) throw notFound(route.docs);
      }
    }
    if (caller.kind === "token" && caller.token.kind !== "user" && route.permissions && !hasPermission(caller.token, route.permissions)) {
      const denied = forbiddenIntegration(route.docs);
      // GitHub names the permissions that would have worked.
      const accepted = route.permissions.map(([perm, level]) => `${perm}=${level}`).join("; ");
      throw new GitHubHttpError(denied.status, denied.body, { "x-accepted-github-permissions": accepted });
    }
    if (method !== "GET" && caller.kind === "token") {
      const wait = deps.limiter.admitWrite(key);
      if (wait !== undefined) {
        const s = faultResponse({ status: "403-secondary", retryAfter: wait }, false);
        throw new GitHubHttpError(s.status, s.body as Record<string, unknown>, s.headers ?? {});
      }
    }
    let body: unknown;
    if (bodyBuf.length > 0) {
      try {
        body = JSON.parse(bodyBuf.toString("utf8"));
      } catch {
        throw new GitHubHttpError(400, { message: "Problems parsing JSON", documentation_url: route.docs, status: "400" });
      }
    }
    result = await route.handler({
      state: deps.state,
      urls,
      method,
      path,
      params,
      query: requestUrl.searchParams,
      body,
      caller,
      repo,
      requestUrl,
      accept: req.headers.accept,
    });
  } catch (err) {
    if (!(err instanceof GitHubHttpError)) throw err;
    result = { status: err.status, body: err.body, headers: err.headers };
  }
  // 304s do not count against the rate limit; app JWT calls have their own budget.
  let bucket = coreBefore;
  const ifNoneMatch = req.headers["if-none-match"];
  const notModified =
    ifNoneMatch !== undefined &&
    method === "GET" &&
    result.status === 200 &&
    etagMatches(ifNoneMatch, etagOf(Buffer.isBuffer(result.body) ? result.body : Buffer.from(JSON.stringify(result.body))));
  if (caller.kind !== "app" && !notModified) bucket = deps.limiter.spend(key, kind, "core", 1) ?? coreBefore;
  if (lateFault !== undefined) {
    if (lateFault.delayMs) await sleep(lateFault.delayMs);
    if (lateFault.drop === true || lateFault.status === undefined) {
      req.socket.destroy();
      finish(0, true);
      return;
    }
    send(faultResponse(lateFault, false), {}, true);
    return;
  }
  send(result, caller.kind === "app" ? {} : rateLimitHeaders(bucket), delayed);
}
