import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One API request that passed through the recorder, tagged with the installation whose token sent it. */
export interface RecordedRequest {
  /** The installation whose token (or token exchange) it was; null for app-JWT calls and anonymous ones. */
  readonly installation: number | null;
  readonly method: string;
  /** Path without `/api/v3` and the query string; GraphQL is `/graphql`. */
  readonly path: string;
  readonly graphql: boolean;
  /** POST, PATCH, PUT, DELETE and every GraphQL request: what Probot's throttling serialises one a second. */
  readonly writeQueue: boolean;
  /** App JWT calls and token exchanges: budgets exclude them (as the emulator's log does). */
  readonly auth: boolean;
  /** A check-run create or update. */
  readonly checkRunWrite: boolean;
  readonly status: number;
  /** performance.now() when the request arrived and when its answer was sent. */
  readonly startMs: number;
  readonly endMs: number;
  /** `x-ratelimit-resource` and `x-ratelimit-used` of the answer (GitHub counts per installation and resource). */
  readonly resource: string | null;
  readonly used: number | null;
}

/** Filter over recorded requests. */
export interface RecordFilter {
  readonly installation?: number;
  /** Only requests that arrived at or after this performance.now() time. */
  readonly sinceMs?: number;
  readonly untilMs?: number;
}

/** A loopback HTTP relay in front of the emulator that knows which installation sent each request. */
export interface RequestRecorder {
  /** `127.0.0.1:PORT`: give it to Probot as `GHE_HOST`. */
  readonly host: string;
  readonly port: number;
  /** Recorded requests (auth traffic included; filter on `auth`). */
  records(filter?: RecordFilter): RecordedRequest[];
  /** performance.now() of the newest request of an installation (or of any), -Infinity when none. */
  lastActivityMs(installation?: number): number;
  /** Requests of an installation (or of any) forwarded but not answered yet. */
  inFlight(installation?: number): number;
  close(): Promise<void>;
}

const ACCESS_TOKENS = /^\/app\/installations\/(\d+)\/access_tokens$/;

function apiPath(url: string): string {
  const path = new URL(url, "http://relay.invalid").pathname;
  if (path === "/api/graphql" || path === "/graphql") return "/graphql";
  return path.startsWith("/api/v3") ? path.slice("/api/v3".length) || "/" : path;
}

function bearer(headers: IncomingHttpHeaders): string | null {
  const value = headers.authorization;
  if (value === undefined) return null;
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(value);
  return match?.[1] ?? null;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

/**
 * Starts a relay on 127.0.0.1 that forwards every request to the emulator
 * unchanged and records it. Installation tokens are learned from the token
 * exchange answers, so each request is attributed to its installation: the
 * bench can run evaluations of different installations at once and still
 * count each one's requests exactly. Adds well under a millisecond per
 * request on loopback.
 */
export async function startRequestRecorder(target: { readonly port: number }): Promise<RequestRecorder> {
  const tokens = new Map<string, number>();
  const recorded: RecordedRequest[] = [];
  const last = new Map<number | "any", number>();
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const pending = new Map<number | "any", number>();
  const bump = (key: number | "any", by: number): void => {
    pending.set(key, (pending.get(key) ?? 0) + by);
  };

  const server: Server = createServer((req, res) => {
    const startMs = performance.now();
    const method = (req.method ?? "GET").toUpperCase();
    const path = apiPath(req.url ?? "/");
    const token = bearer(req.headers);
    const exchange = ACCESS_TOKENS.exec(path);
    const isJwt = token !== null && token.startsWith("eyJ");
    let installation: number | null = exchange?.[1] !== undefined ? Number(exchange[1]) : token === null ? null : (tokens.get(token) ?? null);
    const pendingKey = installation;
    bump("any", 1);
    if (pendingKey !== null) bump(pendingKey, 1);
    void (async () => {
      const body = await readAll(req);
      const headers = { ...req.headers, host: `127.0.0.1:${target.port}` };
      const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
        const out = httpRequest({ host: "127.0.0.1", port: target.port, method, path: req.url, headers, agent }, resolve);
        out.on("error", reject);
        out.end(body);
      });
      const answer = await readAll(upstream);
      if (exchange !== null && upstream.statusCode === 201) {
        try {
          const parsed = JSON.parse(answer.toString("utf8")) as { token?: string };
          if (typeof parsed.token === "string" && installation !== null) tokens.set(parsed.token, installation);
        } catch {
          // not JSON: nothing to learn
        }
      }
      if (isJwt && exchange === null) installation = null;
      const graphql = path === "/graphql";
      const usedHeader = upstream.headers["x-ratelimit-used"];
      const resourceHeader = upstream.headers["x-ratelimit-resource"];
      res.writeHead(upstream.statusCode ?? 502, upstream.headers);
      res.end(answer);
      const endMs = performance.now();
      recorded.push({
        installation,
        method,
        path,
        graphql,
        writeQueue: graphql || (method !== "GET" && method !== "HEAD"),
        auth: isJwt || exchange !== null,
        checkRunWrite: (method === "POST" && /\/check-runs$/.test(path)) || (method === "PATCH" && /\/check-runs\/\d+$/.test(path)),
        status: upstream.statusCode ?? 0,
        startMs,
        endMs,
        resource: typeof resourceHeader === "string" ? resourceHeader : null,
        used: typeof usedHeader === "string" ? Number(usedHeader) : null,
      });
      last.set("any", startMs);
      if (installation !== null) last.set(installation, startMs);
    })()
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
        res.end(`relay error: ${String(error)}`);
      })
      .finally(() => {
        bump("any", -1);
        if (pendingKey !== null) bump(pendingKey, -1);
      });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    port,
    records(filter = {}) {
      return recorded.filter(
        (r) =>
          (filter.installation === undefined || r.installation === filter.installation) &&
          (filter.sinceMs === undefined || r.startMs >= filter.sinceMs) &&
          (filter.untilMs === undefined || r.startMs <= filter.untilMs),
      );
    },
    lastActivityMs: (installation) => last.get(installation ?? "any") ?? -Infinity,
    inFlight: (installation) => pending.get(installation ?? "any") ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
