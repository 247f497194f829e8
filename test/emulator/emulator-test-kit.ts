import { ProbotOctokit } from "probot";
import type { Emulator } from "../../emulator/start-emulator.js";

/** A silent logger for Octokit instances in tests. */
export const quietLog = {
  debug: (): void => undefined,
  info: (): void => undefined,
  warn: (): void => undefined,
  error: (): void => undefined,
};

export type TestOctokit = InstanceType<typeof ProbotOctokit>;

/** Options for test clients: throttling and retries are off unless asked for. */
export interface ClientOptions {
  readonly retry?: boolean;
  readonly throttle?: boolean;
}

function common(em: Emulator, opts: ClientOptions): Record<string, unknown> {
  return {
    baseUrl: em.apiUrl,
    log: quietLog,
    throttle: { enabled: opts.throttle ?? false },
    // Retries wait milliseconds instead of seconds in tests.
    retry: { enabled: opts.retry ?? false, retryAfterBaseValue: 1 },
  };
}

/** An Octokit authenticated as the default app (JWT). */
export function appOctokit(em: Emulator, opts: ClientOptions = {}): TestOctokit {
  return new ProbotOctokit({ auth: { appId: em.app.id, privateKey: em.app.privateKey }, ...common(em, opts) });
}

/** Goes through the real flow: app JWT -> `POST /app/installations/{id}/access_tokens` -> installation token. */
export async function installationToken(em: Emulator, repoFullName: string): Promise<string> {
  const installationId = em.state.installationIdFor(repoFullName);
  const auth = (await appOctokit(em).auth({ type: "installation", installationId })) as { token: string };
  return auth.token;
}

/** An Octokit with an installation token obtained through the app JWT flow. */
export async function installationOctokit(em: Emulator, repoFullName: string, opts: ClientOptions = {}): Promise<TestOctokit> {
  return new ProbotOctokit({ auth: { token: await installationToken(em, repoFullName) }, ...common(em, opts) });
}

/** An Octokit using a token string (e.g. an Actions `GITHUB_TOKEN` from `state.createToken`). */
export function tokenOctokit(em: Emulator, token: string, opts: ClientOptions = {}): TestOctokit {
  return new ProbotOctokit({ auth: { token }, ...common(em, opts) });
}

/**
 * Seeds the sample used across emulator tests: org `acme` with team
 * `integration-owners` (child team `finance-leads`), repo `acme/integrations`
 * with `.integ.yml`, a branch with a change and a note, and PR #1 by dev-alice.
 */
export function seedSample(em: Emulator): { repo: string; number: number; headSha: string } {
  const s = em.state;
  s.createOrg({ login: "acme" });
  s.createUser({ login: "dev-alice", name: "Alice Dev", email: "alice@acme.example" });
  s.createUser({ login: "maria-ops", name: "Maria Ops", email: "maria@acme.example" });
  s.createUser({ login: "bob-dev", name: "Bob Dev", email: "bob@acme.example" });
  s.createTeam({ org: "acme", slug: "integration-owners", members: ["maria-ops"] });
  s.createTeam({ org: "acme", slug: "finance-leads", members: ["fiona-fin"], parent: "integration-owners" });
  const repo = "acme/integrations";
  s.createRepo({
    owner: "acme",
    name: "integrations",
    files: {
      ".integ.yml": "version: 1\nowners: [\"@acme/integration-owners\"]\n",
      "integrations/erp/export.ts": "export const sku = 1;\n",
      "integrations/crm/old-name.ts": "export const crm = 1;\n",
      "README.md": "# integrations\n",
    },
  });
  for (const u of ["dev-alice", "maria-ops", "bob-dev"]) s.setCollaborator(repo, u, "write");
  s.commit({
    repo,
    branch: "feature/product-id",
    message: "Send product ids to CRM",
    author: "dev-alice",
    coAuthors: ["bob-dev"],
    files: {
      "integrations/erp/export.ts": "export const productId = 1;\n",
      "integrations/crm/new-name.ts": { from: "integrations/crm/old-name.ts" },
      "docs/release-notes/product-id.md": "# Product id\n\n## What changes for you\n\nSales sees product ids.\n",
    },
  });
  const pr = s.createPullRequest({
    repo,
    head: "feature/product-id",
    title: "Send product ids from ERP to CRM",
    body: "See [the note](docs/release-notes/product-id.md).",
    author: "dev-alice",
    labels: [{ name: "integration", actor: "dev-alice" }],
  });
  return { repo, number: pr.number, headSha: pr.headSha };
}
