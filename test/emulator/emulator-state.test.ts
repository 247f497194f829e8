import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { installationOctokit, seedSample, type TestOctokit } from "./emulator-test-kit.js";

let em: Emulator;
let gh: TestOctokit;
let sample: ReturnType<typeof seedSample>;
const repo = { owner: "acme", repo: "integrations" };

beforeAll(async () => {
  em = await startEmulator();
  sample = seedSample(em);
  gh = await installationOctokit(em, sample.repo);
});

afterAll(async () => {
  await em.close();
});

describe("git objects", () => {
  it("hashes blobs, trees and commits exactly as git does", () => {
    const files = { "README.md": "# x\n", "docs/release-notes/a.md": "note\n", "docs/b.txt": "b\n" };
    em.state.createRepo({ owner: "acme", name: "hashes", files });
    const sha = em.state.resolveRef("acme/hashes", "main") ?? "";
    const commit = em.state.git.commit(sha);
    const dir = mkdtempSync(join(tmpdir(), "emulator-git-"));
    try {
      const git = (args: string[], env: Record<string, string> = {}): string =>
        execFileSync("git", args, { cwd: dir, env: { ...process.env, ...env }, encoding: "utf8" }).trim();
      git(["init", "-q"]);
      for (const [p, c] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, p)), { recursive: true });
        writeFileSync(join(dir, p), c);
      }
      git(["add", "."]);
      expect(git(["write-tree"])).toBe(commit?.tree);
      const a = commit?.author;
      const date = `${Math.floor(Date.parse(a?.date ?? "") / 1000)} +0000`;
      const gitSha = git(["commit-tree", commit?.tree ?? "", "-m", "Initial commit"], {
        GIT_AUTHOR_NAME: a?.name ?? "",
        GIT_AUTHOR_EMAIL: a?.email ?? "",
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_NAME: commit?.committer.name ?? "",
        GIT_COMMITTER_EMAIL: commit?.committer.email ?? "",
        GIT_COMMITTER_DATE: date,
      });
      // git appends a newline to -m messages.
      const withNewline = em.state.git.writeCommit({ files: commit?.files ?? new Map(), parents: [], author: a!, committer: commit!.committer, message: "Initial commit\n" });
      expect(gitSha).toBe(withNewline);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("telling a story", () => {
  it("records label events with their actors, in order, on the REST timeline", async () => {
    em.state.addLabel(sample.repo, sample.number, "integ-gate/override", "dev-alice");
    em.state.removeLabel(sample.repo, sample.number, "integ-gate/override", "maria-ops");
    em.state.addLabel(sample.repo, sample.number, "integ-gate/override", "admin-ann");
    const timeline = await gh.rest.issues.listEventsForTimeline({ ...repo, issue_number: sample.number });
    const events = timeline.data
      .filter((e) => "label" in e && (e as { label?: { name: string } }).label?.name === "integ-gate/override")
      .map((e) => `${e.event}:${(e as { actor?: { login: string } }).actor?.login ?? ""}`);
    expect(events).toEqual(["labeled:dev-alice", "unlabeled:maria-ops", "labeled:admin-ann"]);
  });

  it("orders actions in time even within one second: a later body edit is after an earlier review", () => {
    const review = em.state.addReview(sample.repo, sample.number, { user: "maria-ops", state: "APPROVED" });
    const pr = em.state.editPullRequestBody(sample.repo, sample.number, "See [note](docs/release-notes/product-id.md), edited.");
    expect(Date.parse(pr.lastEditedAt ?? "")).toBeGreaterThan(Date.parse(review.submittedAt));
  });

  it("moves the PR head on push, and lists an 'Update branch' merge by web-flow among the PR's commits", async () => {
    const pushed = em.state.pushToPullRequest(sample.repo, sample.number, { author: "dev-alice", message: "Fix wording", files: { "docs/release-notes/product-id.md": "# Product id\n\nBetter.\n" } });
    expect(em.state.requirePull(sample.repo, sample.number).headSha).toBe(pushed);
    em.state.commit({ repo: sample.repo, message: "Unrelated change on main", author: "bob-dev", files: { "other.txt": "x\n" } });
    const merge = em.state.updateBranch(sample.repo, sample.number, "dev-alice");
    const commits = await gh.paginate(gh.rest.pulls.listCommits, { ...repo, pull_number: sample.number });
    expect(commits.map((c) => c.sha).slice(-2)).toEqual([pushed, merge]);
    const last = commits[commits.length - 1];
    expect(last?.parents).toHaveLength(2);
    expect(last?.committer?.login).toBe("web-flow");
    // The base's change does not show up as a PR file.
    const files = await gh.paginate(gh.rest.pulls.listFiles, { ...repo, pull_number: sample.number });
    expect(files.map((f) => f.filename)).not.toContain("other.txt");
  });

  it("resolves commit emails like GitHub: public email, extra emails, noreply with and without id", () => {
    const maria = em.state.user("maria-ops");
    expect(em.state.resolveEmail("MARIA@acme.example")?.login).toBe("maria-ops");
    expect(em.state.resolveEmail(`${maria?.id ?? 0}+maria-ops@users.noreply.github.com`)?.login).toBe("maria-ops");
    expect(em.state.resolveEmail("maria-ops@users.noreply.github.com")?.login).toBe("maria-ops");
    expect(em.state.resolveEmail("1+maria-ops@users.noreply.github.com")).toBeUndefined();
    expect(em.state.resolveEmail("stranger@example.com")).toBeUndefined();
  });

  it("serves fork PRs: head repo is the fork, check runs list no PRs, a deleted fork leaves head.repo null", async () => {
    em.state.createUser({ login: "outsider" });
    em.state.createRepo({ owner: "outsider", name: "integrations", forkOf: sample.repo, installation: false });
    em.state.commit({ repo: "outsider/integrations", branch: "patch", from: "main", author: "outsider", files: { "integrations/crm/x.ts": "x\n" } });
    const pr = em.state.createPullRequest({ repo: sample.repo, head: "patch", headRepo: "outsider/integrations", author: "outsider" });
    const got = await gh.rest.pulls.get({ ...repo, pull_number: pr.number });
    expect(got.data.head.repo?.full_name).toBe("outsider/integrations");
    const run = await gh.rest.checks.create({ ...repo, name: "fork-check", head_sha: pr.headSha, status: "queued" });
    expect(run.data.pull_requests).toEqual([]);
    em.state.deleteHeadRepository(sample.repo, pr.number);
    const after = await gh.rest.pulls.get({ ...repo, pull_number: pr.number });
    expect(after.data.head.repo).toBeNull();
    expect(after.data.head.sha).toBe(pr.headSha);
  });

  it("serves file contents at any ref, base64 wrapped like GitHub, raw on request, 404 when missing", async () => {
    const file = await gh.rest.repos.getContent({ ...repo, path: "docs/release-notes/product-id.md", ref: sample.headSha });
    const data = file.data as { content: string; encoding: string };
    expect(data.encoding).toBe("base64");
    expect(Buffer.from(data.content, "base64").toString()).toContain("Product id");
    const raw = await gh.request("GET /repos/{owner}/{repo}/contents/{path}", { ...repo, path: ".integ.yml", headers: { accept: "application/vnd.github.raw" } });
    expect(String(raw.data)).toContain("version: 1");
    await expect(gh.rest.repos.getContent({ ...repo, path: "docs/release-notes/product-id.md", ref: "main" })).rejects.toMatchObject({ status: 404 });
  });

  it("answers collaborator permissions as GitHub maps roles", async () => {
    em.state.setCollaborator(sample.repo, "tri-age", "triage");
    const res = await gh.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "tri-age" });
    expect(res.data).toMatchObject({ permission: "read", role_name: "triage" });
    const none = await gh.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "outsider" });
    expect(none.data.permission).toBe("none");
  });

  it("refuses review requests for the author or non-collaborators", async () => {
    await expect(gh.rest.pulls.requestReviewers({ ...repo, pull_number: sample.number, reviewers: ["dev-alice"] })).rejects.toMatchObject({ status: 422 });
    await expect(gh.rest.pulls.requestReviewers({ ...repo, pull_number: sample.number, reviewers: ["outsider"] })).rejects.toMatchObject({ status: 422 });
    await gh.rest.pulls.requestReviewers({ ...repo, pull_number: sample.number, reviewers: ["maria-ops"] });
    expect(em.state.requestedReviewers(sample.repo, sample.number).users).toEqual(["maria-ops"]);
  });
});
