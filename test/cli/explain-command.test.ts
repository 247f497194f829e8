import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { readGitHubEndpoint } from "../../src/cli/explain-command.js";
import { createReadOnlyPort } from "../../src/cli/create-read-only-port.js";
import type { GitHubPort } from "../../src/github/github-port.js";
import { GATE_SCENARIOS, SCENARIO_REPO, seedGateScenario, type GateScenario } from "../support/gate-scenarios.js";
import { runCliInProcess, spawnCli } from "./support/cli-harness.js";

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** A person's token (what `gh auth token` gives): reads the repository and the organisation's teams. */
function readerEnv(em: Emulator): Record<string, string> {
  em.state.setCollaborator(SCENARIO_REPO, "reader", "read");
  const token = em.state.createToken({
    kind: "user",
    login: "reader",
    permissions: { contents: "read", pull_requests: "read", metadata: "read", members: "read" },
  }).token;
  return { GITHUB_TOKEN: token, GITHUB_API_URL: em.apiUrl, GITHUB_GRAPHQL_URL: em.graphqlUrl };
}

/** Every request explain sent was a read: REST GETs and GraphQL queries, nothing written anywhere. */
function expectNothingWritten(em: Emulator, headSha: string, number: number): void {
  const rest = em.log.entries({ graphql: false, auth: false });
  expect(rest.filter((e) => e.method !== "GET" && e.method !== "HEAD")).toEqual([]);
  expect(em.state.checkRuns(SCENARIO_REPO, { headSha })).toEqual([]);
  expect(em.state.statuses(SCENARIO_REPO, headSha)).toEqual([]);
  expect(em.state.issueComments(SCENARIO_REPO, number)).toEqual([]);
  expect(em.state.requestedReviewers(SCENARIO_REPO, number)).toEqual({ users: [], teams: [] });
}

describe("integ-gate explain against the loopback GitHub", () => {
  it.each(GATE_SCENARIOS.map((s) => [s.name, s] as const))("%s: the verdicts both doors reach, nothing posted", async (_name, scenario: GateScenario) => {
    const em = (emulator = await startEmulator());
    const seeded = seedGateScenario(em.state, scenario);
    em.resetLog();
    const run = await runCliInProcess(["explain", "--repo", SCENARIO_REPO, "--pr", String(seeded.number), "--json"], { env: readerEnv(em) });
    const doc = JSON.parse(run.stdout) as {
      configured: boolean;
      posted: boolean;
      checks: { name: string; outcome: string; title: string; summary: string }[];
    };
    expectNothingWritten(em, seeded.headSha, seeded.number);
    expect(doc.posted).toBe(false);
    if (scenario.expected === "no-config") {
      expect(doc.configured).toBe(false);
      expect(doc.checks).toEqual([]);
      expect(run.code).toBe(1);
      return;
    }
    const expected = scenario.expected;
    const byName = Object.fromEntries(doc.checks.map((c) => [c.name, c]));
    expect(byName["integ-gate/release-note"]?.outcome, run.stderr).toBe(expected.releaseNote);
    expect(byName["integ-gate/owner-approval"]?.outcome).toBe(expected.ownerApproval);
    if (expected.ownerApprovalTitle !== undefined) expect(byName["integ-gate/owner-approval"]?.title).toContain(expected.ownerApprovalTitle);
    if (expected.releaseNoteTitle !== undefined) expect(byName["integ-gate/release-note"]?.title).toContain(expected.releaseNoteTitle);
    const passes = (o: string | undefined): boolean => o === "pass" || o === "skipped";
    expect(run.code).toBe(passes(expected.releaseNote) && passes(expected.ownerApproval) ? 0 : 1);
  });

  it("prints both titles and both summaries for a person, from the real bin", async () => {
    const em = (emulator = await startEmulator());
    const scenario = GATE_SCENARIOS.find((s) => s.name === "valid note, owner has not approved yet");
    if (scenario === undefined) throw new Error("scenario renamed");
    const seeded = seedGateScenario(em.state, scenario);
    em.resetLog();
    const run = await spawnCli(["explain", "--repo", SCENARIO_REPO, "--pr", String(seeded.number)], { env: readerEnv(em) });
    expect(run.code, run.stderr).toBe(1);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe(`${SCENARIO_REPO}#${seeded.number} "${scenario.pr.title}" (head ${seeded.headSha.slice(0, 7)})`);
    expect(lines).toContain("integ-gate/release-note    PASS     Release note: docs/release-notes/erp-product-id.md");
    expect(lines.find((l) => l.startsWith("integ-gate/owner-approval  PENDING"))).toContain("@maria-ops");
    expect(run.stdout).toContain("── integ-gate/release-note: pass ──");
    expect(run.stdout).toContain("── integ-gate/owner-approval: pending ──");
    expect(run.stdout).toMatch(/Nothing was posted\. Read with \d+ requests/);
    expectNothingWritten(em, seeded.headSha, seeded.number);
  });

  it("a PR that changes .integ.yml: the integ-gate/config check too, with the problem's line", async () => {
    const em = (emulator = await startEmulator());
    const base = GATE_SCENARIOS[0] as GateScenario;
    const seeded = seedGateScenario(em.state, {
      ...base,
      name: "breaks the config",
      pr: { ...base.pr, branch: "config-typo", files: { ".integ.yml": 'version: 1\nowners: ["@maria-ops"]\nownerz: []\n' } },
    });
    const run = await runCliInProcess(["explain", "--repo", SCENARIO_REPO, "--pr", String(seeded.number), "--titles", "--door", "action"], {
      env: readerEnv(em),
    });
    expect(run.code).toBe(1);
    const config = run.stdout.split("\n").find((l) => l.startsWith("integ-gate/config"));
    expect(config).toMatch(/^integ-gate\/config\s+BLOCKED\s+Proposed \.integ\.yml is invalid \(line 3\): /);
    expect(run.stdout).not.toContain("──");
    expectNothingWritten(em, seeded.headSha, seeded.number);
  });

  it("exits 3 and says so when GitHub cannot be read (unknown pull request)", async () => {
    const em = (emulator = await startEmulator());
    seedGateScenario(em.state, GATE_SCENARIOS[0] as GateScenario);
    const run = await runCliInProcess(["explain", "--repo", SCENARIO_REPO, "--pr", "999", "--titles"], { env: readerEnv(em) });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain("ERROR");
    expect(run.stderr).toContain(`could not read ${SCENARIO_REPO}#999 (nothing was posted)`);
  });

  it("exits 2 without a token, a repo or a PR number", async () => {
    const noToken = await runCliInProcess(["explain", "--repo", "acme/integrations", "--pr", "1"]);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain("GITHUB_TOKEN");
    const noRepo = await runCliInProcess(["explain", "--pr", "1"], { env: { GITHUB_TOKEN: "t" } });
    expect(noRepo.code).toBe(2);
    expect(noRepo.stderr).toContain("--repo owner/name");
    const badPr = await runCliInProcess(["explain", "--repo", "acme/integrations", "--pr", "one"], { env: { GITHUB_TOKEN: "t" } });
    expect(badPr.code).toBe(2);
    expect(badPr.stderr).toContain('--pr must be a pull request number, not "one"');
  });
});

