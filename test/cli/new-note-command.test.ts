import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REPO_ROOT, runCliInProcess, spawnCli } from "./support/cli-harness.js";

const COMPLETE = join(REPO_ROOT, "test/fixtures/config/valid-complete.yml");
const CUSTOM = join(REPO_ROOT, "test/cli/fixtures/custom-sections.integ.yml");

let workdir: string | undefined;
afterEach(() => {
  if (workdir !== undefined) rmSync(workdir, { recursive: true, force: true });
  workdir = undefined;
});

/** An empty git work tree with the config at its root, as a repository would have it. */
function repository(config: string): string {
  workdir = mkdtempSync(join(tmpdir(), "integ-gate-cli-"));
  mkdirSync(join(workdir, ".git"));
  writeFileSync(join(workdir, ".integ.yml"), readFileSync(config, "utf8"));
  return workdir;
}

/** Each marker line replaced by its example sentence (what an author would write), and a real title. */
function writeEveryMarker(markdown: string, marker = "TODO"): string {
  return markdown
    .replace(new RegExp(`^# ${marker}: .*$`, "mu"), "# Product ids reach the CRM")
    .replace(new RegExp(`^${marker}: .*For example: "(.*)"$`, "gmu"), "$1").replace(new RegExp(`^${marker}: .*$`, "gmu"), "We write two plain sentences here. They say what happens.");
}

describe("integ-gate new-note (the real bin)", () => {
  it("prints a skeleton: title, required sections, impacted departments through the dependency map", async () => {
    const run = await spawnCli(["new-note", "--config", COMPLETE, "--systems", "erp", "--title", "Product ids reach the CRM"]);
    expect(run.code, run.stderr).toBe(0);
    const headings = run.stdout.split("\n").filter((l) => l.startsWith("#"));
    // erp feeds crm and logistics: finance and warehouse (erp), sales (crm); warehouse once.
    expect(headings).toEqual([
      "# Product ids reach the CRM",
      "## What changes for you",
      "### Finance",
      "### Warehouse",
      "### Sales",
      "## What you need to do",
      "## Who to ask",
    ]);
    expect(run.stdout).toContain('TODO: what changes for finance, and from when. For example: "From Monday 3 June, finance sees the new erp data in the usual screens."');
    expect(run.stderr).toContain('the skeleton does not pass the release-note check yet: replace the 5 "TODO" lines (lines 14, 18, 22, 26, 30)');
    const lines = run.stdout.split("\n");
    for (const n of [14, 18, 22, 26, 30]) expect(lines[n - 1]).toMatch(/^TODO: /);
  });

  it("--help: exit 0 and says the skeleton fails until every marker is replaced", async () => {
    const run = await spawnCli(["new-note", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: integ-gate new-note/);
    expect(run.stdout).toContain("skeleton does NOT pass the release-note check");
  });
});

describe("integ-gate new-note", () => {
  it("--out writes the file (creating directories); lint-note fails it only for the markers, and passes it once they are written", async () => {
    const repo = repository(COMPLETE);
    const out = "docs/release-notes/product-ids.md";
    const made = await runCliInProcess(["new-note", "--config", ".integ.yml", "--systems", "erp", "--out", out], { cwd: repo });
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toBe("");
    expect(made.stderr).toContain(`Wrote ${out}.`);
    expect(made.stderr).not.toContain("not under release_note.paths");

    const skeleton = readFileSync(join(repo, out), "utf8");
    expect(skeleton).toContain(`Check it with: integ-gate lint-note ${out} --config .integ.yml --systems erp`);
    const before = await runCliInProcess(["lint-note", out, "--config", ".integ.yml", "--systems", "erp", "--json"], { cwd: repo });
    expect(before.code).toBe(1);
    const doc = JSON.parse(before.stdout) as { findings: { kind: string; severity: string }[]; remarks: string[] };
    expect(new Set(doc.findings.filter((f) => f.severity === "blocking").map((f) => f.kind))).toEqual(new Set(["placeholder"]));
    expect(doc.remarks.some((r) => r.includes("not under release_note.paths"))).toBe(false);

    writeFileSync(join(repo, out), writeEveryMarker(skeleton));
    const after = await runCliInProcess(["lint-note", out, "--config", ".integ.yml", "--systems", "erp"], { cwd: repo });
    expect(after.code, after.stdout).toBe(0);
    expect(after.stdout.trimEnd().split("\n").at(-1)).toMatch(/^docs\/release-notes\/product-ids\.md: PASS \(/);
  });

  it("refuses to overwrite --out without --force (exit 2), overwrites with it", async () => {
    const repo = repository(COMPLETE);
    writeFileSync(join(repo, "note.md"), "mine\n");
    const refused = await runCliInProcess(["new-note", "--out", "note.md"], { cwd: repo });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("note.md already exists: pass --force to overwrite it");
    expect(readFileSync(join(repo, "note.md"), "utf8")).toBe("mine\n");
    const forced = await runCliInProcess(["new-note", "--out", "note.md", "--force"], { cwd: repo });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(repo, "note.md"), "utf8")).toContain("## Who to ask");
    expect(forced.stderr).toContain("note: note.md is not under release_note.paths (docs/release-notes/**/*.md)");
  });

  it("custom sections and placeholder: departments under the first section, the config's own marker", async () => {
    const run = await runCliInProcess(["new-note", "--config", CUSTOM, "--systems", "billing"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split("\n").filter((l) => l.startsWith("#"))).toEqual([
      "# FIXME: a title that says what changes",
      "## Summary",
      "### Accounts payable",
      "## Rollout",
    ]);
    expect(run.stderr).toContain('replace the 4 "FIXME" lines');
    expect(run.stdout).not.toContain("TODO");
  });

  it("crm alone impacts sales only", async () => {
    const run = await runCliInProcess(["new-note", "--config", COMPLETE, "--systems", "crm"]);
    expect(run.stdout.split("\n").filter((l) => l.startsWith("### "))).toEqual(["### Sales"]);
  });

  it("usage errors exit 2: unknown system, --systems without --config, a positional argument", async () => {
    const unknown = await runCliInProcess(["new-note", "--config", COMPLETE, "--systems", "erpp"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown system "erpp" (did you mean "erp"?)');
    expect((await runCliInProcess(["new-note", "--systems", "erp"])).code).toBe(2);
    expect((await runCliInProcess(["new-note", "note.md"])).code).toBe(2);
  });

  it("an invalid config: exit 1 with its problems", async () => {
    const run = await runCliInProcess(["new-note", "--config", "test/fixtures/config/unknown-key-top.yml"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("test/fixtures/config/unknown-key-top.yml:3:1: aproval:");
    expect(run.stdout).toBe("");
  });
});
