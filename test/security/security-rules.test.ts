import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pullRequestPayload, pullRequestReviewPayload } from "../../emulator/webhook-payloads.js";
import { HARNESS_CONFIG, newestRuns, openPullRequest, seedRepository, startAppHarness, type AppHarness } from "../reliability/support/app-harness.js";

let h: AppHarness;
let repo: string;

beforeEach(async () => {
  h = await startAppHarness();
  repo = seedRepository(h.em);
});
afterEach(async () => {
  await h.close();
});

async function evaluate(number: number): Promise<void> {
  await h.receive("pull_request", pullRequestPayload(h.em, { repo, number, action: "synchronize" }));
}

function summaryOf(headSha: string, name: string): string {
  return h.em.state.checkRuns(repo, { headSha, name }).at(-1)?.output.summary ?? "";
}

describe("the config comes only from the default branch", () => {
  const weakened = [
    { name: "owners replaced by the PR's own author", config: 'version: 1\nowners: ["@dev-alice"]\n' },
    { name: "every system removed (nothing is an integration any more)", config: 'version: 1\nowners: ["@acme/integration-owners"]\nintegration:\n  labels: [never-used]\nsystems:\n  other:\n    paths: ["nowhere/**"]\n' },
    { name: "an override the author may apply", config: `${HARNESS_CONFIG.replace('allowed: ["@admin-ann"]', 'allowed: ["@dev-alice"]')}` },
    { name: "release_note.min_words 0 and no sections", config: `${HARNESS_CONFIG}release_note:\n  min_words: 0\n  sections: []\n` },
  ];

  it.each(weakened)("a PR that weakens .integ.yml ($name) is judged by the default branch's file", async ({ config }) => {
    const pr = openPullRequest(h.em, repo, { branch: "feature/weaken", files: { ".integ.yml": config }, body: "No release note here." });
    h.em.state.addLabel(repo, pr.number, "integ-gate/override", "dev-alice");

    await evaluate(pr.number);

    const runs = newestRuns(h.em, repo, pr.headSha);
    expect(runs["integ-gate/release-note"]).toMatchObject({ conclusion: "failure" });
    expect(runs["integ-gate/owner-approval"]).toMatchObject({ status: "in_progress", title: expect.stringContaining("@acme/integration-owners") });
    // The proposed file is only validated, in its own check.
    expect(runs["integ-gate/config"]).toBeDefined();
  });

  it("a PR into another branch whose .integ.yml is weaker is still judged by the default branch's file", async () => {
    h.em.state.commit({ repo, branch: "release/1.x", from: "main", author: "dev-alice", files: { ".integ.yml": 'version: 1\nowners: ["@dev-bob"]\n' } });
    h.em.state.commit({ repo, branch: "feature/into-release", from: "release/1.x", author: "dev-alice", files: { "integrations/erp/x.ts": "x\n" } });
    const pr = h.em.state.createPullRequest({ repo, head: "feature/into-release", base: "release/1.x", body: "none", author: "dev-alice" });
    h.em.state.addReview(repo, pr.number, { user: "dev-bob", state: "APPROVED" });

    await evaluate(pr.number);

    const runs = newestRuns(h.em, repo, pr.headSha);
    expect(runs["integ-gate/owner-approval"]).toMatchObject({ status: "in_progress", title: expect.stringContaining("@acme/integration-owners") });
  });
});

describe("override label", () => {
  it("applied by someone not in override.allowed is ignored, and the summary names who applied it", async () => {
    const pr = openPullRequest(h.em, repo, { branch: "feature/self-override", body: "No note." });
    h.em.state.addLabel(repo, pr.number, "integ-gate/override", "dev-alice");

    // A replayed payload claiming the admin as sender changes nothing: labels are read live.
    const payload = pullRequestPayload(h.em, { repo, number: pr.number, action: "labeled", label: "integ-gate/override", sender: "admin-ann" });
    await h.receive("pull_request", payload);

    const runs = newestRuns(h.em, repo, pr.headSha);
    expect(runs["integ-gate/release-note"]?.conclusion).toBe("failure");
    expect(runs["integ-gate/owner-approval"]?.conclusion).not.toBe("success");
    expect(summaryOf(pr.headSha, "integ-gate/owner-approval")).toContain("@dev-alice");
  });

  it("re-applied by a developer after the admin applied it: the latest labeled event decides, so it is ignored", async () => {
    const pr = openPullRequest(h.em, repo, { branch: "feature/relabel", body: "No note." });
    h.em.state.addLabel(repo, pr.number, "integ-gate/override", "admin-ann");
    await evaluate(pr.number);
    expect(newestRuns(h.em, repo, pr.headSha)["integ-gate/release-note"]).toMatchObject({ conclusion: "success", title: "Overridden by @admin-ann" });

    h.em.state.removeLabel(repo, pr.number, "integ-gate/override", "dev-alice");
    h.em.state.addLabel(repo, pr.number, "integ-gate/override", "dev-alice");
    await evaluate(pr.number);

    const runs = newestRuns(h.em, repo, pr.headSha);
    expect(runs["integ-gate/release-note"]?.conclusion).toBe("failure");
    expect(runs["integ-gate/owner-approval"]?.conclusion).not.toBe("success");
  });

  it("applied by a member of override.allowed passes both checks, recording who", async () => {
    const pr = openPullRequest(h.em, repo, { branch: "feature/admin-override", body: "No note." });
    h.em.state.addLabel(repo, pr.number, "integ-gate/override", "admin-ann");

    await evaluate(pr.number);

    for (const run of Object.values(newestRuns(h.em, repo, pr.headSha))) expect(run).toMatchObject({ conclusion: "success", title: "Overridden by @admin-ann" });
  });
});

