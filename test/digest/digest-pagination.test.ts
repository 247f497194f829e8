import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { createRestClient } from "../../src/github/create-rest-client.js";
import { runDigest } from "../../src/run-digest.js";
import { DIGEST_CONFIG, erpNote } from "./digest-scenario.js";

/** More merged PRs than one search page (50), and a PR with more files and reviews than one page (100). */
let em: Emulator;
let since: string;
let until: string;
let wide: number;

beforeAll(async () => {
  em = await startEmulator();
  const s = em.state;
  s.createOrg({ login: "acme" });
  for (const login of ["dev-alice", "maria-ops"]) s.createUser({ login });
  s.createTeam({ org: "acme", slug: "integration-owners", members: ["maria-ops"] });
  s.createTeam({ org: "acme", slug: "admins", members: [] });
  s.createRepo({ owner: "acme", name: "many", files: { ".integ.yml": DIGEST_CONFIG, "integrations/erp/a.ts": "x\n" } });
  s.setCollaborator("acme/many", "dev-alice", "write");
  since = new Date(s.nowMs() - 1000).toISOString();
  for (let i = 1; i <= 55; i += 1) {
    const files: Record<string, string> = { [`docs/release-notes/n${i}.md`]: erpNote(`Change ${i}`, `Finance sees change ${i}.`), [`integrations/erp/f${i}.ts`]: "x\n" };
    if (i === 30) for (let f = 0; f < 130; f += 1) files[`integrations/erp/wide/f${f}.ts`] = `${f}\n`;
    s.commit({ repo: "acme/many", branch: `b${i}`, from: "main", message: `c${i}`, author: "dev-alice", files });
    const pr = s.createPullRequest({ repo: "acme/many", head: `b${i}`, title: `Change ${i}`, body: `[note](docs/release-notes/n${i}.md)`, author: "dev-alice" });
    if (i === 30) {
      wide = pr.number;
      for (let r = 0; r < 105; r += 1) s.addReview("acme/many", pr.number, { user: "maria-ops", state: r === 104 ? "APPROVED" : "COMMENTED" });
    }
    s.closePullRequest("acme/many", pr.number, { merge: true, by: "maria-ops" });
  }
  until = new Date(Date.parse(s.actionTime()) + 60_000).toISOString();
}, 120_000);

afterAll(async () => {
  await em.close();
});

describe("the digest reads every list whole", () => {
  it("follows the search pages and each PR's further pages of files and reviews", async () => {
    const token = em.state.createToken({ kind: "user", login: "maria-ops", permissions: { contents: "read", pull_requests: "read", metadata: "read", members: "read" } }).token;
    em.state.setCollaborator("acme/many", "maria-ops", "read");
    const client = createRestClient({ token, apiUrl: em.apiUrl, graphqlUrl: em.graphqlUrl, retries: 0 });
    const { digest } = await runDigest(client.port, { owner: "acme", repo: "many", window: { since, until }, departments: [] });
    expect(digest.changes).toHaveLength(55);
    const change = digest.changes.find((c) => c.number === wide);
    // The 105th review (the only approval) is on the second page of reviews.
    expect(change?.approvedBy).toEqual(["maria-ops"]);
    // 2 search pages, 1 page of files and reviews, 1 batch of notes and teams.
    expect(client.requests()).toBe(4);
  }, 60_000);
});
