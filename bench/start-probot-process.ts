import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** A Probot app running in its own process (`probot run`), as `npm start` runs it. */
export interface ProbotProcess {
  readonly label: string;
  readonly pid: number;
  readonly webhookUrl: string;
  /** Everything it printed so far. */
  output(): string;
  /** Current and peak resident set size in MB (Linux /proc; null elsewhere). */
  memory(): { readonly rssMb: number; readonly peakRssMb: number } | null;
  /** SIGTERM to the process group, SIGKILL after 3 s; resolves when it is gone. */
  stop(): Promise<void>;
}

export interface ProbotProcessOptions {
  readonly label: string;
  /** The app module, relative to the root (e.g. `./lib/app/index.js`). */
  readonly appPath: string;
  /** Probot environment (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, GHE_HOST, GHE_PROTOCOL) and anything else. */
  readonly env: Readonly<Record<string, string>>;
  /** Node flags, e.g. ["--import", "tsx"] for an app written in TypeScript. */
  readonly nodeArgs?: readonly string[];
}

const running = new Set<ChildProcess>();

/** Kills every process this module started (for exit and signal handlers). */
export function killAllStarted(): void {
  for (const child of running) {
    if (child.pid === undefined) continue;
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  running.clear();
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

function readMemory(pid: number): { rssMb: number; peakRssMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? "NaN");
    const rss = kb("VmRSS");
    const hwm = kb("VmHWM");
    if (!Number.isFinite(rss) || !Number.isFinite(hwm)) return null;
    return { rssMb: rss / 1024, peakRssMb: hwm / 1024 };
  } catch {
    return null;
  }
}

/**
 * Starts `node node_modules/probot/bin/probot.js run APP` (what `npm start`
 * runs, without npm in between so that the process measured is the app's)
 * on a free loopback port, and waits until /ping answers (at most 30 s).
 */
export async function startProbotProcess(options: ProbotProcessOptions): Promise<ProbotProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "node_modules/probot/bin/probot.js", "run", options.appPath], {
    cwd: ROOT,
    detached: true,
    env: {
      PATH: process.env["PATH"] ?? "",
      HOME: process.env["HOME"] ?? "/tmp",
      ...options.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      LOG_LEVEL: (options.env["LOG_LEVEL"] ?? "info") as "info",
      LOG_FORMAT: "json",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let output = "";
  const keep = (chunk: Buffer): void => {
    output += chunk.toString();
    if (output.length > 4_000_000) output = output.slice(-2_000_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.label}: could not start`);
  const handle: ProbotProcess = {
    label: options.label,
    pid,
    webhookUrl: `http://127.0.0.1:${port}/api/github/webhooks`,
    output: () => output,
    memory: () => readMemory(pid),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-pid, "SIGTERM");
        } catch {
          // already gone
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-pid, "SIGKILL");
          } catch {
            // already gone
          }
        }, 3_000);
        await exited;
        clearTimeout(timer);
      }
      running.delete(child);
    },
  };
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null) throw new Error(`${options.label} exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/ping`);
      if (res.ok) return handle;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await handle.stop();
  throw new Error(`${options.label} did not answer /ping within 30 s:\n${output}`);
}
