import { describe, expect, it } from "vitest";
import type { LabelEvent, PullRequestFacts } from "../../../src/core/facts/pull-request-facts.js";
import { evaluateOverride } from "../../../src/core/rules/evaluate-override.js";
import { buildConfig } from "../../support/config-builder.js";
import { buildFacts } from "../../support/facts-builder.js";

const LABEL = "integ-gate/override";
const config = buildConfig({ override: { label: LABEL, allowed: ["@admin-ann", "@acme/admins"] } });
const applied = (actor: string | null, at: string): LabelEvent => ({ kind: "labeled", label: LABEL, actor, at });
const on = (events: LabelEvent[], teams: PullRequestFacts["teams"] = {}) =>
  buildFacts({ labels: [LABEL], labelEvents: events, teams });

describe("evaluateOverride", () => {
  it("is honoured when an allowed user applied the label", () => {
    expect(evaluateOverride(on([applied("Admin-Ann", "2024-01-02T00:00:00Z")]), config)).toEqual({
      kind: "honoured",
      label: LABEL,
      by: "Admin-Ann",
      at: "2024-01-02T00:00:00Z",
    });
  });

  it("is honoured when a member of an allowed team applied the label", () => {
    const facts = on([applied("tom", "2024-01-02T00:00:00Z")], { "acme/admins": { readable: true, members: ["tom"] } });
    expect(evaluateOverride(facts, config).kind).toBe("honoured");
  });

  it("is ignored, naming who applied it, when that person is not allowed", () => {
    const admins = { "acme/admins": { readable: true as const, members: ["tom"] } };
    expect(evaluateOverride(on([applied("dev-alice", "2024-01-02T00:00:00Z")], admins), config)).toEqual({
      kind: "ignored",
      label: LABEL,
      by: "dev-alice",
      at: "2024-01-02T00:00:00Z",
      unreadableTeams: [],
    });
  });

  it("only the latest application counts", () => {
    const facts = on([applied("admin-ann", "2024-01-01T00:00:00Z"), applied("dev-alice", "2024-01-02T00:00:00Z")]);
    expect(evaluateOverride(facts, config).kind).toBe("ignored");
  });

  it("is not honoured through an allowed team that cannot be read", () => {
    const result = evaluateOverride(on([applied("tom", "2024-01-02T00:00:00Z")], { "acme/admins": { readable: false, reason: "Forbidden" } }), config);
    expect(result.kind).toBe("ignored");
    expect(result.kind === "ignored" && result.unreadableTeams.map((t) => t.team.raw)).toEqual(["@acme/admins"]);
  });

  it("does nothing when the label is not on the PR any more", () => {
    const facts = buildFacts({ labels: [], labelEvents: [applied("admin-ann", "2024-01-01T00:00:00Z")] });
    expect(evaluateOverride(facts, config)).toEqual({ kind: "none" });
  });

  it("does nothing without an override config", () => {
    expect(evaluateOverride(on([applied("admin-ann", "2024-01-01T00:00:00Z")]), buildConfig())).toEqual({ kind: "none" });
  });

  it("is ignored when no labeled event was recorded or the actor was deleted", () => {
    expect(evaluateOverride(on([]), config)).toMatchObject({ kind: "ignored", by: null });
    expect(evaluateOverride(on([applied(null, "2024-01-01T00:00:00Z")]), config)).toMatchObject({ kind: "ignored", by: null });
  });
});
