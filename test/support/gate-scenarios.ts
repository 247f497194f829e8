import type { EmulatorState, FileChange } from "../../emulator/emulator-state.js";
import type { Outcome } from "../../src/core/rules/gate-verdict.js";

/**
 * One story on a pull request, told to the emulator, with the verdict both
 * front doors must reach. The App suite and the Action suite both run every
 * scenario (same seed, same expected outcomes): one engine, two doors.
 */
export interface GateScenario {
  readonly name: string;
  /** `.integ.yml` on the default branch; null: the repository has none. */
  readonly config: string | null;
  /** Other files on the default branch. */
  readonly baseFiles?: Readonly<Record<string, string>>;
  readonly pr: {
    readonly author: string;
    readonly branch: string;
    readonly title: string;
    readonly body: string;
    readonly files: Readonly<Record<string, FileChange>>;
    /** Labels applied after opening, with who applied them. */
    readonly labels?: readonly { readonly name: string; readonly actor: string }[];
  };
  /** Reviews, in order. */
  readonly reviews?: readonly { readonly user: string; readonly state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" }[];
  /** Teams of the `acme` organisation and their members. */
  readonly teams?: Readonly<Record<string, readonly string[]>>;
  /** True when the config names teams: the Action then needs a token that can read them. */
  readonly readsTeams?: boolean;
  /** Expected outcomes, or "no-config" (nothing is posted). */
  readonly expected:
    | "no-config"
    | {
        readonly releaseNote: Outcome;
        readonly ownerApproval: Outcome;
        /** Words the owner-approval title must contain. */
        readonly ownerApprovalTitle?: string;
        /** Words the release-note title must contain. */
        readonly releaseNoteTitle?: string;
        /** Whether the PR counts as an integration PR (default: unless skipped). */
        readonly integration?: boolean;
      };
}

/** What the seed created. */
export interface SeededScenario {
  /** `owner/name`. */
  readonly repo: string;
  readonly number: number;
  readonly headSha: string;
}

/** The repository every scenario lives in. */
export const SCENARIO_REPO = "acme/integrations";

const CONFIG = `version: 1
systems:
  erp:
    paths: ["integrations/erp/**"]
owners: ["@maria-ops"]
override:
  label: "integ-gate/override"
  allowed: ["@olga-admin"]
`;

const TEAM_CONFIG = `version: 1
systems:
  erp:
    paths: ["integrations/erp/**"]
owners: ["@acme/integration-owners"]
`;

/** A note that passes every default rule (sections, 40+ words, no placeholders, plain words). */
export const VALID_NOTE = `# Product ids in the ERP export

## What changes for you

From Monday the nightly export shows the product id next to each order line.
The old SKU column stays for one month and then goes away.

## What you need to do

Update your saved report filters to use the product id column before the end of the month.
Nothing else changes in your daily work.

## Who to ask

Ask Maria in operations if a report looks wrong after the change.
`;

const NOTE_PATH = "docs/release-notes/erp-product-id.md";
const ERP_CHANGE = { "integrations/erp/export.ts": "export const columns = ['order', 'product_id'];\n" };
const LINKED_BODY = `Adds the product id to the ERP export.\n\nRelease note: [${NOTE_PATH}](${NOTE_PATH})\n`;

/** The scenarios both front doors run. */
export const GATE_SCENARIOS: readonly GateScenario[] = [
  {
    name: "not an integration pull request",
    config: CONFIG,
    pr: { author: "dev-alice", branch: "docs-typo", title: "Fix a typo", body: "Typo.", files: { "README.md": "# integrations\n\nFixed.\n" } },
    expected: { releaseNote: "skipped", ownerApproval: "skipped", ownerApprovalTitle: "Not an integration pull request" },
  },
  {
    name: "integration PR without a release note",
    config: CONFIG,
    pr: { author: "dev-alice", branch: "erp-ids", title: "ERP product ids", body: "Adds the product id.", files: ERP_CHANGE },
    expected: { releaseNote: "blocked", ownerApproval: "pending", ownerApprovalTitle: "@maria-ops" },
  },
  {
    name: "valid note, owner has not approved yet",
    config: CONFIG,
    pr: {
      author: "dev-alice",
      branch: "erp-ids",
      title: "ERP product ids",
      body: LINKED_BODY,
      files: { ...ERP_CHANGE, [NOTE_PATH]: VALID_NOTE },
    },
    expected: { releaseNote: "pass", ownerApproval: "pending", ownerApprovalTitle: "@maria-ops" },
  },
  {
    name: "valid note approved by the integration owner",
    config: CONFIG,
    pr: {
      author: "dev-alice",
      branch: "erp-ids",
      title: "ERP product ids",
      body: LINKED_BODY,
      files: { ...ERP_CHANGE, [NOTE_PATH]: VALID_NOTE },
    },
    reviews: [{ user: "maria-ops", state: "APPROVED" }],
    expected: { releaseNote: "pass", ownerApproval: "pass" },
  },
  {
    name: "the owner requests changes",
    config: CONFIG,
    pr: {
      author: "dev-alice",
      branch: "erp-ids",
      title: "ERP product ids",
      body: LINKED_BODY,
      files: { ...ERP_CHANGE, [NOTE_PATH]: VALID_NOTE },
    },
    reviews: [{ user: "maria-ops", state: "CHANGES_REQUESTED" }],
    expected: { releaseNote: "pass", ownerApproval: "blocked", ownerApprovalTitle: "@maria-ops" },
  },
  {
    name: "override label applied by an allowed person",
    config: CONFIG,
    pr: {
      author: "dev-alice",
      branch: "erp-hotfix",
      title: "ERP hotfix",
      body: "Urgent fix.",
      files: ERP_CHANGE,
      labels: [{ name: "integ-gate/override", actor: "olga-admin" }],
    },
    expected: { releaseNote: "pass", ownerApproval: "pass", ownerApprovalTitle: "Overridden by @olga-admin" },
  },
  {
    name: "override label applied by someone not allowed",
    config: CONFIG,
    pr: {
      author: "dev-alice",
      branch: "erp-hotfix",
      title: "ERP hotfix",
      body: "Urgent fix.",
      files: ERP_CHANGE,
      labels: [{ name: "integ-gate/override", actor: "dev-alice" }],
    },
    expected: { releaseNote: "blocked", ownerApproval: "pending" },
  },
  {
    name: "invalid .integ.yml on the default branch",
    config: "version: 1\nowners: [\"@maria-ops\"]\nownerz: [\"@typo\"]\n",
    pr: { author: "dev-alice", branch: "erp-ids", title: "ERP product ids", body: LINKED_BODY, files: ERP_CHANGE },
    expected: { releaseNote: "blocked", ownerApproval: "blocked", releaseNoteTitle: "Invalid .integ.yml", integration: false },
  },
  {
    name: "no .integ.yml on the default branch",
    config: null,
    pr: { author: "dev-alice", branch: "erp-ids", title: "ERP product ids", body: LINKED_BODY, files: ERP_CHANGE },
    expected: "no-config",
  },
  {
    name: "a member of the owners team approves",
    config: TEAM_CONFIG,
    teams: { "integration-owners": ["maria-ops", "tom-finance"] },
    readsTeams: true,
    pr: {
      author: "dev-alice",
      branch: "erp-ids",
      title: "ERP product ids",
      body: LINKED_BODY,
      files: { ...ERP_CHANGE, [NOTE_PATH]: VALID_NOTE },
    },
    reviews: [{ user: "tom-finance", state: "APPROVED" }],
    expected: { releaseNote: "pass", ownerApproval: "pass" },
  },
];

/**
 * Tells a scenario to the emulator: the repository with its default-branch
 * files, the teams, the PR (a commit by its author on a branch), labels and
 * reviews. Both suites call this, so they see the same GitHub.
 */
export function seedGateScenario(state: EmulatorState, scenario: GateScenario): SeededScenario {
  const [owner = "acme", name = "integrations"] = SCENARIO_REPO.split("/");
  for (const login of ["dev-alice", "maria-ops", "tom-finance", "olga-admin"]) state.ensureUser(login);
  const files: Record<string, string> = { "README.md": "# integrations\n", ...scenario.baseFiles };
  if (scenario.config !== null) files[".integ.yml"] = scenario.config;
  if (state.repo(SCENARIO_REPO) === undefined) state.createRepo({ owner, name, files });
  for (const [slug, members] of Object.entries(scenario.teams ?? {})) {
    if (state.team(owner, slug) === undefined) state.createTeam({ org: owner, slug, members });
  }
  state.setCollaborator(SCENARIO_REPO, "dev-alice", "write");
  state.setCollaborator(SCENARIO_REPO, "olga-admin", "admin");
  const headSha = state.commit({
    repo: SCENARIO_REPO,
    branch: scenario.pr.branch,
    author: scenario.pr.author,
    message: scenario.pr.title,
    files: scenario.pr.files,
  });
  const pr = state.createPullRequest({
    repo: SCENARIO_REPO,
    head: scenario.pr.branch,
    title: scenario.pr.title,
    body: scenario.pr.body,
    author: scenario.pr.author,
  });
  for (const label of scenario.pr.labels ?? []) state.addLabel(SCENARIO_REPO, pr.number, label.name, label.actor);
  for (const review of scenario.reviews ?? []) state.addReview(SCENARIO_REPO, pr.number, review);
  return { repo: SCENARIO_REPO, number: pr.number, headSha };
}
