import type { Emulator } from "../../emulator/start-emulator.js";
import { NOTE_TEXT } from "./github-fixtures.js";

export const SCENARIO_REPO = "acme/integrations";

export const SCENARIO_CONFIG = `version: 1
owners: ["@acme/integration-owners"]
systems:
  erp:
    paths: ["integrations/erp/**"]
`;

/**
 * The typical integration PR of the request budget (docs/app.md#requests-and-githubs-limits), seeded in the
 * emulator: org acme, team @acme/integration-owners (maria-ops), repository
 * acme/integrations with `.integ.yml` (or none / an invalid one), and PR #1
 * by dev-alice changing the ERP export and adding a valid in-repo note that
 * the description links.
 */
export function seedTypicalPullRequest(
  em: Emulator,
  options: { config?: string | null; body?: string; extraFiles?: Record<string, string>; name?: string; owner?: string } = {},
): { repo: string; number: number; headSha: string } {
  const name = options.name ?? "integrations";
  const owner = options.owner ?? "acme";
  const fullName = `${owner}/${name}`;
  const s = em.state;
  s.createOrg({ login: owner });
  s.createUser({ login: "dev-alice", name: "Alice Dev", email: "alice@acme.example" });
  s.createUser({ login: "maria-ops", name: "Maria Ops", email: "maria@acme.example" });
  s.createUser({ login: "outsider", name: "Out Sider", email: "out@elsewhere.example" });
  if (s.team(owner, "integration-owners") === undefined) s.createTeam({ org: owner, slug: "integration-owners", members: ["maria-ops"] });
  const config = options.config === undefined ? SCENARIO_CONFIG.replace("@acme/", `@${owner}/`) : options.config;
  s.createRepo({
    owner,
    name,
    files: {
      ...(config === null ? {} : { ".integ.yml": config }),
      "integrations/erp/export.ts": "export const sku = 1;\n",
      "README.md": "# integrations\n",
    },
  });
  for (const u of ["dev-alice", "maria-ops"]) s.setCollaborator(fullName, u, "write");
  s.commit({
    repo: fullName,
    branch: "feature/product-id",
    message: "Send product ids to the ERP export",
    author: "dev-alice",
    files: {
      "integrations/erp/export.ts": "export const productId = 1;\n",
      "docs/release-notes/product-id.md": NOTE_TEXT,
      ...options.extraFiles,
    },
  });
  const pr = s.createPullRequest({
    repo: fullName,
    head: "feature/product-id",
    title: "Send product ids from the ERP",
    body: options.body ?? "Release note: [product ids](docs/release-notes/product-id.md)",
    author: "dev-alice",
  });
  return { repo: fullName, number: pr.number, headSha: pr.headSha };
}
