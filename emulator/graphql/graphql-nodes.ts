import type { GraphQLResolveInfo } from "graphql";
import type { EmulatorState } from "../emulator-state.js";
import type { CommitObject } from "../git-objects.js";
import type { RateLimitBucket } from "../rate-limiter.js";
import type { Caller } from "../rest-context.js";
import type { RestUrls } from "../rest-urls.js";
import type {
  CheckRunRecord,
  CheckSuiteRecord,
  IssueEventRecord,
  PullRecord,
  RepoRecord,
  ReviewRecord,
  TeamRecord,
  UserRecord,
} from "../state-records.js";
import { connection, forbiddenError, notFoundError, type ConnectionArgs } from "./graphql-connection.js";

/** What every GraphQL resolver can see. */
export interface GraphqlContext {
  readonly state: EmulatorState;
  readonly urls: RestUrls;
  readonly caller: Caller;
  /** Whether the caller may read a repository (token scope, privacy). */
  readonly canRead: (repo: RepoRecord) => boolean;
  /** Rate limit after this query's cost was spent. */
  readonly rateLimit: RateLimitBucket;
  readonly cost: number;
  readonly nodeCount: number;
}

type Obj = Record<string, unknown>;
type Args = Record<string, unknown>;
type Resolver = (args: Args, ctx: GraphqlContext, info: GraphQLResolveInfo) => unknown;

const BLOB_TEXT_LIMIT = 512 * 1024;

function conn(args: Args): ConnectionArgs {
  return args as ConnectionArgs;
}

function upper(s: string): string {
  return s.toUpperCase();
}

export function actorNode(state: EmulatorState, urls: RestUrls, login: string | null): Obj | null {
  if (login === null) return null;
  const u = state.user(login);
  return u ? userNode(urls, u) : null;
}

export function userNode(urls: RestUrls, u: UserRecord): Obj {
  const typename = u.type === "Bot" ? "Bot" : u.type === "Organization" ? "Organization" : "User";
  const path = u.type === "Bot" ? `/apps/${u.login.replace(/\[bot\]$/, "")}` : `/${u.login}`;
  return {
    __typename: typename,
    id: u.nodeId,
    databaseId: u.id,
    login: u.type === "Bot" ? u.login.replace(/\[bot\]$/, "") : u.login,
    name: u.name,
    email: u.email ?? "",
    avatarUrl: () => `${urls.web}/avatars/u/${u.id}?`,
    url: `${urls.web}${path}`,
    resourcePath: path,
    isSiteAdmin: false,
    company: null,
    createdAt: u.createdAt,
  };
}

function gitActor(state: EmulatorState, urls: RestUrls, name: string, email: string, date: string | null): Obj {
  const user = email === "noreply@github.com" ? state.user("web-flow") : state.resolveEmail(email);
  return {
    name,
    email,
    date,
    // GitActor.user is a User: bots and apps resolve to null.
    user: user && user.type === "User" ? userNode(urls, user) : null,
    avatarUrl: () => `${urls.web}/avatars/e/${encodeURIComponent(email)}?`,
  };
}

/** A `Co-authored-by: Name <email>` line; the name is trimmed after matching (linear: no two runs of spaces to share). */
const TRAILER = /^co-authored-by:([^<\n]*)<([^>]*)>\s*$/gim;

/** The git author and every `Co-authored-by` trailer, as `Commit.authors` lists them. */
export function commitAuthors(c: CommitObject): { name: string; email: string }[] {
  const list = [{ name: c.author.name, email: c.author.email }];
  for (const m of c.message.matchAll(TRAILER)) {
    const email = m[2] ?? "";
    if (!list.some((a) => a.email.toLowerCase() === email.toLowerCase())) list.push({ name: (m[1] ?? "").trim(), email });
  }
  return list;
}

