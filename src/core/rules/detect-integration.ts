import { CONFIG_PATH, type IntegConfig } from "../config/integ-config.js";
import type { PullRequestFacts } from "../facts/pull-request-facts.js";
import { createPathMatcher } from "../paths/create-path-matcher.js";
import { changedPaths } from "./evaluate-impact.js";
import { MAX_FILES } from "../report/render-gate-rows.js";
import { checkMembership, type UnreadableTeam } from "./match-identity.js";

/** An `integration` label that was applied and is no longer on the PR. */
export interface IntegrationLabelRemoval {
  readonly label: string;
  /** Who removed it (null: a deleted account, or no removal event was found). */
  readonly by: string | null;
  /** ISO 8601; null when no removal event was found. */
  readonly at: string | null;
  /** True when the remover is in `override.allowed`: the removal un-gates the PR. */
  readonly allowed: boolean;
  /** `override.allowed` teams that could not be read when checking the remover. */
  readonly unreadableTeams: readonly UnreadableTeam[];
}

/** Whether a pull request is an integration pull request, and why. */
export interface IntegrationDetection {
  readonly gated: boolean;
  /** Why it is gated, one short phrase each ("it changes .integ.yml", "label \"integration\" is on the pull request"). */
  readonly reasons: readonly string[];
  readonly labelRemovals: readonly IntegrationLabelRemoval[];
}

const sameLabel = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Integration detection (docs/checks.md#which-pull-requests-are-gated). Labels and
 * branches only add PRs to the gate: a removed `integration` label still
 * gates unless the person who removed it is in `override.allowed`.
 */
export function detectIntegration(facts: PullRequestFacts, config: IntegConfig): IntegrationDetection {
  const reasons: string[] = [];
  const labelRemovals: IntegrationLabelRemoval[] = [];
  const paths = facts.files.flatMap(changedPaths);

  if (paths.includes(CONFIG_PATH)) reasons.push(`it changes ${CONFIG_PATH}`);

  const { labels, branches } = config.integration;
  for (const label of labels) {
    const current = facts.labels.find((l) => sameLabel(l, label));
    if (current !== undefined) {
      reasons.push(`label "${current}" is on the pull request`);
      continue;
    }
    const events = facts.labelEvents.filter((e) => sameLabel(e.label, label));
    if (events.length === 0) continue;
    const last = events[events.length - 1];
    const removal = last?.kind === "unlabeled" ? last : undefined;
    const by = removal?.actor ?? null;
    const check = checkMembership(by, config.override?.allowed ?? [], facts.teams);
    const record: IntegrationLabelRemoval = {
      label: events[0]?.label ?? label,
      by,
      at: removal?.at ?? null,
      allowed: removal !== undefined && check.member,
      unreadableTeams: check.unreadable,
    };
    labelRemovals.push(record);
    if (!record.allowed) {
      reasons.push(
        removal === undefined
          ? `label "${record.label}" was applied (no removal was recorded)`
          : `label "${record.label}" was removed by ${by === null ? "a deleted account" : `@${by}`}, who is not in override.allowed`,
      );
    }
  }

  const integrationPaths = createPathMatcher(config.integration.paths);
  const integrationPath = paths.find(integrationPaths);
  if (integrationPath !== undefined) reasons.push(`changed file ${integrationPath} matches integration.paths`);

  for (const system of config.systems) {
    const matches = createPathMatcher(system.paths);
    const hit = paths.find(matches);
    if (hit !== undefined) reasons.push(`changed file ${hit} belongs to system ${system.name}`);
  }

  if (createPathMatcher(branches)(facts.headRef)) reasons.push(`branch ${facts.headRef} matches integration.branches`);

  const noSelectors = labels.length === 0 && config.integration.paths.length === 0 && branches.length === 0;
  if (noSelectors && config.systems.length === 0) reasons.push("every pull request is gated (no integration selectors and no systems)");

  return { gated: reasons.length > 0, reasons, labelRemovals };
}

/**
 * True when the PR is not an integration PR whatever the teams say (row 4
 * with no team read): nothing makes it one, no `integration` label was ever
 * removed (only a removal can hinge on `override.allowed` teams), and GitHub
 * lists all its files. Such a PR needs neither its note nor the approvers'
 * teams, so a loader can skip reading them.
 */
export function isCertainlyNotIntegration(facts: PullRequestFacts, config: IntegConfig): boolean {
  if (facts.changedFilesCount > MAX_FILES) return false;
  const detection = detectIntegration({ ...facts, teams: {} }, config);
  return !detection.gated && detection.labelRemovals.length === 0;
}
