import type { ConfigIssue } from "../config/config-error.js";
import { CONFIG_PATH } from "../config/integ-config.js";
import type { IntegConfig } from "../config/integ-config.js";
import { describeIdentity } from "../config/parse-identity.js";
import { parseIntegConfig } from "../config/parse-integ-config.js";
import { CHECK_CONFIG } from "../rules/gate-verdict.js";
import type { Annotation, CheckVerdict } from "../rules/gate-verdict.js";
import { codeSpan, escapeMarkdown } from "./escape-markdown.js";
import { limitSummary } from "./limit-summary.js";

/** What a pull request does to `.integ.yml`: deletes it, or proposes this text. */
export type ProposedConfig = { readonly kind: "deleted" } | { readonly kind: "text"; readonly text: string };

/**
 * The `integ-gate/config` check for a pull request that adds, changes or
 * deletes `.integ.yml`:
 * - valid: `pass` "Proposed .integ.yml is valid", warnings as annotations;
 * - invalid: `blocked`, the title naming the first problem and its line, the
 *   summary listing every problem, a failure annotation at each line;
 * - deleted: `pass` ".integ.yml deleted: integ-gate will stop gating after
 *   merge" (removing the file is a valid change; the owners still approve it
 *   through owner-approval, because the PR changes `.integ.yml`).
 */
export function renderConfigCheck(proposed: ProposedConfig, file: string = CONFIG_PATH): CheckVerdict {
  const name = codeSpan(file);
  if (proposed.kind === "deleted") {
    return {
      name: CHECK_CONFIG,
      outcome: "pass",
      title: `${file} deleted: integ-gate will stop gating after merge`,
      summary: [
        `This pull request deletes ${name}.`,
        "",
        "Once it is merged into the default branch, integ-gate stops gating pull requests in this repository: " +
          "it posts no release-note or owner-approval checks, and open runs complete as neutral " +
          '"integ-gate is not configured". Required checks would then wait forever; remove them from branch protection too.',
        "",
        "Until then the configuration on the default branch still applies, to this pull request as well.",
      ].join("\n"),
      annotations: [],
    };
  }

  const result = parseIntegConfig(proposed.text, file);
  if (!result.ok) {
    const first = result.issues[0];
    const more = result.issues.length - 1;
    const title = first
      ? `Proposed ${file} is invalid (line ${first.line}): ${firstError(first)}${more > 0 ? ` (and ${more} more)` : ""}`
      : `Proposed ${file} is invalid`;
    const summary = [
      `The proposed ${name} has ${count(result.issues.length, "problem")}. ` +
        "It would not be applied: integ-gate keeps using the configuration on the default branch until a valid file is merged.",
      "",
      ...result.issues.map((issue) => `- ${renderIssue(issue)}`),
      "",
      `The configuration reference is in docs/configuration.md; ${codeSpan("schema/integ.schema.json")} gives editors completion for ${name}.`,
    ].join("\n");
    return {
      name: CHECK_CONFIG,
      outcome: "blocked",
      title,
      summary: limitSummary(summary),
      annotations: result.issues.map((issue) => toAnnotation(issue, "failure")),
    };
  }

  const warnings = result.warnings;
  const summary = [
    `The proposed ${name} is valid. It takes effect once merged into the default branch.`,
    "",
    ...describeConfig(result.config),
    ...(warnings.length > 0
      ? ["", `**${count(warnings.length, "warning")}:**`, "", ...warnings.map((w) => `- ${renderIssue(w)}`)]
      : []),
  ].join("\n");
  return {
    name: CHECK_CONFIG,
    outcome: "pass",
    title: `Proposed ${file} is valid${warnings.length > 0 ? ` (${count(warnings.length, "warning")})` : ""}`,
    summary: limitSummary(summary),
    annotations: warnings.map((w) => toAnnotation(w, "warning")),
  };
}

function firstError(issue: ConfigIssue): string {
  return issue.keyPath === "" ? issue.problem : `${issue.keyPath}: ${issue.problem}`;
}

function renderIssue(issue: ConfigIssue): string {
  const where = `line ${issue.line}, column ${issue.column}`;
  const key = issue.keyPath === "" ? "" : `${codeSpan(issue.keyPath)}: `;
  return `${where}: ${key}${escapeMarkdown(issue.problem)}`;
}

function toAnnotation(issue: ConfigIssue, level: "failure" | "warning"): Annotation {
  return {
    path: issue.file,
    startLine: issue.line,
    endLine: issue.line,
    startColumn: issue.column,
    endColumn: issue.column,
    level,
    title: level === "failure" ? `Invalid ${issue.file}` : `${issue.file} warning`,
    message: firstError(issue),
  };
}

/** What the valid file configures, for the reviewers of the change. */
function describeConfig(config: IntegConfig): string[] {
  const identities = (list: IntegConfig["owners"]): string =>
    list.length === 0 ? "nobody" : list.map((i) => escapeMarkdown(describeIdentity(i))).join(", ");
  const names = (list: readonly { readonly name: string }[]): string =>
    list.length === 0 ? "none" : list.map((x) => codeSpan(x.name)).join(", ");
  const note = config.releaseNote;
  const ways = [
    note.paths.length > 0 ? `in-repo files (${note.paths.map(codeSpan).join(", ")})` : null,
    note.inlineHeading !== "" ? `an inline section "${escapeMarkdown(note.inlineHeading)}"` : null,
    note.externalHosts.length > 0 ? `links to ${note.externalHosts.map(codeSpan).join(", ")}` : null,
  ].filter((w): w is string => w !== null);
  return [
    `- Owners: ${identities(config.owners)}; ${count(config.approval.min, "approval")} needed, reset on ${codeSpan(config.approval.resetOn)}`,
    `- Systems: ${names(config.systems)}`,
    `- Departments: ${names(config.departments)}`,
    `- Release note: ${ways.join(", ")}`,
    `- Override: ${config.override ? `label ${codeSpan(config.override.label)}, by ${identities(config.override.allowed)}` : "none"}`,
  ];
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * The `integ-gate/config` verdict for the `.integ.yml` a PR proposes, also when
 * the file could not be read as text (binary, over 256 KiB). Shared by the App and the Action.
 */
export function renderProposedConfigCheck(
  proposed: ProposedConfig | { readonly kind: "unreadable"; readonly problem: string },
): CheckVerdict {
  if (proposed.kind !== "unreadable") return renderConfigCheck(proposed);
  return {
    name: CHECK_CONFIG,
    outcome: "blocked",
    title: `Proposed .integ.yml ${proposed.problem}`,
    summary: `The proposed \`.integ.yml\` ${proposed.problem}; integ-gate reads text files up to 256 KiB.`,
    annotations: [],
  };
}
