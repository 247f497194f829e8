import type { Emulator } from "../../emulator/start-emulator.js";

export const DIGEST_REPO = "acme/integrations";

export const DIGEST_CONFIG = `version: 1
owners: ["@acme/integration-owners"]
systems:
  erp:
    paths: ["integrations/erp/**"]
    departments: [finance, warehouse]
    feeds: [crm]
  crm:
    paths: ["integrations/crm/**"]
    departments: [sales]
departments:
  finance: { signoff: ["@fiona-finance"], aliases: ["accounting"] }
  warehouse: {}
  sales: { signoff: ["@dana-sales"] }
  legal: {}
release_note:
  external_hosts: ["acme.atlassian.net"]
override:
  label: "integ-gate/override"
  allowed: ["@acme/admins"]
digest:
  issue: true
  mention: true
`;

/** A note for ERP changes: one paragraph per department, then what to do and whom to ask. */
export function erpNote(title: string, financeLine: string): string {
  return `# ${title}

## What changes for you

### Finance

${financeLine}

### Warehouse

Warehouse staff see the new product ids on every picking list from Monday. The old codes stay visible for one month.

### Sales

Sales people see the same product ids in the CRM, so quotes and orders use one number everywhere.

## What you need to do

Check the product ids on your next report and tell us if a number looks wrong.

## Who to ask

Ask Maria in operations (maria@acme.example) or see the [order sync guide](docs/guides/order-sync.md).
`;
}

const INLINE_BODY = `Moves the CRM contact sync to the new endpoint.

## Human release note

### What changes for you

Sales people see new customer contacts in the CRM within five minutes instead of the next morning. Nothing else changes on the contact screen for sales.

### What you need to do

Nothing. If a new customer is missing after ten minutes, tell us.

### Who to ask

Ask Dana in sales operations.
`;

export interface DigestSeed {
  readonly since: string;
  readonly until: string;
  /** PR numbers by role. */
  readonly prs: {
    readonly inRepo: number;
    readonly inline: number;
    readonly external: number;
    readonly override: number;
    readonly notIntegration: number;
    readonly changedAfterApproval: number;
    readonly unreadable: number;
    readonly beforeWindow: number;
    readonly otherBranch: number;
  };
}

/**
 * A week of merges into acme/integrations: an ERP change with an in-repo
 * note, a CRM change with an inline note, an ERP change with an external
 * note, an override merge without a note, a README change (not an
 * integration PR), an ERP change whose note was rewritten after the
 * approval and before the merge, an ERP change whose note is too large to
 * read, a merge before the window and one into another branch.
 */
