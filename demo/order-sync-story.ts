import type { Emulator } from "../emulator/start-emulator.js";
import { pullRequestPayload, pullRequestReviewPayload, type WebhookPayload } from "../emulator/webhook-payloads.js";
import type { ViewOptions } from "./render-pull-request-view.js";

/** The sample repository of the demo. */
export const DEMO_REPO = "acme/order-sync";

/** The gate of acme/order-sync: ERP feeds CRM, finance and sales are impacted, Maria owns the integration. */
export const DEMO_CONFIG = `version: 1
systems:
  erp:
    paths: ["integrations/erp/**"]
    departments: [finance]
    feeds: [crm]
  crm:
    paths: ["integrations/crm/**"]
    departments: [sales]
departments:
  finance: { aliases: ["accounting"] }
  sales: { signoff: ["@dana-sales"] }
owners: ["@maria-ops", "@acme/integration-owners"]
approval:
  developers: ["@acme/engineering"]
`;

/** The release note the developer writes (one jargon word, to show a plain-language warning). */
export const DEMO_NOTE_PATH = "docs/release-notes/order-ids-in-crm.md";
export const DEMO_NOTE = `# Order ids now reach the CRM

## What changes for you

From Monday, every order that finance books in the ERP shows up in the CRM within five minutes, with the same order id.
Sales staff see the order id on the customer page and no longer need to ask finance for it.
If an order is sent twice, the import is idempotent.

## What you need to do

Sales: search the CRM by order id instead of by customer name.
Finance: nothing changes in how you book orders.

## Who to ask

Ask Maria in operations if an order is missing in the CRM.
`;

const BRANCH = "feature/order-ids-to-crm";
const TITLE = "Send ERP order ids to the CRM";
const BODY = "Exports the ERP order id and maps it onto the CRM account, so sales can find an order by its id.";

/** A webhook GitHub would send after a step's change. */
export interface DemoDelivery {
  readonly event: string;
  readonly payload: WebhookPayload;
}

/** What one check must show after a step (`status` is the run's status, `conclusion` once completed). */
export interface ExpectedCheck {
  readonly status: "in_progress" | "completed";
  readonly conclusion?: "success" | "failure" | "neutral";
  /** The title must match. */
  readonly title: RegExp;
  /** The summary must match (e.g. why a review is not counted). */
  readonly summary?: RegExp;
}

/** One moment of the story: a change on GitHub, the webhooks it causes, and what the PR must show after it. */
export interface StoryStep {
  /** One line: who does what. */
  readonly headline: string;
  /** Changes the emulated GitHub and returns the webhooks GitHub would deliver, in order. */
  readonly act: (em: Emulator, pr: number) => readonly DemoDelivery[];
  readonly expect: { readonly releaseNote: ExpectedCheck; readonly ownerApproval: ExpectedCheck };
  /** Which lines of the check details are worth printing after this step. */
  readonly show: ViewOptions;
}

/**
 * Seeds acme/order-sync: the org's teams, the people, `.integ.yml` on main,
 * and the branch with the ERP change (by dev-alice) and the CRM mapping
 * (by dev-bob, a developer who is also on @acme/integration-owners).
 */
export function seedOrderSync(em: Emulator): void {
  const s = em.state;
  s.createOrg({ login: "acme" });
  s.createUser({ login: "dev-alice", name: "Alice Dev", email: "alice@acme.example" });
  s.createUser({ login: "dev-bob", name: "Bob Lead", email: "bob@acme.example" });
  s.createUser({ login: "maria-ops", name: "Maria Ops", email: "maria@acme.example" });
  s.createUser({ login: "dana-sales", name: "Dana Sales", email: "dana@acme.example" });
  s.createTeam({ org: "acme", slug: "engineering", members: ["dev-alice", "dev-bob"] });
  s.createTeam({ org: "acme", slug: "integration-owners", members: ["maria-ops", "dev-bob"] });
  s.createRepo({
    owner: "acme",
    name: "order-sync",
    files: {
      ".integ.yml": DEMO_CONFIG,
      "integrations/erp/export-orders.ts": "export const fields = [\"customer\", \"total\"];\n",
      "integrations/crm/import-orders.ts": "export const mapping = { customer: \"account\" };\n",
      "README.md": "# order-sync\n\nMoves orders from the ERP to the CRM.\n",
    },
  });
  for (const login of ["dev-alice", "dev-bob"]) s.setCollaborator(DEMO_REPO, login, "write");
  for (const login of ["maria-ops", "dana-sales"]) s.setCollaborator(DEMO_REPO, login, "read");
  s.commit({
    repo: DEMO_REPO,
    branch: BRANCH,
    author: "dev-alice",
    message: "Export the order id from the ERP",
    files: { "integrations/erp/export-orders.ts": "export const fields = [\"orderId\", \"customer\", \"total\"];\n" },
  });
  s.commit({
    repo: DEMO_REPO,
    branch: BRANCH,
    author: "dev-bob",
    message: "Map the ERP order id onto the CRM account",
    files: { "integrations/crm/import-orders.ts": "export const mapping = { orderId: \"erpOrderId\", customer: \"account\" };\n" },
  });
}

