import type { EmulatorState } from "./emulator-state.js";
import type { RestUrls } from "./rest-urls.js";
import type { AppRecord, InstallationPermissions, RepoRecord, TokenRecord } from "./state-records.js";

/** Who is calling. */
export type Caller =
  | { readonly kind: "app"; readonly app: AppRecord }
  | { readonly kind: "token"; readonly token: TokenRecord }
  | { readonly kind: "anonymous" };

/** An answer of a route. */
export interface RouteResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a route handler receives. */
export interface RouteContext {
  readonly state: EmulatorState;
  readonly urls: RestUrls;
  readonly method: string;
  /** Path without `/api/v3`. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly caller: Caller;
  /** The repository named by `{owner}/{repo}`, access already checked. */
  readonly repo: RepoRecord | undefined;
  /** The full request URL (for Link headers). */
  readonly requestUrl: URL;
  /** The `Accept` header (media types such as `application/vnd.github.raw`). */
  readonly accept: string | undefined;
}

/** One permission that allows a route: the token needs at least this level. */
export type PermissionNeed = readonly [keyof InstallationPermissions, "read" | "write"];

export interface Route {
  readonly method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Template like `/repos/{owner}/{repo}/check-runs/{check_run_id}`. A `{+path}` parameter spans slashes. */
  readonly path: string;
  /** GitHub's documentation page, echoed in error bodies. */
  readonly docs: string;
  /** `jwt`: app JWT only; `token`: installation, Actions or user token (or anonymous for public reads). */
  readonly auth: "jwt" | "token";
  /** Any one of these permissions allows the call (installation and Actions tokens). */
  readonly permissions?: readonly PermissionNeed[];
  /** Authentication traffic (not counted in budgets). */
  readonly authTraffic?: boolean;
  readonly handler: (ctx: RouteContext) => RouteResult | Promise<RouteResult>;
}

/** An error answer with GitHub's body shape. */
export class GitHubHttpError extends Error {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, body: Readonly<Record<string, unknown>>, headers: Readonly<Record<string, string>> = {}) {
    super(typeof body["message"] === "string" ? body["message"] : `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

const DOCS = "https://docs.github.com";

export function docsUrl(path: string): string {
  return `${DOCS}${path}`;
}

export function notFound(docs: string): GitHubHttpError {
  return new GitHubHttpError(404, { message: "Not Found", documentation_url: docs, status: "404" });
}

export function forbiddenIntegration(docs: string): GitHubHttpError {
  return new GitHubHttpError(403, { message: "Resource not accessible by integration", documentation_url: docs, status: "403" });
}

/** One entry of a 422 `errors` array. */
export interface ValidationErrorItem {
  readonly resource: string;
  readonly field?: string;
  readonly code: "missing" | "missing_field" | "invalid" | "already_exists" | "unprocessable" | "custom";
  readonly message?: string;
}

/** `422 Validation Failed` with an `errors` array (model validation). */
export function validationFailed(docs: string, errors: readonly ValidationErrorItem[]): GitHubHttpError {
  return new GitHubHttpError(422, { message: "Validation Failed", errors, documentation_url: docs, status: "422" });
}

/** `422 Invalid request.` (request schema validation: missing or mistyped parameters). */
export function invalidRequest(docs: string, detail: string): GitHubHttpError {
  return new GitHubHttpError(422, { message: `Invalid request.\n\n${detail}`, documentation_url: docs, status: "422" });
}

/** `422` with a bare message (e.g. `No commit found for SHA: …`). */
export function unprocessable(docs: string, message: string): GitHubHttpError {
  return new GitHubHttpError(422, { message, documentation_url: docs, status: "422" });
}

/** Reads `per_page`/`page` like GitHub (per_page capped at 100, default 30). */
export function pageParams(query: URLSearchParams, defaultPerPage = 30): { perPage: number; page: number } {
  const pp = Number.parseInt(query.get("per_page") ?? "", 10);
  const pg = Number.parseInt(query.get("page") ?? "", 10);
  const perPage = Number.isFinite(pp) && pp > 0 ? Math.min(pp, 100) : defaultPerPage;
  const page = Number.isFinite(pg) && pg > 0 ? pg : 1;
  return { perPage, page };
}

/** Slices a list for the requested page and builds GitHub's `Link` header. */
export function paginate<T>(ctx: RouteContext, items: readonly T[], defaultPerPage = 30): { items: T[]; headers: Record<string, string> } {
  const { perPage, page } = pageParams(ctx.query, defaultPerPage);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (p: number, rel: string): string => {
    const u = new URL(ctx.requestUrl.href);
    u.searchParams.set("per_page", String(perPage));
    u.searchParams.set("page", String(p));
    return `<${u.href}>; rel="${rel}"`;
  };
  const parts: string[] = [];
  if (page > 1) parts.push(link(Math.min(page - 1, last), "prev"));
  if (page < last) parts.push(link(page + 1, "next"));
  if (page < last) parts.push(link(last, "last"));
  if (page > 1) parts.push(link(1, "first"));
  return { items: slice, headers: parts.length > 0 ? { link: parts.join(", ") } : {} };
}

/** The login the caller acts as (for written records). */
export function callerLogin(caller: Caller): string {
  if (caller.kind === "token") return caller.token.login;
  if (caller.kind === "app") return `${caller.app.slug}[bot]`;
  return "ghost";
}

/** The app id the caller acts for (check runs belong to an app). */
export function callerAppId(caller: Caller): number | null {
  if (caller.kind === "token") return caller.token.appId;
  return null;
}

export function ok(body: unknown, headers: Record<string, string> = {}): RouteResult {
  return { status: 200, body, headers };
}

export function created(body: unknown, headers: Record<string, string> = {}): RouteResult {
  return { status: 201, body, headers };
}

/** Body as an object, or a 400 like GitHub's "Problems parsing JSON" for non-objects. */
export function bodyObject(ctx: RouteContext): Record<string, unknown> {
  if (ctx.body === undefined || ctx.body === null) return {};
  if (typeof ctx.body !== "object" || Array.isArray(ctx.body)) {
    throw new GitHubHttpError(400, { message: "Problems parsing JSON", documentation_url: ctx.requestUrl.href, status: "400" });
  }
  return ctx.body as Record<string, unknown>;
}
