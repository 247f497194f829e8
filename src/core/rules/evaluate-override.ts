import type { IntegConfig } from "../config/integ-config.js";
import type { PullRequestFacts } from "../facts/pull-request-facts.js";
import { checkMembership, type UnreadableTeam } from "./match-identity.js";

/** What became of the override label (docs/checks.md#the-override-break-glass). */
export type OverrideResult =
  /** No override is configured, or the label is not on the PR. */
  | { readonly kind: "none" }
  /** Applied by someone in `override.allowed`: both checks pass. */
  | { readonly kind: "honoured"; readonly label: string; readonly by: string; readonly at: string }
  /** On the PR, but not applied by an allowed person: normal evaluation, recorded in the summary. */
  | {
      readonly kind: "ignored";
      readonly label: string;
      /** Who applied it last (null: a deleted account, or no `labeled` event was found). */
      readonly by: string | null;
      readonly at: string | null;
      /** `override.allowed` teams that could not be read: the override cannot be honoured through them. */
      readonly unreadableTeams: readonly UnreadableTeam[];
    };

/**
 * The override is honoured when `override.label` is on the PR and its latest
 * `labeled` event was by someone in `override.allowed`. A team of
 * `override.allowed` that cannot be read never honours an override.
 */
export function evaluateOverride(facts: PullRequestFacts, config: IntegConfig): OverrideResult {
  const override = config.override;
  if (override === null) return { kind: "none" };
  const wanted = override.label.toLowerCase();
  const label = facts.labels.find((l) => l.toLowerCase() === wanted);
  if (label === undefined) return { kind: "none" };

  const applied = facts.labelEvents.filter((e) => e.kind === "labeled" && e.label.toLowerCase() === wanted);
  const last = applied[applied.length - 1];
  const by = last?.actor ?? null;
  const check = checkMembership(by, override.allowed, facts.teams);
  if (last !== undefined && by !== null && check.member) return { kind: "honoured", label, by, at: last.at };
  return { kind: "ignored", label, by, at: last?.at ?? null, unreadableTeams: check.unreadable };
}
