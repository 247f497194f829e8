import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** The App as its own process: `probot run ./app/index.ts` (the sources through tsx, so no build is needed). */
export interface AppProcess {
  readonly pid: number;
  readonly port: number;
  readonly webhookUrl: string;
  /** Everything it printed on stdout and stderr so far. */
  output(): string;
  /** SIGTERM to its process group (SIGKILL after 3 s); resolves when it has exited. */
  stop(): Promise<void>;
}

/** A free port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `probot run ./app/index.ts` with `env` (APP_ID, PRIVATE_KEY,
 * WEBHOOK_SECRET, GHE_HOST, … and anything else, e.g. REDIS_URL, LOG_LEVEL)
 * on a free port, and waits until it answers `/ping`.
 */
export async function startAppProcess(env: Readonly<Record<string, string>>): Promise<AppProcess> {
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "node_modules/probot/bin/probot.js", "run", "./app/index.ts"], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, NODE_ENV: "production", LOG_FORMAT: "json", ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pid = child.pid;
  if (pid === undefined) throw new Error("the app process did not start");
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // gone
      }
    }, 3_000);
    await exited;
    clearTimeout(timer);
  };
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null) throw new Error(`the app process exited:\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/ping`);
      if (res.ok) {
        return { pid, port, webhookUrl: `http://127.0.0.1:${port}/api/github/webhooks`, output: () => output, stop };
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`the app process did not answer /ping:\n${output}`);
}
