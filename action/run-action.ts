import type { Annotation, CheckVerdict, GateVerdict, Outcome } from "../src/core/rules/gate-verdict.js";
import {
  publishCommitStatuses,
  toCommitStatuses,
  type CommitStatusPort,
  type NewestStatuses,
  type StatusWrite,
} from "../src/github/publish-commit-statuses.js";
import type { SecondaryWrite, SecondaryWriteOptions } from "../src/github/publish-summary-comment.js";
import { renderJobSummary, type JobSummaryEntry, type JobSummarySubject } from "./render-job-summary.js";
import { emitAnnotations, type AnnotationSink } from "./emit-annotations.js";
import { findActionTargets, READ_ONLY_ADVICE } from "./find-action-targets.js";
import { selectActionOutputs, selectVerdictResult, type ActionOutputs } from "./select-action-outputs.js";
import { trimTrailingSlashes } from "../src/core/paths/trim-trailing-slashes.js";

/** The Action's inputs (action.yml). */
export interface ActionInputs {
  readonly configPath: string;
  readonly failOnBlock: boolean;
  readonly statuses: boolean;
}

/** What the runner tells the Action about this run. */
export interface ActionContext {
  readonly eventName: string;
  readonly payload: unknown;
  /** `owner/name` (GITHUB_REPOSITORY). */
  readonly repository: string;
  /** GITHUB_SERVER_URL. */
  readonly serverUrl: string;
  /** GITHUB_RUN_ID. */
  readonly runId: string;
}

/** The verdict for one pull request (or merge group commit), from the shared engine. */
export interface GateEvaluation {
  readonly subject: JobSummarySubject;
  /** null: there is no configuration on the default branch; nothing is posted. */
  readonly verdict: GateVerdict | null;
  /** Annotations besides the verdict's (errors of `.integ.yml` at their lines). */
  readonly annotations?: readonly Annotation[];
  /** Shown in the summary, not posted (the `integ-gate/config` verdict of a PR that changes `.integ.yml`). */
  readonly extraChecks?: readonly CheckVerdict[];
  /** Our statuses on the subject's head commit, when the evaluation read them already. */
  readonly statuses?: NewestStatuses | null;
  /** `comment: true` and the PR is open: keep its summary comment. */
  readonly summaryComment?: boolean;
}

/** An open pull request, as listed. */
export interface OpenPullRequest {
  readonly number: number;
  readonly headSha: string;
}

/** The shared reading code and engine, as the Action uses them (built in main.ts). */
export interface ActionGate {
  /** Reads the PR and the config, evaluates. Throws only when even the error verdict cannot be produced. */
  evaluatePullRequest(number: number, headSha: string): Promise<GateEvaluation>;
  /** The merge queue rule: every PR the group's head contains must still pass. */
  evaluateMergeGroup(group: { readonly headSha: string; readonly headRef: string; readonly baseRef: string }): Promise<GateEvaluation>;
  /** An error verdict ("Could not read …") for a read that failed outside the engine. */
  readFailedVerdict(what: string, detail: string): GateVerdict;
  listOpenPullRequests(): Promise<readonly OpenPullRequest[]>;
  /** Keeps the PR's one summary comment, written by the token's own account (best-effort). */
  publishSummaryComment?(number: number, verdict: GateVerdict, log: SecondaryWriteOptions["log"]): Promise<SecondaryWrite>;
  readonly statusPort: CommitStatusPort;
}

/** How the Action talks to the runner (@actions/core in main.ts, a recorder in tests). */
export interface ActionIo {
  info(message: string): void;
  notice(message: string): void;
  annotate: AnnotationSink;
  setOutput(name: string, value: string): void;
  setFailed(message: string): void;
  writeSummary(markdown: string): Promise<void>;
  /** HTTP requests sent so far (for the benchmark line). */
  requestCount(): number;
}

