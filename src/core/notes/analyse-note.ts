import type { DepartmentConfig, ReleaseNoteConfig } from "../config/integ-config.js";
import { checkReleaseNote } from "./check-release-note.js";
import { lintPlainLanguage } from "./lint-plain-language.js";
import type { PlainLanguageOptions } from "./lint-plain-language.js";
import type { NoteFinding } from "./release-note-result.js";
import type { NoteText } from "./select-note-text.js";

/** Everything the gate says about one readable note (a note file or the inline section). */
export interface NoteAnalysis {
  /** True when no finding is blocking. */
  readonly valid: boolean;
  /** Blocking findings first (in check order), then warnings and notices by position. */
  readonly findings: readonly NoteFinding[];
  /** One-line titles of the blocking problems, most important first. */
  readonly problems: readonly string[];
  /** Words of prose. */
  readonly words: number;
  /** Flesch-Kincaid grade (null under 100 words). */
  readonly grade: number | null;
}

/**
 * Runs the blocking checks and the plain-language analysis on one note.
 * `options.knownTerms` (system and department names) are not flagged as acronyms. Pure.
 */
export function analyseNote(
  note: NoteText,
  config: ReleaseNoteConfig,
  impactedDepartments: readonly DepartmentConfig[],
  options: PlainLanguageOptions = {},
): NoteAnalysis {
  const checks = checkReleaseNote(note, config, impactedDepartments);
  const plain = lintPlainLanguage(note, config.plainLanguage, options);
  const blocking = [...checks.findings, ...plain.findings.filter((f) => f.severity === "blocking")];
  const rest = plain.findings
    .filter((f) => f.severity !== "blocking")
    .sort((a, b) => rank(a) - rank(b) || a.line - b.line || a.column - b.column);
  const problems = [...checks.problems, ...plain.problems];
  return {
    valid: blocking.length === 0,
    findings: [...blocking, ...rest],
    problems,
    words: note.proseWords.length,
    grade: plain.grade,
  };
}

function rank(f: NoteFinding): number {
  return f.severity === "warning" ? 0 : 1;
}