export function commitNode(ctx: GraphqlContext, repo: RepoRecord, c: CommitObject): Obj {
  const { state, urls } = ctx;
  const [headline, ...rest] = c.message.split("\n");
  const url = `${urls.web}/${repo.fullName}/commit/${c.sha}`;
  return {
    __typename: "Commit",
    id: `C_kwDO${Buffer.from(c.sha, "hex").toString("base64url")}`,
    oid: c.sha,
    abbreviatedOid: c.sha.slice(0, 7),
    message: c.message,
    messageHeadline: headline ?? "",
    messageBody: rest.join("\n").replace(/^\n+/, ""),
    committedDate: c.committer.date,
    authoredDate: c.author.date,
    pushedDate: null,
    url,
    commitUrl: url,
    resourcePath: `/${repo.fullName}/commit/${c.sha}`,
    repository: () => repoNode(ctx, repo),
    author: gitActor(state, urls, c.author.name, c.author.email, c.author.date),
    committer: gitActor(state, urls, c.committer.name, c.committer.email, c.committer.date),
    authors: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) =>
      connection(commitAuthors(c), conn(args), info, (a) => gitActor(state, urls, a.name, a.email, c.author.date)),
    parents: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) =>
      connection(
        c.parents.map((p) => state.git.commit(p)).filter((p): p is CommitObject => p !== undefined),
        conn(args),
        info,
        (p) => commitNode(ctx, repo, p),
      ),
    tree: () => treeNode(ctx, repo, c.tree, ""),
    file: (args: Args) => {
      const path = String(args["path"] ?? "");
      const blobSha = c.files.get(path);
      if (!blobSha) return null;
      return treeEntryNode(ctx, repo, path, { name: path.split("/").pop() ?? path, mode: "100644", type: "blob", sha: blobSha });
    },
    checkSuites: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) => {
      state.markStale(repo.fullName);
      const filter = (args["filterBy"] as { appId?: number | null; checkName?: string | null } | null | undefined) ?? {};
      let suites = repo.checkSuites.filter((s) => s.headSha === c.sha);
      if (filter.appId != null) suites = suites.filter((s) => s.appId === filter.appId);
      if (filter.checkName != null) {
        suites = suites.filter((s) => repo.checkRuns.some((r) => r.checkSuiteId === s.id && r.name === filter.checkName));
      }
      return connection(suites, conn(args), info, (s) => checkSuiteNode(ctx, repo, s));
    },
    status: () => statusNode(ctx, repo, c.sha),
    associatedPullRequests: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) =>
      connection(state.pullsForCommit(repo.fullName, c.sha), conn(args), info, (p) => pullNode(ctx, repo, p)),
  };
}

function statusNode(ctx: GraphqlContext, repo: RepoRecord, sha: string): Obj | null {
  const latest = new Map<string, (typeof repo.statuses)[number]>();
  for (const s of repo.statuses.filter((x) => x.sha === sha).sort((a, b) => b.id - a.id)) if (!latest.has(s.context)) latest.set(s.context, s);
  if (latest.size === 0) return null;
  const list = [...latest.values()];
  const state = list.some((s) => s.state === "error" || s.state === "failure")
    ? "FAILURE"
    : list.some((s) => s.state === "pending")
      ? "PENDING"
      : "SUCCESS";
  const contextNode = (s: (typeof list)[number]): Obj => ({
    id: s.nodeId,
    context: s.context,
    state: upper(s.state),
    description: s.description,
    targetUrl: s.targetUrl,
    createdAt: s.createdAt,
    creator: actorNode(ctx.state, ctx.urls, s.creator),
  });
  return {
    id: `SC_${sha}`,
    state,
    contexts: list.map(contextNode),
    context: (args: Args) => {
      const s = latest.get(String(args["name"]));
      return s ? contextNode(s) : null;
    },
  };
}

function blobNode(ctx: GraphqlContext, repo: RepoRecord, sha: string): Obj | null {
  const blob = ctx.state.git.blob(sha);
  if (!blob) return null;
  const binary = blob.content.subarray(0, 8000).includes(0);
  const truncated = !binary && blob.content.length > BLOB_TEXT_LIMIT;
  return {
    __typename: "Blob",
    id: `B_kwDO${Buffer.from(sha, "hex").toString("base64url")}`,
    oid: sha,
    abbreviatedOid: sha.slice(0, 7),
    byteSize: blob.content.length,
    isBinary: binary,
    isTruncated: truncated,
    text: binary ? null : blob.content.subarray(0, truncated ? BLOB_TEXT_LIMIT : undefined).toString("utf8"),
    repository: () => repoNode(ctx, repo),
    commitUrl: `${ctx.urls.web}/${repo.fullName}`,
    commitResourcePath: `/${repo.fullName}`,
  };
}

