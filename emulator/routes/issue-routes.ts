import {
  bodyObject,
  callerLogin,
  created,
  docsUrl,
  invalidRequest,
  notFound,
  ok,
  paginate,
  validationFailed,
  type Route,
  type RouteContext,
} from "../rest-context.js";
import { issueCommentJson, issueEventJson, labelJson } from "../rest-representations.js";
import type { IssueCommentRecord, PullRecord, RepoRecord } from "../state-records.js";
import { validateRequestBody, type BodySpec } from "../validate-request-body.js";

const REPO = "/repos/{owner}/{repo}";
const LIST_COMMENTS_DOCS = docsUrl("/rest/issues/comments#list-issue-comments");
const CREATE_COMMENT_DOCS = docsUrl("/rest/issues/comments#create-an-issue-comment");
const UPDATE_COMMENT_DOCS = docsUrl("/rest/issues/comments#update-an-issue-comment");
const TIMELINE_DOCS = docsUrl("/rest/issues/timeline#list-timeline-events-for-an-issue");
const EVENTS_DOCS = docsUrl("/rest/issues/events#list-issue-events");
const LABELS_DOCS = docsUrl("/rest/issues/labels#list-labels-for-an-issue");
const ADD_LABELS_DOCS = docsUrl("/rest/issues/labels#add-labels-to-an-issue");
const REMOVE_LABEL_DOCS = docsUrl("/rest/issues/labels#remove-a-label-from-an-issue");

const COMMENT_SPEC: BodySpec = { type: "object", properties: { body: { type: "string" } }, required: ["body"] };
const MAX_COMMENT = 65536;

function findIssue(ctx: RouteContext, docs: string): PullRecord {
  const pr = (ctx.repo as RepoRecord).pulls.get(Number(ctx.params["issue_number"]));
  if (!pr) throw notFound(docs);
  return pr;
}

function checkCommentBody(docs: string, body: Record<string, unknown>): string {
  const problems = validateRequestBody(COMMENT_SPEC, body);
  if (problems.length > 0) throw invalidRequest(docs, problems.join("\n"));
  const text = body["body"] as string;
  if ([...text].length > MAX_COMMENT) {
    throw validationFailed(docs, [
      { resource: "IssueComment", code: "custom", field: "body", message: `body is too long (maximum is ${MAX_COMMENT} characters)` },
    ]);
  }
  return text;
}

