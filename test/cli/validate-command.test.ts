import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { REPO_ROOT, runCliInProcess, spawnCli } from "./support/cli-harness.js";

const FIXTURES = "test/fixtures/config";

describe("integ-gate validate (the real bin)", () => {
  it("a valid config: exit 0 and a one-line summary", async () => {
    const run = await spawnCli(["validate", `${FIXTURES}/valid-complete.yml`]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(
      `${FIXTURES}/valid-complete.yml: valid (3 systems, 3 departments, owners @maria-ops, @acme/integration-owners)\n`,
    );
  });

  it("an invalid config: exit 1, every problem as file:line:col, then the count", async () => {
    const run = await spawnCli(["validate", `${FIXTURES}/wrong-types.yml`]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split("\n");
    const last = lines.pop();
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) expect(line).toMatch(/^test\/fixtures\/config\/wrong-types\.yml:\d+:\d+: \S/);
    expect(lines[0]).toBe(`${FIXTURES}/wrong-types.yml:1:10: version: must be the integer 1, not the text "1"`);
    expect(lines).toContain(`${FIXTURES}/wrong-types.yml:6:12: systems.crm.paths: must be a list, not the text "integrations/crm/**"`);
    expect(last).toBe(`${FIXTURES}/wrong-types.yml: invalid (${lines.length} problems)`);
  });

  it("reads .integ.yml in the working directory when no file is given", async () => {
    const run = await spawnCli(["validate"], { cwd: join(REPO_ROOT, "examples") });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\.integ\.yml: valid \(2 systems, 3 departments/);
  });

  it("a file that is not there: exit 3 and why, on stderr", async () => {
    const run = await spawnCli(["validate", `${FIXTURES}/no-such.yml`]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`integ-gate validate: ${FIXTURES}/no-such.yml: no such file\n`);
  });

  it("--help: exit 0, usage and exit codes", async () => {
    const run = await spawnCli(["validate", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: integ-gate validate \[\.integ\.yml\]/);
    expect(run.stdout).toContain("Exit codes:\n  0  the config is valid");
  });
});

describe("integ-gate validate", () => {
  it.each([
    ["unknown-key-top.yml", `${FIXTURES}/unknown-key-top.yml:3:1: aproval: unknown key "aproval" (did you mean "approval"?)`],
    ["malformed.yml", `${FIXTURES}/malformed.yml:3:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]`],
  ])("%s: the problem at its line and column", async (file, expected) => {
    const run = await runCliInProcess(["validate", `${FIXTURES}/${file}`]);
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n")[0]).toBe(expected);
  });

  it("hostile files (alias bomb, duplicate key, empty) are invalid, never a crash", async () => {
    for (const file of ["alias-bomb.yml", "duplicate-key.yml", "empty.yml", "whitespace-only.yml"]) {
      const run = await runCliInProcess(["validate", `${FIXTURES}/${file}`]);
      expect(run.code, `${file}: ${run.stderr}`).toBe(1);
      expect(run.stdout).toMatch(new RegExp(`^${FIXTURES}/${file.replace(".", "\\.")}:\\d+:\\d+: `));
    }
  });

  it("--json: {file, valid, issues, warnings} with positions", async () => {
    const bad = await runCliInProcess(["validate", `${FIXTURES}/unknown-key-top.yml`, "--json"]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toEqual({
      file: `${FIXTURES}/unknown-key-top.yml`,
      valid: false,
      issues: [
        {
          line: 3,
          column: 1,
          keyPath: "aproval",
          problem: 'unknown key "aproval" (did you mean "approval"?)',
          message: 'aproval: unknown key "aproval" (did you mean "approval"?) (line 3, column 1)',
        },
      ],
      warnings: [],
    });
    const good = await runCliInProcess(["validate", `${FIXTURES}/valid-complete.yml`, "--json"]);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ valid: true, issues: [] });
  });

  it("usage errors exit 2 and point to --help", async () => {
    const unknownOption = await runCliInProcess(["validate", "--strict"]);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toBe("integ-gate validate: unknown option '--strict'\nSee integ-gate validate --help.\n");
    const twoFiles = await runCliInProcess(["validate", "a.yml", "b.yml"]);
    expect(twoFiles.code).toBe(2);
    expect(twoFiles.stderr).toContain('unexpected argument: "b.yml"');
  });
});
