import type { CheckVerdict } from "../core/rules/gate-verdict.js";
import { EXIT, UsageError, type CliIo, type ExitCode } from "./cli-io.js";
import type { Explanation } from "./explain-pull-request.js";
import { flag, parseCommandArgs, stringOption } from "./parse-command-args.js";
import { trimTrailingSlashes } from "../core/paths/trim-trailing-slashes.js";

export const EXPLAIN_HELP = `Usage: integ-gate explain --repo owner/name --pr N [--json] [--door app|action] [--titles]

Reads a live pull request and prints what integ-gate would post on it now:
the integ-gate/release-note and integ-gate/owner-approval verdicts (title
and details), and integ-gate/config when the pull request changes
.integ.yml. It reads exactly what the App and the Action read (the
.integ.yml of the default branch, the description, the note files at the
head commit, reviews, commits, labels, teams) and posts nothing: any write
request is refused before it leaves the process.

Environment:
  GITHUB_TOKEN         a token that can read the repository (and its
                       organisation's teams, when .integ.yml names teams)
  GITHUB_API_URL       REST API root (default https://api.github.com;
                       GitHub Enterprise: https://HOST/api/v3)
  GITHUB_GRAPHQL_URL   GraphQL endpoint (default: derived from GITHUB_API_URL)

Options:
  --repo <owner/name>  the repository (default: $GITHUB_REPOSITORY)
  --pr <number>        the pull request number
  --door <app|action>  word the verdicts as the App (default) or the Action
  --titles             print only the one-line titles, not the details
  --json               print {pullRequest, checks, requests} as JSON
  -h, --help           show this help

Exit codes:
  0  both checks pass (or the PR is not an integration PR)
  1  the gate would block the merge: a check fails or waits for approvals,
     or the default branch has no or an invalid .integ.yml
  2  usage error (missing --repo/--pr, no GITHUB_TOKEN)
  3  GitHub could not be read

Example:
  GITHUB_TOKEN=$(gh auth token) integ-gate explain --repo acme/integrations --pr 42
`;

/** Where explain reads GitHub. */
export interface GitHubEndpoint {
  readonly token: string;
  readonly apiUrl: string;
  readonly graphqlUrl: string;
}

/** GITHUB_API_URL / GITHUB_GRAPHQL_URL / GITHUB_TOKEN, with github.com defaults (GraphQL derived as Octokit does). */
export function readGitHubEndpoint(env: CliIo["env"]): GitHubEndpoint {
  const token = env["GITHUB_TOKEN"]?.trim() ?? "";
  if (token === "") throw new UsageError("explain needs a token in GITHUB_TOKEN (e.g. GITHUB_TOKEN=$(gh auth token))");
  const apiUrl = trimTrailingSlashes(env["GITHUB_API_URL"]?.trim() || "https://api.github.com");
  const derived = /\/api\/v3$/u.test(apiUrl) ? apiUrl.replace(/\/api\/v3$/u, "/api/graphql") : `${apiUrl}/graphql`;
  const graphqlUrl = env["GITHUB_GRAPHQL_URL"]?.trim() || derived;
  return { token, apiUrl, graphqlUrl };
}

