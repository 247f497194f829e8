import {
  bodyObject,
  callerAppId,
  created,
  docsUrl,
  forbiddenIntegration,
  GitHubHttpError,
  invalidRequest,
  notFound,
  ok,
  paginate,
  unprocessable,
  validationFailed,
  type Route,
  type RouteContext,
} from "../rest-context.js";
import { annotationJson, checkRunJson, checkSuiteJson } from "../rest-representations.js";
import type { AnnotationRecord, CheckConclusion, CheckRunRecord, CheckStatus, RepoRecord } from "../state-records.js";
import { validateRequestBody, type BodySpec } from "../validate-request-body.js";

const CREATE_DOCS = docsUrl("/rest/checks/runs#create-a-check-run");
const UPDATE_DOCS = docsUrl("/rest/checks/runs#update-a-check-run");
const LIST_DOCS = docsUrl("/rest/checks/runs#list-check-runs-for-a-git-reference");
const GET_DOCS = docsUrl("/rest/checks/runs#get-a-check-run");
const ANNOTATIONS_DOCS = docsUrl("/rest/checks/runs#list-check-run-annotations");
const SUITES_DOCS = docsUrl("/rest/checks/suites#list-check-suites-for-a-git-reference");
const RERUN_DOCS = docsUrl("/rest/checks/runs#rerequest-a-check-run");

const CONCLUSIONS = ["action_required", "cancelled", "failure", "neutral", "success", "skipped", "stale", "timed_out"] as const;

const ANNOTATION: BodySpec = {
  type: "object",
  properties: {
    path: { type: "string" },
    start_line: { type: "integer" },
    end_line: { type: "integer" },
    start_column: { type: "integer" },
    end_column: { type: "integer" },
    annotation_level: { type: "string", enum: ["notice", "warning", "failure"] },
    message: { type: "string" },
    title: { type: "string" },
    raw_details: { type: "string" },
  },
  required: ["path", "start_line", "end_line", "annotation_level", "message"],
};

function outputSpec(requireTitle: boolean): BodySpec {
  return {
    type: "object",
    properties: {
      title: { type: "string" },
      summary: { type: "string", maxLength: 65535 },
      text: { type: "string", maxLength: 65535 },
      annotations: { type: "array", maxItems: 50, items: ANNOTATION },
      images: {
        type: "array",
        items: { type: "object", properties: { alt: { type: "string" }, image_url: { type: "string" }, caption: { type: "string" } }, required: ["alt", "image_url"] },
      },
    },
    required: requireTitle ? ["title", "summary"] : ["summary"],
  };
}

const ACTIONS: BodySpec = {
  type: "array",
  maxItems: 3,
  items: {
    type: "object",
    properties: {
      label: { type: "string", maxLength: 20 },
      description: { type: "string", maxLength: 40 },
      identifier: { type: "string", maxLength: 20 },
    },
    required: ["label", "description", "identifier"],
  },
};

const CREATE_SPEC: BodySpec = {
  type: "object",
  properties: {
    name: { type: "string" },
    head_sha: { type: "string" },
    details_url: { type: "string" },
    external_id: { type: "string" },
    status: { type: "string", enum: ["queued", "in_progress", "completed"] },
    started_at: { type: "string", format: "date-time" },
    conclusion: { type: "string", enum: CONCLUSIONS },
    completed_at: { type: "string", format: "date-time" },
    output: outputSpec(true),
    actions: ACTIONS,
  },
  required: ["name", "head_sha"],
};

const UPDATE_SPEC: BodySpec = {
  type: "object",
  properties: {
    name: { type: "string" },
    details_url: { type: "string" },
    external_id: { type: "string" },
    started_at: { type: "string", format: "date-time" },
    status: { type: "string", enum: ["queued", "in_progress", "completed", "waiting", "requested", "pending"] },
    conclusion: { type: "string", enum: CONCLUSIONS },
    completed_at: { type: "string", format: "date-time" },
    output: outputSpec(false),
    actions: ACTIONS,
  },
};

