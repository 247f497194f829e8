import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plainIssues } from "../../emulator/routes/digest-issue-routes.js";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { createActionOctokit } from "../../action/create-action-octokit.js";
import { runDigestAction, type DigestActionIo } from "../../action/run-digest-action.js";
import { createGatePort } from "../../src/github/create-gate-port.js";
import { DIGEST_REPO, seedDigestWeek, type DigestSeed } from "./digest-scenario.js";

let em: Emulator;
let seed: DigestSeed;
let token: string;

beforeAll(async () => {
  em = await startEmulator();
  seed = seedDigestWeek(em);
  token = em.state.createToken({ kind: "actions", repositories: [DIGEST_REPO] }).token;
});
afterAll(async () => {
  await em.close();
});

interface Recorded {
  readonly io: DigestActionIo;
  readonly summary: string[];
  readonly failed: string[];
  readonly outputs: Record<string, string>;
}

function recorder(): Recorded {
  const summary: string[] = [];
  const failed: string[] = [];
  const outputs: Record<string, string> = {};
  return {
    summary,
    failed,
    outputs,
    io: {
      info: () => undefined,
      warning: () => undefined,
      setOutput: (name, value) => (outputs[name] = value),
      setFailed: (message) => void failed.push(message),
      writeSummary: async (markdown) => void summary.push(markdown),
    },
  };
}

async function runOnce(dir: string): Promise<{ recorded: Recorded; report: Awaited<ReturnType<typeof runDigestAction>> }> {
  const octokit = createActionOctokit({ token, apiUrl: em.apiUrl, graphqlUrl: em.graphqlUrl });
  const { port } = createGatePort(octokit, { retry: { retries: 0 } });
  const recorded = recorder();
  const report = await runDigestAction({ since: seed.since, until: seed.until, departments: [], dir }, DIGEST_REPO, port, recorded.io);
  return { recorded, report };
}

const digestIssues = () => plainIssues(em.state, DIGEST_REPO).filter((i) => i.labels.includes("integ-gate/digest"));

describe("the Action's digest mode (weekly schedule)", () => {
  it("writes the overview to the job summary, every file to the folder, and one issue per department and period", async () => {
    const dir = await mkdtemp(join(tmpdir(), "integ-digest-action-"));
    const { recorded, report } = await runOnce(dir);
    expect(recorded.failed).toEqual([]);
    expect(recorded.summary.join("")).toContain("# Integration changes merged into main, ");
    // The Action's default token cannot read organization teams: the overview says whose approvals are missing.
    expect(recorded.summary.join("")).toContain("Approvals through @acme/admins, @acme/integration-owners are not listed");
    expect(recorded.outputs).toMatchObject({ "digest-dir": dir, changes: "6", departments: "finance,warehouse,sales" });
    expect((await readdir(dir)).sort()).toEqual([
      "digest.json",
      "finance.html",
      "finance.md",
      "overview.html",
      "overview.md",
      "sales.html",
      "sales.md",
      "warehouse.html",
      "warehouse.md",
    ]);
    expect(report.issues.map((w) => [w.department, w.result])).toEqual([
      ["finance", "created"],
      ["warehouse", "created"],
      ["sales", "created"],
    ]);
    const issues = digestIssues();
    expect(issues.map((i) => i.title)).toEqual([
      expect.stringMatching(/^What changed for finance, /),
      expect.stringMatching(/^What changed for warehouse, /),
      expect.stringMatching(/^What changed for sales, /),
    ]);
    // digest.mention: true mentions the department's signoff people; warehouse has none.
    expect(issues[0]?.body).toContain("For @fiona-finance.");
    expect(issues[2]?.body).toContain("For @dana-sales.");
    expect(issues[1]?.body).not.toContain("For @");
  });

  it("updates the same issues when re-run for the same period, and never opens a second one", async () => {
    const before = digestIssues().map((i) => i.number);
    const again = await runOnce(await mkdtemp(join(tmpdir(), "integ-digest-action-")));
    expect(again.report.issues.map((w) => w.result)).toEqual(["unchanged", "unchanged", "unchanged"]);

    // Someone else's issue with the same marker is never adopted.
    const sales = digestIssues()[2];
    em.state.setCollaborator(DIGEST_REPO, "mallory", "write");
    const mallory = em.state.createToken({ kind: "user", login: "mallory", permissions: { issues: "write", metadata: "read" } }).token;
    const impostor = await fetch(`${em.apiUrl}/repos/${DIGEST_REPO}/issues`, {
      method: "POST",
      headers: { authorization: `token ${mallory}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "fake", body: sales?.body ?? "", labels: ["integ-gate/digest"] }),
    });
    expect(impostor.status).toBe(201);

    // A merge later in the same period changes the sales digest: its issue is edited in place.
    em.state.commit({ repo: DIGEST_REPO, branch: "feature/crm-late", message: "late", author: "dev-alice", files: { "integrations/crm/late.ts": "x\n" } });
    const late = em.state.createPullRequest({ repo: DIGEST_REPO, head: "feature/crm-late", title: "Late CRM change", body: "No note", author: "dev-alice" });
    em.state.addLabel(DIGEST_REPO, late.number, "integ-gate/override", "adam-admin");
    em.state.closePullRequest(DIGEST_REPO, late.number, { merge: true, by: "adam-admin" });
    const third = await runOnce(await mkdtemp(join(tmpdir(), "integ-digest-action-")));
    expect(third.recorded.failed).toEqual([]);
    expect(third.report.issues.map((w) => [w.department, w.result])).toEqual([
      ["finance", "unchanged"],
      ["warehouse", "unchanged"],
      ["sales", "updated"],
    ]);
    const mine = digestIssues().filter((i) => i.title !== "fake");
    expect(mine.map((i) => i.number)).toEqual(before);
    expect(mine[2]?.body).toContain(`#${late.number} Late CRM change`);
    expect(digestIssues().find((i) => i.title === "fake")?.body).not.toContain("Late CRM change");
  });

  it("writes no issue when the digest issues cannot be listed whole, and fails the job saying so", async () => {
    const before = digestIssues().length;
    em.faults.inject({ match: { method: "GET", path: "^/repos/acme/integrations/issues$" }, status: 502, times: 1 });
    const { recorded, report } = await runOnce(await mkdtemp(join(tmpdir(), "integ-digest-action-")));
    expect(report.issues).toEqual([]);
    expect(recorded.failed).toEqual([expect.stringMatching(/^integ-gate digest: could not list the digest issues: 502: .*\. No issue was written\.$/)]);
    // One line a person can read: GitHub's HTML error page is reduced to its text.
    expect(recorded.failed[0]).not.toMatch(/<|\n/);
    expect(digestIssues()).toHaveLength(before);
    // The files and the job summary are there all the same.
    expect(report.files.length).toBe(9);
    expect(recorded.summary.join("")).toContain("# Integration changes merged into main, ");
  });
});