export function seedDigestWeek(em: Emulator): DigestSeed {
  const s = em.state;
  s.createOrg({ login: "acme" });
  for (const [login, name] of [
    ["dev-alice", "Alice Dev"],
    ["maria-ops", "Maria Ops"],
    ["dana-sales", "Dana Sales"],
    ["fiona-finance", "Fiona Finance"],
    ["adam-admin", "Adam Admin"],
  ] as const) {
    s.createUser({ login, name, email: `${login}@acme.example` });
  }
  s.createTeam({ org: "acme", slug: "integration-owners", members: ["maria-ops"] });
  s.createTeam({ org: "acme", slug: "admins", members: ["adam-admin"] });
  s.createRepo({
    owner: "acme",
    name: "integrations",
    files: {
      ".integ.yml": DIGEST_CONFIG,
      "integrations/erp/export.ts": "export const sku = 1;\n",
      "integrations/crm/contacts.ts": "export const contacts = 1;\n",
      "README.md": "# integrations\n",
    },
  });
  for (const u of ["dev-alice", "maria-ops", "dana-sales", "fiona-finance", "adam-admin"]) s.setCollaborator(DIGEST_REPO, u, "write");
  const repo = DIGEST_REPO;

  const open = (branch: string, title: string, body: string, files: Record<string, string>): number => {
    s.commit({ repo, branch, message: title, author: "dev-alice", files });
    return s.createPullRequest({ repo, head: branch, title, body, author: "dev-alice" }).number;
  };
  const approveAndMerge = (n: number, approvers: readonly string[] = ["maria-ops"]): void => {
    for (const user of approvers) s.addReview(repo, n, { user, state: "APPROVED" });
    s.closePullRequest(repo, n, { merge: true, by: "maria-ops" });
  };

  const beforeWindow = open("early", "Early ERP tweak", "[note](docs/release-notes/early.md)", {
    "integrations/erp/early.ts": "export const early = 1;\n",
    "docs/release-notes/early.md": erpNote("Early tweak", "Finance sees the early tweak."),
  });
  approveAndMerge(beforeWindow);
  s.advanceClock(2 * 86_400_000);
  const since = new Date(s.nowMs() - 1000).toISOString();

  const inRepo = open("feature/product-id", "Send product ids from the ERP", "Release note: [product ids](docs/release-notes/product-id.md)", {
    "integrations/erp/export.ts": "export const productId = 1;\n",
    "docs/release-notes/product-id.md": erpNote("Product ids everywhere", "Accounting sees product ids on every invoice line from Monday, next to the old stock codes."),
    "docs/guides/order-sync.md": "# Order sync guide\n",
  });
  approveAndMerge(inRepo, ["maria-ops", "fiona-finance", "dana-sales"]);

  const inline = open("feature/crm-contacts", "Faster CRM contact sync", INLINE_BODY, { "integrations/crm/contacts.ts": "export const contacts = 2;\n" });
  approveAndMerge(inline, ["maria-ops", "dana-sales"]);

  const external = open("feature/erp-prices", "ERP price lists", "Release note: https://acme.atlassian.net/wiki/spaces/OPS/pages/42/ERP+price+lists", {
    "integrations/erp/prices.ts": "export const prices = 1;\n",
  });
  approveAndMerge(external, ["maria-ops", "fiona-finance", "dana-sales"]);

  const override = open("hotfix/crm-outage", "Hotfix: CRM outage", "Emergency fix, note to follow.", { "integrations/crm/contacts.ts": "export const contacts = 3;\n" });
  s.addLabel(repo, override, "integ-gate/override", "adam-admin");
  s.closePullRequest(repo, override, { merge: true, by: "adam-admin" });

  const notIntegration = open("docs/readme", "Fix a typo in the README", "Typo.", { "README.md": "# Integrations\n" });
  s.closePullRequest(repo, notIntegration, { merge: true, by: "maria-ops" });

  const changedAfterApproval = open("feature/erp-units", "ERP units of measure", "[Release note](docs/release-notes/units.md)", {
    "integrations/erp/units.ts": "export const units = 1;\n",
    "docs/release-notes/units.md": erpNote("Units of measure", "Finance sees prices per box (first draft)."),
  });
  s.addReview(repo, changedAfterApproval, { user: "maria-ops", state: "APPROVED" });
  s.addReview(repo, changedAfterApproval, { user: "fiona-finance", state: "APPROVED" });
  s.addReview(repo, changedAfterApproval, { user: "dana-sales", state: "APPROVED" });
  s.pushToPullRequest(repo, changedAfterApproval, {
    message: "Note: prices per piece",
    author: "dev-alice",
    files: { "docs/release-notes/units.md": erpNote("Units of measure", "Finance sees prices per piece instead of per box, as merged.") },
  });
  s.closePullRequest(repo, changedAfterApproval, { merge: true, by: "maria-ops" });

  const unreadable = open("feature/erp-huge", "ERP bulk export", "[Release note](docs/release-notes/huge.md)", {
    "integrations/erp/bulk.ts": "export const bulk = 1;\n",
    "docs/release-notes/huge.md": `${erpNote("Bulk export", "Finance gets a bulk export.")}\n${"More detail. ".repeat(6000)}\n`,
  });
  s.closePullRequest(repo, unreadable, { merge: true, by: "adam-admin" });

  s.commit({ repo, branch: "release/1.x", from: "main", message: "branch", author: "maria-ops", files: { "VERSION": "1\n" } });
  s.commit({ repo, branch: "backport", from: "release/1.x", message: "Backport ERP", author: "dev-alice", files: { "integrations/erp/back.ts": "x\n" } });
  const otherBranch = s.createPullRequest({ repo, head: "backport", base: "release/1.x", title: "Backport ERP fix", body: "", author: "dev-alice" }).number;
  s.closePullRequest(repo, otherBranch, { merge: true, by: "maria-ops" });

  // Story actions take one emulated second each and may run ahead of the clock: end the window after the last one.
  const until = new Date(Date.parse(s.actionTime()) + 60_000).toISOString();
  return { since, until, prs: { inRepo, inline, external, override, notIntegration, changedAfterApproval, unreadable, beforeWindow, otherBranch } };
}

/** A person's read-only token and the emulator's endpoints, as the CLI reads them. */
export function readerEnv(em: Emulator): Record<string, string> {
  em.state.setCollaborator(DIGEST_REPO, "reader", "read");
  const token = em.state.createToken({
    kind: "user",
    login: "reader",
    permissions: { contents: "read", pull_requests: "read", metadata: "read", members: "read" },
  }).token;
  return { GITHUB_TOKEN: token, GITHUB_API_URL: em.apiUrl, GITHUB_GRAPHQL_URL: em.graphqlUrl };
}
