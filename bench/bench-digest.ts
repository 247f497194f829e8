import type { Emulator } from "../emulator/start-emulator.js";
import { createRestClient } from "../src/github/create-rest-client.js";
import { runDigest } from "../src/run-digest.js";

/** The digest of one window of N merged integration PRs. */
export interface DigestWindowFigure {
  readonly pulls: number;
  /** GitHub API requests for the whole digest (search pages, further pages, notes and teams). */
  readonly requests: number;
  /** docs/digest.md "Cost": at most 2 + N/20. */
  readonly goal: number;
  /** Wall time of the digest against the loopback GitHub, median of `runs`. */
  readonly ms: number;
  readonly runs: number;
  readonly changes: number;
}

export interface DigestBench {
  readonly windows: readonly DigestWindowFigure[];
  readonly withinGoal: boolean;
}

const CONFIG = `version: 1
owners: ["@acme/integration-owners"]
systems:
  erp: { paths: ["integrations/erp/**"], departments: [finance], feeds: [crm] }
  crm: { paths: ["integrations/crm/**"], departments: [sales] }
departments:
  finance: { signoff: ["@fiona-finance"] }
  sales: { signoff: ["@dana-sales"] }
`;

function note(i: number): string {
  return `# Change ${i}

## What changes for you

### Finance

Finance sees field ${i} on every invoice from Monday, next to the old one, for one month.

### Sales

Sales people see field ${i} on the customer page in the CRM.

## What you need to do

Check field ${i} on your next report and tell us if it looks wrong.

## Who to ask

Ask Maria in operations.
`;
}

/** Seeds `acme/digest-<n>` with n merged integration PRs (an in-repo note each, two approvals) and returns the window. */
function seedWindow(em: Emulator, n: number): { repo: string; since: string; until: string } {
  const s = em.state;
  const repo = `acme/digest-${n}`;
  s.createRepo({ owner: "acme", name: `digest-${n}`, files: { ".integ.yml": CONFIG, "integrations/erp/base.ts": "x\n" } });
  for (const u of ["dev-alice", "maria-ops", "fiona-finance", "dana-sales"]) s.setCollaborator(repo, u, "write");
  const since = new Date(s.nowMs() - 1000).toISOString();
  for (let i = 1; i <= n; i += 1) {
    const branch = `change-${i}`;
    s.commit({ repo, branch, from: "main", message: `Change ${i}`, author: "dev-alice", files: { [`integrations/erp/f${i}.ts`]: `export const f${i} = ${i};\n`, [`docs/release-notes/change-${i}.md`]: note(i) } });
    const pr = s.createPullRequest({ repo, head: branch, title: `Change ${i}`, body: `Release note: [change ${i}](docs/release-notes/change-${i}.md)`, author: "dev-alice" });
    s.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    s.addReview(repo, pr.number, { user: "fiona-finance", state: "APPROVED" });
    s.closePullRequest(repo, pr.number, { merge: true, by: "maria-ops" });
  }
  // Story actions take one emulated second each and may run ahead of the clock: end the window after the last one.
  return { repo, since, until: new Date(Date.parse(s.actionTime()) + 60_000).toISOString() };
}

/**
 * Requests and time of the digest for windows of 10, 100 and 500 merged
 * PRs, read through the CLI's client (`@octokit/rest`) from the loopback
 * GitHub.
 */
export async function benchDigest(em: Emulator, sizes: readonly number[] = [10, 100, 500], runsPerSize = 3): Promise<DigestBench> {
  const s = em.state;
  if (s.user("acme") === undefined) s.createOrg({ login: "acme" });
  for (const login of ["dev-alice", "maria-ops", "fiona-finance", "dana-sales"]) if (s.user(login) === undefined) s.createUser({ login });
  if (s.team("acme", "integration-owners") === undefined) s.createTeam({ org: "acme", slug: "integration-owners", members: ["maria-ops"] });
  const windows: DigestWindowFigure[] = [];
  for (const n of sizes) {
    const { repo, since, until } = seedWindow(em, n);
    s.setCollaborator(repo, "bench-reader", "read");
    const token = s.createToken({ kind: "user", login: "bench-reader", permissions: { contents: "read", pull_requests: "read", metadata: "read", members: "read" } }).token;
    // One run of the largest window keeps `npm run bench -- --digest` within the bench's 3 minutes.
    const runs = n >= 500 ? 1 : runsPerSize;
    const times: number[] = [];
    let requests = 0;
    let changes = 0;
    for (let r = 0; r < runs; r += 1) {
      const client = createRestClient({ token, apiUrl: em.apiUrl, graphqlUrl: em.graphqlUrl, retries: 0 });
      const started = performance.now();
      const [owner = "", name = ""] = repo.split("/");
      const { digest } = await runDigest(client.port, { owner, repo: name, window: { since, until }, departments: [] });
      times.push(performance.now() - started);
      requests = client.requests();
      changes = digest.changes.length;
    }
    times.sort((a, b) => a - b);
    windows.push({ pulls: n, requests, goal: 2 + n / 20, ms: Math.round(times[Math.floor(times.length / 2)] ?? 0), runs, changes });
  }
  return { windows, withinGoal: windows.every((w) => w.requests <= w.goal && w.changes === w.pulls) };
}
