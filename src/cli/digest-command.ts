import { isAbsolute, resolve } from "node:path";
import { renderDepartmentHtml, renderOverviewHtml } from "../core/digest/render-digest-html.js";
import { renderDigestJson } from "../core/digest/render-digest-json.js";
import { renderDepartmentMarkdown, renderOverviewMarkdown } from "../core/digest/render-digest-markdown.js";
import { parseDigestWindow } from "../core/digest/parse-digest-window.js";
import { EXIT, ReadError, UsageError, type CliIo, type ExitCode } from "./cli-io.js";
import { flag, listOption, parseCommandArgs, stringOption } from "./parse-command-args.js";
import type { DigestFormat } from "../write-digest-files.js";

export const DIGEST_HELP = `Usage: integ-gate digest --repo owner/name --since 7d [--until DATE] [--department NAME]
                        [--format markdown|html|json] [--out DIR]

Collects the release notes of the integration pull requests merged into the
default branch in a window and gives each impacted department its part, in
the note's own words: what changes for them, what to do, whom to ask, and
links. Each note is read as it was at its merge commit, and its departments
come from the .integ.yml at that commit. Merges through the override label
or without a note are listed as such. Posts nothing.

Environment:
  GITHUB_TOKEN         a token that can read the repository
  GITHUB_API_URL       REST API root (default https://api.github.com;
                       GitHub Enterprise: https://HOST/api/v3)
  GITHUB_GRAPHQL_URL   GraphQL endpoint (default: derived from GITHUB_API_URL)

Options:
  --repo <owner/name>   the repository (default: $GITHUB_REPOSITORY)
  --since <when>        start of the window: a date (2026-11-23), a date-time,
                        or a duration before now (7d, 12h, 2w)
  --until <when>        end of the window, not included (default: now)
  --department <name>   only these departments (comma-separated); a department
                        asked for by name gets a digest even when nothing changed
  --format <format>     markdown (default), html or json
  --out <dir>           write the files there (overview, one per department,
                        digest.json) instead of printing
  -h, --help            show this help

Exit codes:
  0  the digest was made
  2  usage error
  3  GitHub could not be read whole (the message says what), or --out failed

Example:
  GITHUB_TOKEN=$(gh auth token) integ-gate digest --repo acme/integrations --since 7d --department sales
`;

const FORMATS: readonly DigestFormat[] = ["markdown", "html", "json"];

/** `integ-gate digest`: the merged release notes of a window, per department. */
export async function runDigestCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const args = parseCommandArgs(
    argv,
    {
      repo: { type: "string" },
      since: { type: "string" },
      until: { type: "string" },
      department: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
    },
    0,
  );
  if (flag(args, "help")) {
    io.stdout(DIGEST_HELP);
    return EXIT.ok;
  }
  const repoOption = stringOption(args, "repo") ?? io.env["GITHUB_REPOSITORY"];
  if (repoOption === undefined || repoOption === "") throw new UsageError("digest needs --repo owner/name");
  const [owner, repo, ...rest] = repoOption.split("/");
  if (owner === undefined || repo === undefined || owner === "" || repo === "" || rest.length > 0) {
    throw new UsageError(`--repo must be owner/name, not "${repoOption}"`);
  }
  const since = stringOption(args, "since");
  if (since === undefined) throw new UsageError("digest needs --since (a date such as 2026-11-23, or a duration such as 7d)");
  let window;
  try {
    window = parseDigestWindow(since, stringOption(args, "until"), new Date());
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const format = stringOption(args, "format") ?? "markdown";
  if (!FORMATS.includes(format as DigestFormat)) throw new UsageError(`--format must be markdown, html or json, not "${format}"`);
  const departments = listOption(stringOption(args, "department"));
  const out = stringOption(args, "out");
  if (format === "html" && out === undefined && departments.length !== 1) {
    throw new UsageError("--format html makes one page per department: add --out DIR, or ask for one --department");
  }
  if ((io.env["GITHUB_TOKEN"]?.trim() ?? "") === "") throw new UsageError("digest needs a token in GITHUB_TOKEN (e.g. GITHUB_TOKEN=$(gh auth token))");
  const { readGitHubEndpoint } = await import("./explain-command.js");
  const endpoint = readGitHubEndpoint(io.env);

  const [{ createRestClient }, { runDigest }, { DigestReadError }] = await Promise.all([
    import("../github/create-rest-client.js"),
    import("../run-digest.js"),
    import("../github/fetch-merged-pull-requests.js"),
  ]);
  const client = createRestClient({ ...endpoint, log: { warn: (message) => io.stderr(`${message}\n`) } });
  const started = Date.now();
  let run;
  try {
    run = await runDigest(client.port, { owner, repo, window, departments });
  } catch (error) {
    if (error instanceof DigestReadError) throw new ReadError(`${error.message} (nothing was written).`);
    throw error;
  }
  const digest = run.digest;
  if (run.config === null) io.stderr(`integ-gate digest: ${digest.repository.defaultBranch} has no valid .integ.yml now; departments and their aliases come from the .integ.yml at each merge commit.\n`);
  for (const unknown of digest.unknownDepartments) io.stderr(`integ-gate digest: "${unknown}" is not a department of .integ.yml on ${digest.repository.defaultBranch}.\n`);

  if (out !== undefined) {
    const { writeDigestFiles } = await import("../write-digest-files.js");
    const dir = isAbsolute(out) ? out : resolve(io.cwd, out);
    let paths: string[];
    try {
      paths = await writeDigestFiles(digest, dir, [format as DigestFormat]);
    } catch (error) {
      throw new ReadError(`could not write to ${dir}: ${error instanceof Error ? error.message : String(error)}`);
    }
    io.stdout(`${paths.join("\n")}\n`);
  } else if (format === "json") {
    io.stdout(renderDigestJson(digest));
  } else if (format === "html") {
    const only = digest.departments[0];
    io.stdout(only === undefined ? renderOverviewHtml(digest) : renderDepartmentHtml(digest, only));
  } else {
    const pages = departments.length > 0 ? [] : [renderOverviewMarkdown(digest)];
    for (const d of digest.departments) pages.push(renderDepartmentMarkdown(digest, d));
    io.stdout(pages.join("\n---\n\n"));
  }
  const n = digest.changes.length;
  io.stderr(
    `integ-gate digest: ${n} integration change${n === 1 ? "" : "s"} merged ${digest.window.label}, for ${digest.departments.length} department${digest.departments.length === 1 ? "" : "s"}; read with ${client.requests()} request${client.requests() === 1 ? "" : "s"} in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
  );
  return EXIT.ok;
}
