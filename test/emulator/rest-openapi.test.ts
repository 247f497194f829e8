import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPackageFile } from "../../emulator/graphql/load-github-schema.js";
import { ALL_ROUTES } from "../../emulator/route-table.js";
import { startEmulator, type Emulator } from "../../emulator/start-emulator.js";
import { appOctokit, seedSample } from "./emulator-test-kit.js";

/**
 * Every REST operation the emulator implements answers with a body that
 * GitHub's own OpenAPI description (`@octokit/openapi`) accepts, so the
 * emulator cannot drift into a friendlier GitHub than the real one.
 */

interface OpenApiOperation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
type OpenApiDoc = { paths: Record<string, Record<string, OpenApiOperation>> } & Record<string, unknown>;

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * OpenAPI 3.0 `nullable` in JSON Schema terms: `nullable` next to `enum`
 * admits null, and `nullable` without `type` (on `allOf`/`anyOf`/`$ref`)
 * becomes "null or the schema".
 */
function normalizeNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalizeNullable);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = normalizeNullable(v);
  if (out["nullable"] === true) {
    if (Array.isArray(out["enum"]) && !out["enum"].includes(null)) out["enum"] = [...(out["enum"] as unknown[]), null];
    if (out["type"] === undefined) {
      const { nullable: _n, ...rest } = out;
      return { anyOf: [{ type: "null" }, rest] };
    }
  }
  return out;
}

/** One OpenAPI description with its compiled response validators. */
class Description {
  readonly name: string;
  readonly #doc: OpenApiDoc;
  readonly #ajv: Ajv;
  readonly #validators = new Map<string, ValidateFunction>();

  constructor(file: string) {
    this.name = file;
    this.#doc = normalizeNullable(JSON.parse(readFileSync(findPackageFile("@octokit/openapi", `generated/${file}`), "utf8"))) as OpenApiDoc;
    this.#ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.#ajv);
    this.#ajv.addSchema({ ...this.#doc, $id: "gh" });
  }

