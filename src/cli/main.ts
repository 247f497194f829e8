import { readFileSync } from "node:fs";
import { runCli } from "./run-cli.js";

/** The package version, from the nearest package.json named integ-gate above this file. */
function readVersion(): string {
  for (const up of ["../../package.json", "../../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === "integ-gate" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // try the next level (src/cli in a clone, lib/src/cli when built)
    }
  }
  return "unknown";
}

/**
 * Runs `integ-gate` in this process: arguments from argv, output to the
 * process streams, then exits with the command's code once output is flushed.
 */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    // `integ-gate ... | head`: the reader went away; that is not a failure of ours.
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  const code = await runCli(
    argv,
    {
      stdout: (text) => void process.stdout.write(text),
      stderr: (text) => void process.stderr.write(text),
      cwd: process.cwd(),
      env: process.env,
    },
    readVersion(),
  );
  // Exit once the streams are flushed (an HTTP keep-alive socket must not hold the process open).
  process.exitCode = code;
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}
