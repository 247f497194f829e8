/** One request the emulator answered. */
export interface LoggedRequest {
  readonly method: string;
  /** Path without the `/api/v3` prefix and without the query string (GraphQL: `/graphql`). */
  readonly path: string;
  readonly query: string;
  /** GraphQL operation name (or "anonymous"), for GraphQL requests. */
  readonly graphqlOperation?: string;
  /** Rate-limit points this GraphQL request spent (GitHub's formula), for GraphQL requests. */
  readonly graphqlPoints?: number;
  readonly status: number;
  /**
   * True for requests that Probot's throttling puts in its one-per-second
   * write queue: POST, PATCH, PUT, DELETE and every GraphQL request.
   */
  readonly writeQueue: boolean;
  /** Authentication traffic (app JWT endpoints, token exchange), which benchmarks exclude. */
  readonly auth: boolean;
  /** True when a fault was injected into this request. */
  readonly faulted: boolean;
  /** The installation whose token sent it; null for app JWTs, user tokens and anonymous or refused callers. */
  readonly installation: number | null;
  /** Epoch ms when the request arrived (real time). */
  readonly at: number;
  readonly durationMs: number;
}

/** Filter for counting requests; every given field must match. */
export interface RequestFilter {
  readonly method?: string;
  /** A regular expression (or plain substring) tested against the path. */
  readonly path?: RegExp | string;
  readonly graphql?: boolean;
  readonly writeQueue?: boolean;
  readonly auth?: boolean;
  readonly status?: number;
  readonly faulted?: boolean;
}

/** Totals over the log (auth traffic counted separately and left out of the other totals). */
export interface RequestSummary {
  /** Every non-auth request. */
  readonly total: number;
  readonly rest: number;
  readonly graphql: number;
  /** Non-auth requests that enter the write queue (POST/PATCH/PUT/DELETE/GraphQL). */
  readonly writeQueue: number;
  /** Non-auth GET requests. */
  readonly gets: number;
  /** Non-auth GETs answered 304 Not Modified. */
  readonly notModified: number;
  readonly auth: number;
  readonly faulted: number;
}

/** The emulator's request log, with counters for budgets and benchmarks. */
export class RequestLog {
  #entries: LoggedRequest[] = [];

  add(entry: LoggedRequest): void {
    this.#entries.push(entry);
  }

  /** A copy of every logged request, oldest first. */
  entries(filter: RequestFilter = {}): LoggedRequest[] {
    return this.#entries.filter((e) => matches(e, filter));
  }

  count(filter: RequestFilter = {}): number {
    let n = 0;
    for (const e of this.#entries) if (matches(e, filter)) n++;
    return n;
  }

  summary(): RequestSummary {
    let total = 0;
    let graphql = 0;
    let writeQueue = 0;
    let gets = 0;
    let notModified = 0;
    let auth = 0;
    let faulted = 0;
    for (const e of this.#entries) {
      if (e.faulted) faulted++;
      if (e.auth) {
        auth++;
        continue;
      }
      total++;
      if (e.graphqlOperation !== undefined) graphql++;
      if (e.writeQueue) writeQueue++;
      if (e.method === "GET") gets++;
      if (e.status === 304) notModified++;
    }
    return { total, rest: total - graphql, graphql, writeQueue, gets, notModified, auth, faulted };
  }

  reset(): void {
    this.#entries = [];
  }
}

function matches(e: LoggedRequest, f: RequestFilter): boolean {
  if (f.method !== undefined && e.method !== f.method.toUpperCase()) return false;
  if (f.path !== undefined) {
    if (typeof f.path === "string" ? !e.path.includes(f.path) : !f.path.test(e.path)) return false;
  }
  if (f.graphql !== undefined && (e.graphqlOperation !== undefined) !== f.graphql) return false;
  if (f.writeQueue !== undefined && e.writeQueue !== f.writeQueue) return false;
  if (f.auth !== undefined && e.auth !== f.auth) return false;
  if (f.status !== undefined && e.status !== f.status) return false;
  if (f.faulted !== undefined && e.faulted !== f.faulted) return false;
  return true;
}
