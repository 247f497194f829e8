import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { EmulatorState, type AppInput } from "./emulator-state.js";
import { FaultInjector } from "./fault-injector.js";
import { createRequestHandler } from "./handle-request.js";
import { GITHUB_RATE_LIMITS, RateLimiter, type RateLimits, type SecondaryRateLimit } from "./rate-limiter.js";
import { RequestLog } from "./request-log.js";
import { restUrls, type RestUrls } from "./rest-urls.js";
import { RouteTable } from "./route-table.js";
import type { AppRecord } from "./state-records.js";

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** Port on 127.0.0.1 (default 0: a random free port). */
  readonly port?: number;
  /** The default GitHub App (created unless `false`). */
  readonly app?: AppInput | false;
  /** Primary rate limits per hour (default: GitHub's). */
  readonly rateLimits?: Partial<RateLimits>;
  /** Enforce GitHub's secondary limit on writes (e.g. `{ writesPerMinute: 80 }`); off by default. */
  readonly secondaryRateLimit?: SecondaryRateLimit;
}

/** A running loopback GitHub. */
export interface Emulator {
  /** Web base URL, e.g. `http://127.0.0.1:4321` (what `GITHUB_SERVER_URL` would be). */
  readonly url: string;
  /** REST root, `…/api/v3` (`GITHUB_API_URL`). */
  readonly apiUrl: string;
  /** GraphQL endpoint, `…/api/graphql` (`GITHUB_GRAPHQL_URL`). */
  readonly graphqlUrl: string;
  /** `127.0.0.1:PORT`, for Probot's `GHE_HOST` (with `GHE_PROTOCOL=http`). */
  readonly host: string;
  readonly port: number;
  /** Everything GitHub knows: seed it, tell stories with it, inspect what was written. */
  readonly state: EmulatorState;
  /** The default app (id, private key for Probot's `PRIVATE_KEY`, webhook secret). */
  readonly app: AppRecord;
  /** Every request answered, with counters. */
  readonly log: RequestLog;
  /** Fault injection: GitHub's failures, to show integ-gate recovers (docs/development.md#the-local-github). */
  readonly faults: FaultInjector;
  /** Clears the request log. */
  resetLog(): void;
  /** Environment for a Probot app process pointed at this emulator. */
  probotEnv(extra?: Record<string, string>): Record<string, string>;
  /** Stops the server (open connections are closed). */
  close(): Promise<void>;
}

/** Starts the GitHub emulator on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const state = new EmulatorState();
  const app = options.app === false ? undefined : state.createApp({ id: 1, ...(options.app ?? {}) });
  if (app) state.defaultAppId = app.id;
  const log = new RequestLog();
  const faults = new FaultInjector();
  const limiter = new RateLimiter({ ...GITHUB_RATE_LIMITS, ...(options.rateLimits ?? {}) }, options.secondaryRateLimit);
  let urls: RestUrls = restUrls("http://127.0.0.1");
  const server: Server = createServer(createRequestHandler({ state, routes: new RouteTable(), log, faults, limiter, urls: () => urls }));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  urls = restUrls(origin);
  return {
    url: origin,
    apiUrl: urls.api,
    graphqlUrl: `${origin}/api/graphql`,
    host: `127.0.0.1:${port}`,
    port,
    state,
    get app(): AppRecord {
      if (!app) throw new Error("emulator: started with app: false");
      return app;
    },
    log,
    faults,
    resetLog: () => log.reset(),
    probotEnv: (extra = {}) => {
      if (!app) throw new Error("emulator: started with app: false");
      return {
        APP_ID: String(app.id),
        PRIVATE_KEY: app.privateKey,
        WEBHOOK_SECRET: app.webhookSecret,
        GHE_HOST: `127.0.0.1:${port}`,
        GHE_PROTOCOL: "http",
        ...extra,
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
