import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runCliInProcess, spawnCli } from "./support/cli-harness.js";

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string; bin: Record<string, string> };

describe("integ-gate (the real bin)", () => {
  it("package.json's bin is this file", () => {
    expect(pkg.bin["integ-gate"]).toBe("bin/integ-gate.js");
  });

  it("--help lists every command and the exit codes; exit 0", async () => {
    const run = await spawnCli(["--help"]);
    expect(run.code).toBe(0);
    for (const command of ["validate", "lint-note", "new-note", "explain"]) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    expect(run.stdout).toContain("  3  could not read a file or GitHub");
  });

  it("--version prints the package version", async () => {
    const run = await spawnCli(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`integ-gate ${pkg.version}\n`);
  });

  it("runs from any working directory", async () => {
    const run = await spawnCli(["validate", join(REPO_ROOT, "examples/.integ.yml")], { cwd: "/" });
    expect(run.code, run.stderr).toBe(0);
  });
});

describe("integ-gate dispatch", () => {
  it("no command: the help on stderr, exit 2", async () => {
    const run = await runCliInProcess([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^Usage: integ-gate <command>/);
  });

  it("an unknown command: exit 2 with a suggestion", async () => {
    const run = await runCliInProcess(["lint", "note.md"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('integ-gate: unknown command "lint" (did you mean "lint-note"?). Commands: validate, lint-note, new-note, explain, digest. See integ-gate --help.\n');
  });

  it("help <command> and <command> -h print that command's help", async () => {
    for (const command of ["validate", "lint-note", "new-note", "explain"]) {
      const viaHelp = await runCliInProcess(["help", command]);
      const viaFlag = await runCliInProcess([command, "-h"]);
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.stdout).toMatch(new RegExp(`^Usage: integ-gate ${command}`));
      expect(viaFlag.stdout).toBe(viaHelp.stdout);
      expect(viaHelp.stdout).toContain("Exit codes:");
    }
  });
});
