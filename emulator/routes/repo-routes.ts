import type { CommitObject } from "../git-objects.js";
import { computePullDiff, listPullCommits, mergeBase } from "../pull-diff.js";
import { docsUrl, GitHubHttpError, notFound, ok, paginate, type Route, type RouteContext } from "../rest-context.js";
import {
  commitJson,
  diffEntryJson,
  gitCommitJson,
  labelJson,
  pullJson,
  repoJson,
  userJson,
} from "../rest-representations.js";
import type { RepoRecord } from "../state-records.js";

const REPO = "/repos/{owner}/{repo}";
const REPO_DOCS = docsUrl("/rest/repos/repos#get-a-repository");
const CONTENTS_DOCS = docsUrl("/rest/repos/contents#get-repository-content");
const BLOB_DOCS = docsUrl("/rest/git/blobs#get-a-blob");
const TREE_DOCS = docsUrl("/rest/git/trees#get-a-tree");
const GIT_COMMIT_DOCS = docsUrl("/rest/git/commits#get-a-commit-object");
const REF_DOCS = docsUrl("/rest/git/refs#get-a-reference");
const COMMIT_DOCS = docsUrl("/rest/commits/commits#get-a-commit");
const COMMITS_DOCS = docsUrl("/rest/commits/commits#list-commits");
const COMMIT_PULLS_DOCS = docsUrl("/rest/commits/commits#list-pull-requests-associated-with-a-commit");
const COMPARE_DOCS = docsUrl("/rest/commits/commits#compare-two-commits");
const PERMISSION_DOCS = docsUrl("/rest/collaborators/collaborators#get-repository-permissions-for-a-user");
const LABELS_DOCS = docsUrl("/rest/issues/labels#list-labels-for-a-repository");

/** GitHub wraps base64 content at 60 characters per line. */
function base64Lines(buf: Buffer): string {
  const b64 = buf.toString("base64");
  return (b64.match(/.{1,60}/g) ?? [""]).join("\n") + "\n";
}

function wantsRaw(ctx: RouteContext): boolean {
  return ctx.accept !== undefined && /application\/vnd\.github(?:\.[a-z0-9-]+)?\.raw/.test(ctx.accept);
}

function resolveOr404(ctx: RouteContext, ref: string | null, docs: string): string {
  const repo = ctx.repo as RepoRecord;
  const sha = ctx.state.resolveRef(repo.fullName, ref ?? repo.defaultBranch);
  if (!sha) throw new GitHubHttpError(404, { message: `No commit found for the ref ${ref ?? ""}`, documentation_url: docs, status: "404" });
  return sha;
}

function getContents(ctx: RouteContext): ReturnType<Route["handler"]> {
  const repo = ctx.repo as RepoRecord;
  const path = (ctx.params["path"] ?? "").replace(/^\/+|\/+$/g, "");
  const refParam = ctx.query.get("ref");
  const sha = resolveOr404(ctx, refParam, CONTENTS_DOCS);
  const commit = ctx.state.git.commit(sha) as CommitObject;
  const api = `${ctx.urls.api}/repos/${repo.fullName}`;
  const refForUrls = refParam ?? repo.defaultBranch;
  const entryJson = (p: string, type: "file" | "dir", blobSha: string, size: number): Record<string, unknown> => {
    const self = `${api}/contents/${p}?ref=${encodeURIComponent(refForUrls)}`;
    const git = `${api}/git/${type === "file" ? "blobs" : "trees"}/${blobSha}`;
    const html = `${ctx.urls.web}/${repo.fullName}/${type === "file" ? "blob" : "tree"}/${refForUrls}/${p}`;
    return {
      type,
      size,
      name: p.split("/").pop() ?? p,
      path: p,
      sha: blobSha,
      url: self,
      git_url: git,
      html_url: html,
      download_url: type === "file" ? `${ctx.urls.web}/${repo.fullName}/raw/${refForUrls}/${p}` : null,
      _links: { self, git, html },
    };
  };
  const blobSha = commit.files.get(path);
  if (blobSha !== undefined) {
    const blob = ctx.state.git.blob(blobSha);
    if (!blob) throw notFound(CONTENTS_DOCS);
    if (wantsRaw(ctx)) {
      return { status: 200, body: blob.content, headers: { "content-type": "application/vnd.github.raw; charset=utf-8" } };
    }
    // Files over 1 MB come without content (encoding "none"), as on GitHub.
    const tooLarge = blob.content.length > 1024 * 1024;
    return ok({
      ...entryJson(path, "file", blobSha, blob.content.length),
      content: tooLarge ? "" : base64Lines(blob.content),
      encoding: tooLarge ? "none" : "base64",
    });
  }
  // A directory: list its direct children.
  const prefix = path === "" ? "" : `${path}/`;
  const children = new Map<string, Record<string, unknown>>();
  for (const [p, s] of commit.files) {
    if (!p.startsWith(prefix)) continue;
    const rest = p.slice(prefix.length);
    const slash = rest.indexOf("/");
    if (slash < 0) children.set(rest, entryJson(p, "file", s, ctx.state.git.blob(s)?.content.length ?? 0));
    else {
      const dir = prefix + rest.slice(0, slash);
      if (!children.has(rest.slice(0, slash))) children.set(rest.slice(0, slash), entryJson(dir, "dir", subtreeSha(ctx, commit, dir), 0));
    }
  }
  if (children.size === 0) throw notFound(CONTENTS_DOCS);
  return ok([...children.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v));
}