function treeEntryNode(
  ctx: GraphqlContext,
  repo: RepoRecord,
  path: string,
  e: { name: string; mode: string; type: "blob" | "tree"; sha: string },
): Obj {
  const dot = e.name.lastIndexOf(".");
  return {
    name: e.name,
    path,
    type: e.type,
    mode: Number.parseInt(e.mode, 8),
    oid: e.sha,
    extension: e.type === "blob" && dot > 0 ? e.name.slice(dot) : null,
    size: e.type === "blob" ? (ctx.state.git.blob(e.sha)?.content.length ?? 0) : 0,
    isGenerated: false,
    lineCount: null,
    object: () => (e.type === "blob" ? blobNode(ctx, repo, e.sha) : treeNode(ctx, repo, e.sha, path)),
    repository: () => repoNode(ctx, repo),
  };
}

function treeNode(ctx: GraphqlContext, repo: RepoRecord, sha: string, prefix: string): Obj | null {
  const tree = ctx.state.git.tree(sha);
  if (!tree) return null;
  return {
    __typename: "Tree",
    id: `T_kwDO${Buffer.from(sha, "hex").toString("base64url")}`,
    oid: sha,
    abbreviatedOid: sha.slice(0, 7),
    entries: tree.entries.map((e) => treeEntryNode(ctx, repo, prefix ? `${prefix}/${e.name}` : e.name, e)),
    repository: () => repoNode(ctx, repo),
    commitUrl: `${ctx.urls.web}/${repo.fullName}`,
    commitResourcePath: `/${repo.fullName}`,
  };
}

/** Resolves `Repository.object(expression:)`: `rev:path`, `rev`, or a sha. */
function objectByExpression(ctx: GraphqlContext, repo: RepoRecord, expression: string): Obj | null {
  const colon = expression.indexOf(":");
  const rev = colon < 0 ? expression : expression.slice(0, colon);
  const path = colon < 0 ? undefined : expression.slice(colon + 1).replace(/^\/+|\/+$/g, "");
  const sha = rev === "" ? repo.refs.get(repo.defaultBranch) : (ctx.state.resolveRef(repo.fullName, rev) ?? (rev === "HEAD" ? repo.refs.get(repo.defaultBranch) : undefined));
  if (!sha) {
    if (colon < 0) {
      const full = ctx.state.git.expand(rev);
      if (full && ctx.state.git.blob(full)) return blobNode(ctx, repo, full);
      if (full && ctx.state.git.tree(full)) return treeNode(ctx, repo, full, "");
    }
    return null;
  }
  const commit = ctx.state.git.commit(sha) as CommitObject;
  if (path === undefined) return commitNode(ctx, repo, commit);
  if (path === "") return treeNode(ctx, repo, commit.tree, "");
  const blobSha = commit.files.get(path);
  if (blobSha) return blobNode(ctx, repo, blobSha);
  // A directory?
  let tree = ctx.state.git.tree(commit.tree);
  for (const part of path.split("/")) {
    const e = tree?.entries.find((x) => x.name === part && x.type === "tree");
    tree = e ? ctx.state.git.tree(e.sha) : undefined;
  }
  return tree ? treeNode(ctx, repo, tree.sha, path) : null;
}

function appNode(ctx: GraphqlContext, appId: number): Obj | null {
  const app = ctx.state.apps.get(appId);
  if (!app) {
    if (appId !== 15368) return null;
    return { id: "MDM6QXBwMTUzNjg=", databaseId: 15368, slug: "github-actions", name: "GitHub Actions", url: `${ctx.urls.web}/apps/github-actions` };
  }
  return { id: app.nodeId, databaseId: app.id, slug: app.slug, name: app.name, url: `${ctx.urls.web}/apps/${app.slug}`, description: null };
}

function checkRunNode(ctx: GraphqlContext, repo: RepoRecord, r: CheckRunRecord): Obj {
  const url = `${ctx.urls.web}/${repo.fullName}/runs/${r.id}`;
  return {
    __typename: "CheckRun",
    id: r.nodeId,
    databaseId: r.id,
    name: r.name,
    status: upper(r.status),
    conclusion: r.conclusion === null ? null : upper(r.conclusion),
    title: r.output.title,
    summary: r.output.summary,
    text: r.output.text,
    externalId: r.externalId === "" ? null : r.externalId,
    detailsUrl: r.detailsUrl ?? url,
    startedAt: r.startedAt,
    completedAt: r.completedAt,
    url,
    permalink: url,
    resourcePath: `/${repo.fullName}/runs/${r.id}`,
    repository: () => repoNode(ctx, repo),
    checkSuite: () => {
      const s = repo.checkSuites.find((x) => x.id === r.checkSuiteId);
      return s ? checkSuiteNode(ctx, repo, s) : null;
    },
    annotations: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) =>
      connection(r.output.annotations, conn(args), info, (a) => ({
        path: a.path,
        message: a.message,
        title: a.title,
        rawDetails: a.raw_details,
        annotationLevel: upper(a.annotation_level),
        blobUrl: `${ctx.urls.web}/${repo.fullName}/blob/${r.headSha}/${a.path}`,
        databaseId: null,
        location: {
          start: { line: a.start_line, column: a.start_column },
          end: { line: a.end_line, column: a.end_column },
        },
      })),
  };
}