describe("developers never count as approvers, whatever their review says", () => {
  const twoOwners = 'version: 1\nowners: ["@maria-ops", "@dev-bob"]\napproval:\n  developers: ["@dev-bob"]\n';

  it("a reviewer who co-authored a commit of the PR", async () => {
    const pr = openPullRequest(h.em, repo, { branch: "feature/coauthor" });
    h.em.state.pushToPullRequest(repo, pr.number, { author: "dev-alice", coAuthors: ["maria-ops"], files: { "integrations/erp/more.ts": "more\n" } });
    const review = h.em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });

    await h.receive("pull_request_review", pullRequestReviewPayload(h.em, { repo, number: pr.number, reviewId: review.id }));

    // maria-ops is the team's only member: with her ineligible, the requirement cannot be met at all.
    const head = h.em.state.requirePull(repo, pr.number).headSha;
    expect(newestRuns(h.em, repo, head)["integ-gate/owner-approval"]).toMatchObject({ conclusion: "failure", title: expect.stringMatching(/cannot be met/) });
    expect(summaryOf(head, "integ-gate/owner-approval")).toMatch(/maria-ops.*co-?author/i);
  });

  it("a reviewer who committed a commit of the PR (as committer, not author)", async () => {
    const pr = openPullRequest(h.em, repo, { branch: "feature/committer" });
    h.em.state.pushToPullRequest(repo, pr.number, { author: "dev-alice", committer: "maria-ops", files: { "integrations/erp/c.ts": "c\n" } });
    const review = h.em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });

    await h.receive("pull_request_review", pullRequestReviewPayload(h.em, { repo, number: pr.number, reviewId: review.id }));

    const head = h.em.state.requirePull(repo, pr.number).headSha;
    expect(newestRuns(h.em, repo, head)["integ-gate/owner-approval"]).toMatchObject({ conclusion: "failure", title: expect.stringMatching(/cannot be met/) });
    expect(summaryOf(head, "integ-gate/owner-approval")).toMatch(/maria-ops.*commit/i);
  });

  it("a reviewer listed in approval.developers, even when also listed as an owner", async () => {
    const weak = seedRepository(h.em, { name: "developers-listed", config: twoOwners });
    const pr = openPullRequest(h.em, weak, { branch: "feature/dev-review" });
    const review = h.em.state.addReview(weak, pr.number, { user: "dev-bob", state: "APPROVED" });

    await h.receive("pull_request_review", pullRequestReviewPayload(h.em, { repo: weak, number: pr.number, reviewId: review.id }));

    expect(newestRuns(h.em, weak, pr.headSha)["integ-gate/owner-approval"]).toMatchObject({ status: "in_progress", title: expect.stringContaining("@maria-ops") });

    // The non-developer owner's approval is what counts.
    const owner = h.em.state.addReview(weak, pr.number, { user: "maria-ops", state: "APPROVED" });
    await h.receive("pull_request_review", pullRequestReviewPayload(h.em, { repo: weak, number: pr.number, reviewId: owner.id }));
    expect(newestRuns(h.em, weak, pr.headSha)["integ-gate/owner-approval"]?.conclusion).toBe("success");
  });

  it("the PR author approving their own PR (in the owners team) never counts", async () => {
    h.em.state.addTeamMember("acme", "integration-owners", "dev-alice");
    const pr = openPullRequest(h.em, repo, { branch: "feature/self-approve" });
    const review = h.em.state.addReview(repo, pr.number, { user: "dev-alice", state: "APPROVED" });

    await h.receive("pull_request_review", pullRequestReviewPayload(h.em, { repo, number: pr.number, reviewId: review.id }));

    expect(newestRuns(h.em, repo, pr.headSha)["integ-gate/owner-approval"]).toMatchObject({ status: "in_progress" });
  });
});
