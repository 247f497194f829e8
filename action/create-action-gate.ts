import type { ConfigIssue } from "../src/core/config/config-error.js";
import { renderProposedConfigCheck } from "../src/core/report/render-config-check.js";
import type { Annotation, CheckVerdict, GateVerdict } from "../src/core/rules/gate-verdict.js";
import { fetchOwnLogin } from "../src/github/fetch-own-login.js";
import type { GitHubPort } from "../src/github/github-port.js";
import { listOpenPullRequests } from "../src/github/list-open-pull-requests.js";
import type { PullRequestLoad } from "../src/github/load-pull-request-facts.js";
import { publishSummaryComment } from "../src/github/publish-summary-comment.js";
import { evaluateInput, evaluateMergeGroup, evaluatePullRequest as evaluateSharedHead } from "../src/evaluate-pull-requests.js";
import type { ActionGate, GateEvaluation } from "./run-action.js";
import { trimTrailingSlashes } from "../src/core/paths/trim-trailing-slashes.js";

/** Where the Action runs. */
export interface ActionGateOptions {
  /** `owner/name`. */
  readonly repository: string;
  /** GITHUB_SERVER_URL (links in the summary). */
  readonly serverUrl: string;
}

const ACTION = { frontDoor: "action" } as const;

/** `.integ.yml` problems on the default branch, as annotations at their lines. */
function configIssueAnnotations(issues: readonly ConfigIssue[]): Annotation[] {
  return issues.map((issue) => ({
    path: issue.file,
    startLine: issue.line,
    endLine: issue.line,
    startColumn: issue.column,
    level: "failure",
    title: `Invalid ${issue.file} on the default branch`,
    message: issue.message,
  }));
}

/** The `integ-gate/config` verdict for a PR that changes `.integ.yml` (summary and annotations only: the Action posts no status for it). */
function proposedConfigCheck(load: PullRequestLoad): CheckVerdict | null {
  if (load.pullRequest?.changesConfig !== true || load.proposedConfig === null) return null;
  return renderProposedConfigCheck(load.proposedConfig);
}

/**
 * The Action's side of the one evaluation step (src/evaluate-pull-requests.ts,
 * shared with the App and `explain`), with the Action's wording; this file
 * only adds what the Action publishes besides the verdict.
 */
export function createActionGate(port: GitHubPort, options: ActionGateOptions): ActionGate {
  const [owner = "", repo = ""] = options.repository.split("/");
  const prUrl = (number: number): string => `${trimTrailingSlashes(options.serverUrl)}/${options.repository}/pull/${number}`;

  async function evaluatePullRequest(number: number, headShaHint: string): Promise<GateEvaluation> {
    const { load, verdict } = await evaluateSharedHead(port, { owner, repo, number }, ACTION);
    const pr = load.pullRequest;
    const headSha = pr?.headSha ?? headShaHint;
    const configCheck = proposedConfigCheck(load);
    return {
      subject: { kind: "pull-request", number, url: prUrl(number), headSha },
      verdict,
      annotations: [
        ...(load.input.kind === "invalid-config" ? configIssueAnnotations(load.input.issues) : []),
        ...(configCheck?.annotations ?? []),
      ],
      extraChecks: configCheck === null ? [] : [configCheck],
      statuses: load.statuses ?? null,
      summaryComment: load.input.kind === "ready" && load.input.config.comment && pr?.state === "open",
    };
  }

  // The token's own account (GraphQL viewer), asked once per run: only its summary comment is adopted.
  let ownLogin: Promise<string> | null = null;

  return {
    evaluatePullRequest,
    async evaluateMergeGroup(group) {
      const subject = { kind: "merge-group", ...group } as const;
      const branch = group.baseRef.replace(/^refs\/heads\//, "");
      const evaluated = await evaluateMergeGroup(port, { owner, repo, branch, headSha: group.headSha }, ACTION);
      if (evaluated.kind === "not-queued") {
        // A merge_group event named this commit, but the queue no longer lists it: never judged as one PR.
        return { subject, verdict: evaluateInput({ kind: "read-failed", what: `the merge group ${group.headSha.slice(0, 7)} in the merge queue of ${branch}`, detail: "the queue does not list it" }, ACTION) };
      }
      return { subject, verdict: evaluated.verdict };
    },
    readFailedVerdict(what, detail) {
      return evaluateInput({ kind: "read-failed", what, detail }, ACTION) as GateVerdict;
    },
    listOpenPullRequests: () => listOpenPullRequests(port, { owner, repo }),
    publishSummaryComment: (number, verdict, log) =>
      publishSummaryComment(port, { owner, repo, number }, verdict, { log, ownLogin: () => (ownLogin ??= fetchOwnLogin(port)) }),
    statusPort: port,
  };
}
