import { describe, expect, it } from "vitest";
import type { PullRequestFacts } from "../../../src/core/facts/pull-request-facts.js";
import type { ReleaseNoteResult } from "../../../src/core/notes/release-note-result.js";
import { renderOwnerApprovalSummary, renderOwnerApprovalTitle } from "../../../src/core/report/render-owner-approval.js";
import { evaluateImpact } from "../../../src/core/rules/evaluate-impact.js";
import type { Outcome } from "../../../src/core/rules/gate-verdict.js";
import { evaluateOwnerApproval, type OwnerApprovalResult } from "../../../src/core/rules/owner-approval.rule.js";
import { buildConfig, type ConfigOverrides } from "../../support/config-builder.js";
import { buildFacts, changedFile, commit, identityOf, review } from "../../support/facts-builder.js";
import { NOTE_PATH, inlineNote, invalidNote, validNote } from "./note-fakes.js";

const OLD_SHA = "o".repeat(40);
const BASE_SHA = "b".repeat(40);

interface Scenario {
  readonly name: string;
  readonly facts?: Partial<PullRequestFacts>;
  readonly config?: ConfigOverrides;
  readonly note?: ReleaseNoteResult;
  readonly outcome: Outcome;
  readonly title: string;
  /** Reviewers whose approval counts, with the requirements it counts toward. */
  readonly counted?: Record<string, readonly string[]>;
  /** Lines the summary must contain. */
  readonly summary?: readonly string[];
}

function evaluate(scenario: Pick<Scenario, "facts" | "config" | "note">): { result: OwnerApprovalResult; facts: PullRequestFacts } {
  const facts = buildFacts(scenario.facts ?? {});
  const config = buildConfig(scenario.config ?? {});
  const impact = evaluateImpact(facts.files, config);
  return { result: evaluateOwnerApproval(facts, config, impact, scenario.note ?? validNote()), facts };
}

const approvedAtHead = (login: string, at = "2024-01-02T10:00:00Z") => review(login, "APPROVED", { submittedAt: at });

/** erp (owners @acme/erp-owners, departments finance) feeds logistics (department warehouse). */
const MAP: ConfigOverrides = {
  systems: [
    { name: "erp", owners: ["@acme/erp-owners"], departments: ["finance"], feeds: ["logistics"] },
    { name: "logistics", departments: ["warehouse"] },
    { name: "crm", departments: ["sales"] },
  ],
  departments: [
    { name: "finance", signoff: ["@acme/erp-owners", "@fin-lead"] },
    { name: "warehouse", signoff: ["@wh-lead"] },
    { name: "sales" },
  ],
};
const TEAMS: PullRequestFacts["teams"] = {
  "acme/erp-owners": { readable: true, members: ["Erin-ERP"] },
  "acme/engineering": { readable: true, members: ["dev-alice", "dev-bob", "eng-owner"] },
  "acme/integration-owners": { readable: true, members: ["maria-ops", "omar-ops", "ola-ops"] },
};
const erpChange = [changedFile("integrations/erp/export.ts")];

