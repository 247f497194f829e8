import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pullRequestPayload, pullRequestReviewPayload } from "../../emulator/webhook-payloads.js";
import { newestRuns, openPullRequest, seedRepository, startAppHarness, type AppHarness, type SeededPull } from "./support/app-harness.js";

let h: AppHarness;
let repo: string;

beforeEach(async () => {
  h = await startAppHarness();
  repo = seedRepository(h.em);
});
afterEach(async () => {
  await h.close();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** How many runs of each name exist on a commit. */
function runCounts(headSha: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const run of h.em.state.checkRuns(repo, { headSha })) counts[run.name] = (counts[run.name] ?? 0) + 1;
  return counts;
}

/** A mix of the events GitHub sends for a PR, built from its current state. */
function someEvent(pr: SeededPull, i: number): [string, Record<string, unknown>] {
  const actions = ["opened", "synchronize", "edited", "labeled", "ready_for_review", "reopened"] as const;
  const action = actions[i % actions.length] ?? "opened";
  return ["pull_request", pullRequestPayload(h.em, { repo, number: pr.number, action, ...(action === "labeled" ? { label: "integration" } : {}) })];
}

describe("races: concurrent deliveries, redeliveries and events out of order", () => {
  it("50 concurrent deliveries for one PR while its facts change: one run per check, and the final state matches the final facts", async () => {
    const pr = openPullRequest(h.em, repo, { branch: "feature/burst" });
    h.em.state.addLabel(repo, pr.number, "integration", "dev-alice");
    const deliveries: Promise<void>[] = [];
    for (let i = 0; i < 50; i += 1) {
      if (i === 20) h.em.state.editPullRequestBody(repo, pr.number, "Note coming soon."); // the note disappears…
      if (i === 30) h.em.state.editPullRequestBody(repo, pr.number, `Release note: [n](${pr.notePath})`); // …and comes back
      if (i === 40) h.em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
      const [name, payload] = someEvent(pr, i);
      deliveries.push(h.receive(name, payload));
      if (i % 5 === 4) await sleep(80);
    }
    await Promise.all(deliveries);
    await h.service.queue.idle();

    expect(newestRuns(h.em, repo, pr.headSha)).toMatchObject({
      "integ-gate/release-note": { conclusion: "success" },
      "integ-gate/owner-approval": { conclusion: "success" },
    });
    // in_progress → success is an update in place; success → failure → success too. One run each.
    expect(runCounts(pr.headSha)).toEqual({ "integ-gate/release-note": 1, "integ-gate/owner-approval": 1 });
    // Coalescing: far fewer evaluations than deliveries.
    expect(h.results.length).toBeLessThan(50);
    console.info(`50 concurrent deliveries: ${h.results.length} evaluations`);
  });

  it("a redelivered webhook (same delivery id, 20 times, concurrently and later) writes nothing new", async () => {
    const pr = openPullRequest(h.em, repo, { branch: "feature/redelivery" });
    const payload = pullRequestPayload(h.em, { repo, number: pr.number, action: "opened" });
    const id = randomUUID();
    await h.receive("pull_request", payload, id);
    const writes = (): number => h.em.state.checkRuns(repo).reduce((n, run) => n + run.writes.length, 0);
    const before = writes();

    await Promise.all(Array.from({ length: 10 }, () => h.receive("pull_request", payload, id)));
    for (let i = 0; i < 10; i += 1) await h.receive("pull_request", payload, id);

    expect(writes()).toBe(before);
    expect(runCounts(pr.headSha)).toEqual({ "integ-gate/release-note": 1, "integ-gate/owner-approval": 1 });
  });

  it("events delivered newest first, while the facts keep changing: the final checks follow the final facts", async () => {
    const pr = openPullRequest(h.em, repo, { branch: "feature/out-of-order" });
    const story: Array<[string, Record<string, unknown>]> = [["pull_request", pullRequestPayload(h.em, { repo, number: pr.number, action: "opened" })]];
    const approval = h.em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    story.push(["pull_request_review", pullRequestReviewPayload(h.em, { repo, number: pr.number, reviewId: approval.id })]);
    const changes = h.em.state.addReview(repo, pr.number, { user: "maria-ops", state: "CHANGES_REQUESTED" });
    story.push(["pull_request_review", pullRequestReviewPayload(h.em, { repo, number: pr.number, reviewId: changes.id })]);
    // Slow GitHub: evaluations overlap with the next changes.
    h.em.faults.inject({ match: { graphql: true }, delayMs: 150, times: 20 });

    const deliveries = story.reverse().map(([name, payload]) => h.receive(name, payload));
    await sleep(50);
    const second = h.em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" }); // the final word
    await Promise.all(deliveries);
    // The last change's own event, delivered late.
    await h.receive("pull_request_review", pullRequestReviewPayload(h.em, { repo, number: pr.number, reviewId: second.id }));

    expect(newestRuns(h.em, repo, pr.headSha)["integ-gate/owner-approval"]?.conclusion).toBe("success");
    expect(newestRuns(h.em, repo, pr.headSha)["integ-gate/release-note"]?.conclusion).toBe("success");
  });

  it("the verdict moving back to in_progress creates exactly one new run (GitHub never reopens one), never a duplicate", async () => {
    const pr = openPullRequest(h.em, repo, { branch: "feature/reopen" });
    h.em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    await h.receive("pull_request", pullRequestPayload(h.em, { repo, number: pr.number, action: "opened" }));
    expect(newestRuns(h.em, repo, pr.headSha)["integ-gate/owner-approval"]?.conclusion).toBe("success");

    // The owner's review is dismissed: awaiting again. Ten concurrent deliveries of that news.
    const review = h.em.state.requirePull(repo, pr.number).reviews[0];
    h.em.state.dismissReview(repo, pr.number, review?.id ?? 0);
    await Promise.all(Array.from({ length: 10 }, () => h.receive("pull_request", pullRequestPayload(h.em, { repo, number: pr.number, action: "synchronize" }))));

    expect(newestRuns(h.em, repo, pr.headSha)["integ-gate/owner-approval"]?.status).toBe("in_progress");
    expect(runCounts(pr.headSha)).toEqual({ "integ-gate/release-note": 1, "integ-gate/owner-approval": 2 });
  });

  it("20 PRs with 10 concurrent deliveries each: every PR has one run per check and its own correct verdict", async () => {
    const prs = Array.from({ length: 20 }, (_, i) => openPullRequest(h.em, repo, { branch: `feature/many-${i}`, ...(i % 4 === 0 ? { body: "No note." } : {}) }));
    prs.forEach((pr, i) => {
      if (i % 2 === 1) h.em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    });

    await Promise.all(prs.flatMap((pr) => Array.from({ length: 10 }, (_, i) => h.receive(...someEvent(pr, i)))));

    prs.forEach((pr, i) => {
      const runs = newestRuns(h.em, repo, pr.headSha);
      const noteValid = i % 4 !== 0;
      expect(runs["integ-gate/release-note"]?.conclusion).toBe(noteValid ? "success" : "failure");
      // Under reset_on note-change, an approval counts only while the note is valid.
      expect(runs["integ-gate/owner-approval"]?.conclusion ?? "in_progress").toBe(i % 2 === 1 && noteValid ? "success" : "in_progress");
      expect(runCounts(pr.headSha)).toEqual({ "integ-gate/release-note": 1, "integ-gate/owner-approval": 1 });
    });
  });
});

describe("races between replicas (no shared state)", () => {
  it("an evaluation that started earlier does not overwrite runs written by one that started later", async () => {
    const other = await startAppHarness({ em: h.em });
    try {
      const pr = openPullRequest(h.em, repo, { branch: "feature/replicas" });
      // Replica 1's first query answers at once; its second (notes, and the check runs re-read just before writing) is slow.
      h.em.faults.inject({ match: { graphql: true }, times: 1 });
      h.em.faults.inject({ match: { graphql: true }, delayMs: 1_500, times: 1 });
      const stale = h.receive("pull_request", pullRequestPayload(h.em, { repo, number: pr.number, action: "opened" }));
      while (h.em.faults.pending() > 0) await sleep(10);

      // Meanwhile the owner approves, and replica 2 gets that event and writes first.
      await sleep(5);
      const review = h.em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
      await other.receive("pull_request_review", pullRequestReviewPayload(h.em, { repo, number: pr.number, reviewId: review.id }));
      expect(newestRuns(h.em, repo, pr.headSha)["integ-gate/owner-approval"]?.conclusion).toBe("success");

      await stale;

      expect(h.results.at(-1)?.writes.map((w) => w.action)).toEqual(["skipped", "skipped"]);
      expect(newestRuns(h.em, repo, pr.headSha)["integ-gate/owner-approval"]?.conclusion).toBe("success");
      expect(runCounts(pr.headSha)).toEqual({ "integ-gate/release-note": 1, "integ-gate/owner-approval": 1 });
    } finally {
      await other.close();
    }
  });
});
