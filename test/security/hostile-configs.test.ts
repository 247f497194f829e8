import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullRequestPayload } from "../../emulator/webhook-payloads.js";
import { parseIntegConfig } from "../../src/core/config/parse-integ-config.js";
import { compileGlob } from "../../src/core/paths/compile-glob.js";
import { evaluateGate } from "../../src/core/rules/evaluate-gate.js";
import { buildFacts, changedFile, review } from "../support/facts-builder.js";
import { newestRuns, openPullRequest, seedRepository, startAppHarness, type AppHarness } from "../reliability/support/app-harness.js";

const hostile = (name: string): string => readFileSync(new URL(`../fixtures/hostile/${name}`, import.meta.url), "utf8");

function issuesOf(text: string): { keyPath: string; line: number; column: number; message: string }[] {
  const result = parseIntegConfig(text);
  if (result.ok) throw new Error("expected the config to be rejected");
  return result.issues.map((i) => ({ keyPath: i.keyPath, line: i.line, column: i.column, message: i.message }));
}

describe("globs: the config refuses what the matcher cannot use, at its line and column", () => {
  it("rejects negated, extglob, brace-bomb and invalid-class globs in every glob list", () => {
    expect(issuesOf(hostile("unusable-globs.integ.yml"))).toEqual([
      { keyPath: "integration.paths[0]", line: 6, column: 7, message: expect.stringContaining("negated globs are not supported") },
      { keyPath: "integration.branches[0]", line: 8, column: 7, message: expect.stringContaining("extglob") },
      { keyPath: "systems.erp.paths[0]", line: 12, column: 9, message: expect.stringContaining("more than 256 patterns") },
      { keyPath: "release_note.paths[0]", line: 15, column: 7, message: expect.stringContaining("invalid character class [z-a]") },
    ]);
  });

  it("rejects a glob over 1,024 characters, quoting only its start", () => {
    const [issue] = issuesOf(`version: 1\nowners: ["@a"]\nintegration:\n  paths: ["${"a/".repeat(600)}**"]\n`);
    expect(issue).toMatchObject({ keyPath: "integration.paths[0]", line: 4, column: 11 });
    expect(issue?.message).toMatch(/is longer than 1024 characters/);
    expect(issue?.message.length).toBeLessThan(250);
  });

  it("agrees with compileGlob: a glob the parser accepts always compiles", () => {
    const globs = ["*a*a*a*a*a*a*b", "**/a*/**/a*/**/z", "{a,b}/{c,d}/**", "[abc]?.md", "integrations/**", "a{b}c", "\\!literal"];
    for (const glob of globs) {
      const parsed = parseIntegConfig(`version: 1\nowners: ["@a"]\nintegration:\n  paths: [${JSON.stringify(glob)}]\n`);
      expect({ glob, ok: parsed.ok }).toEqual({ glob, ok: compileGlob(glob).ok });
    }
  });

  it("accepts catastrophic-for-backtracking globs and matches 3,000 adversarial paths against them, correctly", () => {
    const parsed = parseIntegConfig(hostile("catastrophic-globs.integ.yml"));
    if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
    // 3,000 paths (GitHub's limit) built to defeat a backtracking matcher: long runs of `a`, deep `a` directories, no `b`/`z`/`c`.
    const files = Array.from({ length: 3_000 }, (_, i) =>
      changedFile(i % 2 === 0 ? `${"a".repeat(200)}${i}` : `${Array.from({ length: 40 }, () => "aaaa").join("/")}/${i}.txt`),
    );
    const started = performance.now();
    const verdict = evaluateGate({ kind: "ready", config: parsed.config, facts: buildFacts({ files, changedFilesCount: files.length }) });
    const ms = performance.now() - started;
    console.info(`catastrophic globs: 3,000 adversarial paths evaluated in ${ms.toFixed(0)} ms`);
    expect(verdict?.integration).toBe(false);
    expect(verdict?.releaseNote.outcome).toBe("skipped");

    // The same globs still match what they should.
    const hit = evaluateGate({ kind: "ready", config: parsed.config, facts: buildFacts({ files: [changedFile("x/a1/y/a2/a3/q/a4/z")] }) });
    expect(hit?.integration).toBe(true);
    expect(hit?.releaseNote.outcome).toBe("blocked");
  });
});

