import type { Emulator } from "../emulator/start-emulator.js";

/** Rate-limit points an installation has used in the current hour, per resource. */
export interface RateLimitUsed {
  readonly core: number;
  readonly graphql: number;
}

/**
 * Asks the emulator (GET /rate_limit, which costs nothing, as on GitHub)
 * how much of an installation's hourly budgets is used, with a token of
 * that installation straight to the emulator.
 */
export async function readRateLimitUsed(em: Emulator, installation: number): Promise<RateLimitUsed> {
  const token = em.state.createToken({ kind: "installation", installationId: installation }).token;
  const res = await fetch(`${em.apiUrl}/rate_limit`, { headers: { authorization: `token ${token}`, accept: "application/vnd.github+json" } });
  const body = (await res.json()) as { resources?: { core?: { used?: number }; graphql?: { used?: number } } };
  return { core: body.resources?.core?.used ?? 0, graphql: body.resources?.graphql?.used ?? 0 };
}
