import { freePort, startProbotProcess } from "../../../bench/start-probot-process.js";

export { freePort };

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

/**
 * Starts `probot run ./app/index.ts` with `env` (APP_ID, PRIVATE_KEY,
 * WEBHOOK_SECRET, GHE_HOST, … and anything else, e.g. REDIS_URL, LOG_LEVEL)
 * on a free port, and waits until it answers `/ping` (the bench's launcher,
 * run on the sources).
 */
export async function startAppProcess(env: Readonly<Record<string, string>>): Promise<AppProcess> {
  const app = await startProbotProcess({ label: "the app process", appPath: "./app/index.ts", nodeArgs: ["--import", "tsx"], env });
  return { pid: app.pid, port: Number(new URL(app.webhookUrl).port), webhookUrl: app.webhookUrl, output: app.output, stop: app.stop };
}
