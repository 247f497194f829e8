import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkRunPayload, checkSuitePayload, issueCommentPayload, pullRequestPayload } from "../../emulator/webhook-payloads.js";
import { newestRuns, openPullRequest, seedRepository, startAppHarness, type AppHarness } from "./support/app-harness.js";

let h: AppHarness;
let repo: string;

beforeEach(async () => {
  h = await startAppHarness();
  repo = seedRepository(h.em);
  h.em.state.createUser({ login: "reader", name: "Reader", email: "reader@acme.example" });
  h.em.state.createUser({ login: "triager", name: "Triager", email: "triager@acme.example" });
  h.em.state.setCollaborator(repo, "reader", "read");
  h.em.state.setCollaborator(repo, "triager", "triage");
});
afterEach(async () => {
  await h.close();
});

describe("a missed webhook does not leave a PR stuck", () => {
  it("check_run rerequested (Re-run in the GitHub UI) re-evaluates from live facts", async () => {
    const pr = openPullRequest(h.em, repo, { branch: "feature/stuck" });
    await h.receive("pull_request", pullRequestPayload(h.em, { repo, number: pr.number, action: "opened" }));
    // The owner approves, and GitHub never delivers the review webhook.
    h.em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    expect(newestRuns(h.em, repo, pr.headSha)["integ-gate/owner-approval"]?.status).toBe("in_progress");

    const stuck = h.em.state.checkRuns(repo, { headSha: pr.headSha, name: "integ-gate/owner-approval" })[0];
    await h.receive("check_run", checkRunPayload(h.em, { repo, checkRunId: stuck?.id ?? 0, sender: "dev-alice" }));

    expect(newestRuns(h.em, repo, pr.headSha)["integ-gate/owner-approval"]?.conclusion).toBe("success");
    expect(h.em.state.checkRuns(repo, { headSha: pr.headSha })).toHaveLength(2);
  });

  it("check_suite rerequested with no pull_requests (a fork PR) finds the PR from its head commit", async () => {
    const pr = openPullRequest(h.em, repo, { branch: "feature/suite" });
    await h.receive("pull_request", pullRequestPayload(h.em, { repo, number: pr.number, action: "opened" }));
    h.em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    const payload = checkSuitePayload(h.em, { repo, headSha: pr.headSha });
    (payload["check_suite"] as { pull_requests: unknown[] }).pull_requests = [];

    await h.receive("check_suite", payload);

    expect(newestRuns(h.em, repo, pr.headSha)["integ-gate/owner-approval"]?.conclusion).toBe("success");
  });

  it("every delivery missed: '/integ-gate recheck' from someone with write access posts the checks", async () => {
    const pr = openPullRequest(h.em, repo, { branch: "feature/never-delivered" });
    h.em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    expect(h.em.state.checkRuns(repo)).toEqual([]);

    const comment = h.em.state.addIssueComment(repo, pr.number, "dev-bob", "/integ-gate recheck");
    await h.receive("issue_comment", issueCommentPayload(h.em, { repo, commentId: comment.id }));

    expect(newestRuns(h.em, repo, pr.headSha)).toMatchObject({
      "integ-gate/release-note": { conclusion: "success" },
      "integ-gate/owner-approval": { conclusion: "success" },
    });
  });

  it("'/integ-gate recheck' from someone without write access is ignored, whatever the payload claims", async () => {
    const pr = openPullRequest(h.em, repo, { branch: "feature/no-access" });

    for (const user of ["reader", "triager", "outsider"]) {
      const comment = h.em.state.addIssueComment(repo, pr.number, user, "/integ-gate recheck");
      const payload = issueCommentPayload(h.em, { repo, commentId: comment.id });
      // A forged association in the payload does not matter: access is asked of the API.
      (payload["comment"] as { author_association: string }).author_association = "OWNER";
      await h.receive("issue_comment", payload);
    }

    expect(h.em.state.checkRuns(repo)).toEqual([]);
    const asked = h.em.log.entries().filter((e) => /\/collaborators\/[^/]+\/permission$/.test(e.path)).map((e) => e.path.split("/")[5]);
    expect(asked).toEqual(["reader", "triager", "outsider"]);
    expect(h.logs.filter((line) => line.includes('ignored "/integ-gate recheck"'))).toHaveLength(3);
  });

  it("comments that only mention the command do not trigger an evaluation", async () => {
    const pr = openPullRequest(h.em, repo, { branch: "feature/mentions" });
    for (const body of ["please /integ-gate recheck", "/integ-gate recheck now", "`/integ-gate recheck`", "/integ-gate rechecks", "/integ-gate"]) {
      const comment = h.em.state.addIssueComment(repo, pr.number, "dev-bob", body);
      await h.receive("issue_comment", issueCommentPayload(h.em, { repo, commentId: comment.id }));
    }
    expect(h.em.state.checkRuns(repo)).toEqual([]);
    expect(h.results).toEqual([]);
  });
});