function checkSuiteNode(ctx: GraphqlContext, repo: RepoRecord, s: CheckSuiteRecord): Obj {
  const runs = (): CheckRunRecord[] => repo.checkRuns.filter((r) => r.checkSuiteId === s.id);
  const all = runs();
  const status = all.length === 0 ? "QUEUED" : all.every((r) => r.status === "completed") ? "COMPLETED" : "IN_PROGRESS";
  const commit = ctx.state.git.commit(s.headSha);
  return {
    __typename: "CheckSuite",
    id: s.nodeId,
    databaseId: s.id,
    status,
    conclusion: null,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    url: `${ctx.urls.web}/${repo.fullName}/commit/${s.headSha}/checks?check_suite_id=${s.id}`,
    resourcePath: `/${repo.fullName}/commit/${s.headSha}/checks?check_suite_id=${s.id}`,
    app: appNode(ctx, s.appId),
    branch: null,
    repository: () => repoNode(ctx, repo),
    commit: () => (commit ? commitNode(ctx, repo, commit) : null),
    checkRuns: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) => {
      ctx.state.markStale(repo.fullName);
      const f =
        (args["filterBy"] as { checkName?: string | null; checkType?: string | null; status?: string | null; appId?: number | null } | null | undefined) ?? {};
      let list = runs();
      if (f.checkName != null) list = list.filter((r) => r.name === f.checkName);
      if (f.status != null) list = list.filter((r) => upper(r.status) === f.status);
      if (f.checkType === "LATEST") {
        const newest = new Map<string, CheckRunRecord>();
        for (const r of list) {
          const prev = newest.get(r.name);
          if (!prev || prev.id < r.id) newest.set(r.name, r);
        }
        list = list.filter((r) => newest.get(r.name) === r);
      }
      return connection(list, conn(args), info, (r) => checkRunNode(ctx, repo, r));
    },
  };
}

function eventNode(ctx: GraphqlContext, e: IssueEventRecord): Obj | null {
  const typename: Record<IssueEventRecord["event"], string> = {
    labeled: "LabeledEvent",
    unlabeled: "UnlabeledEvent",
    closed: "ClosedEvent",
    reopened: "ReopenedEvent",
    ready_for_review: "ReadyForReviewEvent",
    convert_to_draft: "ConvertToDraftEvent",
    review_requested: "ReviewRequestedEvent",
  };
  return {
    __typename: typename[e.event],
    id: e.nodeId,
    actor: actorNode(ctx.state, ctx.urls, e.actor),
    createdAt: e.createdAt,
    ...(e.label ? { label: { id: `LA_${e.label.name}`, name: e.label.name, color: e.label.color } } : {}),
  };
}

const TIMELINE_TYPES: Record<string, IssueEventRecord["event"]> = {
  LABELED_EVENT: "labeled",
  UNLABELED_EVENT: "unlabeled",
  CLOSED_EVENT: "closed",
  REOPENED_EVENT: "reopened",
  READY_FOR_REVIEW_EVENT: "ready_for_review",
  CONVERT_TO_DRAFT_EVENT: "convert_to_draft",
  REVIEW_REQUESTED_EVENT: "review_requested",
};

function reviewNode(ctx: GraphqlContext, repo: RepoRecord, pr: PullRecord, r: ReviewRecord): Obj {
  const commit = ctx.state.git.commit(r.commitId);
  const url = `${ctx.urls.web}/${repo.fullName}/pull/${pr.number}#pullrequestreview-${r.id}`;
  return {
    __typename: "PullRequestReview",
    id: r.nodeId,
    databaseId: r.id,
    author: actorNode(ctx.state, ctx.urls, r.user),
    state: r.state,
    body: r.body,
    bodyText: r.body,
    submittedAt: r.submittedAt,
    createdAt: r.submittedAt,
    updatedAt: r.submittedAt,
    publishedAt: r.submittedAt,
    lastEditedAt: null,
    url,
    authorAssociation: "NONE",
    commit: commit ? commitNode(ctx, repo, commit) : null,
    pullRequest: () => pullNode(ctx, repo, pr),
  };
}

