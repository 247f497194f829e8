/**
 * What a workflow event asks the Action to evaluate, read from the event
 * payload (only the numbers and shas that locate things: labels, reviews and
 * files are always read live from the API).
 */
export type ActionTargets =
  /** pull_request, pull_request_target, pull_request_review: one PR. */
  | {
      readonly kind: "pull-request";
      readonly number: number;
      readonly headSha: string;
      /**
       * Why the token is read-only (a fork PR on `pull_request`, or a review
       * of a fork PR), null when it can write.
       */
      readonly readOnlyReason: string | null;
    }
  /** workflow_dispatch: every open PR. */
  | { readonly kind: "open-pull-requests" }
  /** merge_group checks_requested. */
  | { readonly kind: "merge-group"; readonly headSha: string; readonly headRef: string; readonly baseRef: string }
  /** workflow_run (the relay for fork PRs): the PRs of the triggering run, found by number or by head commit. */
  | { readonly kind: "workflow-run"; readonly numbers: readonly number[]; readonly headSha: string }
  /** An event the Action does not handle (`error`), or one it has nothing to do for (`skipped`). */
  | { readonly kind: "ignored"; readonly result: "skipped" | "error"; readonly message: string };

/** The events the Action evaluates. */
export const SUPPORTED_EVENTS: readonly string[] = [
  "pull_request",
  "pull_request_target",
  "pull_request_review",
  "merge_group",
  "workflow_dispatch",
  "workflow_run",
];

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** The trigger to use instead, for the read-only message. */
export const READ_ONLY_ADVICE =
  "Run integ-gate on `pull_request_target` instead of `pull_request` (it never checks out or runs the pull request's code), " +
  "and relay `pull_request_review` events from forks through a `workflow_run` workflow (see docs/action.md, \"Fork pull requests\").";

/**
 * Reads the event: which pull request(s) to evaluate, and whether the token
 * GitHub gave this run can write statuses. `repository` is `owner/name` of
 * the base repository (GITHUB_REPOSITORY).
 */
export function findActionTargets(eventName: string, payload: unknown, repository: string): ActionTargets {
  const event = record(payload);
  switch (eventName) {
    case "pull_request":
    case "pull_request_target":
    case "pull_request_review": {
      const pr = record(event["pull_request"]);
      const number = pr["number"];
      const head = record(pr["head"]);
      if (typeof number !== "number") return { kind: "ignored", result: "error", message: `The ${eventName} event has no pull request.` };
      const headRepo = record(head["repo"]);
      const headFullName = text(headRepo["full_name"]);
      const fromFork = headFullName.toLowerCase() !== repository.toLowerCase();
      let readOnlyReason: string | null = null;
      if (fromFork && eventName !== "pull_request_target") {
        const from = headFullName === "" ? "a deleted fork" : `the fork ${headFullName}`;
        readOnlyReason =
          eventName === "pull_request"
            ? `Pull request #${number} comes from ${from}: on \`pull_request\`, GitHub gives the workflow a read-only token, so integ-gate cannot write its statuses.`
            : `Pull request #${number} comes from ${from}: on \`pull_request_review\` of a fork pull request, GitHub gives the workflow a read-only token, so integ-gate cannot write its statuses.`;
      }
      return { kind: "pull-request", number, headSha: text(head["sha"]), readOnlyReason };
    }
    case "merge_group": {
      const group = record(event["merge_group"]);
      const headSha = text(group["head_sha"]);
      if (headSha === "") return { kind: "ignored", result: "error", message: "The merge_group event has no head commit." };
      const action = text(event["action"]);
      if (action !== "" && action !== "checks_requested") {
        return { kind: "ignored", result: "skipped", message: `Nothing to do for merge_group ${action}.` };
      }
      return {
        kind: "merge-group",
        headSha,
        headRef: text(group["head_ref"]),
        baseRef: text(group["base_ref"]),
      };
    }
    case "workflow_dispatch":
      return { kind: "open-pull-requests" };
    case "workflow_run": {
      const run = record(event["workflow_run"]);
      const headSha = text(run["head_sha"]);
      const prs = Array.isArray(run["pull_requests"]) ? run["pull_requests"] : [];
      const numbers = prs.map((p) => record(p)["number"]).filter((n): n is number => typeof n === "number");
      if (headSha === "" && numbers.length === 0) {
        return { kind: "ignored", result: "error", message: "The workflow_run event names no commit or pull request." };
      }
      return { kind: "workflow-run", numbers, headSha };
    }
    default:
      return {
        kind: "ignored",
        result: "error",
        message: `integ-gate does not handle the \`${eventName}\` event; run it on ${SUPPORTED_EVENTS.map((e) => `\`${e}\``).join(", ")}.`,
      };
  }
}
