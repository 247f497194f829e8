import type { ConfigIssue } from "../src/core/config/config-error.js";
import { renderProposedConfigCheck } from "../src/core/report/render-config-check.js";
import { combineVerdicts, evaluateGate, type PullRequestVerdict } from "../src/core/rules/evaluate-gate.js";
import type { GateInput } from "../src/core/rules/gate-input.js";
import type { Annotation, CheckVerdict, GateVerdict } from "../src/core/rules/gate-verdict.js";
import { fetchOwnLogin } from "../src/github/fetch-own-login.js";
import { describeError, type GitHubPort } from "../src/github/github-port.js";
import { listOpenPullRequests } from "../src/github/list-open-pull-requests.js";
import { loadPullRequestFacts, type PullRequestLoad } from "../src/github/load-pull-request-facts.js";
import { evaluateMergeGroupVerdict } from "../src/core/rules/evaluate-merge-group-verdict.js";
import { publishSummaryComment } from "../src/github/publish-summary-comment.js";
import { fetchMergeGroupPullRequests } from "./fetch-merge-group-pull-requests.js";
import type { ActionGate, GateEvaluation } from "./run-action.js";

/** Where the Action runs. */
export interface ActionGateOptions {
  /** `owner/name`. */
  readonly repository: string;
  /** GITHUB_SERVER_URL (links in the summary). */
  readonly serverUrl: string;
}

function evaluate(input: GateInput): GateVerdict | null {
  try {
    return evaluateGate(input, { frontDoor: "action" });
  } catch (error) {
    return evaluateGate(
      { kind: "read-failed", what: "the pull request (integ-gate failed to evaluate it)", detail: describeError(error) },
      { frontDoor: "action" },
    );
  }
}

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
 * The shared reading code and engine behind the Action: the one facts loader
 * (`loadPullRequestFacts`, without check runs) and the one engine
 * (`evaluateGate` with the Action's wording), every open PR on the same head
 * combined (`combineVerdicts`), as run-gate does for the App.
 */
export function createActionGate(port: GitHubPort, options: ActionGateOptions): ActionGate {
  const [owner = "", repo = ""] = options.repository.split("/");
  const prUrl = (number: number): string => `${options.serverUrl.replace(/(?<!\/)\/+$/, "")}/${options.repository}/pull/${number}`;

  async function evaluatePullRequest(number: number, headShaHint: string): Promise<GateEvaluation> {
    const load = await loadPullRequestFacts(port, { owner, repo, number }, { appId: null });
    const pr = load.pullRequest;
    const headSha = pr?.headSha ?? headShaHint;
    let verdict = evaluate(load.input);
    if (pr !== null && pr.sharedHeadWith.length > 0 && verdict !== null) {
      const entries: PullRequestVerdict[] = pr.state === "open" ? [{ number: pr.number, verdict }] : [];
      for (const other of pr.sharedHeadWith) {
        const otherVerdict = evaluate((await loadPullRequestFacts(port, { owner, repo, number: other }, { appId: null })).input);
        if (otherVerdict !== null) entries.push({ number: other, verdict: otherVerdict });
      }
      verdict = combineVerdicts(entries) ?? verdict;
    }
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
      const numbers = await fetchMergeGroupPullRequests(port, { owner, repo, ...group });
      if (numbers.length === 0) {
        return { subject, verdict: evaluate({ kind: "read-failed", what: "the pull requests of the merge group", detail: `${group.headRef} names none` }) };
      }
      const entries: { number: number; verdict: GateVerdict | null }[] = [];
      for (const n of numbers) entries.push({ number: n, verdict: (await evaluatePullRequest(n, "")).verdict });
      return { subject, verdict: evaluateMergeGroupVerdict(entries) };
    },
    readFailedVerdict(what, detail) {
      return evaluate({ kind: "read-failed", what, detail }) as GateVerdict;
    },
    listOpenPullRequests: () => listOpenPullRequests(port, { owner, repo }),
    publishSummaryComment: (number, verdict, log) =>
      publishSummaryComment(port, { owner, repo, number }, verdict, { log, ownLogin: () => (ownLogin ??= fetchOwnLogin(port)) }),
    statusPort: port,
  };
}
