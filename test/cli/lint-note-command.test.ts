import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { judgeExample, verdictOf } from "../core/notes/judge-example.js";
import { REPO_ROOT, runCliInProcess, spawnCli } from "./support/cli-harness.js";

const GALLERY_CONFIG = "examples/.integ.yml";
const NOTES = ["good", "bad"].flatMap((dir) => readdirSync(join(REPO_ROOT, "examples", dir)).map((f) => `${dir}/${f}`)).sort();

interface JsonFinding {
  kind: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  quote?: string;
}
interface JsonReport {
  file: string;
  config: string | null;
  configSource: string;
  systems: string[];
  impactedSystems: string[];
  impactedDepartments: string[];
  verdict: string;
  valid: boolean;
  title: string;
  problems: string[];
  words: number;
  grade: number | null;
  findings: JsonFinding[];
  remarks: string[];
}

describe("integ-gate lint-note (the real bin)", () => {
  it("a failing note: each finding as note.md:line:col: severity kind: message, then the verdict; exit 1", async () => {
    const run = await spawnCli(["lint-note", "examples/bad/placeholders.md", "--config", GALLERY_CONFIG, "--systems", "erp"]);
    expect(run.code, run.stderr).toBe(1);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.slice(0, 2)).toEqual([
      'examples/bad/placeholders.md:10:1: blocking placeholder: "TODO" is a placeholder: replace it with the real text.',
      'examples/bad/placeholders.md:14:5: blocking placeholder: "TBD" is a placeholder: replace it with the real text.',
    ]);
    expect(lines.at(-1)).toBe(
      'examples/bad/placeholders.md: FAIL: Release note still contains placeholders (2, first "TODO") (2 blocking problems, 1 notice; 47 words)',
    );
  });

  it("a good note: exit 0 and PASS", async () => {
    const run = await spawnCli(["lint-note", "examples/good/erp-to-crm-product-id.md", "--config", GALLERY_CONFIG, "--systems", "erp"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toMatch(/^examples\/good\/erp-to-crm-product-id\.md: PASS \(\d+ words\)$/);
  });

  it("--json: the verdict, the impact and every finding with its range", async () => {
    const run = await spawnCli(["lint-note", "examples/bad/wall-of-text.md", "--config", GALLERY_CONFIG, "--systems", "erp", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as JsonReport;
    expect(Object.keys(doc)).toEqual([
      "file", "config", "configSource", "systems", "impactedSystems", "impactedDepartments", "verdict", "valid", "title",
      "problems", "words", "grade", "findings", "remarks",
    ]);
    expect(doc).toMatchObject({
      file: "examples/bad/wall-of-text.md",
      config: GALLERY_CONFIG,
      configSource: "--config",
      systems: ["erp"],
      impactedSystems: ["erp", "crm"],
      impactedDepartments: ["finance", "warehouse", "sales"],
      verdict: "pass with warnings",
      valid: true,
      problems: [],
    });
    expect(doc.grade).toBeGreaterThan(9);
    const longSentence = doc.findings.find((f) => f.kind === "long-sentence");
    expect(longSentence).toMatchObject({ severity: "warning", line: 5, column: 1, endLine: 5 });
    expect(longSentence?.message).toBe("This sentence has 39 words; split it so that no sentence has more than 30.");
    expect(doc.findings.map((f) => f.kind)).toContain("grade-too-high");
  });

  it("--help: exit 0, usage, severities and exit codes", async () => {
    const run = await spawnCli(["lint-note", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: integ-gate lint-note <note\.md>/);
    expect(run.stdout).toContain("  1  the check would fail, or the config is invalid");
  });
});

describe("integ-gate lint-note gives the gate's verdict", () => {
  it.each(NOTES)("%s: the same findings, positions and title as the release-note check on a PR that changes the ERP", async (note) => {
    const gate = judgeExample(note);
    const run = await runCliInProcess(["lint-note", `examples/${note}`, "--config", GALLERY_CONFIG, "--systems", "erp", "--json"]);
    const doc = JSON.parse(run.stdout) as JsonReport;
    expect(run.code).toBe(gate.valid ? 0 : 1);
    expect(doc.verdict.replace("pass with warnings", "pass, with warnings")).toBe(verdictOf(gate));
    const strip = (f: JsonFinding) => ({ kind: f.kind, severity: f.severity, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, message: f.message });
    expect(doc.findings.map(strip)).toEqual(gate.findings.map(strip));
    if (!gate.valid) expect(doc.title).toBe(gate.firstProblem);
  });

  it("with plain_language.enforce: true, jargon blocks, as examples/README.md says", async () => {
    const run = await runCliInProcess(["lint-note", "examples/bad/jargon-heavy.md", "--config", "test/cli/fixtures/enforce.integ.yml", "--systems", "erp"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('examples/bad/jargon-heavy.md:1:3: blocking jargon: "Leveraging" is jargon (2 times, on lines 1 and 6): say "use" instead.');
    expect(run.stdout.trimEnd().split("\n").at(-1)).toMatch(/^examples\/bad\/jargon-heavy\.md: FAIL: Release note uses jargon: "Leveraging" \(say "use"\) \(19 blocking problems/);
  });

  it("departments come from the systems through the dependency map (crm alone impacts only sales)", async () => {
    const viaErp = await runCliInProcess(["lint-note", "examples/bad/departments-not-named.md", "--config", GALLERY_CONFIG, "--systems", "erp"]);
    expect(viaErp.code).toBe(1);
    expect(viaErp.stdout).toContain("Release note does not name: warehouse, sales");
    const crm = await runCliInProcess(["lint-note", "examples/bad/departments-not-named.md", "--config", GALLERY_CONFIG, "--systems", "crm", "--json"]);
    const doc = JSON.parse(crm.stdout) as JsonReport;
    expect(doc.impactedDepartments).toEqual(["sales"]);
    expect(doc.problems).toEqual(["Release note does not name: sales"]);
  });

  it("without --systems the departments check is skipped, and it says so", async () => {
    const run = await runCliInProcess(["lint-note", "examples/bad/departments-not-named.md", "--config", GALLERY_CONFIG]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("note: No --systems given: the departments check was skipped");
  });

  it("without --config and no .integ.yml here or at the git root: the built-in defaults, said on stderr", async () => {
    const run = await runCliInProcess(["lint-note", "examples/bad/too-short.md"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "integ-gate: no --config given and no .integ.yml in this directory or at the git root: using the built-in defaults (no systems or departments).\n",
    );
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(
      "examples/bad/too-short.md: FAIL: Release note has 8 words; it needs at least 40 (1 blocking problem; 8 words)",
    );
  });

  it("tells when the file is not where a PR could link it as the note", async () => {
    const run = await runCliInProcess(["lint-note", "examples/good/price-list-sync.md"]);
    expect(run.stdout).toContain(
      "note: examples/good/price-list-sync.md is not under release_note.paths (docs/release-notes/**/*.md): a PR that links it would not count it as the note.",
    );
  });

  it("an invalid config: exit 1, its problems on stderr", async () => {
    const run = await runCliInProcess(["lint-note", "examples/good/price-list-sync.md", "--config", "test/fixtures/config/unknown-key-top.yml"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('test/fixtures/config/unknown-key-top.yml:3:1: aproval: unknown key "aproval" (did you mean "approval"?)');
    expect(run.stdout).toBe("");
  });

  it("usage errors exit 2: unknown system (with a suggestion), --systems without any config, no file", async () => {
    const unknown = await runCliInProcess(["lint-note", "examples/good/price-list-sync.md", "--config", GALLERY_CONFIG, "--systems", "erp,crn"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown system "crn" (did you mean "crm"?); defined systems: erp, crm');
    const noConfig = await runCliInProcess(["lint-note", "examples/good/price-list-sync.md", "--systems", "erp"]);
    expect(noConfig.code).toBe(2);
    expect(noConfig.stderr).toContain("--systems needs a config: there is no .integ.yml in this directory or at the git root; pass --config <file>");
    const noFile = await runCliInProcess(["lint-note"]);
    expect(noFile.code).toBe(2);
  });

  it("a note that cannot be read: exit 3", async () => {
    const run = await runCliInProcess(["lint-note", "examples/nope.md"]);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe("integ-gate lint-note: examples/nope.md: no such file\n");
  });
});