describe("look-alike logins", () => {
  it("are refused in every identity list, each at its line", () => {
    const issues = issuesOf(hostile("lookalike-logins.integ.yml"));
    expect(issues.map((i) => [i.keyPath, i.line])).toEqual([
      ["owners[0]", 3],
      ["owners[1]", 3],
      ["systems.erp.owners[0]", 7],
      ["departments.finance.signoff[0]", 11],
      ["approval.developers[0]", 13],
      ["override.allowed[0]", 16],
    ]);
    expect(issues[0]?.message).toContain("U+0430");
  });

  it("a reviewer whose login merely resembles an owner's never counts", () => {
    const parsed = parseIntegConfig('version: 1\nowners: ["@maria-ops"]\n');
    if (!parsed.ok) throw new Error("valid config expected");
    for (const impostor of ["maria-0ps", "rnaria-ops", "maria_ops", "maria-ops-", "mаria-ops", "maria-ops\u200b"]) {
      const verdict = evaluateGate(
        { kind: "ready", config: parsed.config, facts: buildFacts({ reviews: [review(impostor, "APPROVED")] }) },
        { evaluateNote: () => ({ note: null, valid: true, rejected: [], findings: [], remarks: [], firstProblem: null, words: 50 }) },
      );
      expect({ impostor, outcome: verdict?.ownerApproval.outcome }).toEqual({ impostor, outcome: "pending" });
    }
  });
});

describe("hostile .integ.yml on the default branch, through the app: failing checks naming the line, never a crash, never a pass", () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const bomb = `version: 1\nowners: ["@a"]\n${Array.from({ length: 10 }, (_, i) => `l${i}: &l${i} [${Array.from({ length: 10 }, () => (i === 0 ? '"lol"' : `*l${i - 1}`)).join(", ")}]`).join("\n")}\n`;
  const cases: ReadonlyArray<{ readonly name: string; readonly config: () => string; readonly title: RegExp }> = [
    { name: "alias bomb", config: () => bomb, title: /^Invalid \.integ\.yml on main \(line \d+\): .*alias/ },
    { name: "10 MB file", config: () => `version: 1\nowners: ["@a"]\n# ${"x".repeat(10 * 1024 * 1024)}\n`, title: /^Invalid \.integ\.yml on main \(line 1\): \.integ\.yml is larger than 256 KiB/ },
    { name: "deep nesting", config: () => `version: 1\nowners: ["@a"]\nintegration: ${"[".repeat(5_000)}${"]".repeat(5_000)}\n`, title: /^Invalid \.integ\.yml on main \(line 3\): .*deeper than 32/ },
    { name: "duplicate keys", config: () => hostile("duplicate-owners.integ.yml"), title: /^Invalid \.integ\.yml on main \(line 6\): .*duplicate key "owners"/ },
    {
      name: "a wrong type at every key",
      config: () => readFileSync(new URL("../fixtures/config/wrong-types.yml", import.meta.url), "utf8"),
      title: /^Invalid \.integ\.yml on main \(line 1\): version: must be the integer 1/,
    },
    { name: "look-alike owners", config: () => hostile("lookalike-logins.integ.yml"), title: /^Invalid \.integ\.yml on main \(line 3\): .*U\+0430/ },
    { name: "unusable globs", config: () => hostile("unusable-globs.integ.yml"), title: /^Invalid \.integ\.yml on main \(line 6\): .*negated/ },
    { name: "binary garbage", config: () => "\u0000\u0001\u0002version: 1\u0000\n\u00ff\u00fe", title: /^Invalid \.integ\.yml on main \(line 1\): \.integ\.yml is a binary file/ },
  ];

  it.each(cases)("$name", async ({ name, config, title }) => {
    const repo = seedRepository(h.em, { name: `hostile-${name.replace(/\W+/g, "-")}`, config: config() });
    const pr = openPullRequest(h.em, repo, { branch: "feature/x" });
    h.em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });

    await h.receive("pull_request", pullRequestPayload(h.em, { repo, number: pr.number, action: "opened" }));

    const runs = newestRuns(h.em, repo, pr.headSha);
    expect(Object.keys(runs).sort()).toEqual(["integ-gate/owner-approval", "integ-gate/release-note"]);
    for (const run of Object.values(runs)) {
      expect(run.conclusion).toBe("failure");
      expect(run.title).toMatch(title);
    }
  });
});
