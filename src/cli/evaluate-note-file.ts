import { relative, sep } from "node:path";
import type { IntegConfig } from "../core/config/integ-config.js";
import { analyseNoteSource } from "../core/notes/analyse-note-source.js";
import { plainLanguageOptionsOf } from "../core/notes/evaluate-release-note.js";
import type { NoteFinding, ReleaseNoteResult } from "../core/notes/release-note-result.js";
import { createPathMatcher } from "../core/paths/create-path-matcher.js";
import { renderReleaseNoteTitle } from "../core/report/render-release-note.js";
import type { Impact } from "../core/rules/evaluate-impact.js";

/** "pass", "pass with warnings" (only plain-language warnings) or "fail" (a blocking finding). */
export type NoteVerdict = "pass" | "pass with warnings" | "fail";

/** What `lint-note` reports about one note file. */
export interface NoteFileReport {
  /** The note file as given on the command line. */
  readonly file: string;
  readonly verdict: NoteVerdict;
  /** True when the integ-gate/release-note check would pass for this note. */
  readonly valid: boolean;
  /** The check's one-line title, as the gate would write it. */
  readonly title: string;
  /** The blocking problems as one-line titles, most important first. */
  readonly problems: readonly string[];
  readonly words: number;
  /** Flesch-Kincaid grade; null under 100 words. */
  readonly grade: number | null;
  /** Blocking findings first, then warnings and notices by position. */
  readonly findings: readonly NoteFinding[];
  /** Things to know that do not change the verdict (where the note must live, skipped checks). */
  readonly remarks: readonly string[];
}

/** Where the note is and what the PR changes. */
export interface NoteFileContext {
  /** The note file as given on the command line. */
  readonly file: string;
  readonly absolutePath: string;
  /** The repository root (the config's directory, or the working directory). */
  readonly root: string;
  readonly config: IntegConfig;
  /** From `--systems`; null when none were given. */
  readonly impact: Impact | null;
}

/**
 * Judges a note file as the release-note check judges a linked in-repo note
 * (`analyseNoteSource`, the same jargon list and known terms as
 * `evaluateReleaseNote`), with the departments impacted by the given systems,
 * and words the title as the check would.
 */
export function evaluateNoteFile(text: string, context: NoteFileContext): NoteFileReport {
  const { config } = context;
  const noteConfig = config.releaseNote;
  const departments = context.impact?.impactedDepartments ?? [];
  const analysis = analyseNoteSource(text, noteConfig, departments, plainLanguageOptionsOf(config));
  const repoPath = relative(context.root, context.absolutePath).split(sep).join("/");
  const result: ReleaseNoteResult = {
    note: analysis.valid ? { kind: "in-repo", path: repoPath, blobSha: "", link: repoPath } : null,
    valid: analysis.valid,
    rejected: [],
    findings: analysis.findings,
    remarks: [],
    firstProblem: analysis.problems[0] ?? null,
    words: analysis.words,
  };
  const warned = analysis.findings.some((f) => f.severity === "warning");
  return {
    file: context.file,
    verdict: !analysis.valid ? "fail" : warned ? "pass with warnings" : "pass",
    valid: analysis.valid,
    title: renderReleaseNoteTitle(result),
    problems: analysis.problems,
    words: analysis.words,
    grade: analysis.grade,
    findings: analysis.findings,
    remarks: remarksOf(repoPath, context),
  };
}

function remarksOf(repoPath: string, context: NoteFileContext): string[] {
  const remarks: string[] = [];
  const noteConfig = context.config.releaseNote;
  if (noteConfig.paths.length === 0) {
    remarks.push(`release_note.paths is empty: a note file in the repository cannot be linked as the note.`);
  } else if (repoPath.startsWith("../") || !createPathMatcher(noteConfig.paths)(repoPath)) {
    remarks.push(
      `${repoPath} is not under release_note.paths (${noteConfig.paths.join(", ")}): a PR that links it would not count it as the note.`,
    );
  }
  const impact = context.impact;
  if (!noteConfig.mentionDepartments) {
    remarks.push("mention_departments is off: departments were not checked.");
  } else if (impact === null) {
    remarks.push("No --systems given: the departments check was skipped (name the systems the change touches to run it).");
  } else if (impact.impactedDepartments.length === 0) {
    remarks.push(`The systems ${impact.impactedSystems.map((s) => s.name).join(", ")} impact no department.`);
  } else {
    remarks.push(
      `Impacted departments: ${impact.impactedDepartments.map((d) => d.name).join(", ")} (systems: ${impact.impactedSystems.map((s) => s.name).join(", ")}).`,
    );
  }
  return remarks;
}
