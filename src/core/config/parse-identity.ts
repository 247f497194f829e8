import type { Identity } from "./integ-config.js";
import { IDENTITY_PATTERN } from "./integ-config.schema.js";

/**
 * Reads "@user" or "@org/team-slug" as `.integ.yml` writes it. Returns null
 * when the text is not a valid identity (the schema's rule, ASCII only).
 * Case is kept as written; compare with `sameLogin`.
 */
export function parseIdentity(raw: string): Identity | null {
  if (!IDENTITY_PATTERN.test(raw)) return null;
  const body = raw.slice(1);
  const slash = body.indexOf("/");
  if (slash === -1) return { kind: "user", login: body, raw };
  return { kind: "team", org: body.slice(0, slash), slug: body.slice(slash + 1), raw };
}

/** "@login" or "@org/slug", as a person reads it. */
export function describeIdentity(identity: Identity): string {
  return identity.kind === "user" ? `@${identity.login}` : `@${identity.org}/${identity.slug}`;
}

/** GitHub logins, org names and team slugs compare case-insensitively. */
export function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** True when the identity names this user (a team never does: ask its members). */
export function identityIsUser(identity: Identity, login: string): boolean {
  return identity.kind === "user" && sameLogin(identity.login, login);
}
