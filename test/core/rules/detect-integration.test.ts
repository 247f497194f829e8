import { describe, expect, it } from "vitest";
import type { PullRequestFacts } from "../../../src/core/facts/pull-request-facts.js";
import { detectIntegration, isCertainlyNotIntegration } from "../../../src/core/rules/detect-integration.js";
import { buildConfig, type ConfigOverrides } from "../../support/config-builder.js";
import { buildFacts, changedFile } from "../../support/facts-builder.js";

const selectors: ConfigOverrides = {
  integration: { labels: ["integration"], paths: ["etl/**"], branches: ["integration/**"] },
  systems: [{ name: "erp" }],
  override: { label: "integ-gate/override", allowed: ["@admin-ann", "@acme/admins"] },
};
const teams: PullRequestFacts["teams"] = { "acme/admins": { readable: true, members: ["Admin-Tom"] } };
const labeled = (actor: string, at: string) => ({ kind: "labeled" as const, label: "integration", actor, at });
const unlabeled = (actor: string, at: string) => ({ kind: "unlabeled" as const, label: "integration", actor, at });

interface Case {
  readonly name: string;
  readonly facts: Partial<PullRequestFacts>;
  readonly config?: ConfigOverrides;
  readonly gated: boolean;
  readonly reason?: string;
}

const cases: Case[] = [
  { name: "nothing matches", facts: { files: [changedFile("docs/readme.md")] }, gated: false },
  { name: "the PR changes .integ.yml", facts: { files: [changedFile(".integ.yml")] }, gated: true, reason: "it changes .integ.yml" },
  { name: "the PR deletes .integ.yml", facts: { files: [changedFile(".integ.yml", "removed")] }, gated: true },
  { name: "an integration label is on the PR (any case)", facts: { labels: ["Integration"] }, gated: true, reason: 'label "Integration" is on the pull request' },
  {
    name: "a label removed by someone not allowed still gates",
    facts: { labelEvents: [labeled("dev-alice", "2024-01-01T00:00:00Z"), unlabeled("dev-alice", "2024-01-02T00:00:00Z")] },
    gated: true,
    reason: 'label "integration" was removed by @dev-alice, who is not in override.allowed',
  },
  {
    name: "a label removed by an allowed user un-gates",
    facts: { labelEvents: [labeled("dev-alice", "2024-01-01T00:00:00Z"), unlabeled("admin-ann", "2024-01-02T00:00:00Z")] },
    gated: false,
  },
  {
    name: "a label removed by a member of an allowed team un-gates",
    facts: { teams, labelEvents: [labeled("dev-alice", "2024-01-01T00:00:00Z"), unlabeled("admin-tom", "2024-01-02T00:00:00Z")] },
    gated: false,
  },
  {
    name: "a label removed by a member of an allowed team that cannot be read still gates",
    facts: {
      teams: { "acme/admins": { readable: false, reason: "Forbidden" } },
      labelEvents: [labeled("dev-alice", "2024-01-01T00:00:00Z"), unlabeled("admin-tom", "2024-01-02T00:00:00Z")],
    },
    gated: true,
  },
  {
    name: "without an override config, nobody's removal un-gates",
    config: { ...selectors, override: null },
    facts: { labelEvents: [labeled("dev-alice", "2024-01-01T00:00:00Z"), unlabeled("admin-ann", "2024-01-02T00:00:00Z")] },
    gated: true,
  },
  {
    name: "the latest removal decides",
    facts: {
      labelEvents: [
        labeled("dev-alice", "2024-01-01T00:00:00Z"),
        unlabeled("admin-ann", "2024-01-02T00:00:00Z"),
        labeled("dev-alice", "2024-01-03T00:00:00Z"),
        unlabeled("dev-alice", "2024-01-04T00:00:00Z"),
      ],
    },
    gated: true,
  },
  {
    name: "a changed file matches integration.paths",
    facts: { files: [changedFile("etl/nightly.sql")] },
    gated: true,
    reason: "changed file etl/nightly.sql matches integration.paths",
  },
  {
    name: "the old path of a rename belongs to a system",
    facts: { files: [changedFile("legacy/erp.ts", "renamed", "integrations/erp/erp.ts")] },
    gated: true,
    reason: "changed file integrations/erp/erp.ts belongs to system erp",
  },
  {
    name: "the head branch matches integration.branches",
    facts: { headRef: "integration/erp-ids" },
    gated: true,
    reason: "branch integration/erp-ids matches integration.branches",
  },
  { name: "branch globs are case-sensitive", facts: { headRef: "Integration/erp-ids" }, gated: false },
  {
    name: "no selectors and no systems gates every PR",
    config: {},
    facts: { files: [changedFile("docs/readme.md")] },
    gated: true,
    reason: "every pull request is gated (no integration selectors and no systems)",
  },
  { name: "systems but no selectors: only system paths gate", config: { systems: [{ name: "erp" }] }, facts: {}, gated: false },
];

describe("detectIntegration", () => {
  it.each(cases)("$name", ({ facts, config, gated, reason }) => {
    const detection = detectIntegration(buildFacts(facts), buildConfig(config ?? selectors));
    expect(detection.gated).toBe(gated);
    if (reason !== undefined) expect(detection.reasons).toContain(reason);
  });

  it("records who removed the label when the removal un-gates", () => {
    const detection = detectIntegration(
      buildFacts({ teams, labelEvents: [labeled("dev-alice", "2024-01-01T00:00:00Z"), unlabeled("admin-ann", "2024-01-02T00:00:00Z")] }),
      buildConfig(selectors),
    );
    expect(detection.labelRemovals).toEqual([
      { label: "integration", by: "admin-ann", at: "2024-01-02T00:00:00Z", allowed: true, unreadableTeams: [] },
    ]);
  });
});

describe("isCertainlyNotIntegration (lets a loader skip the note and team reads)", () => {
  it.each(cases)("never claims a gated PR: $name", ({ facts, config }) => {
    const full = buildFacts(facts);
    const cfg = buildConfig(config ?? selectors);
    if (isCertainlyNotIntegration({ ...full, teams: {} }, cfg)) expect(detectIntegration(full, cfg).gated).toBe(false);
  });

  it("is true for a PR nothing selects", () => {
    expect(isCertainlyNotIntegration(buildFacts({ files: [changedFile("docs/readme.md")] }), buildConfig(selectors))).toBe(true);
  });

  it("is false when a removed integration label leaves the answer to the teams", () => {
    const facts = buildFacts({ labelEvents: [labeled("dev-alice", "2024-01-01T00:00:00Z"), unlabeled("admin-tom", "2024-01-02T00:00:00Z")] });
    expect(isCertainlyNotIntegration(facts, buildConfig(selectors))).toBe(false);
  });

  it("is false when GitHub does not list every file (more than 3,000)", () => {
    const facts = buildFacts({ files: [changedFile("docs/readme.md")], changedFilesCount: 3_001 });
    expect(isCertainlyNotIntegration(facts, buildConfig(selectors))).toBe(false);
  });
});
