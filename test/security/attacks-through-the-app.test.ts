import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRunPayload, mergeGroupPayload, pullRequestPayload } from "../../emulator/webhook-payloads.js";
import { NOTE_TEXT } from "../support/github-fixtures.js";
import { newestRuns, openPullRequest, seedRepository, startAppHarness, type AppHarness } from "../reliability/support/app-harness.js";

/**
 * The attacks of docs/security.md, each tried by a pull request's author
 * against the real App (Probot in process, its real HTTP client against the
 * loopback GitHub, so URLs are normalised as in production). Every request
 * also passes the request guard (test/support/fail-on-scope-violations.ts).
 */
const SECRET = "SECRET-SALARY-TABLE";
let h: AppHarness;
let repo: string;

beforeAll(async () => {
  h = await startAppHarness();
  repo = seedRepository(h.em);
  // Another private repository of the same owner, readable with the same installation token.
  h.em.state.createRepo({
    owner: "acme",
    name: "payroll",
    outsider: true,
    files: {
      "docs/release-notes/salaries.md": `# Salaries\n\n${SECRET}. ${NOTE_TEXT}`,
      "integrations/contents/docs/release-notes/salaries.md": `${SECRET}\n`,
    },
  });
});
afterAll(async () => {
  await h?.close();
});

/** Every text integ-gate wrote on a commit (check runs: title, summary, annotations). */
function writtenOn(headSha: string): string {
  return h.em.state
    .checkRuns(repo, { headSha })
    .map((run) => JSON.stringify(run.output))
    .join("\n");
}

async function open(branch: string, body: string, options: { note?: string | null; files?: Record<string, string | null> } = {}) {
  const pr = openPullRequest(h.em, repo, { branch, body, note: options.note === undefined ? null : options.note, ...(options.files ? { files: options.files } : {}) });
  await h.receive("pull_request", pullRequestPayload(h.em, { repo, number: pr.number, action: "opened" }));
  return { ...pr, runs: newestRuns(h.em, repo, pr.headSha) };
}

describe("a note link never reads another repository (App)", () => {
  const web = (): string => h.em.url;
  const up = (dots: string, n: number): string => Array.from({ length: n }, () => dots).join("/");
  const variants: [string, () => string][] = [
    ["dots encoded twice (lower case)", () => `docs/release-notes/${up("%252e%252e", 4)}/payroll/contents/docs/release-notes/salaries.md`],
    ["dots encoded twice (upper case)", () => `docs/release-notes/${up("%252E%252E", 4)}/payroll/contents/docs/release-notes/salaries.md`],
    ["dots encoded once", () => `docs/release-notes/${up("%2e%2e", 4)}/payroll/contents/docs/release-notes/salaries.md`],
    ["slashes encoded", () => `docs%2frelease-notes%2f..%2f..%2f..%2f..%2fpayroll%2fcontents%2fdocs%2frelease-notes%2fsalaries.md`],
    ["backslashes", () => `docs/release-notes/..\\..\\..\\..\\payroll/contents/docs/release-notes/salaries.md`],
    ["backslashes encoded", () => `docs/release-notes/..%5c..%5c..%5c..%5cpayroll/contents/docs/release-notes/salaries.md`],
    ["an encoded ? that would become a query", () => `docs/release-notes/salaries.md%3fref=main`],
    ["an encoded # that would become a fragment", () => `docs/release-notes/${up("%252e%252e", 4)}/payroll/contents/docs/release-notes/salaries.md%2523x.md`],
    ["a blob URL with dots encoded twice", () => `${web()}/acme/integrations/blob/main/docs/release-notes/${up("%252e%252e", 4)}/payroll/contents/docs/release-notes/salaries.md`],
    ["a raw URL with dots encoded twice", () => `${web()}/acme/integrations/raw/main/docs/release-notes/${up("%252e%252e", 4)}/payroll/contents/docs/release-notes/salaries.md`],
    ["a blob URL of the other repository", () => `${web()}/acme/payroll/blob/main/docs/release-notes/salaries.md`],
  ];
  it.each(variants)("%s: refused, nothing requested outside, nothing quoted", async (_name, link) => {
    const pr = await open(`feature/link-${_name.replace(/\W+/g, "-")}`, `Release note: [the note](${link()})`);
    expect(pr.runs["integ-gate/release-note"]?.conclusion).toBe("failure");
    expect(writtenOn(pr.headSha)).not.toContain(SECRET);
    const outside = h.em.log.entries().filter((e) => /payroll/i.test(e.path) || e.path.includes(".."));
    expect(outside).toEqual([]);
  });

  it("an ordinary encoded name still works", async () => {
    const path = "docs/release-notes/café menu.md";
    const pr = await open("feature/encoded-name", `Release note: [menu](docs/release-notes/caf%C3%A9%20menu.md)`, { files: { [path]: NOTE_TEXT } });
    expect(pr.runs["integ-gate/release-note"]?.conclusion).toBe("success");
  });
});