function subtreeSha(ctx: RouteContext, commit: CommitObject, dir: string): string {
  let tree = ctx.state.git.tree(commit.tree);
  for (const part of dir.split("/")) {
    const e = tree?.entries.find((x) => x.name === part && x.type === "tree");
    tree = e ? ctx.state.git.tree(e.sha) : undefined;
  }
  return tree?.sha ?? "";
}

function getTree(ctx: RouteContext): ReturnType<Route["handler"]> {
  const repo = ctx.repo as RepoRecord;
  const param = ctx.params["tree_sha"] ?? "";
  let treeSha: string | undefined;
  const full = ctx.state.git.expand(param);
  if (full && ctx.state.git.tree(full)) treeSha = full;
  else {
    const c = ctx.state.resolveRef(repo.fullName, param);
    treeSha = c ? ctx.state.git.commit(c)?.tree : undefined;
  }
  const root = treeSha ? ctx.state.git.tree(treeSha) : undefined;
  if (!root) throw notFound(TREE_DOCS);
  const recursive = ctx.query.has("recursive");
  const api = `${ctx.urls.api}/repos/${repo.fullName}`;
  const out: Record<string, unknown>[] = [];
  const walk = (sha: string, prefix: string): void => {
    for (const e of ctx.state.git.tree(sha)?.entries ?? []) {
      const path = prefix + e.name;
      if (e.type === "blob") {
        out.push({ path, mode: e.mode, type: "blob", sha: e.sha, size: ctx.state.git.blob(e.sha)?.content.length ?? 0, url: `${api}/git/blobs/${e.sha}` });
      } else {
        out.push({ path, mode: e.mode, type: "tree", sha: e.sha, url: `${api}/git/trees/${e.sha}` });
        if (recursive) walk(e.sha, `${path}/`);
      }
    }
  };
  walk(root.sha, "");
  // GitHub truncates recursive listings at 100,000 entries.
  const truncated = out.length > 100_000;
  return ok({ sha: root.sha, url: `${api}/git/trees/${root.sha}`, tree: out.slice(0, 100_000), truncated });
}

function commitWithFiles(ctx: RouteContext, repo: RepoRecord, c: CommitObject): Record<string, unknown> {
  const parent = c.parents[0];
  const files = parent ? computePullDiff(ctx.state.git, parent, c.sha) : computePullDiff(ctx.state.git, c.sha, c.sha);
  const additions = files.reduce((n, f) => n + f.additions, 0);
  const deletions = files.reduce((n, f) => n + f.deletions, 0);
  return {
    ...commitJson(ctx.state, repo, c, ctx.urls),
    stats: { total: additions + deletions, additions, deletions },
    files: files.map((f) => diffEntryJson(repo, c.sha, f, ctx.urls)),
  };
}

