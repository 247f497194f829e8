import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import {
  checkRunPayload,
  checkSuitePayload,
  installationPayload,
  issueCommentPayload,
  mergeGroupPayload,
  pullRequestPayload,
  pullRequestReviewPayload,
  pushPayload,
} from "../../emulator/webhook-payloads.js";
import type { GateService } from "../../src/app-runtime/create-gate-service.js";
import type { RunGateResult } from "../../src/run-gate.js";
import { NOTE_TEXT } from "../support/github-fixtures.js";
import { seedTypicalPullRequest, SCENARIO_REPO } from "../support/github-scenario.js";
import { startAppHarness, type AppHarness } from "../reliability/support/app-harness.js";

let em: Emulator;
let harness: AppHarness;
let service: GateService;
let results: RunGateResult[];

async function startApp(options: { throttling?: boolean } = {}): Promise<void> {
  harness = await startAppHarness({ em, ...options });
  service = harness.service;
  results = harness.results;
}

async function receive(name: string, payload: unknown): Promise<void> {
  await harness.receive(name, payload);
}

function runsOn(sha: string): { name: string; status: string; conclusion: string | null; title: string | null }[] {
  return em.state.checkRuns(SCENARIO_REPO, { headSha: sha }).map((r) => ({ name: r.name, status: r.status, conclusion: r.conclusion, title: r.output.title }));
}

/** GraphQL rate-limit points spent since the log was reset (GitHub's formula, as the emulator prices them). */
function graphqlPoints(): number {
  return em.log.entries().reduce((sum, e) => sum + (e.graphqlPoints ?? 0), 0);
}

function apiRequests(): number {
  // Installation-token exchanges are cached for an hour; they are not part of an evaluation.
  return em.log.entries().filter((e) => !e.path.includes("/access_tokens")).length;
}

/** A config under which the typical PR (it changes the ERP export) is not an integration PR, unless labelled. */
const CRM_ONLY_CONFIG = `version: 1
owners: ["@acme/integration-owners"]
integration:
  labels: ["integration"]
systems:
  crm:
    paths: ["integrations/crm/**"]
override:
  label: "integ-gate/override"
  allowed: ["@acme/integration-owners"]
`;

beforeEach(async () => {
  em = await startEmulator();
});
afterEach(async () => {
  await em.close();
});

