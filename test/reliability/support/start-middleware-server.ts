import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { createNodeMiddleware, createProbot } from "probot";
import app from "../../../app/index.js";
import type { Emulator } from "../../../emulator/start-emulator.js";

/** The serverless path: the App's default export mounted with `createNodeMiddleware` in a plain node:http server. */
export interface MiddlewareServer {
  /** `http://127.0.0.1:PORT/api/github/webhooks`. */
  readonly webhookUrl: string;
  /** Everything Probot and the app logged, one JSON line each. */
  readonly logs: string[];
  close(): Promise<void>;
}

/**
 * Mounts `app/index.ts` exactly as the serverless example of docs/app.md#serverless does:
 * `createNodeMiddleware(app, { probot: createProbot({ env }) })`, Probot
 * configured only by the environment the emulator gives (APP_ID,
 * PRIVATE_KEY, WEBHOOK_SECRET, GHE_HOST, GHE_PROTOCOL). Throttling and
 * Probot's defaults stay on.
 */
export async function startMiddlewareServer(em: Emulator, env: Record<string, string> = {}): Promise<MiddlewareServer> {
  const logs: string[] = [];
  const probot = createProbot({
    env: { ...em.probotEnv(), LOG_LEVEL: "trace", ...env },
    overrides: { log: pino({ level: "trace" }, { write: (line: string) => void logs.push(line) }) },
  });
  const middleware = await createNodeMiddleware(app, { probot });
  const server: Server = createServer((req, res) => {
    void middleware(req, res, () => {
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    webhookUrl: `http://127.0.0.1:${port}/api/github/webhooks`,
    logs,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