const CHANGE_TYPE: Record<string, string> = { added: "ADDED", removed: "DELETED", modified: "MODIFIED", renamed: "RENAMED" };

/** GitHub lists at most 3,000 files and 250 commits of a pull request. */
const MAX_FILES = 3000;
const MAX_COMMITS = 250;

export function pullNode(ctx: GraphqlContext, repo: RepoRecord, pr: PullRecord): Obj {
  const { state, urls } = ctx;
  const url = `${urls.web}/${repo.fullName}/pull/${pr.number}`;
  const headRepo = pr.headRepo ? state.repo(pr.headRepo) : undefined;
  const files = () => state.pullFiles(repo.fullName, pr);
  const commits = () => state.pullCommits(repo.fullName, pr);
  const baseSha = state.pullBaseSha(pr, repo.fullName);
  const latestByAuthor = (opinionated: boolean): ReviewRecord[] => {
    const m = new Map<string, ReviewRecord>();
    for (const r of pr.reviews) {
      if (r.user === null || r.state === "PENDING" || (opinionated && r.state === "COMMENTED")) continue;
      m.set(r.user.toLowerCase(), r);
    }
    return [...m.values()];
  };
  return {
    __typename: "PullRequest",
    id: pr.nodeId,
    databaseId: pr.id,
    fullDatabaseId: String(pr.id),
    number: pr.number,
    title: pr.title,
    body: pr.body,
    bodyText: pr.body,
    bodyHTML: pr.body,
    url,
    permalink: url,
    resourcePath: `/${repo.fullName}/pull/${pr.number}`,
    createdAt: pr.createdAt,
    updatedAt: pr.updatedAt,
    lastEditedAt: pr.lastEditedAt,
    userContentEdits: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) =>
      connection(pr.bodyEdits, conn(args), info, (e) => ({
        id: `UCE_${e.id}`,
        createdAt: e.editedAt,
        updatedAt: e.editedAt,
        editedAt: e.editedAt,
        deletedAt: null,
        deletedBy: null,
        editor: actorNode(state, urls, e.editor),
        diff: e.body,
      })),
    state: pr.merged ? "MERGED" : upper(pr.state),
    closed: pr.state === "closed",
    closedAt: pr.closedAt,
    merged: pr.merged,
    mergedAt: pr.mergedAt,
    mergeCommit: () => {
      const merge = pr.mergeCommitSha === null ? undefined : state.git.commit(pr.mergeCommitSha);
      return merge === undefined ? null : commitNode(ctx, repo, merge);
    },
    isDraft: pr.draft,
    locked: false,
    mergeable: pr.state === "open" ? "MERGEABLE" : "UNKNOWN",
    author: actorNode(state, urls, pr.author),
    authorAssociation: "NONE",
    headRefName: pr.headRef,
    headRefOid: pr.headSha,
    baseRefName: pr.baseRef,
    baseRefOid: baseSha,
    isCrossRepository: pr.headRepo === null || pr.headRepo.toLowerCase() !== repo.fullName.toLowerCase(),
    headRepository: () => (headRepo ? repoNode(ctx, headRepo) : null),
    headRepositoryOwner: () => (headRepo ? actorNode(state, urls, headRepo.owner) : null),
    baseRepository: () => repoNode(ctx, repo),
    repository: () => repoNode(ctx, repo),
    headRef: () => (headRepo && headRepo.refs.get(pr.headRef) ? refNode(ctx, headRepo, pr.headRef) : null),
    baseRef: () => (repo.refs.get(pr.baseRef) ? refNode(ctx, repo, pr.baseRef) : null),
    changedFiles: files().length,
    additions: files().reduce((n, f) => n + f.additions, 0),
    deletions: files().reduce((n, f) => n + f.deletions, 0),
    files: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) =>
      connection(files().slice(0, MAX_FILES), conn(args), info, (f) => ({
        path: f.filename,
        changeType: CHANGE_TYPE[f.status] ?? "MODIFIED",
        additions: f.additions,
        deletions: f.deletions,
        viewerViewedState: "UNVIEWED",
      })),
    commits: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) => {
      const list = commits();
      return connection(list.slice(0, MAX_COMMITS), conn(args), info, (c) => ({
        __typename: "PullRequestCommit",
        id: `PURC_${c.sha}`,
        url: `${url}/commits/${c.sha}`,
        resourcePath: `/${repo.fullName}/pull/${pr.number}/commits/${c.sha}`,
        commit: commitNode(ctx, repo, c),
        pullRequest: () => pullNode(ctx, repo, pr),
      }), { totalCount: list.length });
    },
    reviews: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) => {
      const states = args["states"] as string[] | null | undefined;
      const author = args["author"] as string | null | undefined;
      const list = pr.reviews.filter(
        (r) => r.state !== "PENDING" && (!states || states.includes(r.state)) && (!author || r.user?.toLowerCase() === author.toLowerCase()),
      );
      return connection(list, conn(args), info, (r) => reviewNode(ctx, repo, pr, r));
    },
    latestReviews: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) =>
      connection(latestByAuthor(false), conn(args), info, (r) => reviewNode(ctx, repo, pr, r)),
    latestOpinionatedReviews: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) =>
      connection(latestByAuthor(true), conn(args), info, (r) => reviewNode(ctx, repo, pr, r)),
    reviewDecision: null,
    labels: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) =>
      connection(pr.labels.map((n) => state.label(repo.fullName, n)), conn(args), info, (l) => ({
        id: l.nodeId,
        name: l.name,
        color: l.color,
        description: l.description,
      })),
    timelineItems: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) => {
      const types = args["itemTypes"] as string[] | null | undefined;
      const since = args["since"] as string | null | undefined;
      const kinds = types ? new Set(types.map((t) => TIMELINE_TYPES[t]).filter((k) => k !== undefined)) : undefined;
      const list = pr.events.filter((e) => (!kinds || kinds.has(e.event)) && (!since || e.createdAt >= since));
      return connection(list, conn(args), info, (e) => eventNode(ctx, e), {
        filteredCount: list.length,
        pageCount: list.length,
        updatedAt: pr.updatedAt,
      });
    },
    reviewRequests: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) => {
      const items = [
        ...pr.requestedReviewers.users.map((u) => ({ requestedReviewer: actorNode(state, urls, u) })),
        ...pr.requestedReviewers.teams.map((t) => {
          const team = state.team(repo.owner, t);
          return { requestedReviewer: team ? teamNode(ctx, team) : null };
        }),
      ];
      return connection(items, conn(args), info, (x) => ({ id: `RR_${pr.id}`, asCodeOwner: false, ...x }));
    },
    comments: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) =>
      connection(
        repo.comments.filter((c) => c.issueNumber === pr.number),
        conn(args),
        info,
        (c) => ({
          id: c.nodeId,
          databaseId: c.id,
          body: c.body,
          bodyText: c.body,
          author: actorNode(state, urls, c.user),
          createdAt: c.createdAt,
          updatedAt: c.updatedAt,
          url: `${url}#issuecomment-${c.id}`,
        }),
      ),
  };
}

