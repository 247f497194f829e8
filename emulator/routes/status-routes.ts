import {
  bodyObject,
  callerLogin,
  created,
  docsUrl,
  invalidRequest,
  ok,
  paginate,
  unprocessable,
  validationFailed,
  type Route,
  type RouteContext,
} from "../rest-context.js";
import { repoJson, statusJson } from "../rest-representations.js";
import type { RepoRecord, StatusRecord, StatusState } from "../state-records.js";
import { validateRequestBody, type BodySpec } from "../validate-request-body.js";

const CREATE_DOCS = docsUrl("/rest/commits/statuses#create-a-commit-status");
const LIST_DOCS = docsUrl("/rest/commits/statuses#list-commit-statuses-for-a-reference");
const COMBINED_DOCS = docsUrl("/rest/commits/statuses#get-the-combined-status-for-a-specific-reference");

const CREATE_SPEC: BodySpec = {
  type: "object",
  properties: {
    state: { type: "string", enum: ["error", "failure", "pending", "success"] },
    target_url: { type: "string", nullable: true },
    description: { type: "string", nullable: true },
    context: { type: "string" },
  },
  required: ["state"],
};

/** GitHub keeps at most 1,000 statuses per sha and context. */
const MAX_PER_CONTEXT = 1000;

function createStatus(ctx: RouteContext): ReturnType<Route["handler"]> {
  const repo = ctx.repo as RepoRecord;
  const body = bodyObject(ctx);
  const problems = validateRequestBody(CREATE_SPEC, body);
  if (problems.length > 0) throw invalidRequest(CREATE_DOCS, problems.join("\n"));
  const shaParam = ctx.params["sha"] ?? "";
  const sha = /^[0-9a-f]{40}$/i.test(shaParam) && ctx.state.git.commit(shaParam.toLowerCase()) ? shaParam.toLowerCase() : undefined;
  if (!sha) throw unprocessable(CREATE_DOCS, `No commit found for SHA: ${shaParam}`);
  const description = (body["description"] as string | null | undefined) ?? null;
  if (description !== null && [...description].length > 140) {
    throw validationFailed(CREATE_DOCS, [
      { resource: "Status", code: "custom", field: "description", message: "description is too long (maximum is 140 characters)" },
    ]);
  }
  const context = (body["context"] as string | undefined) ?? "default";
  if (repo.statuses.filter((s) => s.sha === sha && s.context === context).length >= MAX_PER_CONTEXT) {
    throw validationFailed(CREATE_DOCS, [
      { resource: "Status", code: "custom", message: "This SHA and context has reached the maximum number of statuses." },
    ]);
  }
  const id = ctx.state.newId();
  const status: StatusRecord = {
    id,
    nodeId: `SC_kwDO${Buffer.from(`SC:${id}`).toString("base64url")}`,
    sha,
    state: body["state"] as StatusState,
    context,
    description,
    targetUrl: (body["target_url"] as string | null | undefined) ?? null,
    creator: callerLogin(ctx.caller),
    createdAt: ctx.state.now(),
  };
  repo.statuses.push(status);
  return created(statusJson(ctx.state, repo, status, ctx.urls));
}

function resolveRefOr422(ctx: RouteContext, docs: string): string {
  const repo = ctx.repo as RepoRecord;
  const sha = ctx.state.resolveRef(repo.fullName, ctx.params["ref"] ?? "");
  if (!sha) throw unprocessable(docs, `No commit found for SHA: ${ctx.params["ref"] ?? ""}`);
  return sha;
}

/** Newest first, like GitHub. */
function statusesFor(repo: RepoRecord, sha: string): StatusRecord[] {
  return repo.statuses.filter((s) => s.sha === sha).sort((a, b) => b.id - a.id);
}

function combinedStatus(ctx: RouteContext): ReturnType<Route["handler"]> {
  const repo = ctx.repo as RepoRecord;
  const sha = resolveRefOr422(ctx, COMBINED_DOCS);
  const latest = new Map<string, StatusRecord>();
  for (const s of statusesFor(repo, sha)) if (!latest.has(s.context)) latest.set(s.context, s);
  const list = [...latest.values()];
  let state: StatusState = "success";
  if (list.length === 0 || list.some((s) => s.state === "pending")) state = "pending";
  if (list.some((s) => s.state === "error" || s.state === "failure")) state = "failure";
  const page = paginate(ctx, list, 100);
  return ok(
    {
      state,
      statuses: page.items.map((s) => {
        const full = statusJson(ctx.state, repo, s, ctx.urls);
        const { creator: _creator, ...simple } = full;
        return simple;
      }),
      sha,
      total_count: list.length,
      repository: (() => {
        const r = repoJson(ctx.state, repo, ctx.urls);
        return r;
      })(),
      commit_url: `${ctx.urls.api}/repos/${repo.fullName}/commits/${sha}`,
      url: `${ctx.urls.api}/repos/${repo.fullName}/commits/${sha}/status`,
    },
    page.headers,
  );
}

const REPO = "/repos/{owner}/{repo}";

/** Commit statuses. */
export const statusRoutes: readonly Route[] = [
  { method: "POST", path: `${REPO}/statuses/{sha}`, docs: CREATE_DOCS, auth: "token", permissions: [["statuses", "write"]], handler: createStatus },
  {
    method: "GET",
    path: `${REPO}/commits/{ref}/statuses`,
    docs: LIST_DOCS,
    auth: "token",
    permissions: [["statuses", "read"]],
    handler: (ctx) => {
      const repo = ctx.repo as RepoRecord;
      const page = paginate(ctx, statusesFor(repo, resolveRefOr422(ctx, LIST_DOCS)));
      return ok(page.items.map((s) => statusJson(ctx.state, repo, s, ctx.urls)), page.headers);
    },
  },
  {
    method: "GET",
    path: `${REPO}/statuses/{ref}`,
    docs: LIST_DOCS,
    auth: "token",
    permissions: [["statuses", "read"]],
    handler: (ctx) => {
      const repo = ctx.repo as RepoRecord;
      const page = paginate(ctx, statusesFor(repo, resolveRefOr422(ctx, LIST_DOCS)));
      return ok(page.items.map((s) => statusJson(ctx.state, repo, s, ctx.urls)), page.headers);
    },
  },
  { method: "GET", path: `${REPO}/commits/{ref}/status`, docs: COMBINED_DOCS, auth: "token", permissions: [["statuses", "read"]], handler: combinedStatus },
];