/** `integ-gate explain`: both verdicts of a live pull request, posting nothing. */
export async function runExplainCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const args = parseCommandArgs(
    argv,
    {
      repo: { type: "string" },
      pr: { type: "string" },
      door: { type: "string" },
      titles: { type: "boolean" },
      json: { type: "boolean" },
    },
    0,
  );
  if (flag(args, "help")) {
    io.stdout(EXPLAIN_HELP);
    return EXIT.ok;
  }
  const repoOption = stringOption(args, "repo") ?? io.env["GITHUB_REPOSITORY"];
  if (repoOption === undefined || repoOption === "") throw new UsageError("explain needs --repo owner/name");
  const [owner, repo, ...rest] = repoOption.split("/");
  if (owner === undefined || repo === undefined || owner === "" || repo === "" || rest.length > 0) {
    throw new UsageError(`--repo must be owner/name, not "${repoOption}"`);
  }
  const prOption = stringOption(args, "pr");
  if (prOption === undefined) throw new UsageError("explain needs --pr N");
  const number = Number(prOption.replace(/^#/u, ""));
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`--pr must be a pull request number, not "${prOption}"`);
  const door = stringOption(args, "door") ?? "app";
  if (door !== "app" && door !== "action") throw new UsageError(`--door must be "app" or "action", not "${door}"`);
  const endpoint = readGitHubEndpoint(io.env);

  // Loaded only here: the client and the loader are not needed for --help or the other commands.
  const [{ createRestClient }, { explainPullRequest }] = await Promise.all([
    import("../github/create-rest-client.js"),
    import("./explain-pull-request.js"),
  ]);
  // integ-gate's own bounded retries (createGatePort) act on faults; the client's plugins only wait out rate limits.
  const client = createRestClient({ ...endpoint, retries: 0, log: { warn: (message) => io.stderr(`${message}\n`) } });
  const explanation = await explainPullRequest(client.port, { owner, repo, number }, {
    frontDoor: door,
    retry: { log: { warn: (message) => io.stderr(`${message}\n`) } },
  });

  if (flag(args, "json")) io.stdout(renderExplanationJson(explanation));
  else io.stdout(renderExplanation(explanation, flag(args, "titles")));
  if (explanation.input === "read-failed") {
    io.stderr(`integ-gate: could not read ${owner}/${repo}#${number} (nothing was posted).\n`);
    return EXIT.unreadable;
  }
  const verdict = explanation.verdict;
  if (verdict === null) return EXIT.blocked;
  const passes = (c: CheckVerdict): boolean => c.outcome === "pass" || c.outcome === "skipped";
  return passes(verdict.releaseNote) && passes(verdict.ownerApproval) ? EXIT.ok : EXIT.blocked;
}

const WIDTH = "integ-gate/owner-approval".length;

/** The human report: a header, one line per check, then each check's details and annotations. */
export function renderExplanation(e: Explanation, titlesOnly: boolean): string {
  const name = `${e.target.owner}/${e.target.repo}#${e.target.number}`;
  const out: string[] = [];
  const head = e.headSha === null ? "" : ` (head ${e.headSha.slice(0, 7)})`;
  out.push(`${name}${e.title === null ? "" : ` "${e.title}"`}${head}`);
  if (e.verdict === null) {
    out.push(
      "No .integ.yml on the default branch: integ-gate is not configured here. The App posts nothing; the Action fails the job.",
    );
  } else {
    out.push(e.verdict.integration ? "An integration pull request." : "Not gated as an integration pull request.");
  }
  if (e.sharedHeadWith.length > 0) {
    out.push(`Its head commit is also the head of ${e.sharedHeadWith.map((n) => `#${n}`).join(", ")}: each check shows the most restrictive verdict.`);
  }
  out.push("");
  for (const c of e.checks) out.push(`${c.name.padEnd(WIDTH)}  ${c.outcome.toUpperCase().padEnd(7)}  ${c.title}`);
  if (!titlesOnly) {
    for (const c of e.checks) {
      out.push("", `── ${c.name}: ${c.outcome} ──`, "", c.summary.trimEnd());
      if (c.annotations.length > 0) {
        out.push("", "Annotations:");
        for (const a of c.annotations) {
          const col = a.startColumn === undefined ? "" : `:${a.startColumn}`;
          out.push(`${a.path}:${a.startLine}${col}: ${a.level}: ${a.message}`);
        }
      }
    }
  }
  const r = e.requests;
  out.push("", `Nothing was posted. Read with ${r.total} request${r.total === 1 ? "" : "s"} (${r.writeQueue} GraphQL, ${r.reads} REST GET).`);
  return `${out.join("\n")}\n`;
}

/** The `--json` document of explain. */
export function renderExplanationJson(e: Explanation): string {
  const doc = {
    pullRequest: { owner: e.target.owner, repo: e.target.repo, number: e.target.number, headSha: e.headSha, title: e.title },
    input: e.input,
    configured: e.input !== "no-config",
    integration: e.verdict?.integration ?? false,
    sharedHeadWith: e.sharedHeadWith,
    checks: e.checks.map((c) => ({ name: c.name, outcome: c.outcome, title: c.title, summary: c.summary, annotations: c.annotations })),
    awaiting: e.verdict?.awaiting ?? [],
    requests: e.requests,
    posted: false,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