describe("every list that decides a verdict is read whole, or the check fails closed (App)", () => {
  const noteBody = (pr: { notePath: string }): string => `Release note: [note](${pr.notePath})`;
  const seed = (branch: string) => {
    const pr = openPullRequest(h.em, repo, { branch });
    return pr;
  };
  const evaluate = async (number: number) => {
    await h.receive("pull_request", pullRequestPayload(h.em, { repo, number, action: "edited" }));
  };
  const owner = (headSha: string) => newestRuns(h.em, repo, headSha)["integ-gate/owner-approval"];

  it("an owner's change request after 3,200 comment reviews still blocks", async () => {
    const pr = seed("feature/many-reviews");
    h.em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    for (let i = 0; i < 3_200; i += 1) h.em.state.addReview(repo, pr.number, { user: "dev-bob", state: "COMMENTED", body: `nit ${i}` });
    h.em.state.addReview(repo, pr.number, { user: "maria-ops", state: "CHANGES_REQUESTED", body: "Finance was not told." });
    await evaluate(pr.number);
    expect(owner(pr.headSha)).toMatchObject({ conclusion: "failure", title: expect.stringMatching(/maria-ops/) });
  }, 120_000);

  it("more reviews than integ-gate reads: 'Could not read all reviews', never a verdict on part of them", async () => {
    const pr = seed("feature/too-many-reviews");
    h.em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    for (let i = 0; i < 5_000; i += 1) h.em.state.addReview(repo, pr.number, { user: "dev-bob", state: "COMMENTED", body: `nit ${i}` });
    await evaluate(pr.number);
    const runs = newestRuns(h.em, repo, pr.headSha);
    expect(runs["integ-gate/owner-approval"]).toMatchObject({ conclusion: "failure", title: "Could not read all reviews: 5,000 of 5,001" });
    expect(runs["integ-gate/release-note"]).toMatchObject({ conclusion: "failure", title: "Could not read all reviews: 5,000 of 5,001" });
  }, 180_000);

  it("a developer's override label after 3,200 label events is not taken for the admin's", async () => {
    const pr = seed("feature/many-labels");
    h.em.state.addLabel(repo, pr.number, "integ-gate/override", "admin-ann");
    for (let i = 0; i < 1_600; i += 1) {
      h.em.state.addLabel(repo, pr.number, "noise", "dev-bob");
      h.em.state.removeLabel(repo, pr.number, "noise", "dev-bob");
    }
    h.em.state.removeLabel(repo, pr.number, "integ-gate/override", "dev-bob");
    h.em.state.addLabel(repo, pr.number, "integ-gate/override", "dev-bob");
    await evaluate(pr.number);
    const runs = newestRuns(h.em, repo, pr.headSha);
    expect(runs["integ-gate/owner-approval"]?.title).not.toMatch(/Overridden/);
    expect(runs["integ-gate/owner-approval"]?.status).toBe("in_progress");
  }, 120_000);

  it("an owner named as the 11th co-author is a developer of the change", async () => {
    const coAuthors = Array.from({ length: 10 }, (_, i) => ({ name: `Pair ${i}`, email: `pair-${i}@example.com` }));
    h.em.state.commit({
      repo,
      branch: "feature/co-authors",
      message: "Change the export",
      author: "dev-alice",
      coAuthors: [...coAuthors, { name: "Maria", email: "maria-ops@acme.example" }],
      files: { "integrations/erp/co-authored.ts": "export const x = 1;\n", "docs/release-notes/co-authored.md": NOTE_TEXT },
    });
    const created = h.em.state.createPullRequest({ repo, head: "feature/co-authors", body: "Release note: [note](docs/release-notes/co-authored.md)", author: "dev-alice" });
    h.em.state.addReview(repo, created.number, { user: "maria-ops", state: "APPROVED" });
    await evaluate(created.number);
    const run = owner(created.headSha);
    expect(run?.conclusion).toBe("failure");
    expect(run?.title).toMatch(/cannot be met/);
  });

  /** `count` more open PRs from the same head branch into bases made at main's tip: the same commit, the same change. */
  const sameHead = (pr: { headSha: string; notePath: string }, branch: string, count: number): number[] => {
    const mainTip = h.em.state.resolveRef(repo, "main") ?? "";
    return Array.from({ length: count }, (_, i) => {
      h.em.state.setBranch(repo, `${branch}-base-${i}`, mainTip);
      return h.em.state.createPullRequest({ repo, head: branch, base: `${branch}-base-${i}`, body: noteBody(pr), author: "dev-alice" }).number;
    });
  };

  it("ten pull requests on the same head commit do not hide an eleventh that blocks", async () => {
    const pr = seed("feature/decoys");
    const others = sameHead(pr, "feature/decoys", 10);
    // Only the newest one has an owner's change request: the commit's checks must show it.
    h.em.state.addReview(repo, others.at(-1) ?? 0, { user: "maria-ops", state: "CHANGES_REQUESTED", body: "Not like this." });
    await evaluate(pr.number);
    const run = owner(pr.headSha);
    expect(run?.conclusion).toBe("failure");
    expect(run?.title).toMatch(/maria-ops/);
  });

  it("more pull requests on one head commit than integ-gate reads: 'Could not read all pull requests on the head commit'", async () => {
    const pr = seed("feature/crowd");
    sameHead(pr, "feature/crowd", 100);
    await evaluate(pr.number);
    expect(owner(pr.headSha)).toMatchObject({ conclusion: "failure", title: "Could not read all pull requests on the head commit: 100 of 101" });
  }, 120_000);
});

