import {
  bodyObject,
  created,
  docsUrl,
  invalidRequest,
  notFound,
  ok,
  paginate,
  unprocessable,
  type Route,
  type RouteContext,
} from "../rest-context.js";
import { commitJson, diffEntryJson, pullJson, reviewJson, teamJson, userJson } from "../rest-representations.js";
import type { PullRecord, RepoRecord, TeamRecord } from "../state-records.js";
import { validateRequestBody, type BodySpec } from "../validate-request-body.js";

const REPO = "/repos/{owner}/{repo}";
const LIST_DOCS = docsUrl("/rest/pulls/pulls#list-pull-requests");
const GET_DOCS = docsUrl("/rest/pulls/pulls#get-a-pull-request");
const FILES_DOCS = docsUrl("/rest/pulls/pulls#list-pull-requests-files");
const COMMITS_DOCS = docsUrl("/rest/pulls/pulls#list-commits-on-a-pull-request");
const REVIEWS_DOCS = docsUrl("/rest/pulls/reviews#list-reviews-for-a-pull-request");
const REQUESTED_DOCS = docsUrl("/rest/pulls/review-requests#get-all-requested-reviewers-for-a-pull-request");
const REQUEST_DOCS = docsUrl("/rest/pulls/review-requests#request-reviewers-for-a-pull-request");

/** GitHub lists at most 3,000 files and 250 commits of a pull request. */
const MAX_FILES = 3000;
const MAX_COMMITS = 250;

function findPull(ctx: RouteContext, docs: string): PullRecord {
  const pr = (ctx.repo as RepoRecord).pulls.get(Number(ctx.params["pull_number"]));
  if (!pr) throw notFound(docs);
  return pr;
}

function listPulls(ctx: RouteContext): ReturnType<Route["handler"]> {
  const repo = ctx.repo as RepoRecord;
  const state = ctx.query.get("state") ?? "open";
  if (!["open", "closed", "all"].includes(state)) throw invalidRequest(LIST_DOCS, `For 'state', "${state}" is not a member of ["open", "closed", "all"].`);
  const head = ctx.query.get("head");
  const base = ctx.query.get("base");
  const direction = ctx.query.get("direction") ?? "desc";
  let pulls = [...repo.pulls.values()].filter((p) => state === "all" || p.state === state);
  if (head !== null) {
    const [owner, ref] = head.includes(":") ? (head.split(":", 2) as [string, string]) : [head, undefined];
    pulls = pulls.filter((p) => {
      const headOwner = p.headRepo?.split("/")[0] ?? "";
      return headOwner.toLowerCase() === owner.toLowerCase() && (ref === undefined || p.headRef === ref);
    });
  }
  if (base !== null) pulls = pulls.filter((p) => p.baseRef === base);
  pulls.sort((a, b) => (direction === "asc" ? a.number - b.number : b.number - a.number));
  const page = paginate(ctx, pulls);
  return ok(page.items.map((p) => pullJson(ctx.state, repo, p, ctx.urls, false)), page.headers);
}

const REQUEST_SPEC: BodySpec = {
  type: "object",
  properties: { reviewers: { type: "array", items: { type: "string" } }, team_reviewers: { type: "array", items: { type: "string" } } },
};

function requestReviewers(ctx: RouteContext): ReturnType<Route["handler"]> {
  const repo = ctx.repo as RepoRecord;
  const pr = findPull(ctx, REQUEST_DOCS);
  const body = bodyObject(ctx);
  const problems = validateRequestBody(REQUEST_SPEC, body);
  if (problems.length > 0) throw invalidRequest(REQUEST_DOCS, problems.join("\n"));
  const users = (body["reviewers"] as string[] | undefined) ?? [];
  const teams = (body["team_reviewers"] as string[] | undefined) ?? [];
  if (users.length === 0 && teams.length === 0) throw invalidRequest(REQUEST_DOCS, `"reviewers", "team_reviewers" weren't supplied.`);
  if (pr.author !== null && users.some((u) => u.toLowerCase() === pr.author?.toLowerCase())) {
    throw unprocessable(REQUEST_DOCS, "Review cannot be requested from pull request author.");
  }
  const notCollaborator =
    users.some((u) => ctx.state.user(u) === undefined || ctx.state.permissionOf(repo.fullName, u) === "none") ||
    teams.some((t) => ctx.state.team(repo.owner, t) === undefined);
  if (notCollaborator) {
    throw unprocessable(
      REQUEST_DOCS,
      `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo.fullName} repository.`,
    );
  }
  for (const u of users) {
    const login = ctx.state.user(u)?.login ?? u;
    if (!pr.requestedReviewers.users.some((x) => x.toLowerCase() === login.toLowerCase())) pr.requestedReviewers.users.push(login);
  }
  for (const t of teams) {
    const slug = (ctx.state.team(repo.owner, t) as TeamRecord).slug;
    if (!pr.requestedReviewers.teams.includes(slug)) pr.requestedReviewers.teams.push(slug);
  }
  return created(pullJson(ctx.state, repo, pr, ctx.urls, false));
}

