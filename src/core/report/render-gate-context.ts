import type { IntegrationDetection } from "../rules/detect-integration.js";
import type { OverrideResult } from "../rules/evaluate-override.js";
import { escapeMarkdown, formatTime, mention } from "./escape-markdown.js";

function by(login: string | null): string {
  return login === null ? "a deleted account or an unknown person" : mention(login);
}

/** The override record for a summary; "" when there is nothing to record. */
export function renderOverrideRecord(override: OverrideResult): string {
  if (override.kind === "none") return "";
  if (override.kind === "honoured") {
    return `### Override\n\n🔓 The label \`${escapeMarkdown(override.label)}\` was applied by ${mention(override.by)} on ${formatTime(override.at)}, who is allowed to override (\`override.allowed\`). Both checks pass; removing the label restores normal evaluation.\n`;
  }
  const when = override.at === null ? "" : ` on ${formatTime(override.at)}`;
  const teams =
    override.unreadableTeams.length > 0
      ? ` (${override.unreadableTeams.map((t) => `team ${escapeMarkdown(t.team.raw)} could not be read: ${escapeMarkdown(t.reason)}`).join("; ")}; an override through a team that cannot be read is not honoured)`
      : "";
  return `### Override\n\n⚠️ The label \`${escapeMarkdown(override.label)}\` was applied by ${by(override.by)}${when}, who is not in \`override.allowed\`${teams}. It is ignored: the pull request is evaluated normally.\n`;
}

/** Why the pull request is (or is not) gated, with integration labels that were removed. */
export function renderDetection(detection: IntegrationDetection): string {
  const out: string[] = ["### Why this pull request is gated", ""];
  if (detection.gated) for (const reason of detection.reasons) out.push(`- ${escapeMarkdown(reason)}`);
  else out.push("- It is not an integration pull request: no integration label, path, branch or system matches.");
  for (const removal of detection.labelRemovals) {
    if (!removal.allowed) continue;
    const when = removal.at === null ? "" : ` on ${formatTime(removal.at)}`;
    out.push(
      `- The label \`${escapeMarkdown(removal.label)}\` was removed by ${by(removal.by)}${when}, who is in \`override.allowed\`, so it no longer gates this pull request.`,
    );
  }
  return out.join("\n") + "\n";
}
