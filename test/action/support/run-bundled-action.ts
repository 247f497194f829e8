import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./example-workflow.js";

/** The committed bundle, run as the runner runs `runs.main`. */
export const BUNDLE = join(ROOT, "dist", "index.js");

export interface BundledActionRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** GITHUB_OUTPUT, parsed. */
  readonly outputs: Readonly<Record<string, string>>;
  /** GITHUB_STEP_SUMMARY. */
  readonly summary: string;
  /** Workflow commands printed on stdout (`::error file=…::message`). */
  readonly commands: readonly { readonly command: string; readonly properties: Readonly<Record<string, string>>; readonly message: string }[];
  /** The request count line the Action prints. */
  readonly requestCount: number | null;
}

export interface BundledActionOptions {
  readonly eventName: string;
  readonly payload: unknown;
  /** `owner/name`. */
  readonly repository: string;
  /** The emulator's base URL, e.g. `http://127.0.0.1:1234`. */
  readonly serverUrl: string;
  readonly apiUrl: string;
  readonly graphqlUrl: string;
  /** INPUT_* variables (see stepInputEnv). */
  readonly inputEnv: Readonly<Record<string, string>>;
  readonly runId?: string;
}

/** Parses the `name<<delimiter` blocks @actions/core writes to GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? "");
    if (match?.[1] === undefined || match[2] === undefined) continue;
    const value: string[] = [];
    for (i += 1; i < lines.length && lines[i] !== match[2]; i += 1) value.push(lines[i] ?? "");
    outputs[match[1]] = value.join("\n");
  }
  return outputs;
}

function unescapeCommand(text: string): string {
  return text.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
}

function parseCommands(stdout: string): BundledActionRun["commands"] {
  const commands: { command: string; properties: Record<string, string>; message: string }[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (match?.[1] === undefined) continue;
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? "").split(",").filter((p) => p !== "")) {
      const eq = pair.indexOf("=");
      properties[pair.slice(0, eq)] = unescapeCommand(pair.slice(eq + 1));
    }
    commands.push({ command: match[1], properties, message: unescapeCommand(match[3] ?? "") });
  }
  return commands;
}

/**
 * Runs dist/index.js in a child process with the environment the Actions
 * runner gives a JavaScript action: the event file, GITHUB_* variables, the
 * output and summary files, INPUT_* variables. Uses the Node that runs the
 * tests (process.execPath), asynchronously so that an in-process emulator
 * can answer.
 */
export async function runBundledAction(options: BundledActionOptions): Promise<BundledActionRun> {
  const dir = mkdtempSync(join(tmpdir(), "integ-gate-action-"));
  try {
    const eventPath = join(dir, "event.json");
    const outputPath = join(dir, "output");
    const summaryPath = join(dir, "summary.md");
    writeFileSync(eventPath, JSON.stringify(options.payload));
    writeFileSync(outputPath, "");
    writeFileSync(summaryPath, "");
    const env: Record<string, string> = {
      PATH: process.env["PATH"] ?? "",
      HOME: dir,
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_EVENT_NAME: options.eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: options.repository,
      GITHUB_REPOSITORY_OWNER: options.repository.split("/")[0] ?? "",
      GITHUB_SERVER_URL: options.serverUrl,
      GITHUB_API_URL: options.apiUrl,
      GITHUB_GRAPHQL_URL: options.graphqlUrl,
      GITHUB_RUN_ID: options.runId ?? "4242",
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_WORKFLOW: "integ-gate",
      GITHUB_ACTION: "integ-gate",
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      RUNNER_TEMP: dir,
      ...options.inputEnv,
    };
    const child = spawn(process.execPath, [BUNDLE], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => resolve(code));
    });
    const count = /integ-gate: result \w+; (\d+) GitHub API requests/.exec(stdout);
    return {
      exitCode,
      stdout,
      stderr,
      outputs: parseOutputFile(readFileSync(outputPath, "utf8")),
      summary: readFileSync(summaryPath, "utf8"),
      commands: parseCommands(stdout),
      requestCount: count?.[1] === undefined ? null : Number(count[1]),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
