import { afterEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator/start-emulator.js";
import { pullRequestPayload } from "../../emulator/webhook-payloads.js";
import { COMMENT_MARKER } from "../../src/github/publish-summary-comment.js";
import { HARNESS_CONFIG, openPullRequest, seedRepository, startAppHarness, type AppHarness } from "../reliability/support/app-harness.js";

/** A comment by another user (the Action's test: test/action/own-summary-comment.test.ts) that starts with integ-gate's marker and claims a pass. */
const IMPOSTOR_BODY = `${COMMENT_MARKER}\n### integ-gate\n\n- ✅ **integ-gate/release-note**: ready\n- ✅ **integ-gate/owner-approval**: Approved by @maria-ops`;

let harness: AppHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function commentsOf(em: Emulator, repo: string, number: number): { user: string; body: string; updatedAt: string }[] {
  return em.state.issueComments(repo, number).map((c) => ({ user: c.user, body: c.body, updatedAt: c.updatedAt }));
}

describe("the summary comment is integ-gate's own: another user's comment that starts with the marker is never adopted", () => {
  it("the App leaves the impostor's comment untouched and keeps its own, written by <app-slug>[bot]", async () => {
    harness = await startAppHarness();
    const em = harness.em;
    const repo = seedRepository(em, { config: `${HARNESS_CONFIG}comment: true\n` });
    const pr = openPullRequest(em, repo, { branch: "feature/impostor" });
    const impostor = em.state.addIssueComment(repo, pr.number, "dev-alice", IMPOSTOR_BODY);
    const before = { body: impostor.body, updatedAt: impostor.updatedAt };

    await harness.receive("pull_request", pullRequestPayload(em, { repo, number: pr.number, action: "opened" }));
    em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    await harness.receive("pull_request", pullRequestPayload(em, { repo, number: pr.number, action: "edited" }));

    const comments = commentsOf(em, repo, pr.number);
    expect(comments[0]).toEqual({ user: "dev-alice", ...before });
    const own = comments.filter((c) => c.user === `${em.app.slug}[bot]`);
    expect(own).toHaveLength(1);
    expect(own[0]?.body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(own[0]?.body).toContain("Approved by @maria-ops");
    expect(harness.results.map((r) => r.comment)).toEqual(["created", "updated"]);
  });

});
