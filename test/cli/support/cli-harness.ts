import { spawn } from "node:child_process";
import { join } from "node:path";
import type { CliIo } from "../../../src/cli/cli-io.js";
import { runCli } from "../../../src/cli/run-cli.js";

export const REPO_ROOT = join(import.meta.dirname, "../../..");
export const BIN = join(REPO_ROOT, "bin/integ-gate.js");

/** What one run of the CLI printed and returned. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real `bin/integ-gate.js` as a child process (tsx and all), in
 * `cwd` (default: the repository root), with `env` added to a minimal environment.
 */
export function spawnCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the CLI in this process with buffered streams (fast; same dispatch as the bin). */
export async function runCliInProcess(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? {},
  };
  const code = await runCli(args, io, "test");
  return { code, stdout, stderr };
}
