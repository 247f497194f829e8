import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { installationToken, seedSample } from "./emulator-test-kit.js";

let em: Emulator;
let token: string;
let sample: ReturnType<typeof seedSample>;

interface GraphqlAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; type?: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

async function gql(query: string, variables: Record<string, unknown> = {}, auth = token): Promise<GraphqlAnswer> {
  const res = await fetch(em.graphqlUrl, {
    method: "POST",
    headers: { authorization: `bearer ${auth}`, "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as GraphqlAnswer;
}

beforeAll(async () => {
  em = await startEmulator();
  sample = seedSample(em);
  em.state.addReview(sample.repo, sample.number, { user: "maria-ops", state: "APPROVED", body: "ok" });
  token = await installationToken(em, sample.repo);
});

afterAll(async () => {
  await em.close();
});

const PR_QUERY = `
query Facts($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    nameWithOwner
    defaultBranchRef { name target { oid } }
    config: object(expression: "main:.integ.yml") { ... on Blob { text byteSize isBinary isTruncated } }
    pullRequest(number: $number) {
      number title body lastEditedAt state isDraft author { login }
      headRefName headRefOid baseRefName baseRefOid
      headRepository { nameWithOwner }
      changedFiles
      files(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { path changeType additions deletions } }
      commits(first: 100) { totalCount nodes { commit { oid message parents(first: 2) { totalCount nodes { oid } }
        authors(first: 10) { nodes { name email user { login } } } committer { name email user { login } } } } }
      reviews(first: 100) { nodes { databaseId author { login } state submittedAt commit { oid } } }
      labels(first: 20) { nodes { name } }
      timelineItems(first: 100, itemTypes: [LABELED_EVENT, UNLABELED_EVENT]) {
        nodes { __typename ... on LabeledEvent { actor { login } label { name } createdAt } }
      }
    }
  }
  rateLimit { cost remaining }
}`;

describe("GraphQL over GitHub's published schema", () => {
  it("answers the pull request facts query from the emulator's state", async () => {
    const res = await gql(PR_QUERY, { owner: "acme", name: "integrations", number: sample.number });
    expect(res.errors).toBeUndefined();
    const repo = res.data?.["repository"] as Record<string, any>;
    expect(repo["config"]).toMatchObject({ isBinary: false, isTruncated: false, text: expect.stringContaining("@acme/integration-owners") });
    const pr = repo["pullRequest"];
    expect(pr).toMatchObject({ number: sample.number, state: "OPEN", isDraft: false, author: { login: "dev-alice" }, headRefOid: sample.headSha });
    expect(pr.files.nodes).toEqual([
      { path: "docs/release-notes/product-id.md", changeType: "ADDED", additions: 5, deletions: 0 },
      { path: "integrations/crm/new-name.ts", changeType: "RENAMED", additions: 0, deletions: 0 },
      { path: "integrations/erp/export.ts", changeType: "MODIFIED", additions: 1, deletions: 1 },
    ]);
    // Co-authors come from the Co-authored-by trailer, resolved to accounts.
    expect(pr.commits.nodes[0].commit.authors.nodes.map((a: { user: { login: string } | null }) => a.user?.login)).toEqual(["dev-alice", "bob-dev"]);
    expect(pr.reviews.nodes[0]).toMatchObject({ author: { login: "maria-ops" }, state: "APPROVED", commit: { oid: sample.headSha } });
    expect(pr.labels.nodes).toEqual([{ name: "integration" }]);
    expect(pr.timelineItems.nodes[0]).toMatchObject({ __typename: "LabeledEvent", actor: { login: "dev-alice" }, label: { name: "integration" } });
    // GitHub's formula: 1 (files) + 1 (commits) + 100×1 (parents) + 100×1 (authors) + 1 + 1 + 1 = 205 requests -> 2 points.
    expect(res.data?.["rateLimit"]).toMatchObject({ cost: 2, remaining: 4998 });
  });

  it("has no previous path for renamed files, as GitHub's GraphQL has none (REST files has previous_filename)", async () => {
    const res = await gql(`{ repository(owner: "acme", name: "integrations") { pullRequest(number: 1) { files(first: 5) { nodes { path previousFilePath } } } } }`);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]?.message).toBe("Field 'previousFilePath' doesn't exist on type 'PullRequestChangedFile'");
  });

  it("rejects a connection without first/last, or with more than 100, before executing anything", async () => {
    const missing = await gql(`{ repository(owner: "acme", name: "integrations") { pullRequest(number: 1) { labels { nodes { name } } } } }`);
    expect(missing.data).toBeUndefined();
    expect(missing.errors?.[0]).toMatchObject({ type: "MISSING_PAGINATION_BOUNDARIES", message: "You must provide a `first` or `last` value to properly paginate the `labels` connection." });
    const tooMany = await gql(`{ repository(owner: "acme", name: "integrations") { pullRequest(number: 1) { files(first: 101) { nodes { path } } } } }`);
    expect(tooMany.data).toBeUndefined();
    expect(tooMany.errors?.[0]).toMatchObject({ type: "EXCESSIVE_PAGINATION", message: "Requesting 101 records on the `files` connection exceeds the `first` limit of 100 records." });
  });

  it("refuses queries that could return more than 500,000 nodes", async () => {
    const res = await gql(`{ repository(owner: "acme", name: "integrations") { pullRequests(first: 100) { nodes {
      commits(first: 100) { nodes { commit { authors(first: 100) { nodes { name } } } } } } } } }`);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]?.type).toBe("MAX_NODE_LIMIT_EXCEEDED");
  });

  it("paginates with cursors", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++) files[`etl/f${String(i).padStart(3, "0")}.sql`] = `select ${i};\n`;
    em.state.commit({ repo: sample.repo, branch: "many", from: "main", files });
    const n = em.state.createPullRequest({ repo: sample.repo, head: "many" }).number;
    const q = `query($after: String) { repository(owner: "acme", name: "integrations") { pullRequest(number: ${n}) {
      files(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { path } } } } }`;
    const page1 = (await gql(q)).data as any;
    const f1 = page1.repository.pullRequest.files;
    expect(f1).toMatchObject({ totalCount: 150, pageInfo: { hasNextPage: true } });
    const page2 = (await gql(q, { after: f1.pageInfo.endCursor })).data as any;
    const f2 = page2.repository.pullRequest.files;
    expect(f2.nodes).toHaveLength(50);
    expect(f2.pageInfo.hasNextPage).toBe(false);
    expect(f2.nodes[0].path).toBe("etl/f100.sql");
  });

  it("answers NOT_FOUND with a null field for a missing pull request or an unreachable repository", async () => {
    const pr = await gql(`{ repository(owner: "acme", name: "integrations") { pullRequest(number: 999) { number } } }`);
    expect(pr.data).toEqual({ repository: { pullRequest: null } });
    expect(pr.errors?.[0]).toMatchObject({ type: "NOT_FOUND", path: ["repository", "pullRequest"], message: "Could not resolve to a PullRequest with the number of 999." });
    em.state.createRepo({ owner: "elsewhere", name: "private" });
    const repo = await gql(`{ repository(owner: "elsewhere", name: "private") { id } }`);
    expect(repo.data).toEqual({ repository: null });
    expect(repo.errors?.[0]?.type).toBe("NOT_FOUND");
  });

  it("lists team members with child teams (membership ALL) and only direct ones with IMMEDIATE", async () => {
    const q = (m: string) => `{ organization(login: "acme") { team(slug: "integration-owners") { members(first: 100, membership: ${m}) { totalCount nodes { login } } } } }`;
    const all = (await gql(q("ALL"))).data as any;
    expect(all.organization.team.members.nodes.map((u: { login: string }) => u.login)).toEqual(["fiona-fin", "maria-ops"]);
    const immediate = (await gql(q("IMMEDIATE"))).data as any;
    expect(immediate.organization.team.members.nodes.map((u: { login: string }) => u.login)).toEqual(["maria-ops"]);
  });

  it("refuses team reads without the members permission (FORBIDDEN, team null)", async () => {
    const limited = em.state.createToken({ kind: "actions", permissions: { contents: "read", pull_requests: "read" } });
    const res = await gql(`{ organization(login: "acme") { team(slug: "integration-owners") { members(first: 10) { nodes { login } } } } }`, {}, limited.token);
    expect(res.data).toEqual({ organization: { team: null } });
    expect(res.errors?.[0]).toMatchObject({ type: "FORBIDDEN", message: "Resource not accessible by integration" });
  });

  it("spells bot logins without [bot] and does not resolve bots as GitActor users", async () => {
    em.state.commit({ repo: sample.repo, branch: "bot-change", from: "main", author: "renovate[bot]", files: { "deps.txt": "x\n" } });
    const n = em.state.createPullRequest({ repo: sample.repo, head: "bot-change", author: "renovate[bot]" }).number;
    const res = (await gql(`{ repository(owner: "acme", name: "integrations") { pullRequest(number: ${n}) { author { __typename login }
      commits(first: 1) { nodes { commit { author { email user { login } } } } } } } }`)).data as any;
    expect(res.repository.pullRequest.author).toEqual({ __typename: "Bot", login: "renovate" });
    expect(res.repository.pullRequest.commits.nodes[0].commit.author.user).toBeNull();
  });

  it("reports binary blobs with null text", async () => {
    em.state.commit({ repo: sample.repo, branch: "bin", from: "main", files: { "docs/release-notes/logo.md": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) } });
    const res = (await gql(`{ repository(owner: "acme", name: "integrations") { object(expression: "bin:docs/release-notes/logo.md") { ... on Blob { isBinary text byteSize } } } }`)).data as any;
    expect(res.repository.object).toEqual({ isBinary: true, text: null, byteSize: 7 });
  });

  it("fails loudly on schema fields the emulator does not implement, never with a silent null", async () => {
    const res = await gql(`{ repository(owner: "acme", name: "integrations") { forkCount } }`);
    expect(res.errors?.[0]?.message).toBe("The GitHub emulator does not implement Repository.forkCount");
  });

  it("reads check runs of a commit and the merge queue", async () => {
    const gh = await fetch(`${em.apiUrl}/repos/acme/integrations/check-runs`, {
      method: "POST",
      headers: { authorization: `token ${token}` },
      body: JSON.stringify({ name: "integ-gate/release-note", head_sha: sample.headSha, status: "in_progress", external_id: "1" }),
    });
    expect(gh.status).toBe(201);
    em.state.setMergeQueue(sample.repo, "main", [sample.number]);
    const res = (await gql(`{ repository(owner: "acme", name: "integrations") {
      object(oid: "${sample.headSha}") { ... on Commit { checkSuites(first: 10) { nodes { app { databaseId } checkRuns(first: 10, filterBy: { checkName: "integ-gate/release-note" }) { nodes { databaseId name status conclusion externalId } } } } } }
      mergeQueue(branch: "main") { entries(first: 10) { nodes { position pullRequest { number } } } } } }`)).data as any;
    expect(res.repository.object.checkSuites.nodes[0].app.databaseId).toBe(em.app.id);
    expect(res.repository.object.checkSuites.nodes[0].checkRuns.nodes[0]).toMatchObject({ name: "integ-gate/release-note", status: "IN_PROGRESS", conclusion: null, externalId: "1" });
    expect(res.repository.mergeQueue.entries.nodes).toEqual([{ position: 1, pullRequest: { number: sample.number } }]);
  });

  it("answers viewer with the token's account, bots with their [bot] suffix as GitHub does", async () => {
    const actions = em.state.createToken({ kind: "actions", repositories: [sample.repo] }).token;
    const person = em.state.createToken({ kind: "user", login: "maria-ops" }).token;
    const logins = await Promise.all([token, actions, person].map(async (t) => ((await gql("{ viewer { login } }", {}, t)).data as { viewer: { login: string } }).viewer.login));
    expect(logins).toEqual([`${em.app.slug}[bot]`, "github-actions[bot]", "maria-ops"]);
  });

  it("requires authentication", async () => {
    const res = await fetch(em.graphqlUrl, { method: "POST", body: JSON.stringify({ query: "{ viewer { login } }" }) });
    expect(res.status).toBe(401);
  });
});
