import type { NoteFinding } from "../core/notes/release-note-result.js";
import type { NoteFileReport } from "./evaluate-note-file.js";
import type { ConfigSource } from "./find-cli-config-file.js";

/** `note.md:line:col: severity kind: message`, one finding. */
export function renderFindingLine(file: string, finding: NoteFinding): string {
  return `${file}:${finding.line}:${finding.column}: ${finding.severity} ${finding.kind}: ${finding.message}`;
}

/**
 * The human report of `lint-note`: one line per finding (blocking first,
 * then warnings and notices by position), the remarks, and the one-line
 * verdict last.
 */
export function renderNoteReport(report: NoteFileReport): string {
  const lines = report.findings.map((f) => renderFindingLine(report.file, f));
  for (const remark of report.remarks) lines.push(`note: ${remark}`);
  const count = (severity: NoteFinding["severity"], word: string): string | null => {
    const n = report.findings.filter((f) => f.severity === severity).length;
    return n === 0 ? null : `${n} ${word}${n === 1 ? "" : "s"}`;
  };
  const counts = [count("blocking", "blocking problem"), count("warning", "warning"), count("notice", "notice")].filter(
    (c): c is string => c !== null,
  );
  const facts = [`${report.words} word${report.words === 1 ? "" : "s"}`];
  if (report.grade !== null) facts.push(`grade ${report.grade.toFixed(1)}`);
  const detail = `(${[counts.join(", "), facts.join(", ")].filter((p) => p !== "").join("; ")})`;
  // A passing check's title only names the note; a failing one says what to fix.
  const title = report.valid ? "" : `: ${report.title}`;
  lines.push(`${report.file}: ${report.verdict.toUpperCase()}${title} ${detail}`);
  return `${lines.join("\n")}\n`;
}

/** The `--json` document of `lint-note` (stable keys; findings in report order). */
export function renderNoteReportJson(report: NoteFileReport, meta: NoteReportMeta): string {
  const doc = {
    file: report.file,
    config: meta.config,
    configSource: meta.configSource,
    systems: meta.systems,
    impactedSystems: meta.impactedSystems,
    impactedDepartments: meta.impactedDepartments,
    verdict: report.verdict,
    valid: report.valid,
    title: report.title,
    problems: report.problems,
    words: report.words,
    grade: report.grade === null ? null : Math.round(report.grade * 10) / 10,
    findings: report.findings.map((f) => ({
      kind: f.kind,
      severity: f.severity,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      message: f.message,
      ...(f.quote === undefined ? {} : { quote: f.quote }),
      ...(f.occurrences === undefined ? {} : { occurrences: f.occurrences }),
    })),
    remarks: report.remarks,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** What `--json` adds about the run: the config used and the impact. */
export interface NoteReportMeta {
  /** The config file, or null for the built-in defaults. */
  readonly config: string | null;
  /** Where it came from: "--config", "working-directory", "git-root" or "defaults". */
  readonly configSource: ConfigSource;
  readonly systems: readonly string[];
  readonly impactedSystems: readonly string[];
  readonly impactedDepartments: readonly string[];
}
