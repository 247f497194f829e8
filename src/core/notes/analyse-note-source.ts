import type { DepartmentConfig, ReleaseNoteConfig } from "../config/integ-config.js";
import { analyseNote } from "./analyse-note.js";
import type { NoteAnalysis } from "./analyse-note.js";
import type { PlainLanguageOptions } from "./lint-plain-language.js";
import { parseMarkdownModel } from "./parse-markdown-model.js";
import { selectNoteText } from "./select-note-text.js";

/**
 * Analyses a note file's text as the gate would when the PR links it
 * (front matter ignored; positions are in the file). For `lint-note` and
 * for in-repo notes. Pure.
 */
export function analyseNoteSource(
  source: string,
  config: ReleaseNoteConfig,
  impactedDepartments: readonly DepartmentConfig[],
  options: PlainLanguageOptions = {},
): NoteAnalysis {
  const model = parseMarkdownModel(source, { frontMatter: true });
  return analyseNote(selectNoteText(model), config, impactedDepartments, options);
}
