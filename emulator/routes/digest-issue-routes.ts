import type { EmulatorState } from "../emulator-state.js";
import {
  bodyObject,
  callerLogin,
  created,
  docsUrl,
  invalidRequest,
  notFound,
  ok,
  paginate,
  type Route,
  type RouteContext,
} from "../rest-context.js";
import { labelJson, userJsonByLogin } from "../rest-representations.js";
import type { RestUrls } from "../rest-urls.js";
import type { RepoRecord } from "../state-records.js";
import { validateRequestBody, type BodySpec } from "../validate-request-body.js";

/** An issue that is not a pull request (the digest's issues per department and period). */
export interface PlainIssueRecord {
  readonly id: number;
  readonly nodeId: string;
  readonly number: number;
  title: string;
  body: string;
  readonly user: string;
  state: "open" | "closed";
  readonly labels: string[];
  readonly createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

const ISSUES = new WeakMap<RepoRecord, PlainIssueRecord[]>();

/** The plain issues of a repository, oldest first (what the digest's Action mode wrote). */
export function plainIssues(state: EmulatorState, repoName: string): PlainIssueRecord[] {
  const repo = state.repo(repoName);
  if (repo === undefined) return [];
  let list = ISSUES.get(repo);
  if (list === undefined) {
    list = [];
    ISSUES.set(repo, list);
  }
  return list;
}

const REPO = "/repos/{owner}/{repo}";
const LIST_DOCS = docsUrl("/rest/issues/issues#list-repository-issues");
const CREATE_DOCS = docsUrl("/rest/issues/issues#create-an-issue");
const UPDATE_DOCS = docsUrl("/rest/issues/issues#update-an-issue");
const CREATE_SPEC: BodySpec = {
  type: "object",
  properties: { title: { type: "string" }, body: { type: "string" }, labels: { type: "array", items: { type: "string" } } },
  required: ["title"],
};
const UPDATE_SPEC: BodySpec = { type: "object", properties: { title: { type: "string" }, body: { type: "string" }, state: { type: "string" } } };

function issueJson(state: EmulatorState, repo: RepoRecord, i: PlainIssueRecord, urls: RestUrls): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.fullName}`;
  return {
    id: i.id,
    node_id: i.nodeId,
    url: `${api}/issues/${i.number}`,
    repository_url: api,
    labels_url: `${api}/issues/${i.number}/labels{/name}`,
    comments_url: `${api}/issues/${i.number}/comments`,
    events_url: `${api}/issues/${i.number}/events`,
    html_url: `${urls.web}/${repo.fullName}/issues/${i.number}`,
    number: i.number,
    state: i.state,
    state_reason: null,
    title: i.title,
    body: i.body,
    user: userJsonByLogin(state, i.user, urls),
    labels: i.labels.map((n) => labelJson(repo, state.label(repo.fullName, n), urls)),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: 0,
    closed_at: i.closedAt,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_by: null,
    author_association: i.user.toLowerCase() === repo.owner.toLowerCase() ? "OWNER" : "NONE",
    performed_via_github_app: null,
    reactions: { url: `${api}/issues/${i.number}/reactions`, total_count: 0, "+1": 0, "-1": 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 },
  };
}

function findIssue(ctx: RouteContext, docs: string): PlainIssueRecord {
  const issue = plainIssues(ctx.state, (ctx.repo as RepoRecord).fullName).find((i) => i.number === Number(ctx.params["issue_number"]));
  if (issue === undefined) throw notFound(docs);
  return issue;
}

/**
 * Plain issues (not pull requests): list with `labels`, `state` and
 * `creator` filters (pull requests are listed too, as GitHub does, with a
 * `pull_request` key; this emulator lists only plain issues), create, update.
 */
export const digestIssueRoutes: readonly Route[] = [
  {
    method: "GET",
    path: `${REPO}/issues`,
    docs: LIST_DOCS,
    auth: "token",
    permissions: [["issues", "read"]],
    handler: (ctx) => {
      const repo = ctx.repo as RepoRecord;
      const state = ctx.query.get("state") ?? "open";
      const labels = (ctx.query.get("labels") ?? "").split(",").map((l) => l.trim().toLowerCase()).filter((l) => l !== "");
      const creator = ctx.query.get("creator")?.toLowerCase();
      const list = plainIssues(ctx.state, repo.fullName)
        .filter((i) => state === "all" || i.state === state)
        .filter((i) => labels.every((l) => i.labels.some((x) => x.toLowerCase() === l)))
        .filter((i) => creator === undefined || i.user.toLowerCase() === creator)
        .sort((a, b) => b.number - a.number);
      const page = paginate(ctx, list);
      return ok(page.items.map((i) => issueJson(ctx.state, repo, i, ctx.urls)), page.headers);
    },
  },
  {
    method: "POST",
    path: `${REPO}/issues`,
    docs: CREATE_DOCS,
    auth: "token",
    permissions: [["issues", "write"]],
    handler: (ctx) => {
      const repo = ctx.repo as RepoRecord;
      const body = bodyObject(ctx);
      const problems = validateRequestBody(CREATE_SPEC, body);
      if (problems.length > 0) throw invalidRequest(CREATE_DOCS, problems.join("\n"));
      const id = ctx.state.newId();
      const now = ctx.state.now();
      const labels = Array.isArray(body["labels"]) ? (body["labels"] as unknown[]).filter((l): l is string => typeof l === "string") : [];
      for (const l of labels) ctx.state.label(repo.fullName, l);
      const issue: PlainIssueRecord = {
        id,
        nodeId: `I_kwDO${Buffer.from(`I:${id}`).toString("base64url")}`,
        number: repo.nextNumber++,
        title: String(body["title"]),
        body: typeof body["body"] === "string" ? body["body"] : "",
        user: ctx.state.ensureUser(callerLogin(ctx.caller)).login,
        state: "open",
        labels,
        createdAt: now,
        updatedAt: now,
        closedAt: null,
      };
      plainIssues(ctx.state, repo.fullName).push(issue);
      return created(issueJson(ctx.state, repo, issue, ctx.urls));
    },
  },
  {
    method: "PATCH",
    path: `${REPO}/issues/{issue_number}`,
    docs: UPDATE_DOCS,
    auth: "token",
    permissions: [["issues", "write"]],
    handler: (ctx) => {
      const repo = ctx.repo as RepoRecord;
      const issue = findIssue(ctx, UPDATE_DOCS);
      const body = bodyObject(ctx);
      const problems = validateRequestBody(UPDATE_SPEC, body);
      if (problems.length > 0) throw invalidRequest(UPDATE_DOCS, problems.join("\n"));
      if (typeof body["title"] === "string") issue.title = body["title"];
      if (typeof body["body"] === "string") issue.body = body["body"];
      if (body["state"] === "open" || body["state"] === "closed") {
        issue.state = body["state"];
        issue.closedAt = body["state"] === "closed" ? ctx.state.now() : null;
      }
      issue.updatedAt = ctx.state.now();
      return ok(issueJson(ctx.state, repo, issue, ctx.urls));
    },
  },
];
