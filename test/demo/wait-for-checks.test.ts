import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { DEMO_REPO, ORDER_SYNC_STORY, openOrderSyncPullRequest, seedOrderSync } from "../../demo/order-sync-story.js";
import { waitForChecks } from "../../demo/wait-for-checks.js";

let em: Emulator;
let pr: number;

beforeAll(async () => {
  em = await startEmulator();
  seedOrderSync(em);
  pr = openOrderSyncPullRequest(em);
});

afterAll(async () => {
  await em?.close();
});

const headSha = (): string => em.state.requirePull(DEMO_REPO, pr).headSha;
const firstStep = ORDER_SYNC_STORY[0]!;

describe("waitForChecks (the demo's bounded poll)", () => {
  it("fails with a message naming each check that does not show its verdict", async () => {
    await expect(waitForChecks(em, { repo: DEMO_REPO, headSha }, firstStep.expect, { timeoutMs: 200 })).rejects.toThrow(
      /did not appear within 200 ms:\n {2}integ-gate\/release-note: no check run\n {2}integ-gate\/owner-approval: no check run/,
    );
  });

  it("names what the PR shows instead of the expected verdict", async () => {
    const installation = em.state.installationIdFor(DEMO_REPO);
    const token = em.state.createToken({ kind: "installation", installationId: installation }).token;
    for (const name of ["integ-gate/release-note", "integ-gate/owner-approval"]) {
      const res = await fetch(`${em.apiUrl}/repos/${DEMO_REPO}/check-runs`, {
        method: "POST",
        headers: { authorization: `token ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ name, head_sha: headSha(), conclusion: "success", output: { title: "Looks fine", summary: "-" } }),
      });
      expect(res.status).toBe(201);
    }

    await expect(waitForChecks(em, { repo: DEMO_REPO, headSha }, firstStep.expect, { timeoutMs: 200 })).rejects.toThrow(
      /integ-gate\/release-note: completed\/success "Looks fine", expected failure\n {2}integ-gate\/owner-approval: status completed\/success "Looks fine", expected in_progress/,
    );
  });

  it("returns the newest run of each check once both show the expected verdict", async () => {
    const checks = await waitForChecks(
      em,
      { repo: DEMO_REPO, headSha },
      {
        releaseNote: { status: "completed", conclusion: "success", title: /^Looks fine$/ },
        ownerApproval: { status: "completed", conclusion: "success", title: /^Looks fine$/ },
      },
      { timeoutMs: 2_000, quietMs: 0 },
    );

    expect(checks.releaseNote?.name).toBe("integ-gate/release-note");
    expect(checks.ownerApproval?.name).toBe("integ-gate/owner-approval");
  });
});
