import type { Emulator } from "../emulator/start-emulator.js";

/** A pull request seeded for the bench. */
export interface BenchPull {
  /** `owner/name`. */
  readonly repo: string;
  readonly number: number;
  readonly installation: number;
}

/** One organisation with the App installed: its own installation, so its own throttling queue and rate limits. */
export interface BenchInstallation {
  readonly org: string;
  readonly repo: string;
  readonly installation: number;
}

/** The note every gated bench PR links: passes the default rules (three sections, 40+ plain words). */
export const BENCH_NOTE = `# Product ids in the ERP export

## What changes for you

From Monday the nightly export shows the product id next to each order line.
The old stock code column stays for one month and then goes away.

## What you need to do

Update your saved report filters to use the product id column before the end of the month.
Nothing else changes in your daily work.

## Who to ask

Ask Maria in operations if a report looks wrong after the change.
`;

const DEVELOPERS = ["dev-alice", "dev-bob", "dev-carol"];
const OWNER = "maria-ops";

function config(org: string): string {
  return `version: 1
owners: ["@${org}/integration-owners"]
systems:
  erp:
    paths: ["integrations/erp/**"]
  crm:
    paths: ["integrations/crm/**"]
`;
}

/** Creates an organisation, its owner team and a repository with `.integ.yml`; the App is installed on the organisation. */
export function seedInstallation(em: Emulator, org: string): BenchInstallation {
  const s = em.state;
  for (const login of [...DEVELOPERS, OWNER]) if (s.user(login) === undefined) s.createUser({ login, name: login, email: `${login}@acme.example` });
  s.createOrg({ login: org });
  s.createTeam({ org, slug: "integration-owners", members: [OWNER] });
  const repo = `${org}/integrations`;
  s.createRepo({
    owner: org,
    name: "integrations",
    files: { ".integ.yml": config(org), "integrations/erp/export.ts": "export const sku = 1;\n", "README.md": "# integrations\n" },
  });
  for (const login of [...DEVELOPERS, OWNER]) s.setCollaborator(repo, login, "write");
  return { org, repo, installation: s.installationIdFor(repo) };
}

function linkedBody(notePath: string): string {
  return `Sends product ids to the ERP export.\n\nRelease note: [product ids](${notePath})\n`;
}

/**
 * The typical integration PR of the bench (docs/performance.md): 30 changed files (29 under a
 * system's path and one in-repo note), 5 commits, 3 reviews by developers
 * (so the owner team's approval is still pending), one owner team.
 */
export function seedTypicalPull(em: Emulator, inst: BenchInstallation, branch: string): BenchPull {
  const s = em.state;
  const notePath = `docs/release-notes/${branch}.md`;
  for (let c = 0; c < 5; c += 1) {
    const files: Record<string, string> = {};
    for (let f = c * 6; f < Math.min(29, c * 6 + 6); f += 1) files[`integrations/erp/${branch}/module-${f}.ts`] = `export const value${f} = ${c};\n`;
    if (c === 4) files[notePath] = BENCH_NOTE;
    s.commit({ repo: inst.repo, branch, message: `ERP export, part ${c + 1}`, author: "dev-alice", files });
  }
  const pr = s.createPullRequest({ repo: inst.repo, head: branch, title: "Send product ids to the ERP", body: linkedBody(notePath), author: "dev-alice" });
  s.addReview(inst.repo, pr.number, { user: "dev-bob", state: "COMMENTED" });
  s.addReview(inst.repo, pr.number, { user: "dev-carol", state: "APPROVED" });
  s.addReview(inst.repo, pr.number, { user: "dev-bob", state: "APPROVED" });
  return { repo: inst.repo, number: pr.number, installation: inst.installation };
}

/** A PR that touches no system's path: not an integration PR (both checks neutral). */
export function seedNonIntegrationPull(em: Emulator, inst: BenchInstallation, branch: string): BenchPull {
  const s = em.state;
  s.commit({ repo: inst.repo, branch, message: "Fix typos", author: "dev-alice", files: { "README.md": "# integrations\n\nTypos fixed.\n", "docs/setup.md": "Set up.\n" } });
  const pr = s.createPullRequest({ repo: inst.repo, head: branch, title: "Fix typos", body: "Typos.", author: "dev-alice" });
  s.addReview(inst.repo, pr.number, { user: "dev-bob", state: "APPROVED" });
  return { repo: inst.repo, number: pr.number, installation: inst.installation };
}

/** The large PR of the bench (docs/performance.md): 3,000 changed files, 250 commits, 300 reviews, one in-repo note. */
export function seedLargePull(em: Emulator, inst: BenchInstallation, branch: string): BenchPull {
  const s = em.state;
  const notePath = `docs/release-notes/${branch}.md`;
  for (let c = 0; c < 250; c += 1) {
    const files: Record<string, string> = {};
    for (let f = c * 12; f < c * 12 + 12 && f < 2_999; f += 1) {
      const system = f % 2 === 0 ? "erp" : "crm";
      files[`integrations/${system}/${branch}/dir-${f % 40}/file-${f}.ts`] = `export const v${f} = ${c};\n`;
    }
    if (c === 249) files[notePath] = BENCH_NOTE;
    s.commit({ repo: inst.repo, branch, message: `Generated mapping ${c + 1}`, author: DEVELOPERS[c % DEVELOPERS.length] ?? "dev-alice", files });
  }
  const pr = s.createPullRequest({ repo: inst.repo, head: branch, title: "Regenerate every mapping", body: linkedBody(notePath), author: "dev-alice" });
  for (let r = 0; r < 300; r += 1) {
    const user = `reviewer-${r % 30}`;
    if (s.user(user) === undefined) {
      s.createUser({ login: user, name: user, email: `${user}@acme.example` });
    }
    s.setCollaborator(inst.repo, user, "write");
    s.addReview(inst.repo, pr.number, { user, state: r % 10 === 9 ? "APPROVED" : "COMMENTED" });
  }
  return { repo: inst.repo, number: pr.number, installation: inst.installation };
}
