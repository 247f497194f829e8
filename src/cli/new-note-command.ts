import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { analyseNoteSource } from "../core/notes/analyse-note-source.js";
import { plainLanguageOptionsOf } from "../core/notes/evaluate-release-note.js";
import { renderNoteSkeleton } from "../core/notes/render-note-skeleton.js";
import { createPathMatcher } from "../core/paths/create-path-matcher.js";
import { EXIT, ReadError, UsageError, type CliIo, type ExitCode } from "./cli-io.js";
import { evaluateSystemsImpact } from "./evaluate-systems-impact.js";
import { findRepositoryRoot } from "./find-repository-root.js";
import { describeConfigSource, formatConfigIssue, loadCliConfig } from "./load-cli-config.js";
import { flag, listOption, parseCommandArgs, stringOption } from "./parse-command-args.js";
import { describeFsError } from "./read-text-file.js";

export const NEW_NOTE_HELP = `Usage: integ-gate new-note [--systems erp,crm] [--title "..."] [--config .integ.yml] [--out path] [--force]

Writes a release note skeleton from the config: a title, every required
section (release_note.sections), a heading for each department the change
impacts (the departments of the systems and of every system they feed,
transitively), and one plain example sentence under each heading.

Every place to write starts with a placeholder marker ("TODO"), so the
skeleton does NOT pass the release-note check until each one is replaced:
the gate never accepts an unfinished note. The lines to write are listed
on stderr.

Options:
  --systems <list>   systems the change touches, comma-separated (needs a config)
  --title <text>     the note's title (default: a placeholder)
  --config <file>    the .integ.yml to use (default: .integ.yml in this
                     directory, else the one at the root of the git
                     repository, else the built-in defaults; stderr says which)
  --out <path>       write the skeleton to this file (directories are
                     created) instead of printing it
  --force            overwrite --out if it exists
  -h, --help         show this help

Exit codes:
  0  the skeleton was printed or written
  1  the config is invalid
  2  usage error (unknown system, --out exists without --force, ...)
  3  the config could not be read or the file could not be written

Example:
  integ-gate new-note --systems erp --title "Product ids reach the CRM" \\
    --out docs/release-notes/product-ids.md
`;

/** `integ-gate new-note`: a note skeleton for the systems a change touches. */
export async function runNewNoteCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const args = parseCommandArgs(
    argv,
    {
      systems: { type: "string" },
      title: { type: "string" },
      config: { type: "string" },
      out: { type: "string" },
      force: { type: "boolean" },
    },
    0,
  );
  if (flag(args, "help")) {
    io.stdout(NEW_NOTE_HELP);
    return EXIT.ok;
  }
  const systemsOption = stringOption(args, "systems");
  const configFile = stringOption(args, "config");
  const loaded = loadCliConfig(configFile, io.cwd);
  if (systemsOption !== undefined && loaded.source === "defaults") {
    throw new UsageError(
      "--systems needs a config: there is no .integ.yml in this directory or at the git root; pass --config <file>",
    );
  }
  if (!loaded.ok) {
    for (const issue of loaded.issues) io.stderr(`${formatConfigIssue(issue)}\n`);
    io.stderr(`${loaded.file} is invalid: fix it first (integ-gate validate ${loaded.file}).\n`);
    return EXIT.blocked;
  }
  const said = describeConfigSource(loaded);
  if (said !== null) io.stderr(`${said}\n`);
  const systems = listOption(systemsOption);
  const impact = evaluateSystemsImpact(systems, loaded.config);
  const title = stringOption(args, "title");
  const out = stringOption(args, "out");
  const lintCommand = [
    "integ-gate lint-note",
    out ?? "<this file>",
    ...(configFile === undefined ? [] : ["--config", configFile]),
    ...(systems.length === 0 ? [] : ["--systems", systems.join(",")]),
  ].join(" ");
  const skeleton = renderNoteSkeleton({
    ...(title === undefined ? {} : { title }),
    lintCommand,
    systems,
    departments: impact.impactedDepartments,
    config: loaded.config.releaseNote,
  });

  if (out === undefined) {
    io.stdout(skeleton.markdown);
  } else {
    const target = isAbsolute(out) ? out : resolve(io.cwd, out);
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, skeleton.markdown, { encoding: "utf8", flag: flag(args, "force") ? "w" : "wx" });
    } catch (error) {
      const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
      if (code === "EEXIST") throw new UsageError(`${out} already exists: pass --force to overwrite it`);
      throw new ReadError(`${out}: could not write: ${describeFsError(error)}`);
    }
    io.stderr(`Wrote ${out}.\n`);
    const repoPath = relative(findRepositoryRoot(target, loaded.root), target).split(sep).join("/");
    const paths = loaded.config.releaseNote.paths;
    if (repoPath.startsWith("../") || !createPathMatcher(paths)(repoPath)) {
      io.stderr(
        `note: ${repoPath} is not under release_note.paths (${paths.length === 0 ? "empty" : paths.join(", ")}): a PR that links it would not count it as the note.\n`,
      );
    }
  }

  // Say plainly that the skeleton is unfinished, and what the gate says about it now.
  const analysis = analyseNoteSource(
    skeleton.markdown,
    loaded.config.releaseNote,
    impact.impactedDepartments,
    plainLanguageOptionsOf(loaded.config),
  );
  const where = out ?? "the skeleton";
  if (analysis.valid) {
    io.stderr(
      `note: release_note.placeholders does not contain "${skeleton.marker}", so the gate will not catch a marker left in: replace all ${skeleton.markerLines.length} of them.\n`,
    );
  } else {
    const lines = skeleton.markerLines.join(", ");
    io.stderr(
      `${where} does not pass the release-note check yet: replace the ${skeleton.markerLines.length} "${skeleton.marker}" line${skeleton.markerLines.length === 1 ? "" : "s"} (line${skeleton.markerLines.length === 1 ? "" : "s"} ${lines}) with your own words.\n`,
    );
    if (impact.impactedDepartments.length > 0) {
      io.stderr(`Impacted departments: ${impact.impactedDepartments.map((d) => d.name).join(", ")}.\n`);
    }
  }
  return EXIT.ok;
}
