import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { COMMENT_MARKER } from "../../src/github/publish-summary-comment.js";
import { seedTypicalPullRequest } from "../support/github-scenario.js";
import { pullRequestEvent } from "./support/build-event-payload.js";
import { readWorkflow, stepInputEnv, tokenPermissions } from "./support/example-workflow.js";
import { runBundledAction } from "./support/run-bundled-action.js";

/** A comment by another user that starts with integ-gate's marker and claims a pass (the App's test: test/security/own-summary-comment.test.ts). */
const IMPOSTOR_BODY = `${COMMENT_MARKER}\n### integ-gate\n\n- ✅ **integ-gate/release-note**: ready\n- ✅ **integ-gate/owner-approval**: Approved by @maria-ops`;

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

function commentsOf(em: Emulator, repo: string, number: number): { user: string; body: string; updatedAt: string }[] {
  return em.state.issueComments(repo, number).map((c) => ({ user: c.user, body: c.body, updatedAt: c.updatedAt }));
}

describe("the Action's summary comment is its own: another user's comment that starts with the marker is never adopted", () => {
  it("the bundled Action leaves the impostor's comment untouched and keeps its own, written by the workflow's GITHUB_TOKEN (github-actions[bot])", async () => {
    const em = (emulator = await startEmulator());
    const config = `version: 1\nowners: ["@maria-ops"]\nsystems:\n  erp:\n    paths: ["integrations/erp/**"]\ncomment: true\n`;
    const pr = seedTypicalPullRequest(em, { config });
    const impostor = em.state.addIssueComment(pr.repo, pr.number, "dev-alice", IMPOSTOR_BODY);
    const before = { body: impostor.body, updatedAt: impostor.updatedAt };
    // The workflow of docs/action.md#workflow, plus `pull-requests: write` for the comment.
    const workflow = readWorkflow(".github/workflows/integ-gate.yml");
    const token = em.state.createToken({ kind: "actions", permissions: { ...tokenPermissions(workflow), pull_requests: "write" }, repositories: [pr.repo] }).token;
    const run = async (): Promise<number | null> =>
      (
        await runBundledAction({
          eventName: "pull_request_target",
          payload: pullRequestEvent(em, pr.repo, pr.number, "synchronize"),
          repository: pr.repo,
          serverUrl: em.url,
          apiUrl: em.apiUrl,
          graphqlUrl: em.graphqlUrl,
          inputEnv: stepInputEnv(workflow, { githubToken: token }),
        })
      ).exitCode;

    expect(await run()).toBe(0);
    expect(await run()).toBe(0);

    const comments = commentsOf(em, pr.repo, pr.number);
    expect(comments[0]).toEqual({ user: "dev-alice", ...before });
    const own = comments.filter((c) => c.user === "github-actions[bot]");
    expect(own).toHaveLength(1);
    expect(own[0]?.body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(own[0]?.body).toContain("@maria-ops");
  });
});