describe("the Probot app", () => {
  it("posts both checks for a typical PR in at most 4 API requests, and nothing on a redelivery", async () => {
    const pr = seedTypicalPullRequest(em);
    await startApp();
    const payload = pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "opened" });
    em.resetLog();

    await receive("pull_request", payload);

    expect(runsOn(pr.headSha)).toEqual([
      { name: "integ-gate/release-note", status: "completed", conclusion: "success", title: expect.any(String) },
      { name: "integ-gate/owner-approval", status: "in_progress", conclusion: null, title: expect.stringContaining("@acme/integration-owners") },
    ]);
    expect(apiRequests()).toBeLessThanOrEqual(4);
    expect(results[0]?.requests.total).toBeLessThanOrEqual(4);
    // Two queries at GitHub's minimum price: one point each of the installation's 5,000 an hour.
    expect(graphqlPoints()).toBe(2);

    em.resetLog();
    await receive("pull_request", payload);
    expect(em.log.entries().filter((e) => e.method !== "GET" && !e.graphqlOperation).length).toBe(0);
    expect(em.state.checkRuns(SCENARIO_REPO)).toHaveLength(2);
    expect(graphqlPoints()).toBe(1);
  });

  it("spends one read on a PR that is not an integration PR: its note and teams decide nothing", async () => {
    const pr = seedTypicalPullRequest(em, { config: CRM_ONLY_CONFIG });
    await startApp();
    em.resetLog();

    await receive("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "opened" }));

    expect(runsOn(pr.headSha).map((r) => [r.name, r.conclusion, r.title])).toEqual([
      ["integ-gate/release-note", "neutral", "Not an integration pull request"],
      ["integ-gate/owner-approval", "neutral", "Not an integration pull request"],
    ]);
    expect(em.log.entries().filter((e) => e.graphqlOperation !== undefined)).toHaveLength(1);
    expect(apiRequests()).toBe(3);

    // The override label by an allowed team member still wins (row 3 comes before row 4): the team is read for it.
    em.state.addLabel(pr.repo, pr.number, "integ-gate/override", "maria-ops");
    await receive("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "labeled" }));
    expect(runsOn(pr.headSha).at(-1)).toMatchObject({ conclusion: "success", title: expect.stringContaining("Overridden by @maria-ops") });
  });

  it("still reads note and teams when an integration label was removed (who removed it decides)", async () => {
    const pr = seedTypicalPullRequest(em, { config: CRM_ONLY_CONFIG });
    em.state.addLabel(pr.repo, pr.number, "integration", "dev-alice");
    em.state.removeLabel(pr.repo, pr.number, "integration", "dev-alice");
    await startApp();

    await receive("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "unlabeled" }));

    // dev-alice is not in override.allowed: the PR stays gated, and its note is read and judged.
    expect(runsOn(pr.headSha).map((r) => [r.name, r.conclusion])).toEqual([
      ["integ-gate/release-note", "success"],
      ["integ-gate/owner-approval", null],
    ]);
  });

  it("reads the note at a pushed head in its one query, when the description still links it", async () => {
    const pr = seedTypicalPullRequest(em);
    await startApp();
    await receive("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "opened" }));
    expect(runsOn(pr.headSha)[0]?.conclusion).toBe("success");

    // The developer rewrites the note in jargon and pushes: the new head's note is read and judged.
    const pushedSha = em.state.commit({
      repo: pr.repo,
      branch: "feature/product-id",
      author: "dev-alice",
      files: { "docs/release-notes/product-id.md": "# Note\n\nRefactored the ETL idempotency layer of the DTO mapper.\n" },
    });
    em.resetLog();
    await receive("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "synchronize" }));

    expect(em.log.entries().filter((e) => e.graphqlOperation !== undefined).map((e) => e.graphqlOperation)).toEqual(["IntegGatePullRequest"]);
    const note = em.state.checkRuns(SCENARIO_REPO, { headSha: pushedSha, name: "integ-gate/release-note" });
    expect(note.at(-1)?.conclusion).toBe("failure");
    expect(note.at(-1)?.output.title).toMatch(/note/i);
  });

  it("annotates the findings of a linked note that is not valid yet on the note file's lines", async () => {
    const draft = "# Product ids\n\n## What changes for you\n\nWe will leverage the new ids.\n\n## What you need to do\n\nNothing.\n";
    const pr = seedTypicalPullRequest(em, { extraFiles: { "docs/release-notes/product-id.md": draft } });
    await startApp();

    await receive("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "opened" }));

    const run = em.state.checkRuns(SCENARIO_REPO, { name: "integ-gate/release-note" }).at(-1);
    expect(run?.conclusion).toBe("failure");
    const annotations = run?.output.annotations ?? [];
    expect(annotations.length).toBeGreaterThan(0);
    expect(annotations.every((a) => a.path === "docs/release-notes/product-id.md")).toBe(true);
    expect(annotations.some((a) => a.annotation_level === "failure")).toBe(true);
  });

  it("reads a note file a push adds by one GET (outside the write queue) when the teams are already known", async () => {
    const pr = seedTypicalPullRequest(em);
    await startApp();
    await receive("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "opened" }));

    em.state.commit({
      repo: pr.repo,
      branch: "feature/product-id",
      author: "dev-alice",
      files: { "docs/release-notes/product-id-for-finance.md": NOTE_TEXT },
    });
    em.resetLog();
    await receive("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "synchronize" }));

    const reads = em.log.entries().filter((e) => !e.path.includes("/access_tokens"));
    expect(reads.filter((e) => e.graphqlOperation !== undefined).map((e) => e.graphqlOperation)).toEqual(["IntegGatePullRequest"]);
    expect(reads.filter((e) => e.method === "GET").map((e) => e.path)).toEqual([
      "/repos/acme/integrations/contents/docs/release-notes/product-id-for-finance.md",
    ]);
    // The added note is read (and named: the description should link it, or it is a second note).
    const head = em.state.resolveRef(pr.repo, "feature/product-id") as string;
    expect(em.state.checkRuns(SCENARIO_REPO, { headSha: head, name: "integ-gate/release-note" }).at(-1)?.output.summary).toContain(
      "product-id-for-finance.md",
    );
  });

  it("gives each installation its own write queue, with Probot's throttling on", async () => {
    const a = seedTypicalPullRequest(em);
    const b = seedTypicalPullRequest(em, { owner: "globex" });
    const installations = [em.state.installationIdFor(a.repo), em.state.installationIdFor(b.repo)];
    expect(installations[0]).not.toBe(installations[1]);
    await startApp({ throttling: true });
    em.resetLog();

    await Promise.all(
      [a, b].map((pr) => receive("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "opened" }))),
    );

    const queued = em.log.entries().filter((e) => e.writeQueue && !e.auth);
    const startsOf = (installation: number | undefined): number[] => queued.filter((e) => e.installation === installation).map((e) => e.at);
    const [startsA, startsB] = installations.map(startsOf);
    expect(startsA?.length).toBeGreaterThanOrEqual(3);
    expect(startsB?.length).toBeGreaterThanOrEqual(3);
    // Within an installation the queue still lets about one request through a second (GitHub's
    // advice; arrival times jitter by a few hundred ms on a busy machine) ...
    for (const starts of [startsA ?? [], startsB ?? []]) {
      for (let i = 1; i < starts.length; i++) expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThanOrEqual(700);
    }
    // ... but one installation never waits behind the other: both are done in about the time of
    // one. A queue shared by the process would need a second per queued request of both.
    const all = queued.map((e) => e.at);
    const longest = Math.max(startsA?.length ?? 0, startsB?.length ?? 0);
    expect(queued.length).toBeGreaterThan(longest + 1);
    expect(Math.max(...all) - Math.min(...all)).toBeLessThan((longest - 1) * 1000 + 1500);
    expect(em.state.checkRuns(b.repo).map((r) => r.conclusion)).toEqual(["success", null]);
  });

  it("turns the owner's approval into a passing owner-approval check", async () => {
    const pr = seedTypicalPullRequest(em);
    await startApp();
    await receive("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "opened" }));
    const review = em.state.addReview(pr.repo, pr.number, { user: "maria-ops", state: "APPROVED" });

    await receive("pull_request_review", pullRequestReviewPayload(em, { repo: pr.repo, number: pr.number, reviewId: review.id, action: "submitted" }));

    const approval = em.state.checkRuns(SCENARIO_REPO, { name: "integ-gate/owner-approval" });
    expect(approval.at(-1)?.conclusion).toBe("success");
    // in_progress → success is an update in place, not a new run.
    expect(approval).toHaveLength(1);
  });

  it("re-reads the description on edited (the payload's body is never trusted)", async () => {
    const pr = seedTypicalPullRequest(em, { body: "No note yet." });
    await startApp();
    await receive("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "opened" }));
    expect(em.state.checkRuns(SCENARIO_REPO, { name: "integ-gate/release-note" }).at(-1)?.conclusion).toBe("failure");

    em.state.editPullRequestBody(pr.repo, pr.number, "Release note: [product ids](docs/release-notes/product-id.md)");
    const payload = pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "edited", changes: { body: { from: "No note yet." } } });
    (payload["pull_request"] as { body: string }).body = "stale text from a replayed payload";
    await receive("pull_request", payload);

    expect(em.state.checkRuns(SCENARIO_REPO, { name: "integ-gate/release-note" }).at(-1)?.conclusion).toBe("success");
  });

  it("collapses a burst of 10 events for one PR into at most 2 evaluations", async () => {
    const pr = seedTypicalPullRequest(em);
    await startApp();
    const payload = pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "synchronize" });

    await Promise.all(Array.from({ length: 10 }, () => receive("pull_request", payload)));

    expect(results.length).toBeLessThanOrEqual(2);
    expect(service.queue.started()).toBeLessThanOrEqual(2);
    expect(em.state.checkRuns(SCENARIO_REPO)).toHaveLength(2);
  });

  it("posts nothing when the default branch has no .integ.yml", async () => {
    const pr = seedTypicalPullRequest(em, { config: null });
    await startApp();

    await receive("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "opened" }));

    expect(em.state.checkRuns(SCENARIO_REPO)).toEqual([]);
  });

  it("fails both checks, naming the line, when .integ.yml is invalid", async () => {
    const pr = seedTypicalPullRequest(em, { config: "version: 1\nowners: [\"@acme/integration-owners\"]\nowner_approval: true\n" });
    await startApp();

    await receive("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "opened" }));

    const runs = runsOn(pr.headSha);
    expect(runs.map((r) => r.conclusion)).toEqual(["failure", "failure"]);
    expect(runs[0]?.title).toMatch(/line 3/);
  });

  it("completes in-progress runs as neutral when the PR closes", async () => {
    const pr = seedTypicalPullRequest(em);
    await startApp();
    await receive("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "opened" }));
    em.state.closePullRequest(pr.repo, pr.number);

    await receive("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "closed" }));

    const approval = em.state.checkRuns(SCENARIO_REPO, { name: "integ-gate/owner-approval" }).at(-1);
    expect(approval).toMatchObject({ status: "completed", conclusion: "neutral" });
    expect(approval?.output.title).toBe("Pull request closed");
    expect(em.state.checkRuns(SCENARIO_REPO, { name: "integ-gate/release-note" }).at(-1)?.conclusion).toBe("success");
  });

  it("finds the PR of a re-requested check suite from its head commit (fork PRs list none)", async () => {
    const pr = seedTypicalPullRequest(em);
    await startApp();
    const payload = checkSuitePayload(em, { repo: pr.repo, headSha: pr.headSha, action: "rerequested" });
    (payload["check_suite"] as { pull_requests: unknown[] }).pull_requests = [];

    await receive("check_suite", payload);

    expect(runsOn(pr.headSha)).toHaveLength(2);
  });

  it("re-checks on '/integ-gate recheck' only from someone with write access", async () => {
    const pr = seedTypicalPullRequest(em);
    await startApp();
    const outsider = em.state.addIssueComment(pr.repo, pr.number, "outsider", "/integ-gate recheck");
    await receive("issue_comment", issueCommentPayload(em, { repo: pr.repo, commentId: outsider.id }));
    expect(em.state.checkRuns(SCENARIO_REPO)).toEqual([]);

    const writer = em.state.addIssueComment(pr.repo, pr.number, "maria-ops", "/integ-gate recheck");
    await receive("issue_comment", issueCommentPayload(em, { repo: pr.repo, commentId: writer.id }));
    expect(runsOn(pr.headSha)).toHaveLength(2);
  });

  it("re-evaluates open PRs when a push to the default branch changes .integ.yml", async () => {
    const pr = seedTypicalPullRequest(em);
    await startApp();
    const before = em.state.resolveRef(pr.repo, "main") as string;
    em.state.commit({ repo: pr.repo, branch: "main", author: "maria-ops", files: { ".integ.yml": "version: 1\nowners: [\"@maria-ops\"]\n" } });

    await receive("push", pushPayload(em, { repo: pr.repo, branch: "main", before }));

    expect(runsOn(pr.headSha).find((r) => r.name === "integ-gate/owner-approval")?.title).toContain("@maria-ops");
  });

  it("posts both checks on a merge group's head commit from live facts", async () => {
    const pr = seedTypicalPullRequest(em);
    await startApp();
    em.state.addReview(pr.repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    const group = em.state.createMergeGroup(pr.repo, "main", [pr.number]);

    await receive(
      "merge_group",
      mergeGroupPayload(em, { repo: pr.repo, headSha: group.headSha, headRef: group.headRef, baseSha: group.baseSha, baseBranch: "main" }),
    );

    const runs = runsOn(group.headSha);
    expect(runs.map((r) => [r.name, r.conclusion])).toEqual([
      ["integ-gate/release-note", "success"],
      ["integ-gate/owner-approval", "success"],
    ]);
  });

  it("re-evaluates the merge group, not its PRs, when a check on the group's commit is re-run", async () => {
    const pr = seedTypicalPullRequest(em);
    await startApp();
    em.state.addReview(pr.repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    await receive("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "opened" }));
    const group = em.state.createMergeGroup(pr.repo, "main", [pr.number]);
    await receive(
      "merge_group",
      mergeGroupPayload(em, { repo: pr.repo, headSha: group.headSha, headRef: group.headRef, baseSha: group.baseSha, baseBranch: "main" }),
    );
    const groupRun = em.state.checkRuns(SCENARIO_REPO, { headSha: group.headSha, name: "integ-gate/owner-approval" }).at(-1);
    expect(groupRun?.conclusion).toBe("success");

    // The owner changes her mind while the group waits; someone re-runs the group's check.
    em.state.addReview(pr.repo, pr.number, { user: "maria-ops", state: "CHANGES_REQUESTED" });
    await receive("check_run", checkRunPayload(em, { repo: pr.repo, checkRunId: groupRun?.id ?? 0 }));

    expect(runsOn(group.headSha).filter((r) => r.name === "integ-gate/owner-approval").at(-1)?.conclusion).toBe("failure");
  });

  it("retires its runs as neutral when .integ.yml is deleted from the default branch", async () => {
    const pr = seedTypicalPullRequest(em);
    await startApp();
    await receive("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "opened" }));
    const before = em.state.resolveRef(pr.repo, "main") as string;
    em.state.commit({ repo: pr.repo, branch: "main", author: "maria-ops", files: { ".integ.yml": null } });

    await receive("push", pushPayload(em, { repo: pr.repo, branch: "main", before }));

    const runs = em.state.checkRuns(SCENARIO_REPO, { headSha: pr.headSha });
    const newest = new Map(runs.map((r) => [r.name, r]));
    expect([...newest.values()].map((r) => [r.name, r.status, r.conclusion, r.output.title])).toEqual([
      ["integ-gate/release-note", "completed", "neutral", "integ-gate is not configured"],
      ["integ-gate/owner-approval", "completed", "neutral", "integ-gate is not configured"],
    ]);
  });

  it("validates a proposed .integ.yml in integ-gate/config, with an annotation at the line", async () => {
    const pr = seedTypicalPullRequest(em, { extraFiles: { ".integ.yml": "version: 1\nowners: [\"@acme/integration-owners\"]\nsystems:\n  erp:\n    feeds: [crm]\n" } });
    await startApp();

    await receive("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "opened" }));

    const config = em.state.checkRuns(SCENARIO_REPO, { name: "integ-gate/config" });
    expect(config).toHaveLength(1);
    expect(config[0]?.conclusion).toBe("failure");
    expect(config[0]?.output.annotations[0]).toMatchObject({ path: ".integ.yml", annotation_level: "failure" });
  });

  it("re-evaluates the PR named in a re-requested run's external id", async () => {
    const pr = seedTypicalPullRequest(em);
    await startApp();
    await receive("pull_request", pullRequestPayload(em, { repo: pr.repo, number: pr.number, action: "opened" }));
    const run = em.state.checkRuns(SCENARIO_REPO, { name: "integ-gate/owner-approval" })[0];
    em.state.addReview(pr.repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    const payload = checkRunPayload(em, { repo: pr.repo, checkRunId: run?.id ?? 0 });
    (payload["check_run"] as { pull_requests: unknown[] }).pull_requests = [];

    await receive("check_run", payload);

    expect(em.state.checkRuns(SCENARIO_REPO, { name: "integ-gate/owner-approval" }).at(-1)?.conclusion).toBe("success");
  });

  it("evaluates the open PRs of a new installation", async () => {
    const pr = seedTypicalPullRequest(em);
    await startApp();

    await receive("installation", installationPayload(em, { installationId: em.state.installationIdFor(pr.repo), action: "created" }));

    expect(runsOn(pr.headSha)).toHaveLength(2);
  });
});