function isoSeconds(v: string): string {
  return new Date(Date.parse(v)).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Model validation after the request schema: annotation coordinates, byte sizes, conclusions only GitHub may set. */
function validateSemantics(docs: string, body: Record<string, unknown>, create: boolean): void {
  const output = body["output"] as Record<string, unknown> | undefined;
  if (create || body["status"] !== undefined || body["completed_at"] !== undefined) {
    const completing = body["status"] === "completed" || body["completed_at"] !== undefined;
    if (completing && body["conclusion"] === undefined) throw invalidRequest(docs, `"conclusion" wasn't supplied.`);
  }
  if (body["conclusion"] === "stale") {
    throw validationFailed(docs, [{ resource: "CheckRun", code: "invalid", field: "conclusion" }]);
  }
  if (output) {
    for (const field of ["summary", "text"] as const) {
      const v = output[field];
      if (typeof v === "string" && Buffer.byteLength(v, "utf8") > 65535) {
        throw validationFailed(docs, [
          { resource: "CheckRun", code: "custom", field, message: `${field} exceeds a maximum bytesize of 65535` },
        ]);
      }
    }
    const annotations = (output["annotations"] as Record<string, unknown>[] | undefined) ?? [];
    for (const a of annotations) {
      const start = a["start_line"] as number;
      const end = a["end_line"] as number;
      const hasColumns = a["start_column"] !== undefined || a["end_column"] !== undefined;
      const bad =
        start < 1 ||
        end < start ||
        (hasColumns && start !== end) ||
        (typeof a["start_column"] === "number" && typeof a["end_column"] === "number" && a["end_column"] < a["start_column"]) ||
        (a["path"] as string).length === 0 ||
        (typeof a["raw_details"] === "string" && Buffer.byteLength(a["raw_details"]) > 65535) ||
        Buffer.byteLength(a["message"] as string) > 65535;
      if (bad) throw validationFailed(docs, [{ resource: "CheckRun", code: "invalid", field: "annotations" }]);
    }
  }
}

function toAnnotations(output: Record<string, unknown> | undefined): AnnotationRecord[] {
  const list = (output?.["annotations"] as Record<string, unknown>[] | undefined) ?? [];
  return list.map((a) => ({
    path: a["path"] as string,
    start_line: a["start_line"] as number,
    end_line: a["end_line"] as number,
    start_column: (a["start_column"] as number | undefined) ?? null,
    end_column: (a["end_column"] as number | undefined) ?? null,
    annotation_level: a["annotation_level"] as AnnotationRecord["annotation_level"],
    title: (a["title"] as string | undefined) ?? null,
    message: a["message"] as string,
    raw_details: (a["raw_details"] as string | undefined) ?? null,
  }));
}

function requireCheckWriter(ctx: RouteContext, docs: string): number {
  const appId = callerAppId(ctx.caller);
  if (appId === null) {
    throw new GitHubHttpError(403, { message: "You must authenticate via a GitHub App.", documentation_url: docs, status: "403" });
  }
  return appId;
}

function findRun(ctx: RouteContext, repo: RepoRecord, docs: string): CheckRunRecord {
  ctx.state.markStale(repo.fullName);
  const id = Number(ctx.params["check_run_id"]);
  const run = repo.checkRuns.find((r) => r.id === id);
  if (!run) throw notFound(docs);
  return run;
}

function createCheckRun(ctx: RouteContext): ReturnType<Route["handler"]> {
  const repo = ctx.repo as RepoRecord;
  const appId = requireCheckWriter(ctx, CREATE_DOCS);
  const body = bodyObject(ctx);
  const problems = validateRequestBody(CREATE_SPEC, body);
  if (problems.length > 0) throw invalidRequest(CREATE_DOCS, problems.join("\n"));
  validateSemantics(CREATE_DOCS, body, true);
  // GitHub wants the full sha of a commit it has (a branch name or short sha is "not found").
  const headSha = (body["head_sha"] as string).toLowerCase();
  if (!/^[0-9a-f]{40}$/.test(headSha) || !ctx.state.git.commit(headSha)) {
    throw unprocessable(CREATE_DOCS, `No commit found for SHA: ${String(body["head_sha"])}`);
  }
  const now = ctx.state.now();
  const conclusion = (body["conclusion"] as CheckConclusion | undefined) ?? null;
  const status: CheckStatus = conclusion !== null ? "completed" : ((body["status"] as CheckStatus | undefined) ?? "queued");
  const output = body["output"] as Record<string, unknown> | undefined;
  const branch = [...repo.refs.entries()].find(([, sha]) => sha === headSha)?.[0] ?? null;
  const suite = ctx.state.checkSuiteFor(repo.fullName, headSha, appId, branch);
  const id = ctx.state.newId();
  const run: CheckRunRecord = {
    id,
    nodeId: ctx.state.newNodeId("CR", id, { kind: "checkRun", repo: repo.fullName, id }),
    repo: repo.fullName,
    headSha,
    name: body["name"] as string,
    status,
    conclusion,
    startedAt: typeof body["started_at"] === "string" ? isoSeconds(body["started_at"]) : now,
    completedAt:
      status === "completed" ? (typeof body["completed_at"] === "string" ? isoSeconds(body["completed_at"]) : now) : null,
    externalId: (body["external_id"] as string | undefined) ?? "",
    detailsUrl: (body["details_url"] as string | undefined) ?? null,
    output: {
      title: (output?.["title"] as string | undefined) ?? null,
      summary: (output?.["summary"] as string | undefined) ?? null,
      text: (output?.["text"] as string | undefined) ?? null,
      annotations: toAnnotations(output),
    },
    appId,
    checkSuiteId: suite.id,
    createdAt: now,
    writes: [{ method: "POST", at: now, body: structuredClone(body) }],
  };
  repo.checkRuns.push(run);
  suite.updatedAt = now;
  return created(checkRunJson(ctx.state, repo, run, ctx.urls));
}

function updateCheckRun(ctx: RouteContext): ReturnType<Route["handler"]> {
  const repo = ctx.repo as RepoRecord;
  const appId = requireCheckWriter(ctx, UPDATE_DOCS);
  const run = findRun(ctx, repo, UPDATE_DOCS);
  if (run.appId !== appId) throw forbiddenIntegration(UPDATE_DOCS);
  const body = bodyObject(ctx);
  const problems = validateRequestBody(UPDATE_SPEC, body);
  if (problems.length > 0) throw invalidRequest(UPDATE_DOCS, problems.join("\n"));
  validateSemantics(UPDATE_DOCS, body, false);
  const now = ctx.state.now();
  run.writes.push({ method: "PATCH", at: now, body: structuredClone(body) });
  if (typeof body["name"] === "string") run.name = body["name"];
  if (typeof body["details_url"] === "string") run.detailsUrl = body["details_url"];
  if (typeof body["external_id"] === "string") run.externalId = body["external_id"];
  const conclusion = body["conclusion"] as CheckConclusion | undefined;
  const status = body["status"] as CheckStatus | undefined;
  if (conclusion !== undefined) {
    run.conclusion = conclusion;
    run.status = "completed";
    run.completedAt = typeof body["completed_at"] === "string" ? isoSeconds(body["completed_at"]) : now;
  } else if (status !== undefined && run.status !== "completed") {
    // GitHub never moves a completed run back to queued/in_progress: the change is ignored.
    run.status = status;
    if (typeof body["started_at"] === "string") run.startedAt = isoSeconds(body["started_at"]);
  }
  const output = body["output"] as Record<string, unknown> | undefined;
  if (output) {
    if (typeof output["title"] === "string") run.output.title = output["title"];
    if (typeof output["summary"] === "string") run.output.summary = output["summary"];
    if (typeof output["text"] === "string") run.output.text = output["text"];
    // Annotations are appended, never replaced.
    run.output.annotations.push(...toAnnotations(output));
  }
  const suite = repo.checkSuites.find((s) => s.id === run.checkSuiteId);
  if (suite) suite.updatedAt = now;
  return ok(checkRunJson(ctx.state, repo, run, ctx.urls));
}

function listCheckRunsForRef(ctx: RouteContext): ReturnType<Route["handler"]> {
  const repo = ctx.repo as RepoRecord;
  const sha = ctx.state.resolveRef(repo.fullName, ctx.params["ref"] ?? "");
  if (!sha) throw unprocessable(LIST_DOCS, `No commit found for SHA: ${ctx.params["ref"] ?? ""}`);
  const filter = ctx.query.get("filter") ?? "latest";
  if (filter !== "latest" && filter !== "all") throw invalidRequest(LIST_DOCS, `For 'filter', "${filter}" is not a member of ["latest", "all"].`);
  const name = ctx.query.get("check_name");
  const status = ctx.query.get("status");
  const appIdParam = ctx.query.get("app_id");
  let runs = ctx.state.checkRuns(repo.fullName, { headSha: sha }).slice().sort((a, b) => b.id - a.id);
  if (filter === "latest") {
    const seen = new Set<string>();
    runs = runs.filter((r) => {
      const key = `${r.appId}\u0000${r.name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  if (name !== null) runs = runs.filter((r) => r.name === name);
  if (status !== null) runs = runs.filter((r) => r.status === status);
  if (appIdParam !== null) runs = runs.filter((r) => r.appId === Number(appIdParam));
  const page = paginate(ctx, runs);
  return ok({ total_count: runs.length, check_runs: page.items.map((r) => checkRunJson(ctx.state, repo, r, ctx.urls)) }, page.headers);
}

function listCheckSuitesForRef(ctx: RouteContext): ReturnType<Route["handler"]> {
  const repo = ctx.repo as RepoRecord;
  const sha = ctx.state.resolveRef(repo.fullName, ctx.params["ref"] ?? "");
  if (!sha) throw unprocessable(SUITES_DOCS, `No commit found for SHA: ${ctx.params["ref"] ?? ""}`);
  ctx.state.markStale(repo.fullName);
  let suites = repo.checkSuites.filter((s) => s.headSha === sha);
  const appIdParam = ctx.query.get("app_id");
  if (appIdParam !== null) suites = suites.filter((s) => s.appId === Number(appIdParam));
  const page = paginate(ctx, suites);
  return ok(
    { total_count: suites.length, check_suites: page.items.map((s) => checkSuiteJson(ctx.state, repo, s, ctx.urls)) },
    page.headers,
  );
}

const REPO = "/repos/{owner}/{repo}";

/** Check runs and suites. */
export const checkRoutes: readonly Route[] = [
  { method: "POST", path: `${REPO}/check-runs`, docs: CREATE_DOCS, auth: "token", permissions: [["checks", "write"]], handler: createCheckRun },
  {
    method: "PATCH",
    path: `${REPO}/check-runs/{check_run_id}`,
    docs: UPDATE_DOCS,
    auth: "token",
    permissions: [["checks", "write"]],
    handler: updateCheckRun,
  },
  {
    method: "GET",
    path: `${REPO}/check-runs/{check_run_id}`,
    docs: GET_DOCS,
    auth: "token",
    permissions: [["checks", "read"]],
    handler: (ctx) => ok(checkRunJson(ctx.state, ctx.repo as RepoRecord, findRun(ctx, ctx.repo as RepoRecord, GET_DOCS), ctx.urls)),
  },
  {
    method: "GET",
    path: `${REPO}/check-runs/{check_run_id}/annotations`,
    docs: ANNOTATIONS_DOCS,
    auth: "token",
    permissions: [["checks", "read"]],
    handler: (ctx) => {
      const repo = ctx.repo as RepoRecord;
      const run = findRun(ctx, repo, ANNOTATIONS_DOCS);
      const page = paginate(ctx, run.output.annotations);
      return ok(page.items.map((a) => annotationJson(repo, run, a, ctx.urls)), page.headers);
    },
  },
  {
    method: "POST",
    path: `${REPO}/check-runs/{check_run_id}/rerequest`,
    docs: RERUN_DOCS,
    auth: "token",
    permissions: [["checks", "write"]],
    handler: (ctx) => {
      findRun(ctx, ctx.repo as RepoRecord, RERUN_DOCS);
      return created({});
    },
  },
  {
    method: "GET",
    path: `${REPO}/commits/{ref}/check-runs`,
    docs: LIST_DOCS,
    auth: "token",
    permissions: [["checks", "read"]],
    handler: listCheckRunsForRef,
  },
  {
    method: "GET",
    path: `${REPO}/commits/{ref}/check-suites`,
    docs: SUITES_DOCS,
    auth: "token",
    permissions: [["checks", "read"]],
    handler: listCheckSuitesForRef,
  },
];