const review = (em: Emulator, pr: number, user: string): DemoDelivery => {
  const r = em.state.addReview(DEMO_REPO, pr, { user, state: "APPROVED" });
  return { event: "pull_request_review", payload: pullRequestReviewPayload(em, { repo: DEMO_REPO, number: pr, reviewId: r.id }) };
};

const WAITING = { status: "in_progress" } as const;

/** Opens the demo's pull request; returns its number. */
export function openOrderSyncPullRequest(em: Emulator): number {
  return em.state.createPullRequest({ repo: DEMO_REPO, head: BRANCH, title: TITLE, body: BODY, author: "dev-alice" }).number;
}

/** The story: opened without a note, note pushed, note linked, a developer approves, the owner and the sign-off approve. */
export const ORDER_SYNC_STORY: readonly StoryStep[] = [
  {
    headline: `@dev-alice opens "${TITLE}" (ERP → CRM), no release note`,
    act: (em, pr) => [{ event: "pull_request", payload: pullRequestPayload(em, { repo: DEMO_REPO, number: pr, action: "opened" }) }],
    expect: {
      releaseNote: { status: "completed", conclusion: "failure", title: /^Link a human release note/ },
      ownerApproval: { ...WAITING, title: /^Waiting for a valid release note, then approval from .*@maria-ops.*@dana-sales/ },
    },
    show: { impact: true, requirements: true },
  },
  {
    headline: `@dev-alice pushes the note ${DEMO_NOTE_PATH} (not linked yet)`,
    act: (em, pr) => {
      em.state.pushToPullRequest(DEMO_REPO, pr, { author: "dev-alice", message: "Add the release note", files: { [DEMO_NOTE_PATH]: DEMO_NOTE } });
      return [{ event: "pull_request", payload: pullRequestPayload(em, { repo: DEMO_REPO, number: pr, action: "synchronize" }) }];
    },
    expect: {
      releaseNote: { status: "completed", conclusion: "failure", title: new RegExp(DEMO_NOTE_PATH.replace(/\./g, "\\.")) },
      ownerApproval: { ...WAITING, title: /^Waiting for a valid release note/ },
    },
    show: { noteProblems: true },
  },
  {
    headline: "@dev-alice links the note in the PR description",
    act: (em, pr) => {
      const before = em.state.requirePull(DEMO_REPO, pr).body;
      em.state.editPullRequestBody(DEMO_REPO, pr, `${BODY}\n\nRelease note: [Order ids in the CRM](${DEMO_NOTE_PATH})\n`);
      const changes = { body: { from: before } };
      return [{ event: "pull_request", payload: pullRequestPayload(em, { repo: DEMO_REPO, number: pr, action: "edited", changes }) }];
    },
    expect: {
      releaseNote: { status: "completed", conclusion: "success", title: /^Release note: .*plain-language warning/ },
      ownerApproval: { ...WAITING, title: /^Waiting for approval from .*@maria-ops.*@dana-sales/ },
    },
    show: { warnings: true },
  },
  {
    headline: "@dev-bob (wrote a commit here; on @acme/integration-owners) approves",
    act: (em, pr) => [review(em, pr, "dev-bob")],
    expect: {
      releaseNote: { status: "completed", conclusion: "success", title: /^Release note:/ },
      ownerApproval: { ...WAITING, title: /^Waiting for approval from .*@maria-ops/, summary: /@dev-bob approved .*not counted/ },
    },
    show: { reviewers: ["dev-bob"] },
  },
  {
    headline: "@maria-ops, the integration owner, approves",
    act: (em, pr) => [review(em, pr, "maria-ops")],
    expect: {
      releaseNote: { status: "completed", conclusion: "success", title: /^Release note:/ },
      ownerApproval: { ...WAITING, title: /^Waiting for approval from @dana-sales/, summary: /@maria-ops approved .*counted toward/ },
    },
    show: { reviewers: ["maria-ops"] },
  },
  {
    headline: "@dana-sales signs off for sales",
    act: (em, pr) => [review(em, pr, "dana-sales")],
    expect: {
      releaseNote: { status: "completed", conclusion: "success", title: /^Release note:/ },
      ownerApproval: { status: "completed", conclusion: "success", title: /^Approved by @maria-ops and @dana-sales/ },
    },
    show: { reviewers: ["dev-bob", "maria-ops", "dana-sales"] },
  },
];
