import type { TeamFacts } from "../core/facts/pull-request-facts.js";
import { describeError, type GitHubPort } from "./github-port.js";
import { IncompleteReadError, LIST_LIMITS } from "./incomplete-read-error.js";
import { nodesOf, type RawConnection } from "./pull-request-query.js";
import { errorsAt, type GraphqlResult } from "./run-graphql.js";

interface RawTeamAnswer {
  readonly team: { readonly members: RawConnection<{ readonly login: string }> } | null;
}

async function readAllMembers(port: GitHubPort, org: string, slug: string, total: number): Promise<string[]> {
  if (total > LIST_LIMITS.teamMembers) {
    throw new IncompleteReadError(`members of @${org}/${slug}`, 0, total, `integ-gate reads at most ${LIST_LIMITS.teamMembers.toLocaleString("en-US")} members of a team`);
  }
  const pages = Math.max(1, Math.ceil(total / 100));
  const answers = await Promise.all(
    Array.from({ length: pages }, (_, index) =>
      port.request("GET /orgs/{org}/teams/{team_slug}/members", { org, team_slug: slug, per_page: 100, page: index + 1 }),
    ),
  );
  const members = answers.flatMap((a) => (Array.isArray(a.data) ? (a.data as { login: string }[]).map((m) => m.login) : []));
  // A member on a page not read could be a developer or an owner: all of them, or a failed read.
  if (members.length < total) throw new IncompleteReadError(`members of @${org}/${slug}`, members.length, total, "GitHub listed fewer members than the team counts");
  return members;
}

/** The key of a team in `PullRequestFacts.teams`. */
export function teamFactsKey(team: { readonly org: string; readonly slug: string }): string {
  return `${team.org}/${team.slug}`.toLowerCase();
}

/**
 * The teams asked for as root fields t0, t1, … (see `teamField`). A team the
 * token cannot read (an error at its path, or no team in the answer) becomes
 * `{ readable: false, reason }`; a team over 100 members is read in full
 * through REST GETs (parallel, conditional with the ETag cache).
 */
export async function readTeamAnswers(
  port: GitHubPort,
  result: GraphqlResult,
  teams: readonly { readonly org: string; readonly slug: string }[],
): Promise<Record<string, TeamFacts>> {
  const out: Record<string, TeamFacts> = {};
  await Promise.all(
    teams.map(async (team, i) => {
      const key = teamFactsKey(team);
      const error = errorsAt(result, [`t${i}`])[0];
      if (error !== undefined) {
        out[key] = { readable: false, reason: error.type === undefined ? error.message : `${error.type}: ${error.message}` };
        return;
      }
      const answer = result.data?.[`t${i}`] as RawTeamAnswer | null | undefined;
      const members = answer?.team?.members;
      if (members === undefined || members === null) {
        out[key] = { readable: false, reason: `team @${team.org}/${team.slug} was not found, or integ-gate may not see it` };
        return;
      }
      if (members.pageInfo?.hasNextPage === true) {
        try {
          out[key] = { readable: true, members: await readAllMembers(port, team.org, team.slug, members.totalCount ?? 0) };
        } catch (caught) {
          if (caught instanceof IncompleteReadError) throw caught;
          out[key] = { readable: false, reason: describeError(caught) };
        }
        return;
      }
      out[key] = { readable: true, members: nodesOf(members).map((m) => m.login) };
    }),
  );
  return out;
}
