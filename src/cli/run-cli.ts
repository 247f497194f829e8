import { EXIT, ReadError, UsageError, type CliIo, type ExitCode } from "./cli-io.js";

export const TOP_HELP = `Usage: integ-gate <command> [options]

integ-gate gates the merge of integration pull requests: a human,
plain-language release note and approval by the integration owners.
This command line checks the same rules before you open the pull request.

Commands:
  validate [.integ.yml]           check a config; every problem as file:line:col
  lint-note <note.md>             judge a release note as the gate would
  new-note --systems erp          write a release note skeleton from the config
  explain --repo o/r --pr N       print what the gate would post on a live PR (posts nothing)
  digest --repo o/r --since 7d    the merged release notes of a window, per department

Options:
  -h, --help       show this help (or "integ-gate <command> --help")
  -v, --version    print the version

Exit codes (every command):
  0  ok: valid config, the note passes, the gate passes
  1  the gate would block: invalid config, a blocking note problem, approvals missing
  2  usage error
  3  could not read a file or GitHub (or write the --out file)
`;

type Command = (argv: readonly string[], io: CliIo) => Promise<ExitCode>;

/** Each command's module is loaded only when it runs (explain pulls in Octokit). */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  validate: async () => (await import("./validate-command.js")).runValidateCommand,
  "lint-note": async () => (await import("./lint-note-command.js")).runLintNoteCommand,
  "new-note": async () => (await import("./new-note-command.js")).runNewNoteCommand,
  explain: async () => (await import("./explain-command.js")).runExplainCommand,
  digest: async () => (await import("./digest-command.js")).runDigestCommand,
};

/**
 * The `integ-gate` command line: dispatches to one command and turns its
 * errors into the documented exit codes (2 usage, 3 unreadable). Never
 * throws; output goes through `io`.
 */
export async function runCli(argv: readonly string[], io: CliIo, version = "unknown"): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "-h" || first === "--help" || first === "help") {
    const topic = first === "help" ? rest[0] : undefined;
    if (topic !== undefined && COMMANDS[topic] !== undefined) return runCli([topic, "--help"], io, version);
    (first === undefined ? io.stderr : io.stdout)(TOP_HELP);
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === "-v" || first === "--version") {
    io.stdout(`integ-gate ${version}\n`);
    return EXIT.ok;
  }
  const load = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (load === undefined) {
    const known = Object.keys(COMMANDS);
    const hint = known.find((k) => k.startsWith(first.replace(/^-+/u, "").slice(0, 3)));
    io.stderr(
      `integ-gate: unknown command "${first}"${hint === undefined ? "" : ` (did you mean "${hint}"?)`}. Commands: ${known.join(", ")}. See integ-gate --help.\n`,
    );
    return EXIT.usage;
  }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`integ-gate ${first}: ${error.message}\nSee integ-gate ${first} --help.\n`);
      return EXIT.usage;
    }
    if (error instanceof ReadError) {
      io.stderr(`integ-gate ${first}: ${error.message}\n`);
      return EXIT.unreadable;
    }
    io.stderr(`integ-gate ${first}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.unreadable;
  }
}