describe("a branch name proves no merge group (App)", () => {
  it("a re-run on a PR whose branch is named like a merge-queue branch evaluates that PR, not the PR the name mentions", async () => {
    // PR #passing is approved and passes; the attacker's PR sits on `gh-readonly-queue/main/pr-<passing>-…`.
    const passing = openPullRequest(h.em, repo, { branch: "feature/passing" });
    h.em.state.addReview(repo, passing.number, { user: "maria-ops", state: "APPROVED" });
    const attack = openPullRequest(h.em, repo, { branch: `gh-readonly-queue/main/pr-${passing.number}-${"a".repeat(40)}`, note: null, body: "No note here." });
    await h.receive("pull_request", pullRequestPayload(h.em, { repo, number: attack.number, action: "opened" }));
    const failing = h.em.state.checkRuns(repo, { headSha: attack.headSha, name: "integ-gate/release-note" }).at(-1);
    expect(failing?.conclusion).toBe("failure");

    await h.receive("check_run", checkRunPayload(h.em, { repo, checkRunId: failing?.id ?? 0 }));

    const runs = newestRuns(h.em, repo, attack.headSha);
    expect(runs["integ-gate/release-note"]?.conclusion).toBe("failure");
    expect(runs["integ-gate/owner-approval"]?.conclusion).not.toBe("success");
  });

  it("a merge group whose queue cannot be read gets 'could not read', never one PR's verdict", async () => {
    const pr = openPullRequest(h.em, repo, { branch: "feature/queued" });
    h.em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    const group = h.em.state.createMergeGroup(repo, "main", [pr.number]);
    // The merge-queue query is the first GraphQL request of the group: it fails every try.
    h.em.faults.inject({ match: { graphql: true }, status: 502, times: 4 });
    await h.receive("merge_group", mergeGroupPayload(h.em, { repo, headSha: group.headSha, headRef: group.headRef, baseSha: group.baseSha, baseBranch: "main" }));
    h.em.faults.clear();
    const runs = newestRuns(h.em, repo, group.headSha);
    expect(runs["integ-gate/owner-approval"]).toMatchObject({ conclusion: "failure", title: expect.stringMatching(/^Could not read the merge queue of main/) });
  });
});

describe("swapping the linked note resets approvals under reset_on: note-change (App)", () => {
  const twoNotes = (branch: string) => {
    const slug = branch.replace(/[^a-z0-9]+/gi, "-");
    const other = `docs/release-notes/${slug}-other.md`;
    const pr = openPullRequest(h.em, repo, { branch, files: { [other]: NOTE_TEXT.replace("Product ids", "Something else entirely") } });
    return { ...pr, other };
  };
  const approve = (number: number) => h.em.state.addReview(repo, number, { user: "maria-ops", state: "APPROVED" });
  const edited = async (number: number) => {
    await h.receive("pull_request", pullRequestPayload(h.em, { repo, number, action: "edited" }));
  };

  it("an approval of one note does not carry over to another file linked after it", async () => {
    const pr = twoNotes("feature/swap");
    approve(pr.number);
    await edited(pr.number);
    expect(newestRuns(h.em, repo, pr.headSha)["integ-gate/owner-approval"]?.conclusion).toBe("success");

    h.em.state.advanceClock(60_000);
    h.em.state.editPullRequestBody(repo, pr.number, `Release note: [note](${pr.other})`, "dev-alice");
    await edited(pr.number);

    const run = newestRuns(h.em, repo, pr.headSha)["integ-gate/owner-approval"];
    expect(run?.status).toBe("in_progress");
    const summary = h.em.state.checkRuns(repo, { headSha: pr.headSha, name: "integ-gate/owner-approval" }).at(-1)?.output.summary ?? "";
    expect(summary).toContain("linked another note when this was approved");
  });

  it("an edit that keeps the same note keeps the approval", async () => {
    const pr = twoNotes("feature/typo");
    approve(pr.number);
    h.em.state.advanceClock(60_000);
    h.em.state.editPullRequestBody(repo, pr.number, `Release note (typo fixed): [note](${pr.notePath})`, "dev-alice");
    await edited(pr.number);
    expect(newestRuns(h.em, repo, pr.headSha)["integ-gate/owner-approval"]?.conclusion).toBe("success");
  });
});