function refNode(ctx: GraphqlContext, repo: RepoRecord, branch: string): Obj {
  const sha = repo.refs.get(branch) ?? "";
  const commit = ctx.state.git.commit(sha);
  return {
    id: `REF_${repo.id}_${branch}`,
    name: branch,
    prefix: "refs/heads/",
    target: commit ? commitNode(ctx, repo, commit) : null,
    repository: () => repoNode(ctx, repo),
  };
}

export function repoNode(ctx: GraphqlContext, repo: RepoRecord): Obj {
  const { state, urls } = ctx;
  return {
    __typename: "Repository",
    id: repo.nodeId,
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: repo.fullName,
    owner: actorNode(state, urls, repo.owner),
    url: `${urls.web}/${repo.fullName}`,
    resourcePath: `/${repo.fullName}`,
    isPrivate: repo.private,
    isFork: repo.parent !== null,
    isArchived: false,
    description: repo.description,
    visibility: repo.private ? "PRIVATE" : "PUBLIC",
    createdAt: repo.createdAt,
    updatedAt: repo.updatedAt,
    pushedAt: repo.pushedAt,
    defaultBranchRef: () => (repo.refs.get(repo.defaultBranch) ? refNode(ctx, repo, repo.defaultBranch) : null),
    ref: (args: Args) => {
      const q = String(args["qualifiedName"] ?? "").replace(/^refs\/heads\//, "");
      return repo.refs.get(q) ? refNode(ctx, repo, q) : null;
    },
    object: (args: Args) => {
      if (typeof args["expression"] === "string") return objectByExpression(ctx, repo, args["expression"]);
      if (typeof args["oid"] === "string") {
        const sha = args["oid"].toLowerCase();
        const c = state.git.commit(sha);
        if (c) return commitNode(ctx, repo, c);
        if (state.git.blob(sha)) return blobNode(ctx, repo, sha);
        if (state.git.tree(sha)) return treeNode(ctx, repo, sha, "");
      }
      return null;
    },
    pullRequest: (args: Args) => {
      const pr = repo.pulls.get(Number(args["number"]));
      if (!pr) throw notFoundError(`Could not resolve to a PullRequest with the number of ${String(args["number"])}.`);
      return pullNode(ctx, repo, pr);
    },
    pullRequests: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) => {
      const states = args["states"] as string[] | null | undefined;
      const head = args["headRefName"] as string | null | undefined;
      const base = args["baseRefName"] as string | null | undefined;
      const labels = args["labels"] as string[] | null | undefined;
      const order = args["orderBy"] as { field?: string; direction?: string } | null | undefined;
      let list = [...repo.pulls.values()].filter((p) => {
        const st = p.merged ? "MERGED" : upper(p.state);
        return (
          (!states || states.includes(st)) &&
          (!head || p.headRef === head) &&
          (!base || p.baseRef === base) &&
          (!labels || labels.some((l) => p.labels.includes(l)))
        );
      });
      list = list.sort((a, b) => a.number - b.number);
      if (order?.direction === "DESC") list.reverse();
      return connection(list, conn(args), info, (p) => pullNode(ctx, repo, p));
    },
    mergeQueue: (args: Args) => {
      const branch = (args["branch"] as string | null | undefined) ?? repo.defaultBranch;
      const queued = repo.mergeQueues.get(branch);
      if (!queued) return null;
      const entries = queued.map((q, i) => ({ pr: repo.pulls.get(q.number), groupSha: q.groupSha, position: i + 1 })).filter((e) => e.pr !== undefined);
      return {
        id: `MQ_${repo.id}_${branch}`,
        url: `${urls.web}/${repo.fullName}/queue/${branch}`,
        resourcePath: `/${repo.fullName}/queue/${branch}`,
        repository: () => repoNode(ctx, repo),
        entries: (a: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) =>
          connection(entries, conn(a), info, (e) => {
            const pr = e.pr as PullRecord;
            // GitHub's entry head is the merge group's commit, not the PR's head.
            const head = e.groupSha === null ? undefined : state.git.commit(e.groupSha);
            return {
              id: `MQE_${pr.id}`,
              position: e.position,
              state: "AWAITING_CHECKS",
              enqueuedAt: pr.updatedAt,
              enqueuer: actorNode(state, urls, pr.author),
              jump: false,
              solo: false,
              estimatedTimeToMerge: null,
              pullRequest: pullNode(ctx, repo, pr),
              headCommit: head ? commitNode(ctx, repo, head) : null,
              baseCommit: null,
            };
          }),
      };
    },
    labels: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) =>
      connection([...repo.labels.values()], conn(args), info, (l) => ({ id: l.nodeId, name: l.name, color: l.color, description: l.description })),
    collaborators: () => {
      throw forbiddenError("Must have push access to view repository collaborators.");
    },
  };
}

