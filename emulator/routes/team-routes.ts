import { docsUrl, forbiddenIntegration, notFound, ok, paginate, type Route, type RouteContext } from "../rest-context.js";
import { orgJson, teamJson, userJson } from "../rest-representations.js";
import type { TeamRecord } from "../state-records.js";

const MEMBERS_DOCS = docsUrl("/rest/teams/members#list-team-members");
const TEAM_DOCS = docsUrl("/rest/teams/teams#get-a-team-by-name");
const MEMBERSHIP_DOCS = docsUrl("/rest/teams/members#get-team-membership-for-a-user");

/**
 * Team reads need the `members` organization permission. Without it GitHub
 * answers 403 "Resource not accessible by integration" (or 404 for some
 * tokens, configurable per token). Secret teams are visible to the
 * installation only with `members`.
 */
function findTeam(ctx: RouteContext, docs: string): TeamRecord {
  const caller = ctx.caller;
  if (caller.kind === "anonymous") throw notFound(docs);
  if (caller.kind === "token" && caller.token.kind !== "user") {
    const level = caller.token.permissions.members;
    if (level === undefined) {
      if (caller.token.teamDenial === 404) throw notFound(docs);
      throw forbiddenIntegration(docs);
    }
    // An installation token only reaches teams of the account it is installed on.
    if (caller.token.installationId !== null) {
      const inst = ctx.state.installations.get(caller.token.installationId);
      if (inst && inst.account.toLowerCase() !== (ctx.params["org"] ?? "").toLowerCase()) throw notFound(docs);
    }
  }
  const team = ctx.state.team(ctx.params["org"] ?? "", ctx.params["team_slug"] ?? "");
  if (!team) throw notFound(docs);
  return team;
}

/** Organization teams: get, list members (child teams included), membership. */
export const teamRoutes: readonly Route[] = [
  {
    method: "GET",
    path: "/orgs/{org}/teams/{team_slug}",
    docs: TEAM_DOCS,
    auth: "token",
    handler: (ctx) => {
      const team = findTeam(ctx, TEAM_DOCS);
      const org = ctx.state.ensureUser(team.org);
      return ok({
        ...teamJson(ctx.state, team, ctx.urls),
        members_count: ctx.state.teamMembers(team, "immediate").length,
        repos_count: 0,
        created_at: team.createdAt,
        updated_at: team.createdAt,
        organization: {
          ...orgJson(org, ctx.urls),
          html_url: `${ctx.urls.web}/${org.login}`,
          type: "Organization",
          has_organization_projects: true,
          has_repository_projects: true,
          public_repos: 0,
          public_gists: 0,
          followers: 0,
          following: 0,
          created_at: org.createdAt,
          updated_at: org.createdAt,
          archived_at: null,
        },
      });
    },
  },
  {
    method: "GET",
    path: "/orgs/{org}/teams/{team_slug}/members",
    docs: MEMBERS_DOCS,
    auth: "token",
    handler: (ctx) => {
      const team = findTeam(ctx, MEMBERS_DOCS);
      // "Team members will include the members of child teams."
      const page = paginate(ctx, ctx.state.teamMembers(team, "all"));
      return ok(page.items.map((u) => userJson(u, ctx.urls)), page.headers);
    },
  },
  {
    method: "GET",
    path: "/orgs/{org}/teams/{team_slug}/memberships/{username}",
    docs: MEMBERSHIP_DOCS,
    auth: "token",
    handler: (ctx) => {
      const team = findTeam(ctx, MEMBERSHIP_DOCS);
      const login = (ctx.params["username"] ?? "").toLowerCase();
      if (!ctx.state.teamMembers(team, "all").some((u) => u.login.toLowerCase() === login)) throw notFound(MEMBERSHIP_DOCS);
      return ok({
        url: `${ctx.urls.api}/organizations/${team.org}/team/${team.id}/memberships/${ctx.params["username"] ?? ""}`,
        role: "member",
        state: "active",
      });
    },
  },
];