describe("readGitHubEndpoint", () => {
  it("defaults to github.com and derives GraphQL as Octokit does for GitHub Enterprise", () => {
    expect(readGitHubEndpoint({ GITHUB_TOKEN: "t" })).toEqual({ token: "t", apiUrl: "https://api.github.com", graphqlUrl: "https://api.github.com/graphql" });
    expect(readGitHubEndpoint({ GITHUB_TOKEN: "t", GITHUB_API_URL: "https://ghe.example.com/api/v3/" }).graphqlUrl).toBe(
      "https://ghe.example.com/api/graphql",
    );
    expect(readGitHubEndpoint({ GITHUB_TOKEN: "t", GITHUB_API_URL: "https://ghe.example.com/api/v3", GITHUB_GRAPHQL_URL: "https://gql.example.com/" }).graphqlUrl).toBe(
      "https://gql.example.com/",
    );
  });
});

describe("createReadOnlyPort", () => {
  it("refuses REST writes and GraphQL mutations before they reach GitHub, passes reads", async () => {
    const sent: string[] = [];
    const inner: GitHubPort = {
      request: async (route) => {
        sent.push(route);
        return { status: 200, data: {}, headers: {} };
      },
      graphql: async (query) => {
        sent.push(query);
        return {};
      },
    };
    const port = createReadOnlyPort(inner);
    await port.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {});
    await port.graphql("query { viewer { login } }");
    await expect(port.request("POST /repos/{owner}/{repo}/check-runs", {})).rejects.toThrow("refused to send POST /repos/{owner}/{repo}/check-runs");
    await expect(port.request("PATCH /repos/{owner}/{repo}/check-runs/{id}", {})).rejects.toThrow("refused");
    await expect(port.graphql("mutation { addComment(input: {}) { clientMutationId } }")).rejects.toThrow("GraphQL mutation");
    await expect(port.graphql("# a comment\nmutation Add($id: ID!) { x }")).rejects.toThrow("GraphQL mutation");
    expect(sent).toEqual(["GET /repos/{owner}/{repo}/pulls/{pull_number}", "query { viewer { login } }"]);
  });
});