  /** The description's path template for an emulator route template (`{+path}` is `{path}`; parameter names may differ). */
  path(method: string, routeTemplate: string): string | undefined {
    // `GET /contents` is the same operation as `GET /contents/{path}` with an empty path.
    const template = routeTemplate.endsWith("/contents") ? `${routeTemplate}/{path}` : routeTemplate;
    const shape = (t: string): string => t.replace(/\{\+?[a-z_]+\}/g, "{}");
    const wanted = shape(template);
    return Object.keys(this.#doc.paths).find((p) => shape(p) === wanted && this.#doc.paths[p]?.[method.toLowerCase()] !== undefined);
  }

  validator(method: string, template: string, status: number): ValidateFunction | undefined {
    const path = this.path(method, template);
    if (!path) throw new Error(`${this.name}: no operation for ${method} ${template}`);
    const content = this.#doc.paths[path]?.[method.toLowerCase()]?.responses[String(status)]?.content;
    if (!content) return undefined;
    const media = Object.keys(content).find((k) => k.includes("json"));
    if (!media) return undefined;
    const key = `${method} ${path} ${status}`;
    let v = this.#validators.get(key);
    if (!v) {
      const known = DESCRIPTION_BUGS[key];
      v = this.#ajv.compile(known ?? { $ref: `gh#/${pointer("paths", path, method.toLowerCase(), "responses", String(status), "content", media, "schema")}` });
      this.#validators.set(key, v);
    }
    return v;
  }
}

/**
 * Operations whose inline response schema in the description cannot be met
 * by any real answer; they are checked against the component schema instead.
 * `GET /app/installations` inlines `account` as `allOf: [simple-user, enterprise]`
 * where the component `installation` (and GitHub) say `anyOf`.
 */
const DESCRIPTION_BUGS: Record<string, object> = {
  "GET /app/installations 200": { type: "array", items: { $ref: "gh#/components/schemas/installation" } },
};

function pointer(...parts: string[]): string {
  return parts.map((p) => encodeURIComponent(p.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");
}

/** github.com's description, and the newest GitHub Enterprise Server's (the emulator serves GHES paths). */
const descriptions = [new Description("api.github.com.json"), new Description("ghes-3.19.json")];

let em: Emulator;
let token: string;
let jwt: string;
let sample: ReturnType<typeof seedSample>;
const exercised = new Set<string>();

interface Call {
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Route template, as in the emulator's route table. */
  readonly template: string;
  readonly url: string;
  readonly body?: unknown;
  readonly auth?: "jwt" | "installation";
  readonly status: number;
}

async function call(c: Call): Promise<unknown> {
  const res = await fetch(`${em.apiUrl}${c.url}`, {
    method: c.method,
    headers: {
      authorization: c.auth === "jwt" ? `Bearer ${jwt}` : `token ${token}`,
      accept: "application/vnd.github+json",
      ...(c.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(c.body !== undefined ? { body: JSON.stringify(c.body) } : {}),
  });
  const text = await res.text();
  expect(res.status, `${c.method} ${c.url}: ${text.slice(0, 300)}`).toBe(c.status);
  exercised.add(`${c.method} ${c.template}`);
  return text === "" ? undefined : (JSON.parse(text) as unknown);
}

async function expectValid(c: Call): Promise<unknown> {
  const body = await call(c);
  for (const d of descriptions) {
    const v = d.validator(c.method, c.template, c.status);
    if (v && !v(body)) {
      const errors = v.errors?.filter((e) => e.keyword !== "anyOf").slice(0, 12).map((e) => `${e.instancePath} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
      throw new Error(`${c.method} ${c.url} does not match ${d.name}:\n${JSON.stringify(errors, null, 2)}`);
    }
  }
  return body;
}

beforeAll(async () => {
  em = await startEmulator();
  sample = seedSample(em);
  em.state.addReview(sample.repo, sample.number, { user: "maria-ops", state: "APPROVED" });
  jwt = ((await appOctokit(em).auth({ type: "app" })) as { token: string }).token;
  const res = await fetch(`${em.apiUrl}/app/installations/${em.state.installationIdFor(sample.repo)}/access_tokens`, {
    method: "POST",
    headers: { authorization: `Bearer ${jwt}` },
  });
  token = ((await res.json()) as { token: string }).token;
});

afterAll(async () => {
  await em.close();
});

const R = "/repos/{owner}/{repo}";
const r = "/repos/acme/integrations";

describe("REST answers match GitHub's OpenAPI descriptions (github.com and GHES 3.19)", () => {
  it("app and installation endpoints", async () => {
    const inst = em.state.installationIdFor(sample.repo);
    await expectValid({ method: "GET", template: "/app", url: "/app", auth: "jwt", status: 200 });
    await expectValid({ method: "GET", template: "/app/installations", url: "/app/installations", auth: "jwt", status: 200 });
    await expectValid({ method: "GET", template: "/app/installations/{installation_id}", url: `/app/installations/${inst}`, auth: "jwt", status: 200 });
    await expectValid({
      method: "POST",
      template: "/app/installations/{installation_id}/access_tokens",
      url: `/app/installations/${inst}/access_tokens`,
      auth: "jwt",
      status: 201,
      body: { repositories: ["integrations"], permissions: { checks: "write" } },
    });
    await expectValid({ method: "GET", template: `${R}/installation`, url: `${r}/installation`, auth: "jwt", status: 200 });
    await expectValid({ method: "GET", template: "/orgs/{org}/installation", url: "/orgs/acme/installation", auth: "jwt", status: 200 });
    await expectValid({ method: "GET", template: "/installation/repositories", url: "/installation/repositories", status: 200 });
  });

  it("repository, contents and git database", async () => {
    await expectValid({ method: "GET", template: R, url: r, status: 200 });
    const file = (await expectValid({ method: "GET", template: `${R}/contents/{+path}`, url: `${r}/contents/.integ.yml`, status: 200 })) as { sha: string };
    await expectValid({ method: "GET", template: `${R}/contents/{+path}`, url: `${r}/contents/integrations?ref=main`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/contents/{+path}`, url: `${r}/contents/nope.md`, status: 404 });
    await expectValid({ method: "GET", template: `${R}/contents`, url: `${r}/contents`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/git/blobs/{file_sha}`, url: `${r}/git/blobs/${file.sha}`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/git/trees/{tree_sha}`, url: `${r}/git/trees/main?recursive=1`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/git/commits/{commit_sha}`, url: `${r}/git/commits/${sample.headSha}`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/git/ref/{+ref}`, url: `${r}/git/ref/heads/main`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/commits`, url: `${r}/commits?sha=feature/product-id`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/commits/{ref}`, url: `${r}/commits/${sample.headSha}`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/commits/{commit_sha}/pulls`, url: `${r}/commits/${sample.headSha}/pulls`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/compare/{+basehead}`, url: `${r}/compare/main...feature/product-id`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/collaborators/{username}/permission`, url: `${r}/collaborators/maria-ops/permission`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/labels`, url: `${r}/labels`, status: 200 });
  });

  it("pull requests", async () => {
    const n = sample.number;
    await expectValid({ method: "GET", template: `${R}/pulls`, url: `${r}/pulls?state=all`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/pulls/{pull_number}`, url: `${r}/pulls/${n}`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/pulls/{pull_number}/files`, url: `${r}/pulls/${n}/files`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/pulls/{pull_number}/commits`, url: `${r}/pulls/${n}/commits`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/pulls/{pull_number}/reviews`, url: `${r}/pulls/${n}/reviews`, status: 200 });
    await expectValid({
      method: "POST",
      template: `${R}/pulls/{pull_number}/requested_reviewers`,
      url: `${r}/pulls/${n}/requested_reviewers`,
      body: { reviewers: ["bob-dev"], team_reviewers: ["integration-owners"] },
      status: 201,
    });
    await expectValid({ method: "GET", template: `${R}/pulls/{pull_number}/requested_reviewers`, url: `${r}/pulls/${n}/requested_reviewers`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/pulls/{pull_number}`, url: `${r}/pulls/999`, status: 404 });
  });

  it("issue comments, timeline, events and labels", async () => {
    const n = sample.number;
    const comment = (await expectValid({
      method: "POST",
      template: `${R}/issues/{issue_number}/comments`,
      url: `${r}/issues/${n}/comments`,
      body: { body: "integ-gate summary" },
      status: 201,
    })) as { id: number };
    await expectValid({ method: "PATCH", template: `${R}/issues/comments/{comment_id}`, url: `${r}/issues/comments/${comment.id}`, body: { body: "updated" }, status: 200 });
    await expectValid({ method: "GET", template: `${R}/issues/{issue_number}/comments`, url: `${r}/issues/${n}/comments`, status: 200 });
    await expectValid({ method: "POST", template: `${R}/issues/{issue_number}/labels`, url: `${r}/issues/${n}/labels`, body: { labels: ["erp"] }, status: 200 });
    await expectValid({ method: "DELETE", template: `${R}/issues/{issue_number}/labels/{name}`, url: `${r}/issues/${n}/labels/erp`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/issues/{issue_number}/labels`, url: `${r}/issues/${n}/labels`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/issues/{issue_number}/timeline`, url: `${r}/issues/${n}/timeline`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/issues/{issue_number}/events`, url: `${r}/issues/${n}/events`, status: 200 });
  });

  it("plain issues (the digest issues per department and period)", async () => {
    const issue = (await expectValid({
      method: "POST",
      template: `${R}/issues`,
      url: `${r}/issues`,
      body: { title: "What changed for sales, 23–30 Nov 2026", body: "digest", labels: ["integ-gate/digest"] },
      status: 201,
    })) as { number: number };
    await expectValid({ method: "PATCH", template: `${R}/issues/{issue_number}`, url: `${r}/issues/${issue.number}`, body: { body: "updated" }, status: 200 });
    await expectValid({ method: "GET", template: `${R}/issues`, url: `${r}/issues?labels=integ-gate/digest&state=all`, status: 200 });
    await expectValid({ method: "POST", template: `${R}/issues`, url: `${r}/issues`, body: { body: "no title" }, status: 422 });
  });

  it("check runs and suites", async () => {
    const run = (await expectValid({
      method: "POST",
      template: `${R}/check-runs`,
      url: `${r}/check-runs`,
      body: {
        name: "integ-gate/release-note",
        head_sha: sample.headSha,
        status: "in_progress",
        external_id: "pr-1",
        output: { title: "Checking", summary: "…", annotations: [{ path: "docs/a.md", start_line: 1, end_line: 1, annotation_level: "warning", message: "m" }] },
      },
      status: 201,
    })) as { id: number };
    await expectValid({
      method: "PATCH",
      template: `${R}/check-runs/{check_run_id}`,
      url: `${r}/check-runs/${run.id}`,
      body: { conclusion: "success", output: { title: "Done", summary: "ok" } },
      status: 200,
    });
    await expectValid({ method: "GET", template: `${R}/check-runs/{check_run_id}`, url: `${r}/check-runs/${run.id}`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/check-runs/{check_run_id}/annotations`, url: `${r}/check-runs/${run.id}/annotations`, status: 200 });
    await expectValid({ method: "POST", template: `${R}/check-runs/{check_run_id}/rerequest`, url: `${r}/check-runs/${run.id}/rerequest`, status: 201 });
    await expectValid({ method: "GET", template: `${R}/commits/{ref}/check-runs`, url: `${r}/commits/${sample.headSha}/check-runs`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/commits/{ref}/check-suites`, url: `${r}/commits/${sample.headSha}/check-suites`, status: 200 });
    await expectValid({ method: "POST", template: `${R}/check-runs`, url: `${r}/check-runs`, body: { head_sha: sample.headSha }, status: 422 });
  });

  it("commit statuses", async () => {
    await expectValid({
      method: "POST",
      template: `${R}/statuses/{sha}`,
      url: `${r}/statuses/${sample.headSha}`,
      body: { state: "pending", context: "integ-gate/owner-approval", description: "Waiting" },
      status: 201,
    });
    await expectValid({
      method: "POST",
      template: `${R}/statuses/{sha}`,
      url: `${r}/statuses/${sample.headSha}`,
      body: { state: "pending", context: "x", description: "d".repeat(141) },
      status: 422,
    });
    await expectValid({ method: "GET", template: `${R}/commits/{ref}/statuses`, url: `${r}/commits/${sample.headSha}/statuses`, status: 200 });
    await expectValid({ method: "GET", template: `${R}/commits/{ref}/status`, url: `${r}/commits/${sample.headSha}/status`, status: 200 });
  });

  it("teams", async () => {
    await expectValid({ method: "GET", template: "/orgs/{org}/teams/{team_slug}", url: "/orgs/acme/teams/integration-owners", status: 200 });
    await expectValid({ method: "GET", template: "/orgs/{org}/teams/{team_slug}/members", url: "/orgs/acme/teams/integration-owners/members", status: 200 });
    await expectValid({
      method: "GET",
      template: "/orgs/{org}/teams/{team_slug}/memberships/{username}",
      url: "/orgs/acme/teams/integration-owners/memberships/maria-ops",
      status: 200,
    });
  });

  it("every implemented route exists in GitHub's description and was exercised above", () => {
    const legacy = new Set(["GET /repos/{owner}/{repo}/statuses/{ref}"]);
    for (const route of ALL_ROUTES) {
      const key = `${route.method} ${route.path}`;
      if (legacy.has(key)) continue;
      for (const d of descriptions) expect(d.path(route.method, route.path), `${d.name}: ${key}`).toBeDefined();
      expect(exercised.has(key), `${key} is not covered by the OpenAPI test`).toBe(true);
    }
  });
});
