import type { GitHubPort } from "./github-port.js";

/**
 * The login of the account a token writes as, from GraphQL `viewer`: GitHub
 * answers it for every kind of token, with the `[bot]` suffix for bots
 * (`github-actions[bot]` for an Actions GITHUB_TOKEN, `<app-slug>[bot]` for
 * an App installation token, the user's login for a personal token), which
 * is how REST lists the author of a comment (`user.login`). REST `GET /user`
 * refuses installation tokens, and `GET /app` needs the App's JWT. See
 * docs/security.md#attacks-and-the-rules-that-stop-them.
 */
export async function fetchOwnLogin(port: GitHubPort): Promise<string> {
  const data = (await port.graphql("query integGateViewer { viewer { login } }", {})) as { viewer?: { login?: unknown } } | null;
  const login = data?.viewer?.login;
  if (typeof login !== "string" || login === "") throw new Error("GitHub did not say which account this token acts as (GraphQL viewer)");
  return login;
}
