import { CONFIG_PATH } from "../core/config/integ-config.js";
import { EXIT, ReadError, type CliIo, type ExitCode } from "./cli-io.js";
import { findCliConfigFile } from "./find-cli-config-file.js";
import { formatConfigIssue, loadCliConfig } from "./load-cli-config.js";
import { flag, parseCommandArgs } from "./parse-command-args.js";

export const VALIDATE_HELP = `Usage: integ-gate validate [.integ.yml] [--json]

Validates an integ-gate configuration as the gate reads it: YAML syntax,
unknown keys, types, and the cross-key rules (feeds name defined systems,
departments are defined, approval.min can be met, a way to give a note is
left open ...). Prints every problem as "file:line:col: key: problem".

Arguments:
  .integ.yml     the file to check (default: .integ.yml in this directory,
                 else the one at the root of the git repository)

Options:
  --json         print {file, valid, issues, warnings} as JSON
  -h, --help     show this help

Exit codes:
  0  the config is valid (warnings allowed)
  1  the config is invalid
  2  usage error
  3  the file could not be read

Example:
  integ-gate validate .integ.yml
`;

/** `integ-gate validate`: every problem of a config with its line and column. */
export async function runValidateCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const args = parseCommandArgs(argv, { json: { type: "boolean" } }, 1);
  if (flag(args, "help")) {
    io.stdout(VALIDATE_HELP);
    return EXIT.ok;
  }
  const file = args.positionals[0] ?? findCliConfigFile(io.cwd)?.file;
  if (file === undefined) throw new ReadError(`${CONFIG_PATH}: no such file in this directory or at the git root`);
  const loaded = loadCliConfig(file, io.cwd);
  if (flag(args, "json")) {
    const issueJson = (i: { line: number; column: number; keyPath: string; problem: string; message: string }) => ({
      line: i.line,
      column: i.column,
      keyPath: i.keyPath,
      problem: i.problem,
      message: i.message,
    });
    const doc = loaded.ok
      ? { file, valid: true, issues: [], warnings: loaded.warnings.map(issueJson) }
      : { file, valid: false, issues: loaded.issues.map(issueJson), warnings: [] };
    io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
    return loaded.ok ? EXIT.ok : EXIT.blocked;
  }
  if (!loaded.ok) {
    for (const issue of loaded.issues) io.stdout(`${formatConfigIssue(issue)}\n`);
    const n = loaded.issues.length;
    io.stdout(`${file}: invalid (${n} problem${n === 1 ? "" : "s"})\n`);
    return EXIT.blocked;
  }
  for (const warning of loaded.warnings) io.stdout(`${formatConfigIssue(warning, "warning")}\n`);
  const { config } = loaded;
  const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  io.stdout(
    `${file}: valid (${count(config.systems.length, "system")}, ${count(config.departments.length, "department")}, owners ${config.owners.map((o) => o.raw).join(", ")}${loaded.warnings.length > 0 ? `, ${count(loaded.warnings.length, "warning")}` : ""})\n`,
  );
  return EXIT.ok;
}
