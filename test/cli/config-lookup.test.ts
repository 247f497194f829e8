import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REPO_ROOT, runCliInProcess, spawnCli } from "./support/cli-harness.js";

const COMPLETE = readFileSync(join(REPO_ROOT, "test/fixtures/config/valid-complete.yml"), "utf8");
const NOTE = readFileSync(join(REPO_ROOT, "examples/good/erp-to-crm-product-id.md"), "utf8");

let workdir: string | undefined;
afterEach(() => {
  if (workdir !== undefined) rmSync(workdir, { recursive: true, force: true });
  workdir = undefined;
});

/** A clone: a git work tree with `.integ.yml` at its root (or none), a note, and a sub-directory to work in. */
function clone(config: string | null): { root: string; sub: string } {
  workdir = mkdtempSync(join(tmpdir(), "integ-gate-lookup-"));
  mkdirSync(join(workdir, ".git"));
  if (config !== null) writeFileSync(join(workdir, ".integ.yml"), config);
  const sub = join(workdir, "docs/release-notes");
  mkdirSync(sub, { recursive: true });
  writeFileSync(join(sub, "product-ids.md"), NOTE);
  return { root: workdir, sub };
}

interface JsonReport {
  config: string | null;
  configSource: string;
  impactedDepartments: string[];
  valid: boolean;
}

describe("the CLI finds the config beside the user (the real bin, as after npx integ-gate)", () => {
  it("new-note --systems erp in a sub-directory uses the git root's .integ.yml, and says so", async () => {
    const { sub } = clone(COMPLETE);
    const run = await spawnCli(["new-note", "--systems", "erp"], { cwd: sub });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("integ-gate: using ../../.integ.yml (found at the root of this git repository).");
    expect(run.stdout).toContain("### Finance");
    expect(run.stderr).toContain("Impacted departments: finance, warehouse, sales.");
  });

  it("lint-note at the root uses ./.integ.yml: its departments are checked, and --json names the file", async () => {
    const { root } = clone(COMPLETE);
    const text = await spawnCli(["lint-note", "docs/release-notes/product-ids.md", "--systems", "erp"], { cwd: root });
    expect(text.stderr).toContain("integ-gate: using .integ.yml (found in this directory).");
    expect(text.stdout).toContain("note: Impacted departments: finance, warehouse, sales");
    const json = await runCliInProcess(["lint-note", "docs/release-notes/product-ids.md", "--systems", "erp", "--json"], { cwd: root });
    const doc = JSON.parse(json.stdout) as JsonReport;
    expect(doc.config).toBe(".integ.yml");
    expect(doc.configSource).toBe("working-directory");
    expect(doc.impactedDepartments).toEqual(["finance", "warehouse", "sales"]);
  });

  it("--config still wins over the file beside the user, and then nothing is said about it", async () => {
    const { root } = clone("not: [valid");
    const run = await runCliInProcess(
      ["lint-note", "docs/release-notes/product-ids.md", "--config", join(REPO_ROOT, "examples/.integ.yml"), "--json"],
      { cwd: root },
    );
    const doc = JSON.parse(run.stdout) as JsonReport;
    expect(doc.configSource).toBe("--config");
    expect(run.stderr).toBe("");
  });

  it("a broken .integ.yml beside the user is reported, not replaced by the defaults", async () => {
    const { sub } = clone("version: 1\nowners: []\n");
    const run = await runCliInProcess(["lint-note", "product-ids.md"], { cwd: sub });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("../../.integ.yml:2:");
    expect(run.stderr).toContain("../../.integ.yml is invalid");
  });

  it("with no .integ.yml anywhere: the defaults, said in the text and in --json; --systems is a usage error", async () => {
    const { sub } = clone(null);
    const text = await runCliInProcess(["lint-note", "product-ids.md"], { cwd: sub });
    expect(text.stderr).toContain("no .integ.yml in this directory or at the git root: using the built-in defaults");
    const json = await runCliInProcess(["lint-note", "product-ids.md", "--json"], { cwd: sub });
    const doc = JSON.parse(json.stdout) as JsonReport;
    expect(doc.config).toBeNull();
    expect(doc.configSource).toBe("defaults");
    const systems = await runCliInProcess(["new-note", "--systems", "erp"], { cwd: sub });
    expect(systems.code).toBe(2);
    expect(systems.stderr).toContain("--systems needs a config: there is no .integ.yml in this directory or at the git root");
  });

  it("validate without an argument checks the git root's .integ.yml", async () => {
    const { sub } = clone(COMPLETE);
    const run = await runCliInProcess(["validate"], { cwd: sub });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\.\.\/\.\.\/\.integ\.yml: valid \(3 systems, 3 departments/);
  });
});
