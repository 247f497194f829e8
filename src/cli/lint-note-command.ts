import { EXIT, UsageError, type CliIo, type ExitCode } from "./cli-io.js";
import { evaluateNoteFile } from "./evaluate-note-file.js";
import { evaluateSystemsImpact } from "./evaluate-systems-impact.js";
import { findRepositoryRoot } from "./find-repository-root.js";
import { describeConfigSource, formatConfigIssue, loadCliConfig } from "./load-cli-config.js";
import { flag, listOption, parseCommandArgs, stringOption } from "./parse-command-args.js";
import { readTextFile } from "./read-text-file.js";
import { renderNoteReport, renderNoteReportJson } from "./render-note-report.js";

export const LINT_NOTE_HELP = `Usage: integ-gate lint-note <note.md> [--config .integ.yml] [--systems erp,crm] [--json]

Judges a release note file as the integ-gate/release-note check would judge
it when a pull request links it: the blocking checks (required sections,
placeholders, minimum words, impacted departments named) and the
plain-language findings (reading grade, long sentences, jargon; passive voice
and unexplained acronyms as notices).

Prints one line per finding, "note.md:line:col: severity kind: message",
then a one-line verdict. Severities: blocking (the check fails), warning
(plain language; blocking with plain_language.enforce: true), notice (a hint).

Options:
  --config <file>    the .integ.yml to judge with (default: .integ.yml in
                     this directory, else the one at the root of the git
                     repository, else the built-in defaults, with no
                     systems or departments; stderr says which)
  --systems <list>   systems the change touches, comma-separated; their
                     departments and those of every system they feed
                     (transitively) must be named in the note
  --json             print the verdict as JSON instead
  -h, --help         show this help

Exit codes:
  0  the check would pass (warnings and notices allowed)
  1  the check would fail, or the config is invalid
  2  usage error (unknown option, unknown system, missing file argument)
  3  the note or the config could not be read

Examples:
  integ-gate lint-note docs/release-notes/product-ids.md --systems erp
  integ-gate lint-note note.md --config other.integ.yml --json
`;

/** `integ-gate lint-note`: the release-note verdict for one note file. */
export async function runLintNoteCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const args = parseCommandArgs(argv, { config: { type: "string" }, systems: { type: "string" }, json: { type: "boolean" } }, 1);
  if (flag(args, "help")) {
    io.stdout(LINT_NOTE_HELP);
    return EXIT.ok;
  }
  const file = args.positionals[0];
  if (file === undefined) throw new UsageError("lint-note needs the note file: integ-gate lint-note <note.md>");
  const systemsOption = stringOption(args, "systems");
  const systems = listOption(systemsOption);
  const configFile = stringOption(args, "config");
  const json = flag(args, "json");

  const loaded = loadCliConfig(configFile, io.cwd);
  if (systemsOption !== undefined && loaded.source === "defaults") {
    throw new UsageError(
      "--systems needs a config: there is no .integ.yml in this directory or at the git root; pass --config <file>",
    );
  }
  if (!loaded.ok) {
    for (const issue of loaded.issues) io.stderr(`${formatConfigIssue(issue)}\n`);
    io.stderr(`${loaded.file} is invalid: the gate would block every integration pull request until it is fixed.\n`);
    if (json) {
      const doc = { file, config: loaded.file, configSource: loaded.source, verdict: "invalid-config", valid: false, configIssues: loaded.issues };
      io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
    }
    return EXIT.blocked;
  }
  for (const warning of loaded.warnings) io.stderr(`${formatConfigIssue(warning, "warning")}\n`);
  const impact = systemsOption === undefined ? null : evaluateSystemsImpact(systems, loaded.config);
  const note = readTextFile(file, io.cwd);
  const report = evaluateNoteFile(note.text, {
    file,
    absolutePath: note.absolutePath,
    root: findRepositoryRoot(note.absolutePath, loaded.root),
    config: loaded.config,
    impact,
  });
  if (json) {
    io.stdout(
      renderNoteReportJson(report, {
        config: loaded.file,
        configSource: loaded.source,
        systems,
        impactedSystems: impact?.impactedSystems.map((s) => s.name) ?? [],
        impactedDepartments: impact?.impactedDepartments.map((d) => d.name) ?? [],
      }),
    );
  } else {
    const said = describeConfigSource(loaded);
    if (said !== null) io.stderr(`${said}\n`);
    io.stdout(renderNoteReport(report));
  }
  return report.valid ? EXIT.ok : EXIT.blocked;
}