function compare(ctx: RouteContext): ReturnType<Route["handler"]> {
  const repo = ctx.repo as RepoRecord;
  const basehead = ctx.params["basehead"] ?? "";
  const [baseRef, headRef] = basehead.split("...");
  if (baseRef === undefined || headRef === undefined) throw notFound(COMPARE_DOCS);
  const base = ctx.state.resolveRef(repo.fullName, baseRef);
  const head = ctx.state.resolveRef(repo.fullName, headRef);
  if (!base || !head) throw notFound(COMPARE_DOCS);
  const mb = mergeBase(ctx.state.git, base, head) ?? base;
  const ahead = listPullCommits(ctx.state.git, head, base);
  const behind = listPullCommits(ctx.state.git, base, head);
  const files = computePullDiff(ctx.state.git, base, head);
  const status = ahead.length === 0 && behind.length === 0 ? "identical" : behind.length === 0 ? "ahead" : ahead.length === 0 ? "behind" : "diverged";
  const page = paginate(ctx, ahead, 250);
  const baseCommit = ctx.state.git.commit(base) as CommitObject;
  const mbCommit = ctx.state.git.commit(mb) as CommitObject;
  return ok(
    {
      url: `${ctx.urls.api}/repos/${repo.fullName}/compare/${basehead}`,
      html_url: `${ctx.urls.web}/${repo.fullName}/compare/${basehead}`,
      permalink_url: `${ctx.urls.web}/${repo.fullName}/compare/${repo.owner}:${base.slice(0, 7)}...${repo.owner}:${head.slice(0, 7)}`,
      diff_url: `${ctx.urls.web}/${repo.fullName}/compare/${basehead}.diff`,
      patch_url: `${ctx.urls.web}/${repo.fullName}/compare/${basehead}.patch`,
      base_commit: commitJson(ctx.state, repo, baseCommit, ctx.urls),
      merge_base_commit: commitJson(ctx.state, repo, mbCommit, ctx.urls),
      status,
      ahead_by: ahead.length,
      behind_by: behind.length,
      total_commits: ahead.length,
      commits: page.items.map((c) => commitJson(ctx.state, repo, c, ctx.urls)),
      files: files.slice(0, 300).map((f) => diffEntryJson(repo, head, f, ctx.urls)),
    },
    page.headers,
  );
}