/** What the run decided (also returned for tests). */
export interface ActionRunReport {
  readonly outputs: ActionOutputs;
  readonly failed: string | null;
  readonly entries: readonly JobSummaryEntry[];
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function prUrl(context: ActionContext, number: number): string {
  return `${trimTrailingSlashes(context.serverUrl)}/${context.repository}/pull/${number}`;
}

interface Job {
  readonly subject: JobSummarySubject;
  readonly evaluate: () => Promise<GateEvaluation>;
}

/**
 * The Action, start to finish: find what the event asks for, evaluate each
 * pull request with the shared engine, write the commit statuses (only when
 * they change, never with a read-only token), annotate, set the outputs,
 * write the job summary, and fail the job when docs/action.md#statuses says so.
 */
export async function runAction(
  inputs: ActionInputs,
  context: ActionContext,
  gate: ActionGate,
  io: ActionIo,
): Promise<ActionRunReport> {
  const targets = findActionTargets(context.eventName, context.payload, context.repository);
  const targetUrl = `${trimTrailingSlashes(context.serverUrl)}/${context.repository}/actions/runs/${context.runId}`;
  const [owner = "", repo = ""] = context.repository.split("/");
  const notices: string[] = [];
  const forced: Outcome[] = [];
  const failures: string[] = [];
  let readOnlyReason: string | null = null;
  const jobs: Job[] = [];

  const prJob = (number: number, headSha: string): Job => ({
    subject: { kind: "pull-request", number, url: prUrl(context, number), headSha },
    evaluate: () => gate.evaluatePullRequest(number, headSha),
  });

  try {
    switch (targets.kind) {
      case "ignored":
        io.info(targets.message);
        forced.push(targets.result);
        if (targets.result === "error") failures.push(targets.message);
        break;
      case "pull-request":
        // With `statuses: false` nothing is written anyway: a read-only token is no problem then.
        readOnlyReason = inputs.statuses ? targets.readOnlyReason : null;
        jobs.push(prJob(targets.number, targets.headSha));
        break;
      case "merge-group": {
        const group = { headSha: targets.headSha, headRef: targets.headRef, baseRef: targets.baseRef };
        jobs.push({ subject: { kind: "merge-group", ...group }, evaluate: () => gate.evaluateMergeGroup(group) });
        break;
      }
      case "open-pull-requests": {
        const open = await gate.listOpenPullRequests();
        io.info(`Re-evaluating ${open.length} open pull request(s).`);
        for (const pr of open) jobs.push(prJob(pr.number, pr.headSha));
        if (open.length === 0) forced.push("skipped");
        break;
      }
      case "workflow-run": {
        let prs: readonly OpenPullRequest[];
        if (targets.numbers.length > 0) {
          prs = targets.numbers.map((number) => ({ number, headSha: targets.headSha }));
        } else {
          prs = (await gate.listOpenPullRequests()).filter((pr) => pr.headSha === targets.headSha);
        }
        if (prs.length === 0) {
          io.info(`No open pull request has head commit ${targets.headSha}: nothing to evaluate.`);
          forced.push("skipped");
        }
        for (const pr of prs) jobs.push(prJob(pr.number, pr.headSha));
        break;
      }
    }
  } catch (error) {
    const message = `integ-gate could not list the pull requests to evaluate: ${errorMessage(error)}`;
    forced.push("error");
    failures.push(message);
  }

  if (readOnlyReason !== null) {
    notices.push(`${readOnlyReason} Nothing was written. ${READ_ONLY_ADVICE}`);
  }

  const entries: JobSummaryEntry[] = [];
  const verdicts: GateVerdict[] = [];
  const annotations: Annotation[] = [];
  for (const job of jobs) {
    let evaluation: GateEvaluation;
    try {
      evaluation = await job.evaluate();
    } catch (error) {
      evaluation = { subject: job.subject, verdict: gate.readFailedVerdict("GitHub", errorMessage(error)) };
    }
    const verdict = evaluation.verdict;
    annotations.push(...(evaluation.annotations ?? []));
    for (const check of evaluation.extraChecks ?? []) annotations.push(...check.annotations);
    if (verdict === null) {
      const message =
        `integ-gate is not configured: there is no ${inputs.configPath} on the default branch of ${context.repository}. ` +
        "Add one (see docs/configuration.md) or remove this workflow. No status was posted.";
      forced.push("error");
      if (!failures.includes(message)) failures.push(message);
      entries.push({ subject: evaluation.subject, verdict: null, writes: [], message });
      continue;
    }
    verdicts.push(verdict);
    const statuses = toCommitStatuses(verdict);
    let writes: readonly StatusWrite[];
    if (!inputs.statuses) {
      writes = statuses.map((status) => ({ status, action: "skipped", reason: "the `statuses` input is false" }));
    } else if (readOnlyReason !== null) {
      writes = statuses.map((status) => ({ status, action: "skipped", reason: "the token is read-only" }));
    } else {
      try {
        const publication = await publishCommitStatuses(
          gate.statusPort,
          { owner, repo, sha: evaluation.subject.headSha, targetUrl },
          statuses,
          { newest: evaluation.statuses ?? null },
        );
        writes = publication.writes;
        if (publication.readOnly && readOnlyReason === null) {
          readOnlyReason = "GitHub refused to write the commit statuses (403 Resource not accessible by integration): this run's token is read-only.";
          notices.push(
            `${readOnlyReason} Give the workflow \`permissions: statuses: write\`. ${READ_ONLY_ADVICE}`,
          );
        }
      } catch (error) {
        const message = `integ-gate could not write the commit statuses: ${errorMessage(error)}`;
        writes = statuses.map((status) => ({ status, action: "skipped", reason: errorMessage(error) }));
        forced.push("error");
        failures.push(message);
      }
    }
    entries.push({ subject: evaluation.subject, verdict, writes, extraChecks: evaluation.extraChecks ?? [] });
    if (evaluation.summaryComment === true && evaluation.subject.kind === "pull-request" && readOnlyReason === null && gate.publishSummaryComment) {
      // Best-effort: a failure is logged, never fatal.
      await gate.publishSummaryComment(evaluation.subject.number, verdict, { info: (m) => io.info(m), warn: (m) => io.notice(m) });
    }
  }

  // Annotations, at most 10 of each kind; the rest go to the summary.
  const overflow = emitAnnotations(
    [...annotations, ...verdicts.flatMap((v) => [...v.releaseNote.annotations, ...v.ownerApproval.annotations])],
    io.annotate,
  );

  const outputs = selectActionOutputs(verdicts, forced);
  for (const [name, value] of Object.entries(outputs)) io.setOutput(name, value);

  if (readOnlyReason !== null) {
    for (const notice of notices) io.notice(notice);
    failures.push(`${readOnlyReason} The statuses were not written. ${READ_ONLY_ADVICE}`);
  }
  for (const verdict of verdicts) {
    if (selectVerdictResult(verdict) === "error") {
      for (const check of [verdict.releaseNote, verdict.ownerApproval]) {
        if (check.outcome === "error") failures.push(`${check.name}: ${check.title}`);
      }
    }
  }
  if (inputs.failOnBlock && outputs.result === "blocked") {
    failures.push("integ-gate blocked the pull request (fail-on-block: true). See the job summary.");
  }

  const requests = io.requestCount();
  await io.writeSummary(
    renderJobSummary({
      repository: context.repository,
      result: outputs.result,
      notices,
      entries,
      overflowAnnotations: overflow,
      requestCount: requests,
    }),
  );
  io.info(`integ-gate: result ${outputs.result}; ${requests} GitHub API requests`);

  const failed = failures.length === 0 ? null : [...new Set(failures)].join("\n");
  if (failed !== null) io.setFailed(failed);
  return { outputs, failed, entries };
}