export function teamNode(ctx: GraphqlContext, team: TeamRecord): Obj {
  const { state, urls } = ctx;
  const parent = team.parentSlug ? state.team(team.org, team.parentSlug) : undefined;
  return {
    __typename: "Team",
    id: team.nodeId,
    databaseId: team.id,
    slug: team.slug,
    name: team.name,
    combinedSlug: `${team.org}/${team.slug}`,
    description: team.description,
    privacy: upper(team.privacy === "closed" ? "visible" : "secret"),
    url: `${urls.web}/orgs/${team.org}/teams/${team.slug}`,
    resourcePath: `/orgs/${team.org}/teams/${team.slug}`,
    parentTeam: () => (parent ? teamNode(ctx, parent) : null),
    members: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) => {
      const membership = String(args["membership"] ?? "ALL");
      const mode = membership === "IMMEDIATE" ? "immediate" : membership === "CHILD_TEAM" ? "child" : "all";
      const list = state.teamMembers(team, mode);
      const byQuery = typeof args["query"] === "string" && args["query"] !== "" ? list.filter((u) => u.login.toLowerCase().includes(String(args["query"]).toLowerCase())) : list;
      const c = connection(byQuery, conn(args), info, (u) => userNode(urls, u));
      const edges = (c["edges"] as { cursor: string; node: Obj }[]).map((e) => ({ ...e, role: "MEMBER", memberAccessUrl: `${urls.web}/orgs/${team.org}/teams/${team.slug}/members`, memberAccessResourcePath: `/orgs/${team.org}/teams/${team.slug}/members` }));
      return { ...c, edges };
    },
    childTeams: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) => {
      const immediateOnly = args["immediateOnly"] !== false;
      const all: TeamRecord[] = [];
      const visit = (t: TeamRecord): void => {
        for (const c of state.childTeams(t)) {
          all.push(c);
          if (!immediateOnly) visit(c);
        }
      };
      visit(team);
      return connection(all, conn(args), info, (t) => teamNode(ctx, t));
    },
    organization: () => actorNode(state, urls, team.org),
  };
}

