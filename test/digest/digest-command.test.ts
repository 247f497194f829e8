import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { DIGEST_SCHEMA, type Digest } from "../../src/core/digest/digest-model.js";
import { createRestClient } from "../../src/github/create-rest-client.js";
import { DigestReadError, fetchMergedPullRequests } from "../../src/github/fetch-merged-pull-requests.js";
import { runCliInProcess } from "../cli/support/cli-harness.js";
import { DIGEST_REPO, readerEnv, seedDigestWeek, type DigestSeed } from "./digest-scenario.js";

let em: Emulator;
let seed: DigestSeed;
let env: Record<string, string>;

beforeAll(async () => {
  em = await startEmulator();
  seed = seedDigestWeek(em);
  env = readerEnv(em);
});
afterAll(async () => {
  await em.close();
});

const window = (): string[] => ["--repo", DIGEST_REPO, "--since", seed.since, "--until", seed.until];

async function digestJson(...extra: string[]): Promise<Digest> {
  const run = await runCliInProcess(["digest", ...window(), "--format", "json", ...extra], { env });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Digest;
}

/** One department's markdown as printed by `--department`. */
async function departmentMarkdown(department: string): Promise<string> {
  const run = await runCliInProcess(["digest", ...window(), "--department", department], { env });
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

describe("integ-gate digest over a week of merges (loopback GitHub)", () => {
  it("lists every integration PR merged into the default branch in the window, each for its impacted departments", async () => {
    em.resetLog();
    const digest = await digestJson();
    expect(digest.schema).toBe(DIGEST_SCHEMA);
    const { prs } = seed;
    expect(digest.changes.map((c) => c.number)).toEqual([prs.inRepo, prs.inline, prs.external, prs.override, prs.changedAfterApproval, prs.unreadable]);
    // Left out: the README change, a merge before the window, a merge into another branch.
    expect(digest.leftOut.notIntegration).toBe(1);
    expect(digest.departments.map((d) => [d.department, d.changes.map((c) => c.number)])).toEqual([
      ["finance", [prs.inRepo, prs.external, prs.changedAfterApproval, prs.unreadable]],
      ["warehouse", [prs.inRepo, prs.external, prs.changedAfterApproval, prs.unreadable]],
      ["sales", [prs.inRepo, prs.inline, prs.external, prs.override, prs.changedAfterApproval, prs.unreadable]],
    ]);
    const first = digest.changes[0];
    expect(first?.approvedBy).toEqual(["maria-ops", "fiona-finance", "dana-sales"]);
    expect(first?.noteTitle).toBe("Product ids everywhere");
    // The whole window in two requests: one search page, one batch of notes and teams (goal: 2 + N/20).
    expect(em.log.summary().total).toBeLessThanOrEqual(2 + Math.ceil(digest.changes.length / 20));
  });

  it("gives a department the part of the note that names it, then what to do and whom to ask, in the note's words", async () => {
    const finance = await departmentMarkdown("finance");
    expect(finance).toContain("# What changed for finance, ");
    expect(finance).toContain("Accounting sees product ids on every invoice line from Monday, next to the old stock codes.");
    expect(finance).not.toContain("Warehouse staff see");
    expect(finance).toContain("### What you need to do\n\nCheck the product ids on your next report");
    expect(finance).toContain("### Who to ask\n\nAsk Maria in operations");
  });

  it("uses the note as merged, not as approved: a note rewritten after the approval counts in its merged words", async () => {
    const finance = await departmentMarkdown("finance");
    expect(finance).toContain("Finance sees prices per piece instead of per box, as merged.");
    expect(finance).not.toContain("first draft");
  });

  it("carries inline notes in their words and links external notes without reading them", async () => {
    const sales = await departmentMarkdown("sales");
    expect(sales).toContain("Sales people see new customer contacts in the CRM within five minutes instead of the next morning.");
    expect(sales).toContain("Sales people see the same product ids in the CRM");
    expect(sales).toContain("[Read the full release note on acme.atlassian.net](https://acme.atlassian.net/wiki/spaces/OPS/pages/42/ERP+price+lists)");
  });

  it("lists an override merge and a note that cannot be read, with the reason, never dropping them", async () => {
    const digest = await digestJson();
    const override = digest.changes.find((c) => c.number === seed.prs.override);
    expect(override?.status).toBe("override");
    expect(override?.statusText).toBe("merged by override (@adam-admin): no approved release note");
    const unreadable = digest.changes.find((c) => c.number === seed.prs.unreadable);
    expect(unreadable?.status).toBe("unreadable-note");
    expect(unreadable?.problem).toMatch(/^docs\/release-notes\/huge\.md is too large to read \([\d,]+ bytes\)$/);
    const sales = await departmentMarkdown("sales");
    expect(sales).toContain("> **Merged by override (@adam-admin): no approved release note.** The pull request links no release note.");
    expect(sales).toContain("could not be read at the merge commit.** docs/release-notes/huge.md is too large to read");
  });

  it("says that nothing changed for a department asked for by name, and names a department that does not exist", async () => {
    const legal = await runCliInProcess(["digest", ...window(), "--department", "legal,marketing"], { env });
    expect(legal.code).toBe(0);
    expect(legal.stdout).toContain("# What changed for legal, ");
    expect(legal.stdout).toContain("Nothing changed for legal in");
    expect(legal.stderr).toContain('"marketing" is not a department of .integ.yml on main');
  });

  it("links to the web host the repository lives on (GitHub Enterprise: the server, never the API host)", async () => {
    // GITHUB_API_URL=https://HOST/api/v3 alone: GraphQL goes to https://HOST/api/graphql, as on GitHub Enterprise Server.
    const { GITHUB_GRAPHQL_URL: _graphql, ...ghes } = env;
    expect(em.apiUrl).toMatch(/\/api\/v3$/);
    const run = await runCliInProcess(["digest", ...window(), "--format", "json"], { env: ghes });
    expect(run.code, run.stderr).toBe(0);
    const digest = JSON.parse(run.stdout) as Digest;
    expect(digest.repository.url).toBe(`${em.url}/acme/integrations`);
    for (const change of digest.changes) expect(change.url).toBe(`${em.url}/acme/integrations/pull/${change.number}`);
    const inRepo = digest.changes[0]?.note;
    expect(inRepo).toEqual({ kind: "in-repo", path: "docs/release-notes/product-id.md", url: `${em.url}/acme/integrations/blob/${digest.changes[0]?.mergeCommitSha}/docs/release-notes/product-id.md` });
    expect(JSON.stringify(digest)).not.toContain("/api/v3");
  });

  it("writes one page per department and an overview with --out", async () => {
    const dir = await mkdtemp(join(tmpdir(), "integ-digest-"));
    const run = await runCliInProcess(["digest", ...window(), "--format", "html", "--out", dir], { env });
    expect(run.code, run.stderr).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(["finance.html", "overview.html", "sales.html", "warehouse.html"]);
    const sales = await readFile(join(dir, "sales.html"), "utf8");
    expect(sales).toContain("<title>What changed for sales, ");
    expect(sales).not.toMatch(/<script|<link |src=/i);
  });

  it("explains usage mistakes", async () => {
    const noSince = await runCliInProcess(["digest", "--repo", DIGEST_REPO], { env });
    expect(noSince.code).toBe(2);
    expect(noSince.stderr).toContain("digest needs --since");
    const badSince = await runCliInProcess(["digest", "--repo", DIGEST_REPO, "--since", "last week"], { env });
    expect(badSince.code).toBe(2);
    expect(badSince.stderr).toContain('--since must be a date (2026-11-23) or a duration (7d, 12h, 2w), not "last week"');
    const html = await runCliInProcess(["digest", ...window(), "--format", "html"], { env });
    expect(html.code).toBe(2);
    expect(html.stderr).toContain("--format html makes one page per department");
  });

  it("fails closed, saying what it could not read, when GitHub cannot be read", async () => {
    const client = createRestClient({ token: env["GITHUB_TOKEN"] ?? "", apiUrl: em.apiUrl, graphqlUrl: em.graphqlUrl, retries: 0 });
    em.faults.inject({ match: { graphql: true }, status: 502, times: 1 });
    await expect(fetchMergedPullRequests(client.port, { owner: "acme", repo: "integrations", since: seed.since, until: seed.until })).rejects.toThrow(
      DigestReadError,
    );
    em.faults.inject({ match: { graphql: true }, status: 502, times: 1 });
    await expect(fetchMergedPullRequests(client.port, { owner: "acme", repo: "integrations", since: seed.since, until: seed.until })).rejects.toThrow(
      /^Could not read the pull requests merged into acme\/integrations: 502/,
    );
  });
});