/** Repository, contents, git database, commits, collaborators and labels (reads). */
export const repoRoutes: readonly Route[] = [
    {
      method: "GET",
      path: REPO,
      docs: REPO_DOCS,
      auth: "token",
      permissions: [["metadata", "read"]],
      handler: (ctx) => ok(repoJson(ctx.state, ctx.repo as RepoRecord, ctx.urls, true)),
    },
    {
      method: "GET",
      path: `${REPO}/contents/{+path}`,
      docs: CONTENTS_DOCS,
      auth: "token",
      permissions: [["contents", "read"]],
      handler: getContents,
    },
    {
      method: "GET",
      path: `${REPO}/contents`,
      docs: CONTENTS_DOCS,
      auth: "token",
      permissions: [["contents", "read"]],
      handler: getContents,
    },
    {
      method: "GET",
      path: `${REPO}/git/blobs/{file_sha}`,
      docs: BLOB_DOCS,
      auth: "token",
      permissions: [["contents", "read"]],
      handler: (ctx) => {
        const repo = ctx.repo as RepoRecord;
        const sha = ctx.state.git.expand(ctx.params["file_sha"] ?? "");
        const blob = sha ? ctx.state.git.blob(sha) : undefined;
        if (!blob) throw notFound(BLOB_DOCS);
        if (wantsRaw(ctx)) return { status: 200, body: blob.content, headers: { "content-type": "application/vnd.github.raw; charset=utf-8" } };
        return ok({
          sha: blob.sha,
          node_id: `B_kwDO${Buffer.from(blob.sha, "hex").toString("base64url")}`,
          size: blob.content.length,
          url: `${ctx.urls.api}/repos/${repo.fullName}/git/blobs/${blob.sha}`,
          content: base64Lines(blob.content),
          encoding: "base64",
        });
      },
    },
    { method: "GET", path: `${REPO}/git/trees/{tree_sha}`, docs: TREE_DOCS, auth: "token", permissions: [["contents", "read"]], handler: getTree },
    {
      method: "GET",
      path: `${REPO}/git/commits/{commit_sha}`,
      docs: GIT_COMMIT_DOCS,
      auth: "token",
      permissions: [["contents", "read"]],
      handler: (ctx) => {
        const sha = ctx.state.git.expand(ctx.params["commit_sha"] ?? "");
        const c = sha ? ctx.state.git.commit(sha) : undefined;
        if (!c) throw notFound(GIT_COMMIT_DOCS);
        return ok(gitCommitJson(ctx.repo as RepoRecord, c, ctx.urls));
      },
    },
    {
      method: "GET",
      path: `${REPO}/git/ref/{+ref}`,
      docs: REF_DOCS,
      auth: "token",
      permissions: [["contents", "read"]],
      handler: (ctx) => {
        const repo = ctx.repo as RepoRecord;
        const ref = ctx.params["ref"] ?? "";
        const branch = ref.replace(/^heads\//, "");
        const sha = ref.startsWith("heads/") ? repo.refs.get(branch) : undefined;
        if (!sha) throw notFound(REF_DOCS);
        const api = `${ctx.urls.api}/repos/${repo.fullName}`;
        return ok({
          ref: `refs/${ref}`,
          node_id: `REF_kwDO${Buffer.from(`${repo.id}:${ref}`).toString("base64url")}`,
          url: `${api}/git/refs/${ref}`,
          object: { sha, type: "commit", url: `${api}/git/commits/${sha}` },
        });
      },
    },
    {
      method: "GET",
      path: `${REPO}/commits`,
      docs: COMMITS_DOCS,
      auth: "token",
      permissions: [["contents", "read"]],
      handler: (ctx) => {
        const repo = ctx.repo as RepoRecord;
        const start = resolveOr404(ctx, ctx.query.get("sha"), COMMITS_DOCS);
        const path = ctx.query.get("path");
        const all: CommitObject[] = [];
        const seen = new Set<string>();
        const queue = [start];
        while (queue.length > 0) {
          const s = queue.shift() as string;
          if (seen.has(s)) continue;
          seen.add(s);
          const c = ctx.state.git.commit(s);
          if (!c) continue;
          const parent = c.parents[0] ? ctx.state.git.commit(c.parents[0]) : undefined;
          if (path === null || c.files.get(path) !== parent?.files.get(path)) all.push(c);
          queue.push(...c.parents);
        }
        const page = paginate(ctx, all);
        return ok(page.items.map((c) => commitJson(ctx.state, repo, c, ctx.urls)), page.headers);
      },
    },
    {
      method: "GET",
      path: `${REPO}/commits/{ref}`,
      docs: COMMIT_DOCS,
      auth: "token",
      permissions: [["contents", "read"]],
      handler: (ctx) => {
        const repo = ctx.repo as RepoRecord;
        const sha = ctx.state.resolveRef(repo.fullName, ctx.params["ref"] ?? "");
        if (!sha) {
          throw new GitHubHttpError(422, { message: `No commit found for SHA: ${ctx.params["ref"] ?? ""}`, documentation_url: COMMIT_DOCS, status: "422" });
        }
        return ok(commitWithFiles(ctx, repo, ctx.state.git.commit(sha) as CommitObject));
      },
    },
    {
      method: "GET",
      path: `${REPO}/commits/{commit_sha}/pulls`,
      docs: COMMIT_PULLS_DOCS,
      auth: "token",
      permissions: [["pull_requests", "read"]],
      handler: (ctx) => {
        const repo = ctx.repo as RepoRecord;
        const sha = ctx.state.resolveRef(repo.fullName, ctx.params["commit_sha"] ?? "");
        if (!sha) throw new GitHubHttpError(422, { message: `No commit found for SHA: ${ctx.params["commit_sha"] ?? ""}`, documentation_url: COMMIT_PULLS_DOCS, status: "422" });
        const pulls = ctx.state.pullsForCommit(repo.fullName, sha).sort((a, b) => b.number - a.number);
        const page = paginate(ctx, pulls);
        return ok(page.items.map((p) => pullJson(ctx.state, repo, p, ctx.urls, false)), page.headers);
      },
    },
    { method: "GET", path: `${REPO}/compare/{+basehead}`, docs: COMPARE_DOCS, auth: "token", permissions: [["contents", "read"]], handler: compare },
    {
      method: "GET",
      path: `${REPO}/collaborators/{username}/permission`,
      docs: PERMISSION_DOCS,
      auth: "token",
      permissions: [["metadata", "read"]],
      handler: (ctx) => {
        const repo = ctx.repo as RepoRecord;
        const user = ctx.state.user(ctx.params["username"] ?? "");
        if (!user) throw notFound(PERMISSION_DOCS);
        const role = ctx.state.permissionOf(repo.fullName, user.login);
        const permission = role === "maintain" ? "write" : role === "triage" ? "read" : role;
        const perms = {
          admin: role === "admin",
          maintain: role === "admin" || role === "maintain",
          push: ["admin", "maintain", "write"].includes(role),
          triage: ["admin", "maintain", "write", "triage"].includes(role),
          pull: role !== "none",
        };
        return ok({
          permission,
          role_name: role,
          user: { ...userJson(user, ctx.urls), permissions: perms, role_name: role },
        });
      },
    },
    {
      method: "GET",
      path: `${REPO}/labels`,
      docs: LABELS_DOCS,
      auth: "token",
      permissions: [["issues", "read"], ["pull_requests", "read"]],
      handler: (ctx) => {
        const repo = ctx.repo as RepoRecord;
        const page = paginate(ctx, [...repo.labels.values()]);
        return ok(page.items.map((l) => labelJson(repo, l, ctx.urls)), page.headers);
      },
    },
];
