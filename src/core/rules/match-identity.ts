import type { Identity } from "../config/integ-config.js";
import type { TeamFacts } from "../facts/pull-request-facts.js";

/** A team identity from the config. */
export type TeamIdentity = Extract<Identity, { kind: "team" }>;

/** A team that could not be read, with GitHub's reason. */
export interface UnreadableTeam {
  readonly team: TeamIdentity;
  readonly reason: string;
}

/** The members of an identity list that integ-gate could read. */
export interface IdentityListMembers {
  /** Lower-case logins of every `@user` entry and every member of a readable team. */
  readonly logins: ReadonlySet<string>;
  /** Teams left out because they could not be read. */
  readonly unreadable: readonly UnreadableTeam[];
}

/** The key of a team in `PullRequestFacts.teams`: `org/slug`, lower case. */
export function teamKey(team: TeamIdentity): string {
  return `${team.org}/${team.slug}`.toLowerCase();
}

/** Logins compare case-insensitively. */
export function sameLogin(a: string | null | undefined, b: string | null | undefined): boolean {
  return a != null && b != null && a.toLowerCase() === b.toLowerCase();
}

type TeamRead = { readonly readable: true; readonly members: ReadonlySet<string> } | { readonly readable: false; readonly reason: string };

/** Lower-cased member sets, computed once per facts' `teams` object. */
const memberSets = new WeakMap<object, Map<string, TeamRead>>();

function readTeam(team: TeamIdentity, teams: Readonly<Record<string, TeamFacts>>): TeamRead {
  let cache = memberSets.get(teams);
  if (cache === undefined) {
    cache = new Map();
    memberSets.set(teams, cache);
  }
  const key = teamKey(team);
  let read = cache.get(key);
  if (read === undefined) {
    const facts = teams[key] ?? { readable: false, reason: "the team was not loaded" };
    read = facts.readable ? { readable: true, members: new Set(facts.members.map((m) => m.toLowerCase())) } : facts;
    cache.set(key, read);
  }
  return read;
}

/** Everyone an identity list names, as far as the teams could be read. */
export function listMembers(
  list: readonly Identity[],
  teams: Readonly<Record<string, TeamFacts>>,
): IdentityListMembers {
  const only = list.length === 1 ? list[0] : undefined;
  if (only?.kind === "team") {
    const team = readTeam(only, teams);
    return team.readable ? { logins: team.members, unreadable: [] } : { logins: new Set(), unreadable: [{ team: only, reason: team.reason }] };
  }
  const logins = new Set<string>();
  const unreadable: UnreadableTeam[] = [];
  for (const entry of list) {
    if (entry.kind === "user") {
      logins.add(entry.login.toLowerCase());
      continue;
    }
    const team = readTeam(entry, teams);
    if (team.readable) for (const member of team.members) logins.add(member);
    else unreadable.push({ team: entry, reason: team.reason });
  }
  return { logins, unreadable };
}

/** The entries of `list` that name `login` (the user itself or a readable team it belongs to). */
export function entriesNaming(
  login: string,
  list: readonly Identity[],
  teams: Readonly<Record<string, TeamFacts>>,
): Identity[] {
  const wanted = login.toLowerCase();
  return list.filter((entry) => {
    if (entry.kind === "user") return entry.login.toLowerCase() === wanted;
    const team = readTeam(entry, teams);
    return team.readable && team.members.has(wanted);
  });
}

/** Whether `login` is named by `list`, and which teams could not be checked. */
export interface MembershipCheck {
  readonly member: boolean;
  /** Teams of the list that could not be read (the answer may be incomplete). */
  readonly unreadable: readonly UnreadableTeam[];
}

/** Is `login` (null: a deleted account) named by `list`? */
export function checkMembership(
  login: string | null,
  list: readonly Identity[],
  teams: Readonly<Record<string, TeamFacts>>,
): MembershipCheck {
  const unreadable = listMembers(list, teams).unreadable;
  const member = login !== null && entriesNaming(login, list, teams).length > 0;
  return { member, unreadable };
}