const scenarios: Scenario[] = [
  {
    name: "no review yet",
    outcome: "pending",
    title: "Waiting for approval from @maria-ops (0 of 1)",
  },
  {
    name: "an owner approves the head commit",
    facts: { reviews: [approvedAtHead("maria-ops")] },
    outcome: "pass",
    title: "Approved by @maria-ops",
    counted: { "maria-ops": ["owners"] },
  },
  {
    name: "logins compare case-insensitively",
    facts: { reviews: [approvedAtHead("Maria-Ops")] },
    outcome: "pass",
    title: "Approved by @Maria-Ops",
  },
  {
    name: "approval by a co-author does not count (and nobody else can approve)",
    facts: {
      commits: [commit("c1", "dev-alice", { authors: [identityOf("dev-alice"), identityOf("maria-ops")] })],
      reviews: [approvedAtHead("maria-ops")],
    },
    outcome: "blocked",
    title: "Integration owners cannot be met: 1 approval needed, 0 eligible people",
    counted: {},
    summary: ["not an eligible approver: co-author of commit c1"],
  },
  {
    name: "approval by a co-author, another owner can still approve",
    config: { owners: ["@acme/integration-owners"] },
    facts: {
      teams: TEAMS,
      commits: [commit("c1", "dev-alice", { authors: [identityOf("dev-alice"), identityOf("maria-ops")] })],
      reviews: [approvedAtHead("maria-ops")],
    },
    outcome: "pending",
    title: "Waiting for approval from @acme/integration-owners (0 of 1)",
  },
  {
    name: "approval by the committer of a commit does not count",
    facts: { commits: [commit("c1", "dev-alice", { committer: identityOf("maria-ops") })], reviews: [approvedAtHead("maria-ops")] },
    outcome: "blocked",
    title: "Integration owners cannot be met: 1 approval needed, 0 eligible people",
    summary: ["committer of commit c1"],
  },
  {
    name: "self-approval by the PR author never counts",
    facts: { author: "maria-ops", reviews: [approvedAtHead("maria-ops")] },
    outcome: "blocked",
    title: "Integration owners cannot be met: 1 approval needed, 0 eligible people",
    summary: ["is the PR author"],
  },
  {
    name: "reviewer in an approval.developers team",
    config: { owners: ["@maria-ops", "@eng-owner"], approval: { developers: ["@acme/engineering"] } },
    facts: { teams: TEAMS, reviews: [approvedAtHead("eng-owner")] },
    outcome: "pending",
    title: "Waiting for approval from @maria-ops or @eng-owner (0 of 1)",
    summary: ["is in approval.developers (@acme/engineering)"],
  },
  {
    name: "COMMENTED after APPROVED keeps the approval",
    facts: {
      reviews: [approvedAtHead("maria-ops", "2024-01-02T10:00:00Z"), review("maria-ops", "COMMENTED", { submittedAt: "2024-01-03T10:00:00Z" })],
    },
    outcome: "pass",
    title: "Approved by @maria-ops",
  },
  {
    name: "CHANGES_REQUESTED then APPROVED counts",
    facts: {
      reviews: [
        review("maria-ops", "CHANGES_REQUESTED", { submittedAt: "2024-01-02T10:00:00Z" }),
        approvedAtHead("maria-ops", "2024-01-03T10:00:00Z"),
      ],
    },
    outcome: "pass",
    title: "Approved by @maria-ops",
  },
  {
    name: "APPROVED then CHANGES_REQUESTED blocks, naming the reviewer",
    facts: {
      reviews: [
        approvedAtHead("maria-ops", "2024-01-02T10:00:00Z"),
        review("maria-ops", "CHANGES_REQUESTED", { submittedAt: "2024-01-03T10:00:00Z" }),
      ],
    },
    outcome: "blocked",
    title: "Changes requested by @maria-ops",
    summary: ["@maria-ops requested changes"],
  },
  {
    name: "changes requested blocks whatever reset_on says",
    config: { approval: { resetOn: "never" } },
    facts: { reviews: [review("maria-ops", "CHANGES_REQUESTED", { commitSha: OLD_SHA })] },
    outcome: "blocked",
    title: "Changes requested by @maria-ops",
  },
  {
    name: "changes requested by an ineligible reviewer does not block",
    config: { owners: ["@maria-ops", "@dev-alice"] },
    facts: { reviews: [review("dev-alice", "CHANGES_REQUESTED")], commits: [commit("c1", "dev-alice")] },
    outcome: "pending",
    title: "Waiting for approval from @maria-ops or @dev-alice (0 of 1)",
  },
  {
    name: "changes requested by someone not listed does not block",
    facts: { reviews: [review("random-person", "CHANGES_REQUESTED")] },
    outcome: "pending",
    title: "Waiting for approval from @maria-ops (0 of 1)",
  },
  {
    name: "a dismissed approval does not count",
    facts: { reviews: [review("maria-ops", "DISMISSED")] },
    outcome: "pending",
    title: "Waiting for approval from @maria-ops (0 of 1)",
    summary: ["@maria-ops's review was dismissed"],
  },
  {
    name: "note-change: approval before the note changed",
    facts: {
      reviews: [review("maria-ops", "APPROVED", { commitSha: OLD_SHA })],
      noteBlobsAt: { [OLD_SHA]: { [NOTE_PATH]: "blob-old" } },
    },
    note: validNote("blob-new"),
    outcome: "pending",
    title: "Waiting for approval from @maria-ops (0 of 1)",
    summary: [`approved before ${NOTE_PATH} changed (reset\\_on: note-change)`],
  },
  {
    name: "note-change: approval on an older commit with the same note",
    facts: {
      reviews: [review("maria-ops", "APPROVED", { commitSha: OLD_SHA })],
      noteBlobsAt: { [OLD_SHA]: { [NOTE_PATH]: "blob-new" } },
    },
    note: validNote("blob-new"),
    outcome: "pass",
    title: "Approved by @maria-ops",
  },
  {
    name: "note-change: the note did not exist at the reviewed commit",
    facts: { reviews: [review("maria-ops", "APPROVED", { commitSha: OLD_SHA })], noteBlobsAt: { [OLD_SHA]: { [NOTE_PATH]: null } } },
    outcome: "pending",
    title: "Waiting for approval from @maria-ops (0 of 1)",
  },
  {
    name: "note-change: a reviewed commit that can no longer be read counts as changed",
    facts: { reviews: [review("maria-ops", "APPROVED", { commitSha: OLD_SHA })] },
    outcome: "pending",
    title: "Waiting for approval from @maria-ops (0 of 1)",
    summary: ["can no longer be read"],
  },
  {
    name: "note-change: approvals are held back while the note is invalid",
    facts: { reviews: [approvedAtHead("maria-ops")] },
    note: invalidNote(),
    outcome: "pending",
    title: "Waiting for a valid release note, then approval from @maria-ops (0 of 1)",
    summary: ["Approvals are held back until the release note is valid"],
  },
  {
    name: "note-change: inline note, description edited after the approval",
    facts: { reviews: [approvedAtHead("maria-ops", "2024-01-02T10:00:00Z")], bodyLastEditedAt: "2024-01-02T11:00:00Z" },
    note: inlineNote(),
    outcome: "pending",
    title: "Waiting for approval from @maria-ops (0 of 1)",
    summary: ["the PR description was edited after the approval"],
  },
  {
    name: "note-change: inline note, description edited before the approval",
    facts: { reviews: [approvedAtHead("maria-ops", "2024-01-02T10:00:00Z")], bodyLastEditedAt: "2024-01-02T09:00:00Z" },
    note: inlineNote(),
    outcome: "pass",
    title: "Approved by @maria-ops",
  },
  {
    name: "push: an approval of an older commit does not count",
    config: { approval: { resetOn: "push" } },
    facts: { reviews: [review("maria-ops", "APPROVED", { commitSha: OLD_SHA })] },
    outcome: "pending",
    title: "Waiting for approval from @maria-ops (0 of 1)",
    summary: ["approved an older commit (reset\\_on: push)"],
  },
  {
    name: "push: approvals count even while the note is invalid",
    config: { approval: { resetOn: "push" } },
    facts: { reviews: [approvedAtHead("maria-ops")] },
    note: invalidNote(),
    outcome: "pass",
    title: "Approved by @maria-ops",
  },
  {
    name: "never: an old approval keeps counting",
    config: { approval: { resetOn: "never" } },
    facts: { reviews: [review("maria-ops", "APPROVED", { commitSha: OLD_SHA })], noteBlobsAt: { [OLD_SHA]: { [NOTE_PATH]: "blob-old" } } },
    outcome: "pass",
    title: "Approved by @maria-ops",
  },
  {
    name: "the web-flow committer is nobody's developer and is not an unresolved identity",
    config: { owners: ["@maria-ops", "@web-flow"] },
    facts: {
      commits: [
        commit("c1", "dev-alice", { committer: identityOf("web-flow", "noreply@github.com") }),
        commit("c2", "dev-alice", { committer: { login: null, name: "GitHub", email: "noreply@github.com" } }),
      ],
      reviews: [approvedAtHead("maria-ops")],
    },
    outcome: "pass",
    title: "Approved by @maria-ops",
  },
  {
    name: "a bot co-author is not a developer and not unresolved; its approval counts",
    config: { owners: ["@maria-ops", "@release-bot[bot]"] },
    facts: {
      commits: [
        commit("c1", "dev-alice", {
          authors: [
            identityOf("dev-alice"),
            identityOf("release-bot[bot]"),
            { login: null, name: "dependabot[bot]", email: "49699333+dependabot[bot]@users.noreply.github.com" },
          ],
        }),
      ],
      reviews: [approvedAtHead("release-bot[bot]")],
    },
    outcome: "pass",
    title: "Approved by @release-bot[bot]",
  },
  {
    name: "an 'Update branch' merge commit by an owner does not make them a developer",
    facts: {
      commits: [
        commit("c1", "dev-alice"),
        commit("c2", "maria-ops", {
          message: "Merge branch 'main' into feature/product-id",
          parentShas: ["c1", BASE_SHA],
          committer: identityOf("web-flow"),
        }),
      ],
      reviews: [approvedAtHead("maria-ops")],
    },
    outcome: "pass",
    title: "Approved by @maria-ops",
    summary: ["merges the base branch in"],
  },
  {
    name: "`git pull origin main` merge counts as bringing the base in",
    facts: {
      commits: [
        commit("c1", "dev-alice"),
        commit("c2", "maria-ops", {
          message: "Merge branch 'main' of github.com:acme/integrations into feature/product-id",
          parentShas: ["c1", BASE_SHA],
        }),
      ],
      reviews: [approvedAtHead("maria-ops")],
    },
    outcome: "pass",
    title: "Approved by @maria-ops",
  },
  {
    name: "a merge that claims to merge main but merges a PR commit is not exempt",
    facts: {
      commits: [
        commit("c0", "dev-alice"),
        commit("c1", "dev-alice"),
        commit("c2", "maria-ops", { message: "Merge branch 'main' into feature/product-id", parentShas: ["c1", "c0"] }),
      ],
      reviews: [approvedAtHead("maria-ops")],
    },
    outcome: "blocked",
    title: "Integration owners cannot be met: 1 approval needed, 0 eligible people",
  },
  {
    name: "a merge of another branch is not exempt",
    facts: {
      commits: [commit("c1", "dev-alice"), commit("c2", "maria-ops", { message: "Merge branch 'feature-x'", parentShas: ["c1", BASE_SHA] })],
      reviews: [approvedAtHead("maria-ops")],
    },
    outcome: "blocked",
    title: "Integration owners cannot be met: 1 approval needed, 0 eligible people",
  },
  {
    name: "an owner who only fixed the note wording may approve",
    facts: {
      commits: [commit("c1", "dev-alice"), commit("c2", "maria-ops", { files: [NOTE_PATH] })],
      reviews: [approvedAtHead("maria-ops")],
    },
    outcome: "pass",
    title: "Approved by @maria-ops",
    summary: ["only changes release-note files"],
  },
  {
    name: "an owner's commit with unknown files counts against them",
    facts: { commits: [commit("c2", "maria-ops")], reviews: [approvedAtHead("maria-ops")] },
    outcome: "blocked",
    title: "Integration owners cannot be met: 1 approval needed, 0 eligible people",
  },
  {
    name: "an owner's commit that touches the note and code counts against them",
    facts: { commits: [commit("c2", "maria-ops", { files: [NOTE_PATH, "integrations/erp/x.ts"] })], reviews: [approvedAtHead("maria-ops")] },
    outcome: "blocked",
    title: "Integration owners cannot be met: 1 approval needed, 0 eligible people",
  },
  {
    name: "a noreply co-author email resolves to the login",
    facts: {
      commits: [
        commit("c1", "dev-alice", {
          authors: [identityOf("dev-alice"), { login: null, name: "Maria", email: "1234567+maria-ops@users.noreply.github.com" }],
        }),
      ],
      reviews: [approvedAtHead("maria-ops")],
    },
    outcome: "blocked",
    title: "Integration owners cannot be met: 1 approval needed, 0 eligible people",
  },
  {
    name: "an unresolved co-author is listed, not matched",
    facts: {
      commits: [commit("c1", "dev-alice", { authors: [identityOf("dev-alice"), { login: null, name: "Jane Doe", email: "jane@corp.example" }] })],
      reviews: [approvedAtHead("maria-ops")],
    },
    outcome: "pass",
    title: "Approved by @maria-ops",
    summary: ["`Jane Doe <jane@corp.example>` (co-author of `c1`) is not linked to a GitHub account"],
  },
  {
    name: "unreadable owners team with a fallback user: left out, still met",
    config: { owners: ["@maria-ops", "@acme/integration-owners"] },
    facts: { teams: { "acme/integration-owners": { readable: false, reason: "Not Found" } }, reviews: [approvedAtHead("maria-ops")] },
    outcome: "pass",
    title: "Approved by @maria-ops",
    summary: ["it was left out, and the requirement can still be met without it"],
  },
  {
    name: "unreadable owners team without a fallback: error naming the team and the permission",
    config: { owners: ["@acme/integration-owners"] },
    facts: { teams: { "acme/integration-owners": { readable: false, reason: "Not Found" } }, reviews: [approvedAtHead("maria-ops")] },
    outcome: "error",
    title: "Cannot read team @acme/integration-owners (integration owners): needs Organization members: read",
    summary: ["the integ-gate App needs the Organization members: read permission"],
  },
  {
    name: "unreadable approval.developers team: error",
    config: { approval: { developers: ["@acme/engineering"] } },
    facts: { teams: { "acme/engineering": { readable: false, reason: "Forbidden" } }, reviews: [approvedAtHead("maria-ops")] },
    outcome: "error",
    title: "Cannot read team @acme/engineering (approval.developers): needs Organization members: read",
  },
  {
    name: "touched system owners and impacted department sign-offs are required",
    config: MAP,
    facts: { teams: TEAMS, files: erpChange, reviews: [approvedAtHead("maria-ops")] },
    outcome: "pending",
    title: "Waiting for approval from @acme/erp-owners (erp: 0 of 1); @acme/erp-owners or @fin-lead (finance: 0 of 1); @wh-lead (warehouse: 0 of 1)",
  },
  {
    name: "one approval counts toward every requirement listing the reviewer",
    config: MAP,
    facts: {
      teams: TEAMS,
      files: erpChange,
      reviews: [approvedAtHead("maria-ops"), approvedAtHead("erin-erp"), approvedAtHead("wh-lead")],
    },
    outcome: "pass",
    title: "Approved by @maria-ops, @erin-erp and @wh-lead",
    counted: { "maria-ops": ["owners"], "erin-erp": ["system:erp", "department:finance"], "wh-lead": ["department:warehouse"] },
    summary: ["counted toward owners of system erp, sign-off for department finance"],
  },
  {
    name: "approval.min 2 from a team",
    config: { owners: ["@acme/integration-owners"], approval: { min: 2 } },
    facts: { teams: TEAMS, reviews: [approvedAtHead("maria-ops")] },
    outcome: "pending",
    title: "Waiting for approval from @acme/integration-owners (1 of 2)",
  },
  {
    name: "approval.min larger than the eligible people cannot be met",
    config: { owners: ["@acme/integration-owners"], approval: { min: 3 } },
    facts: { teams: TEAMS, commits: [commit("c1", "omar-ops")] },
    outcome: "blocked",
    title: "Integration owners cannot be met: 3 approvals needed, 2 eligible people",
  },
  {
    name: "a ghost reviewer is ignored",
    facts: { reviews: [review(null, "APPROVED")] },
    outcome: "pending",
    title: "Waiting for approval from @maria-ops (0 of 1)",
  },
];