/** Issue comments, timeline, events and labels of pull requests (PRs are issues). */
export const issueRoutes: readonly Route[] = [
  {
    method: "GET",
    path: `${REPO}/issues/{issue_number}/comments`,
    docs: LIST_COMMENTS_DOCS,
    auth: "token",
    permissions: [["issues", "read"], ["pull_requests", "read"]],
    handler: (ctx) => {
      const repo = ctx.repo as RepoRecord;
      const pr = findIssue(ctx, LIST_COMMENTS_DOCS);
      const page = paginate(ctx, repo.comments.filter((c) => c.issueNumber === pr.number));
      return ok(page.items.map((c) => issueCommentJson(ctx.state, repo, c, ctx.urls)), page.headers);
    },
  },
  {
    method: "POST",
    path: `${REPO}/issues/{issue_number}/comments`,
    docs: CREATE_COMMENT_DOCS,
    auth: "token",
    permissions: [["issues", "write"], ["pull_requests", "write"]],
    handler: (ctx) => {
      const repo = ctx.repo as RepoRecord;
      const pr = findIssue(ctx, CREATE_COMMENT_DOCS);
      const text = checkCommentBody(CREATE_COMMENT_DOCS, bodyObject(ctx));
      const id = ctx.state.newId();
      const now = ctx.state.now();
      const comment: IssueCommentRecord = {
        id,
        nodeId: `IC_kwDO${Buffer.from(`IC:${id}`).toString("base64url")}`,
        issueNumber: pr.number,
        user: ctx.state.ensureUser(callerLogin(ctx.caller)).login,
        body: text,
        createdAt: now,
        updatedAt: now,
      };
      repo.comments.push(comment);
      return created(issueCommentJson(ctx.state, repo, comment, ctx.urls));
    },
  },
  {
    method: "PATCH",
    path: `${REPO}/issues/comments/{comment_id}`,
    docs: UPDATE_COMMENT_DOCS,
    auth: "token",
    permissions: [["issues", "write"], ["pull_requests", "write"]],
    handler: (ctx) => {
      const repo = ctx.repo as RepoRecord;
      const comment = repo.comments.find((c) => c.id === Number(ctx.params["comment_id"]));
      if (!comment) throw notFound(UPDATE_COMMENT_DOCS);
      comment.body = checkCommentBody(UPDATE_COMMENT_DOCS, bodyObject(ctx));
      comment.updatedAt = ctx.state.now();
      return ok(issueCommentJson(ctx.state, repo, comment, ctx.urls));
    },
  },
  {
    method: "GET",
    path: `${REPO}/issues/{issue_number}/timeline`,
    docs: TIMELINE_DOCS,
    auth: "token",
    permissions: [["issues", "read"], ["pull_requests", "read"]],
    handler: (ctx) => {
      const repo = ctx.repo as RepoRecord;
      const pr = findIssue(ctx, TIMELINE_DOCS);
      const page = paginate(ctx, pr.events);
      return ok(page.items.map((e) => issueEventJson(ctx.state, repo, e, ctx.urls)), page.headers);
    },
  },
  {
    method: "GET",
    path: `${REPO}/issues/{issue_number}/events`,
    docs: EVENTS_DOCS,
    auth: "token",
    permissions: [["issues", "read"], ["pull_requests", "read"]],
    handler: (ctx) => {
      const repo = ctx.repo as RepoRecord;
      const pr = findIssue(ctx, EVENTS_DOCS);
      const page = paginate(ctx, pr.events);
      return ok(page.items.map((e) => issueEventJson(ctx.state, repo, e, ctx.urls)), page.headers);
    },
  },
  {
    method: "GET",
    path: `${REPO}/issues/{issue_number}/labels`,
    docs: LABELS_DOCS,
    auth: "token",
    permissions: [["issues", "read"], ["pull_requests", "read"]],
    handler: (ctx) => {
      const repo = ctx.repo as RepoRecord;
      const pr = findIssue(ctx, LABELS_DOCS);
      const page = paginate(ctx, pr.labels.map((n) => ctx.state.label(repo.fullName, n)));
      return ok(page.items.map((l) => labelJson(repo, l, ctx.urls)), page.headers);
    },
  },
  {
    method: "POST",
    path: `${REPO}/issues/{issue_number}/labels`,
    docs: ADD_LABELS_DOCS,
    auth: "token",
    permissions: [["issues", "write"], ["pull_requests", "write"]],
    handler: (ctx) => {
      const repo = ctx.repo as RepoRecord;
      const pr = findIssue(ctx, ADD_LABELS_DOCS);
      const body = ctx.body;
      const names = Array.isArray(body)
        ? body
        : Array.isArray((body as { labels?: unknown } | null)?.labels)
          ? ((body as { labels: unknown[] }).labels)
          : undefined;
      if (!names || names.some((n) => typeof n !== "string")) throw invalidRequest(ADD_LABELS_DOCS, `"labels" wasn't supplied.`);
      for (const n of names as string[]) ctx.state.addLabel(repo.fullName, pr.number, n, callerLogin(ctx.caller));
      return ok(pr.labels.map((n) => labelJson(repo, ctx.state.label(repo.fullName, n), ctx.urls)));
    },
  },
  {
    method: "DELETE",
    path: `${REPO}/issues/{issue_number}/labels/{name}`,
    docs: REMOVE_LABEL_DOCS,
    auth: "token",
    permissions: [["issues", "write"], ["pull_requests", "write"]],
    handler: (ctx) => {
      const repo = ctx.repo as RepoRecord;
      const pr = findIssue(ctx, REMOVE_LABEL_DOCS);
      const name = ctx.params["name"] ?? "";
      if (!pr.labels.some((l) => l.toLowerCase() === name.toLowerCase())) {
        throw notFound(REMOVE_LABEL_DOCS);
      }
      ctx.state.removeLabel(repo.fullName, pr.number, name, callerLogin(ctx.caller));
      return ok(pr.labels.map((n) => labelJson(repo, ctx.state.label(repo.fullName, n), ctx.urls)));
    },
  },
];
