import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countRequests } from "../../src/github/count-requests.js";
import { createLoadMemo } from "../../src/github/create-load-memo.js";
import { loadPullRequestFacts } from "../../src/github/load-pull-request-facts.js";
import {
  BASE_PARENT,
  checkRunNode,
  commitNode,
  followUpAnswer,
  HEAD,
  NOTE_TEXT,
  pullRequestAnswer,
  type PullRequestAnswerOptions,
} from "../support/github-fixtures.js";
import { API, interceptGraphql, testOctokit, type SeenQuery } from "../support/github-nock.js";

const target = { owner: "acme", repo: "integrations", number: 7 };

/** Team answers for the t0, t1… variables GraphQL #1 carries when it has a hint. */
function teamsIn(variables: Record<string, unknown>, members: readonly string[] = ["maria-ops"]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(variables)) {
    const alias = /^(t\d+)Org$/.exec(key)?.[1];
    if (alias !== undefined) {
      out[alias] = { team: { members: { totalCount: members.length, pageInfo: { hasNextPage: false, endCursor: null }, nodes: members.map((login) => ({ login })) } } };
    }
  }
  return out;
}

beforeEach(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

function answerWith(first: PullRequestAnswerOptions = {}, follow: Parameters<typeof followUpAnswer>[1] = {}) {
  return interceptGraphql((seen: SeenQuery) => {
    if (seen.operation === "IntegGatePullRequest") return { data: { ...(pullRequestAnswer(first) as object), ...teamsIn(seen.variables) } };
    if (seen.operation === "IntegGateFollowUp") return followUpAnswer(seen.variables, follow);
    throw new Error(`unexpected ${seen.operation}`);
  });
}

describe("loadPullRequestFacts", () => {
  it("loads a typical PR in two GraphQL queries, both valid against GitHub's schema", async () => {
    const runs = [checkRunNode({ id: 11, name: "integ-gate/release-note", externalId: "7@1000" })];
    const seen = answerWith({ runs }, { runs });
    const counted = countRequests(testOctokit());

    const load = await loadPullRequestFacts(counted.port, target, { appId: 99 });

    expect(counted.counts()).toMatchObject({ total: 2, writeQueue: 2, reads: 0 });
    expect(seen.map((s) => s.operation)).toEqual(["IntegGatePullRequest", "IntegGateFollowUp"]);
    expect(seen[0]?.variables).toMatchObject({ owner: "acme", repo: "integrations", number: 7, appId: 99 });
    expect(load.input.kind).toBe("ready");
    if (load.input.kind !== "ready") return;
    const facts = load.input.facts;
    expect(facts.headSha).toBe(HEAD);
    expect(facts.defaultBranch).toBe("main");
    expect(facts.serverUrl).toBe("https://github.com");
    expect(facts.labels).toEqual(["integration"]);
    expect(facts.labelEvents).toEqual([{ kind: "labeled", label: "integration", actor: "dev-alice", at: "2026-01-01T00:00:00Z" }]);
    expect(facts.files).toEqual([{ path: "integrations/erp/export.ts", status: "modified" }]);
    expect(facts.noteFiles["docs/release-notes/product-id.md"]?.kind).toBe("text");
    expect(facts.teams["acme/integration-owners"]).toEqual({ readable: true, members: ["maria-ops"] });
    expect(load.checkRuns?.map((r) => [r.id, r.name, r.externalId])).toEqual([[11, "integ-gate/release-note", "7@1000"]]);
  });

  it("asks no second query when there is no note to read and no team", async () => {
    const config = 'version: 1\nowners: ["@maria-ops"]\n';
    const seen = answerWith({ config, body: "No links here." });
    const counted = countRequests(testOctokit());

    const load = await loadPullRequestFacts(counted.port, target, {});

    expect(counted.counts().total).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.query).not.toContain("checkSuites");
    expect(load.input.kind).toBe("ready");
  });

  it("turns a team the token cannot read into an unreadable team, not a failed load", async () => {
    answerWith({}, { teamError: true });

    const load = await loadPullRequestFacts(testOctokit(), target, { appId: 99 });

    expect(load.input.kind).toBe("ready");
    if (load.input.kind !== "ready") return;
    const team = load.input.facts.teams["acme/integration-owners"];
    expect(team?.readable).toBe(false);
    expect(team?.readable === false ? team.reason : "").toContain("Resource not accessible by integration");
  });

  it("reports no config when the default branch has no .integ.yml, and reads nothing more", async () => {
    const seen = answerWith({ config: null });

    const load = await loadPullRequestFacts(testOctokit(), target, { appId: 99 });

    expect(load.input).toEqual({ kind: "no-config" });
    expect(seen).toHaveLength(1);
  });

  it("reports an invalid config with its line", async () => {
    answerWith({ config: "version: 1\nowners: []\nsurprise: true\n" });

    const load = await loadPullRequestFacts(testOctokit(), target, { appId: 99 });

    expect(load.input.kind).toBe("invalid-config");
    if (load.input.kind !== "invalid-config") return;
    expect(load.input.defaultBranch).toBe("main");
    expect(load.input.issues[0]?.line).toBeGreaterThan(1);
  });

  it("reports a failed read, never a missing config, when GraphQL fails", async () => {
    nock(API).post("/graphql").reply(502, { message: "Bad gateway" });

    const load = await loadPullRequestFacts(testOctokit(), target, { appId: 99 });

    expect(load.input).toMatchObject({ kind: "read-failed", what: "the pull request" });
    expect(load.pullRequest).toBeNull();
  });

  it("treats an error on the config blob as a failed config read", async () => {
    interceptGraphql(() => ({
      data: pullRequestAnswer(),
      errors: [{ type: "INTERNAL", message: "Something went wrong", path: ["repository", "config"] }],
    }));

    const load = await loadPullRequestFacts(testOctokit(), target, { appId: 99 });

    expect(load.input).toMatchObject({ kind: "read-failed", what: "the configuration" });
    expect(load.pullRequest?.headSha).toBe(HEAD);
  });

  it("reads previous paths of renamed files through one REST GET", async () => {
    answerWith({ files: [{ path: "integrations/erp/new.ts", changeType: "RENAMED" }] });
    const rest = nock(API)
      .get("/repos/acme/integrations/pulls/7/files")
      .query({ per_page: "100", page: "1" })
      .reply(200, [{ filename: "integrations/erp/new.ts", status: "renamed", previous_filename: "integrations/erp/old.ts" }]);
    const counted = countRequests(testOctokit());

    const load = await loadPullRequestFacts(counted.port, target, { appId: 99 });

    expect(rest.isDone()).toBe(true);
    expect(counted.counts()).toMatchObject({ total: 3, writeQueue: 2, reads: 1 });
    expect(load.input.kind === "ready" && load.input.facts.files).toEqual([
      { path: "integrations/erp/new.ts", status: "renamed", previousPath: "integrations/erp/old.ts" },
    ]);
  });

  it("lists a large PR's files through parallel REST pages (GETs, outside the write queue)", async () => {
    answerWith({ totalFiles: 250, files: Array.from({ length: 100 }, (_, i) => ({ path: `f${i}.ts`, changeType: "MODIFIED" })) });
    for (const pageNo of [1, 2, 3]) {
      const size = pageNo === 3 ? 50 : 100;
      nock(API)
        .get("/repos/acme/integrations/pulls/7/files")
        .query({ per_page: "100", page: String(pageNo) })
        // The last page holds the one file that makes it an integration PR (so its note is read).
        .reply(200, Array.from({ length: size }, (_, i) => ({ filename: pageNo === 3 && i === 0 ? "integrations/erp/late.ts" : `p${pageNo}/f${i}.ts`, status: "modified" })));
    }
    const counted = countRequests(testOctokit());

    const load = await loadPullRequestFacts(counted.port, target, { appId: 99 });

    expect(counted.counts()).toMatchObject({ writeQueue: 2, reads: 3 });
    expect(load.input.kind === "ready" && load.input.facts.files.length).toBe(250);
  });

  it("pages commits beyond 100 with one more (valid) GraphQL query", async () => {
    const seen = interceptGraphql((q) => {
      if (q.operation === "IntegGatePullRequest") return { data: pullRequestAnswer({ commitsHasNextPage: true }) };
      if (q.operation === "IntegGatePullRequestPages") {
        expect(q.variables).toMatchObject({ commitsAfter: "cursor1", withCommits: true, withReviews: false });
        return {
          data: {
            repository: {
              pullRequest: { commits: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [commitNode("e".repeat(40), "dev-alice", [HEAD])] } },
            },
          },
        };
      }
      return followUpAnswer(q.variables);
    });

    const load = await loadPullRequestFacts(testOctokit(), target, { appId: 99 });

    expect(seen.map((s) => s.operation)).toEqual(["IntegGatePullRequest", "IntegGatePullRequestPages", "IntegGateFollowUp"]);
    expect(load.input.kind === "ready" && load.input.facts.commits.map((c) => c.sha)).toEqual([HEAD, "e".repeat(40)]);
  });

  it("reads a commit's files only when one of its authors reviewed the PR", async () => {
    const bobSha = "f".repeat(40);
    answerWith({
      commits: [commitNode("1".repeat(40), "dev-alice", [BASE_PARENT]), commitNode(bobSha, "maria-ops", ["1".repeat(40)])],
      reviews: [{ id: "R1", author: { login: "maria-ops" }, state: "APPROVED", commit: { oid: bobSha }, submittedAt: "2026-01-02T00:00:00Z" }],
    });
    const files = nock(API)
      .get(`/repos/acme/integrations/commits/${bobSha}`)
      .reply(200, { sha: bobSha, files: [{ filename: "docs/release-notes/product-id.md" }] });
    const memo = createLoadMemo();

    const load = await loadPullRequestFacts(testOctokit(), target, { appId: 99, memo });

    expect(files.isDone()).toBe(true);
    expect(load.input.kind === "ready" && load.input.facts.commits.map((c) => c.files)).toEqual([undefined, ["docs/release-notes/product-id.md"]]);
    // Commits never change: the next load reuses the answer without a request.
    answerWith({
      commits: [commitNode("1".repeat(40), "dev-alice", [BASE_PARENT]), commitNode(bobSha, "maria-ops", ["1".repeat(40)])],
      reviews: [{ id: "R1", author: { login: "maria-ops" }, state: "APPROVED", commit: { oid: bobSha }, submittedAt: "2026-01-02T00:00:00Z" }],
    });
    const counted = countRequests(testOctokit());
    await loadPullRequestFacts(counted.port, target, { appId: 99, memo });
    expect(counted.counts().reads).toBe(0);
  });

  it("reads the proposed .integ.yml at head when the PR changes it, even without a config on main", async () => {
    const seen = answerWith({ config: null, files: [{ path: ".integ.yml", changeType: "ADDED" }] });

    const load = await loadPullRequestFacts(testOctokit(), target, { appId: 99 });

    expect(load.input.kind).toBe("no-config");
    expect(load.pullRequest?.changesConfig).toBe(true);
    expect(load.proposedConfig?.kind).toBe("text");
    expect(seen[1]?.variables["cfg"]).toBe(`${HEAD}:.integ.yml`);
  });

  it("finds other open PRs that share the head commit", async () => {
    answerWith({ shared: [{ number: 9, state: "OPEN", headRefOid: HEAD }, { number: 10, state: "CLOSED", headRefOid: HEAD }] });

    const load = await loadPullRequestFacts(testOctokit(), target, { appId: 99 });

    expect(load.pullRequest?.sharedHeadWith).toEqual([9]);
  });

  it("with a memo, a push needs one query: the note linked last time is read at the new head inside GraphQL #1", async () => {
    const memo = createLoadMemo();
    answerWith();
    await loadPullRequestFacts(testOctokit(), target, { appId: 99, memo });
    nock.cleanAll();
    const pushed = "f".repeat(40);
    const blob = { __typename: "Blob", oid: "e".repeat(40), byteSize: 30, isBinary: false, isTruncated: false, text: "# Note\n\nRewritten after review.\n" };
    const seen = answerWith({ head: pushed, headFields: { h0: { object: blob } } });

    const again = await loadPullRequestFacts(testOctokit(), target, { appId: 99, memo });

    expect(seen.map((s) => s.operation)).toEqual(["IntegGatePullRequest"]);
    expect(seen[0]?.variables["h0"]).toBe("docs/release-notes/product-id.md");
    expect(again.input.kind === "ready" && again.input.facts.noteFiles["docs/release-notes/product-id.md"]).toMatchObject({ kind: "text", blobSha: "e".repeat(40) });
  });

  it("(Action) gives the statuses it read in GraphQL #1, and none when that part failed (they are read again before writing)", async () => {
    const status = { releaseNote: { state: "SUCCESS", description: "Release note: docs/a.md" }, ownerApproval: null };
    answerWith({ headFields: { status } });
    const load = await loadPullRequestFacts(testOctokit(), target, { appId: null });
    expect(load.input.kind).toBe("ready");
    expect([...(load.statuses?.byContext.values() ?? [])]).toEqual([
      { context: "integ-gate/release-note", state: "success", description: "Release note: docs/a.md" },
    ]);
    nock.cleanAll();

    interceptGraphql((q: SeenQuery) => {
      if (q.operation === "IntegGatePullRequest") {
        return {
          data: pullRequestAnswer({ headFields: { status: null } }),
          errors: [{ message: "Resource not accessible by integration", path: ["repository", "pullRequest", "headCommit", "nodes", 0, "commit", "status"] }],
        };
      }
      return followUpAnswer(q.variables);
    });
    const failed = await loadPullRequestFacts(testOctokit(), target, { appId: null });
    expect(failed.input.kind).toBe("ready");
    expect(failed.statuses).toBeNull();
  });

  it("reads the note again (one GET, outside the write queue) when the hinted read in #1 fails: a lost hint is never a missing note", async () => {
    const memo = createLoadMemo();
    answerWith();
    await loadPullRequestFacts(testOctokit(), target, { appId: 99, memo });
    nock.cleanAll();
    const pushed = "f".repeat(40);
    const seen = interceptGraphql((q: SeenQuery) => {
      if (q.operation === "IntegGatePullRequest") {
        return {
          data: { ...(pullRequestAnswer({ head: pushed, headFields: { h0: null } }) as object), ...teamsIn(q.variables) },
          errors: [{ message: "Something went wrong", path: ["repository", "pullRequest", "headCommit", "nodes", 0, "commit", "h0"] }],
        };
      }
      return followUpAnswer(q.variables);
    });

    const content = nock(API)
      .get("/repos/acme/integrations/contents/docs/release-notes/product-id.md")
      .query({ ref: pushed })
      .reply(200, { type: "file", size: NOTE_TEXT.length, sha: "e".repeat(40), encoding: "base64", content: Buffer.from(NOTE_TEXT).toString("base64") });
    const counted = countRequests(testOctokit());

    const again = await loadPullRequestFacts(counted.port, target, { appId: 99, memo });

    expect(seen.map((s) => s.operation)).toEqual(["IntegGatePullRequest"]);
    expect(content.isDone()).toBe(true);
    expect(counted.counts()).toMatchObject({ total: 2, writeQueue: 1, reads: 1 });
    expect(again.input.kind === "ready" && again.input.facts.noteFiles["docs/release-notes/product-id.md"]).toMatchObject({ kind: "text", text: NOTE_TEXT });
    expect(again.checkRuns).not.toBeNull();
  });

  it("reads the note at reviewed commits only for approvals that may count (a developer's approval cannot)", async () => {
    const memo = createLoadMemo();
    answerWith();
    await loadPullRequestFacts(testOctokit(), target, { appId: 99, memo });
    nock.cleanAll();
    const ownerSha = "d".repeat(40);
    const devSha = "c".repeat(40);
    const reviews = [
      { id: "R1", author: { login: "dev-bob" }, state: "APPROVED", commit: { oid: devSha }, submittedAt: "2026-01-02T00:00:00Z" },
      { id: "R2", author: { login: "Maria-Ops" }, state: "APPROVED", commit: { oid: ownerSha }, submittedAt: "2026-01-03T00:00:00Z" },
    ];
    const seen = answerWith({ reviews });

    await loadPullRequestFacts(testOctokit(), target, { appId: 99, memo });

    const followUp = seen.find((q) => q.operation === "IntegGateFollowUp");
    const commits = Object.entries(followUp?.variables ?? {}).filter(([k]) => /^c\d+$/.test(k)).map(([, v]) => v);
    expect(commits).toEqual([ownerSha]);
  });

  it("with a memo, a repeat evaluation needs one query: teams ride along in GraphQL #1, the note at that commit is remembered", async () => {
    const memo = createLoadMemo();
    const seen = answerWith();
    await loadPullRequestFacts(testOctokit(), target, { appId: 99, memo });
    expect(seen.map((s) => s.operation)).toEqual(["IntegGatePullRequest", "IntegGateFollowUp"]);

    const counted = countRequests(testOctokit());
    const again = await loadPullRequestFacts(counted.port, target, { appId: 99, memo });

    expect(counted.counts().total).toBe(1);
    expect(seen[2]?.variables).toMatchObject({ t0Org: "acme", t0Slug: "integration-owners" });
    expect(again.input.kind === "ready" && again.input.facts.teams["acme/integration-owners"]).toEqual({ readable: true, members: ["maria-ops"] });
    expect(again.input.kind === "ready" && again.input.facts.noteFiles["docs/release-notes/product-id.md"]?.kind).toBe("text");
  });

  it("ignores the team hint when .integ.yml changed since, and reads the new teams in GraphQL #2", async () => {
    const memo = createLoadMemo();
    answerWith();
    await loadPullRequestFacts(testOctokit(), target, { appId: 99, memo });
    nock.cleanAll();
    const changed = 'version: 1\nowners: ["@acme/finance-leads"]\n';
    const seen = answerWith({ config: changed }, { members: ["fiona-fin"] });

    const load = await loadPullRequestFacts(testOctokit(), target, { appId: 99, memo });

    expect(seen.map((s) => s.operation)).toEqual(["IntegGatePullRequest", "IntegGateFollowUp"]);
    expect(seen[1]?.variables).toMatchObject({ t0Org: "acme", t0Slug: "finance-leads" });
    expect(load.input.kind === "ready" && Object.keys(load.input.facts.teams)).toEqual(["acme/finance-leads"]);
  });
});
