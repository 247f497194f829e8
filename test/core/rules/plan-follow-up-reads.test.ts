import { describe, expect, it } from "vitest";
import { planFollowUpReads, READ_BOUNDS } from "../../../src/core/rules/plan-follow-up-reads.js";
import { buildConfig } from "../../support/config-builder.js";
import { buildFacts, changedFile, commit, HEAD_SHA, review } from "../../support/facts-builder.js";

const config = buildConfig({
  owners: ["@acme/integration-owners"],
  systems: [{ name: "erp", paths: ["integrations/erp/**"] }],
  override: { label: "integ-gate/override", allowed: ["@acme/admins"] },
});
const gated = { files: [changedFile("integrations/erp/export.ts")], body: "Note: [n](docs/release-notes/a.md) and [m](docs/release-notes/b.md)" };
const plan = (facts: Parameters<typeof buildFacts>[0], known: Parameters<typeof planFollowUpReads>[2]["knownTeams"] = null) =>
  planFollowUpReads(buildFacts(facts), config, { changesConfig: false, knownTeams: known });

describe("planFollowUpReads (what a second round of reads must fetch)", () => {
  it("a PR that is certainly not an integration PR reads no note, and only the override's teams while the label is on", () => {
    expect(plan({ files: [changedFile("README.md")], body: gated.body })).toMatchObject({ gated: false, notePaths: [], teams: [] });
    expect(plan({ files: [changedFile("README.md")], labels: ["integ-gate/override"] }).teams).toEqual([{ org: "acme", slug: "admins" }]);
  });

  it("an integration PR reads its linked notes in order and every team the config names", () => {
    const p = plan(gated);
    expect(p.notePaths).toEqual(["docs/release-notes/a.md", "docs/release-notes/b.md"]);
    expect(p.teams).toEqual([{ org: "acme", slug: "integration-owners" }, { org: "acme", slug: "admins" }]);
  });

  it(`reads at most ${READ_BOUNDS.notePaths} note paths`, () => {
    const body = Array.from({ length: 30 }, (_, i) => `[n${i}](docs/release-notes/n${i}.md)`).join(" ");
    expect(plan({ ...gated, body }).notePaths).toHaveLength(READ_BOUNDS.notePaths);
  });

  it("reads the note at a reviewed commit only for approvals that may count", () => {
    const teams = { "acme/integration-owners": { readable: true as const, members: ["maria-ops"] } };
    const p = plan(
      { ...gated, reviews: [review("maria-ops", "APPROVED", { commitSha: "o".repeat(40) }), review("dev-bob", "APPROVED", { commitSha: "d".repeat(40) }), review("maria-ops", "APPROVED")] },
      teams,
    );
    expect(p.reviewedShas).toEqual(["o".repeat(40)]);
  });

  it("asks for the description's history only when an approval that may count predates the last edit", () => {
    const reviews = [review("maria-ops", "APPROVED", { submittedAt: "2024-01-01T10:00:00Z" })];
    expect(plan({ ...gated, reviews, bodyLastEditedAt: "2024-01-01T09:00:00Z" }).descriptionEdits).toBe(false);
    expect(plan({ ...gated, reviews, bodyLastEditedAt: "2024-01-01T11:00:00Z" }).descriptionEdits).toBe(true);
  });

  it("reads the files of commits by someone who also reviewed, trailers included", () => {
    const commits = [
      commit("c1", "dev-alice"),
      commit("c2", "dev-alice", { message: "fix\n\nCo-authored-by: M <1+maria-ops@users.noreply.github.com>" }),
      commit("c3", "maria-ops"),
    ];
    const p = plan({ ...gated, commits, reviews: [review("maria-ops", "APPROVED", { commitSha: HEAD_SHA })] });
    expect(p.commitsNeedingFiles.map((c) => c.sha)).toEqual(["c2", "c3"]);
  });
});