describe("evaluateOwnerApproval", () => {
  it.each(scenarios)("$name", (scenario) => {
    const { result } = evaluate(scenario);
    expect(result.outcome).toBe(scenario.outcome);
    expect(renderOwnerApprovalTitle(result)).toBe(scenario.title);
    if (scenario.counted !== undefined) {
      const counted = Object.fromEntries(
        result.reviewers.filter((r) => r.countedFor.length > 0).map((r) => [r.login, r.countedFor] as const),
      );
      expect(counted).toEqual(scenario.counted);
    }
    const summary = renderOwnerApprovalSummary(result);
    for (const line of scenario.summary ?? []) expect(summary).toContain(line);
  });

  it("names every requirement and every reviewer in the summary", () => {
    const { result } = evaluate({
      config: MAP,
      facts: {
        teams: TEAMS,
        files: erpChange,
        commits: [commit("c1", "dev-alice")],
        reviews: [approvedAtHead("maria-ops"), approvedAtHead("dev-alice"), review("ola-ops", "COMMENTED")],
      },
    });
    const summary = renderOwnerApprovalSummary(result);
    expect(summary).toContain("| ✅ met | Integration owners | @maria-ops | 1 of 1 | @maria-ops |");
    expect(summary).toContain("| ⏳ waiting | Owners of system erp | @acme/erp-owners | 0 of 1 | nobody yet | 1 |");
    expect(summary).toContain("Sign-off for department finance");
    expect(summary).toContain("Sign-off for department warehouse");
    expect(summary).toContain("@dev-alice approved on `hhhhhhh` (2024-01-02 10:00 UTC), not counted: not an eligible approver: is the PR author; author of commit c1.");
    expect(summary).toContain("@ola-ops only commented");
  });

  it("says in the Action's words which token can read teams", () => {
    const { result } = evaluate({
      config: { owners: ["@acme/integration-owners"] },
      facts: { teams: { "acme/integration-owners": { readable: false, reason: "Not Found" } } },
    });
    expect(renderOwnerApprovalTitle(result, "action")).toBe(
      "Cannot read team @acme/integration-owners (integration owners): needs a token that can read organization teams",
    );
    expect(renderOwnerApprovalSummary(result, "action")).toContain("the default GITHUB_TOKEN cannot");
  });

  it("asks awaited, eligible owners for a review only when the note is valid and request_reviews is on", () => {
    const scenario = {
      config: { ...MAP, owners: ["@maria-ops", "@dev-alice"], approval: { requestReviews: true } },
      facts: { teams: TEAMS, files: erpChange },
    } satisfies Pick<Scenario, "config" | "facts">;
    const ready = evaluate(scenario).result;
    expect(ready.reviewRequests).toEqual({ users: ["maria-ops", "fin-lead", "wh-lead"], teams: ["acme/erp-owners"] });
    expect(ready.awaiting).toEqual(["@maria-ops", "@acme/erp-owners", "@fin-lead", "@wh-lead"]);
    expect(evaluate({ ...scenario, note: invalidNote() }).result.reviewRequests).toEqual({ users: [], teams: [] });
    expect(evaluate({ ...scenario, config: { ...MAP } }).result.reviewRequests).toEqual({ users: [], teams: [] });
  });

  it("keeps a long waiting title on one line, still naming every awaited owner", () => {
    const departments = ["finance", "warehouse", "sales", "customer-service", "procurement"].map((name) => ({
      name,
      signoff: [`@${name}-signoff-lead`],
    }));
    const { result } = evaluate({
      config: { systems: [{ name: "erp", departments: departments.map((d) => d.name) }], departments },
      facts: { files: erpChange },
    });
    expect(renderOwnerApprovalTitle(result)).toBe(
      "Waiting for approval from @maria-ops, @finance-signoff-lead, @warehouse-signoff-lead, @sales-signoff-lead, @customer-service-signoff-lead, @procurement-signoff-lead",
    );
  });

  it("uses the latest deciding review even when reviews alternate", () => {
    const { result } = evaluate({
      facts: {
        reviews: [
          approvedAtHead("maria-ops", "2024-01-01T10:00:00Z"),
          review("maria-ops", "DISMISSED", { submittedAt: "2024-01-02T10:00:00Z" }),
          review("maria-ops", "COMMENTED", { submittedAt: "2024-01-03T10:00:00Z" }),
        ],
      },
    });
    expect(result.reviewers[0]?.state).toBe("DISMISSED");
    expect(result.outcome).toBe("pending");
  });

  it("a pending approval at head does not count (the review was never submitted)", () => {
    const { result } = evaluate({ facts: { reviews: [review("maria-ops", "PENDING")] } });
    expect(result.outcome).toBe("pending");
  });

});