/** Whether the caller may read organization teams (the `members` permission). */
function teamAccess(ctx: GraphqlContext, org: string): "ok" | "forbidden" | "hidden" {
  const caller = ctx.caller;
  if (caller.kind !== "token") return "hidden";
  if (caller.token.kind === "user") return "ok";
  if (caller.token.permissions.members === undefined) return caller.token.teamDenial === 404 ? "hidden" : "forbidden";
  if (caller.token.installationId !== null) {
    const inst = ctx.state.installations.get(caller.token.installationId);
    if (inst && inst.account.toLowerCase() !== org.toLowerCase()) return "hidden";
  }
  return "ok";
}

export function organizationNode(ctx: GraphqlContext, org: UserRecord): Obj {
  const base = userNode(ctx.urls, org);
  return {
    ...base,
    team: (args: Args) => {
      const access = teamAccess(ctx, org.login);
      if (access === "forbidden") throw forbiddenError();
      if (access === "hidden") return null;
      const team = ctx.state.team(org.login, String(args["slug"] ?? ""));
      return team ? teamNode(ctx, team) : null;
    },
    teams: (args: Args, _ctx: GraphqlContext, info: GraphQLResolveInfo) => {
      const access = teamAccess(ctx, org.login);
      if (access === "forbidden") throw forbiddenError();
      const list = access === "hidden" ? [] : [...ctx.state.teams.values()].filter((t) => t.org.toLowerCase() === org.login.toLowerCase());
      return connection(list, conn(args), info, (t) => teamNode(ctx, t));
    },
  };
}

/** Resolves a global node id. */
export function nodeById(ctx: GraphqlContext, id: string): Obj | null {
  const ref = ctx.state.nodes.get(id);
  if (!ref) return null;
  switch (ref.kind) {
    case "user": {
      const u = ctx.state.user(ref.login);
      return u ? userNode(ctx.urls, u) : null;
    }
    case "repo": {
      const r = ctx.state.repo(ref.fullName);
      return r && ctx.canRead(r) ? repoNode(ctx, r) : null;
    }
    case "pull": {
      const r = ctx.state.repo(ref.repo);
      const p = r?.pulls.get(ref.number);
      return r && p && ctx.canRead(r) ? pullNode(ctx, r, p) : null;
    }
    case "review": {
      const r = ctx.state.repo(ref.repo);
      const p = r?.pulls.get(ref.number);
      const rv = p?.reviews.find((x) => x.id === ref.id);
      return r && p && rv && ctx.canRead(r) ? reviewNode(ctx, r, p, rv) : null;
    }
    case "team": {
      const t = ctx.state.team(ref.org, ref.slug);
      return t && teamAccess(ctx, ref.org) === "ok" ? teamNode(ctx, t) : null;
    }
    case "checkRun": {
      const r = ctx.state.repo(ref.repo);
      const run = r?.checkRuns.find((x) => x.id === ref.id);
      return r && run && ctx.canRead(r) ? checkRunNode(ctx, r, run) : null;
    }
  }
}

/** Type guard helper for resolver maps. */
export type { Resolver };
