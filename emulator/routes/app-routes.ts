import {
  bodyObject,
  created,
  docsUrl,
  forbiddenIntegration,
  GitHubHttpError,
  invalidRequest,
  notFound,
  ok,
  paginate,
  type Route,
  type RouteContext,
} from "../rest-context.js";
import { appJson, installationJson, repoJson } from "../rest-representations.js";
import type { InstallationPermissions, InstallationRecord } from "../state-records.js";

const APP_DOCS = docsUrl("/rest/apps/apps#get-the-authenticated-app");
const INSTALLATIONS_DOCS = docsUrl("/rest/apps/apps#list-installations-for-the-authenticated-app");
const INSTALLATION_DOCS = docsUrl("/rest/apps/apps#get-an-installation-for-the-authenticated-app");
const TOKEN_DOCS = docsUrl("/rest/apps/apps#create-an-installation-access-token-for-an-app");
const REPO_INSTALLATION_DOCS = docsUrl("/rest/apps/apps#get-a-repository-installation-for-the-authenticated-app");
const ORG_INSTALLATION_DOCS = docsUrl("/rest/apps/apps#get-an-organization-installation-for-the-authenticated-app");
const INSTALLATION_REPOS_DOCS = docsUrl("/rest/apps/installations#list-repositories-accessible-to-the-app-installation");

function appOf(ctx: RouteContext): number {
  if (ctx.caller.kind !== "app") throw new GitHubHttpError(401, { message: "A JSON web token could not be decoded", documentation_url: APP_DOCS, status: "401" });
  return ctx.caller.app.id;
}

function installationOr404(ctx: RouteContext, docs: string): InstallationRecord {
  const inst = ctx.state.installations.get(Number(ctx.params["installation_id"]));
  if (!inst || inst.appId !== appOf(ctx)) throw notFound(docs);
  return inst;
}

const LEVEL: Record<string, number> = { read: 1, write: 2 };

function createInstallationToken(ctx: RouteContext): ReturnType<Route["handler"]> {
  const inst = installationOr404(ctx, TOKEN_DOCS);
  const body = bodyObject(ctx);
  const requested = body["permissions"] as InstallationPermissions | undefined;
  if (requested) {
    for (const [k, v] of Object.entries(requested)) {
      const have = inst.permissions[k as keyof InstallationPermissions];
      if (have === undefined || (LEVEL[v] ?? 3) > (LEVEL[have] ?? 0)) {
        throw new GitHubHttpError(422, {
          message: "The permissions requested are not granted to this installation.",
          documentation_url: TOKEN_DOCS,
          status: "422",
        });
      }
    }
  }
  const names = (body["repositories"] as string[] | undefined)?.map((r) => `${inst.account}/${r}`);
  const ids = body["repository_ids"] as number[] | undefined;
  let repositories: string[] | undefined = names;
  if (ids) {
    repositories = [...(repositories ?? []), ...[...ctx.state.repos.values()].filter((r) => ids.includes(r.id)).map((r) => r.fullName)];
  }
  if (repositories) {
    for (const r of repositories) {
      if (!ctx.state.repo(r) || !ctx.state.installationFor(inst.appId, r)) {
        throw invalidRequest(TOKEN_DOCS, `There is at least one repository that does not exist or is not accessible to the parent installation.`);
      }
    }
  }
  const token = ctx.state.createToken({
    kind: "installation",
    installationId: inst.id,
    ...(requested ? { permissions: requested } : {}),
    ...(repositories ? { repositories } : {}),
  });
  return created({
    token: token.token,
    expires_at: new Date(token.expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
    permissions: { ...token.permissions },
    repository_selection: repositories ? "selected" : inst.repositorySelection,
    ...(repositories ? { repositories: repositories.map((r) => repoJson(ctx.state, ctx.state.requireRepo(r), ctx.urls)) } : {}),
  });
}

/** App (JWT) endpoints, installation token exchange, and installation repositories. */
export const appRoutes: readonly Route[] = [
  {
    method: "GET",
    path: "/app",
    docs: APP_DOCS,
    auth: "jwt",
    authTraffic: true,
    handler: (ctx) => {
      const app = ctx.state.apps.get(appOf(ctx));
      if (!app) throw notFound(APP_DOCS);
      return ok({ ...appJson(ctx.state, app, ctx.urls), installations_count: [...ctx.state.installations.values()].filter((i) => i.appId === app.id).length });
    },
  },
  {
    method: "GET",
    path: "/app/installations",
    docs: INSTALLATIONS_DOCS,
    auth: "jwt",
    authTraffic: true,
    handler: (ctx) => {
      const appId = appOf(ctx);
      const page = paginate(ctx, [...ctx.state.installations.values()].filter((i) => i.appId === appId));
      return ok(page.items.map((i) => installationJson(ctx.state, i, ctx.urls)), page.headers);
    },
  },
  {
    method: "GET",
    path: "/app/installations/{installation_id}",
    docs: INSTALLATION_DOCS,
    auth: "jwt",
    authTraffic: true,
    handler: (ctx) => ok(installationJson(ctx.state, installationOr404(ctx, INSTALLATION_DOCS), ctx.urls)),
  },
  {
    method: "POST",
    path: "/app/installations/{installation_id}/access_tokens",
    docs: TOKEN_DOCS,
    auth: "jwt",
    authTraffic: true,
    handler: createInstallationToken,
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/installation",
    docs: REPO_INSTALLATION_DOCS,
    auth: "jwt",
    authTraffic: true,
    handler: (ctx) => {
      const inst = ctx.state.installationFor(appOf(ctx), `${ctx.params["owner"] ?? ""}/${ctx.params["repo"] ?? ""}`);
      if (!inst) throw notFound(REPO_INSTALLATION_DOCS);
      return ok(installationJson(ctx.state, inst, ctx.urls));
    },
  },
  {
    method: "GET",
    path: "/orgs/{org}/installation",
    docs: ORG_INSTALLATION_DOCS,
    auth: "jwt",
    authTraffic: true,
    handler: (ctx) => {
      const appId = appOf(ctx);
      const org = (ctx.params["org"] ?? "").toLowerCase();
      const inst = [...ctx.state.installations.values()].find((i) => i.appId === appId && i.account.toLowerCase() === org);
      if (!inst) throw notFound(ORG_INSTALLATION_DOCS);
      return ok(installationJson(ctx.state, inst, ctx.urls));
    },
  },
  {
    method: "GET",
    path: "/installation/repositories",
    docs: INSTALLATION_REPOS_DOCS,
    auth: "token",
    handler: (ctx) => {
      if (ctx.caller.kind !== "token" || ctx.caller.token.installationId === null) throw forbiddenIntegration(INSTALLATION_REPOS_DOCS);
      const token = ctx.caller.token;
      const inst = ctx.state.installations.get(token.installationId ?? -1);
      const repos = [...ctx.state.repos.values()].filter(
        (r) =>
          inst !== undefined &&
          r.owner.toLowerCase() === inst.account.toLowerCase() &&
          (token.repos === null || token.repos.has(r.fullName.toLowerCase())) &&
          (inst.repositorySelection === "all" || inst.repos.has(r.fullName.toLowerCase())),
      );
      const page = paginate(ctx, repos);
      return ok(
        { total_count: repos.length, repository_selection: inst?.repositorySelection ?? "all", repositories: page.items.map((r) => repoJson(ctx.state, r, ctx.urls)) },
        page.headers,
      );
    },
  },
];