/** Pull requests: list, get, files, commits, reviews, requested reviewers. */
export const pullRoutes: readonly Route[] = [
  { method: "GET", path: `${REPO}/pulls`, docs: LIST_DOCS, auth: "token", permissions: [["pull_requests", "read"]], handler: listPulls },
  {
    method: "GET",
    path: `${REPO}/pulls/{pull_number}`,
    docs: GET_DOCS,
    auth: "token",
    permissions: [["pull_requests", "read"]],
    handler: (ctx) => ok(pullJson(ctx.state, ctx.repo as RepoRecord, findPull(ctx, GET_DOCS), ctx.urls, true)),
  },
  {
    method: "GET",
    path: `${REPO}/pulls/{pull_number}/files`,
    docs: FILES_DOCS,
    auth: "token",
    permissions: [["pull_requests", "read"]],
    handler: (ctx) => {
      const repo = ctx.repo as RepoRecord;
      const pr = findPull(ctx, FILES_DOCS);
      const files = ctx.state.pullFiles(repo.fullName, pr).slice(0, MAX_FILES);
      const page = paginate(ctx, files);
      return ok(page.items.map((f) => diffEntryJson(repo, pr.headSha, f, ctx.urls)), page.headers);
    },
  },
  {
    method: "GET",
    path: `${REPO}/pulls/{pull_number}/commits`,
    docs: COMMITS_DOCS,
    auth: "token",
    permissions: [["pull_requests", "read"]],
    handler: (ctx) => {
      const repo = ctx.repo as RepoRecord;
      const pr = findPull(ctx, COMMITS_DOCS);
      const commits = ctx.state.pullCommits(repo.fullName, pr).slice(0, MAX_COMMITS);
      const page = paginate(ctx, commits);
      return ok(page.items.map((c) => commitJson(ctx.state, repo, c, ctx.urls)), page.headers);
    },
  },
  {
    method: "GET",
    path: `${REPO}/pulls/{pull_number}/reviews`,
    docs: REVIEWS_DOCS,
    auth: "token",
    permissions: [["pull_requests", "read"]],
    handler: (ctx) => {
      const repo = ctx.repo as RepoRecord;
      const pr = findPull(ctx, REVIEWS_DOCS);
      const page = paginate(ctx, pr.reviews.filter((r) => r.state !== "PENDING"));
      return ok(page.items.map((r) => reviewJson(ctx.state, repo, pr, r, ctx.urls)), page.headers);
    },
  },
  {
    method: "GET",
    path: `${REPO}/pulls/{pull_number}/requested_reviewers`,
    docs: REQUESTED_DOCS,
    auth: "token",
    permissions: [["pull_requests", "read"]],
    handler: (ctx) => {
      const repo = ctx.repo as RepoRecord;
      const pr = findPull(ctx, REQUESTED_DOCS);
      return ok({
        users: pr.requestedReviewers.users.map((u) => userJson(ctx.state.ensureUser(u), ctx.urls)),
        teams: pr.requestedReviewers.teams
          .map((t) => ctx.state.team(repo.owner, t))
          .filter((t): t is TeamRecord => t !== undefined)
          .map((t) => teamJson(ctx.state, t, ctx.urls)),
      });
    },
  },
  {
    method: "POST",
    path: `${REPO}/pulls/{pull_number}/requested_reviewers`,
    docs: REQUEST_DOCS,
    auth: "token",
    permissions: [["pull_requests", "write"]],
    handler: requestReviewers,
  },
];
