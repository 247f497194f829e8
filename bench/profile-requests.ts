import type { BaselineCall } from "./baseline-app.js";
import type { RecordedRequest, RequestRecorder } from "./record-api-requests.js";

/** The API requests of one evaluation (or one window), auth traffic excluded. */
export interface RequestProfile {
  readonly total: number;
  /** POST/PATCH/PUT/DELETE and GraphQL: what waits in Probot's one-a-second write queue. */
  readonly writeQueue: number;
  readonly gets: number;
  readonly graphql: number;
  /** GETs answered 304 Not Modified (free on GitHub). */
  readonly notModified: number;
  /** Content-creating REST requests (POST/PATCH/PUT/DELETE, GraphQL excluded): GitHub's "one write a second". */
  readonly writes: number;
  readonly checkRunWrites: number;
  /** Rate-limit points spent, from the answers' `x-ratelimit-used` (GraphQL points; REST requests that count). */
  readonly graphqlPoints: number;
  readonly restPoints: number;
  /** The calls in order, as the baseline app replays them. */
  readonly calls: readonly BaselineCall[];
}

function maxUsed(records: readonly RecordedRequest[], resource: string): number {
  let max = 0;
  for (const r of records) if (r.resource === resource && r.used !== null && r.used > max) max = r.used;
  return max;
}

/**
 * Counts `records` (one installation's requests in a window); `earlier` are
 * that installation's requests before the window, so that rate-limit points
 * are the increase of `x-ratelimit-used` across the window.
 */
export function profileRequests(records: readonly RecordedRequest[], earlier: readonly RecordedRequest[] = []): RequestProfile {
  const api = records.filter((r) => !r.auth).sort((a, b) => a.startMs - b.startMs);
  return {
    total: api.length,
    writeQueue: api.filter((r) => r.writeQueue).length,
    gets: api.filter((r) => r.method === "GET").length,
    graphql: api.filter((r) => r.graphql).length,
    notModified: api.filter((r) => r.status === 304).length,
    writes: api.filter((r) => !r.graphql && r.method !== "GET" && r.method !== "HEAD").length,
    checkRunWrites: api.filter((r) => r.checkRunWrite).length,
    graphqlPoints: Math.max(0, maxUsed(api, "graphql") - maxUsed(earlier, "graphql")),
    restPoints: Math.max(0, maxUsed(api, "core") - maxUsed(earlier, "core")),
    calls: api.map((r): BaselineCall => (r.graphql ? "graphql" : r.method === "GET" ? "get" : r.method === "PATCH" ? "patch" : "post")),
  };
}

/**
 * Waits until an installation has had no request for `quietMs` and nothing
 * is in flight (at most `capMs`); returns false on the cap.
 */
export async function waitQuiet(recorder: RequestRecorder, installation: number | undefined, quietMs: number, capMs: number): Promise<boolean> {
  const started = performance.now();
  for (;;) {
    const now = performance.now();
    if (recorder.inFlight(installation) === 0 && now - recorder.lastActivityMs(installation) >= quietMs) return true;
    if (now - started >= capMs) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}
