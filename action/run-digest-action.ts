import { parseDigestWindow } from "../src/core/digest/parse-digest-window.js";
import { renderOverviewMarkdown } from "../src/core/digest/render-digest-markdown.js";
import { DigestReadError } from "../src/github/fetch-merged-pull-requests.js";
import { describeError, type GitHubPort } from "../src/github/github-port.js";
import { publishDigestIssues, type DigestIssueWrite } from "../src/github/publish-digest-issues.js";
import { runDigest } from "../src/run-digest.js";
import { writeDigestFiles } from "../src/write-digest-files.js";

/** The inputs of `mode: digest` (action.yml). */
export interface DigestActionInputs {
  /** A date or a duration before now (`7d`). */
  readonly since: string;
  /** "" for now. */
  readonly until: string;
  /** Departments asked for by name; empty: every impacted department. */
  readonly departments: readonly string[];
  /** Where the files go (the workflow uploads this folder). */
  readonly dir: string;
}

/** How the digest mode talks to the runner. */
export interface DigestActionIo {
  info(message: string): void;
  warning(message: string): void;
  setOutput(name: string, value: string): void;
  setFailed(message: string): void;
  writeSummary(markdown: string): Promise<void>;
}

/** What the digest mode did (for tests). */
export interface DigestActionReport {
  readonly failed: string | null;
  readonly files: readonly string[];
  readonly issues: readonly DigestIssueWrite[];
}

/**
 * `mode: digest`: reads the window's merged integration PRs, writes the
 * overview to the job summary and every file (markdown, HTML, JSON) to
 * `dir`, and with `.integ.yml` `digest.issue: true` opens or updates one
 * issue per department and period (docs/digest.md).
 */
export async function runDigestAction(
  inputs: DigestActionInputs,
  repository: string,
  port: GitHubPort,
  io: DigestActionIo,
  now: Date = new Date(),
): Promise<DigestActionReport> {
  const [owner = "", repo = ""] = repository.split("/");
  const fail = (message: string): DigestActionReport => {
    io.setFailed(message);
    return { failed: message, files: [], issues: [] };
  };
  let window;
  try {
    window = parseDigestWindow(inputs.since, inputs.until, now);
  } catch (error) {
    return fail(`integ-gate digest: ${error instanceof Error ? error.message.replace(/--(since|until)/gu, "the input `$1`") : String(error)}`);
  }
  let run;
  try {
    run = await runDigest(port, { owner, repo, window, departments: inputs.departments, viewer: true, generatedAt: now.toISOString() });
  } catch (error) {
    if (error instanceof DigestReadError) return fail(`integ-gate digest: ${error.message}. Nothing was written.`);
    throw error;
  }
  const { digest } = run;
  if (run.config === null) io.warning(`integ-gate digest: ${digest.repository.defaultBranch} has no valid .integ.yml now; departments come from the .integ.yml at each merge commit, and no digest issue is written.`);
  const files = await writeDigestFiles(digest, inputs.dir, ["markdown", "html", "json"]);
  io.info(`Wrote ${files.length} files to ${inputs.dir}: ${files.map((f) => f.slice(inputs.dir.length + 1)).join(", ")}`);
  io.setOutput("digest-dir", inputs.dir);
  io.setOutput("changes", String(digest.changes.length));
  io.setOutput("departments", digest.departments.map((d) => d.department).join(","));
  await io.writeSummary(renderOverviewMarkdown(digest));

  let issues: DigestIssueWrite[] = [];
  if (run.config?.digest.issue === true && digest.departments.length > 0) {
    const ownLogin = run.viewerLogin;
    if (ownLogin === null) return { ...fail("integ-gate digest: GitHub did not say which account this token acts as, so no digest issue was written."), files };
    try {
      issues = await publishDigestIssues(port, { owner, repo }, digest, { ownLogin, mention: run.config.digest.mention });
    } catch (error) {
      return { ...fail(`integ-gate digest: could not list the digest issues: ${describeError(error)}. No issue was written.`), files };
    }
    for (const w of issues) {
      if (w.result === "failed") io.warning(`integ-gate digest: could not write the issue for ${w.department}: ${w.detail ?? "unknown error"}`);
      else io.info(`Digest issue for ${w.department}: ${w.result}${w.number === null ? "" : ` (#${w.number})`}`);
    }
    const failed = issues.filter((w) => w.result === "failed").map((w) => w.department);
    if (failed.length > 0) return { ...fail(`integ-gate digest: could not write the digest issue for ${failed.join(", ")}.`), files, issues };
  }
  return { failed: null, files, issues };
}
