import { spawn } from "node:child_process";
import { createServer } from "node:net";

/** The real integ-gate App running as `npm start` in its own process group. */
export interface AppProcess {
  /** Where GitHub would deliver webhooks. */
  readonly webhookUrl: string;
  /** The process's output so far (for error messages). */
  output(): string;
  /** Stops the process group (npm, probot); resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
  /** Synchronous last resort for `process.on("exit")`. */
  kill(): void;
}

/** Probot settings a developer's shell might carry that would point the demo somewhere else. */
const FOREIGN_PROBOT_ENV = ["WEBHOOK_PROXY_URL", "WEBHOOK_PATH", "GH_ORG", "REDIS_URL", "SENTRY_DSN", "PRIVATE_KEY_PATH"];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `npm start` (probot run ./lib/app/index.js) with Probot's own
 * environment plus PORT, HOST and LOG_LEVEL, and waits (bounded) until its
 * `/ping` answers.
 */
export async function startAppProcess(options: {
  readonly root: string;
  readonly probotEnv: Record<string, string>;
  readonly logLevel?: string;
  readonly startTimeoutMs?: number;
  /** Receives the handle as soon as the process exists, so an interrupt during start-up can stop it. */
  readonly onSpawned?: (app: AppProcess) => void;
}): Promise<AppProcess> {
  const port = await freePort();
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of FOREIGN_PROBOT_ENV) delete env[key];
  Object.assign(env, options.probotEnv, {
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: options.logLevel ?? "warn",
    NODE_ENV: "production",
  });
  const child = spawn("npm", ["start", "--silent"], { cwd: options.root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let exited = child.exitCode !== null;
  const exit = new Promise<void>((resolve) => {
    child.once("exit", () => {
      exited = true;
      resolve();
    });
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const kill = (): void => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  const stop = async (): Promise<void> => {
    kill();
    const timer = setTimeout(() => {
      if (!exited && child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }, 3_000);
    await exit;
    clearTimeout(timer);
  };
  const app: AppProcess = { webhookUrl: `http://127.0.0.1:${port}/api/github/webhooks`, output: () => output, stop, kill };
  options.onSpawned?.(app);

  const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/ping`);
      if (res.ok) return app;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  const why = exited ? "exited" : `did not answer /ping within ${Math.round((options.startTimeoutMs ?? 20_000) / 1000)} s`;
  throw new Error(`the app (npm start) ${why}:\n${output.trim().split("\n").slice(-20).join("\n")}`);
}
