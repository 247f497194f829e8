/**
 * What the release-note rules found. Produced by `evaluateReleaseNote`
 * (src/core/notes/evaluate-release-note.ts); read by the gate and the renderers.
 */

export type FindingSeverity = "blocking" | "warning" | "notice";

export type FindingKind =
  // blocking
  | "missing-section"
  | "empty-section"
  | "section-outside-note"
  | "placeholder"
  | "too-few-words"
  | "department-not-named"
  | "unreadable-note"
  // plain language (warnings; blocking when plain_language.enforce)
  | "grade-too-high"
  | "long-sentence"
  | "jargon"
  // hints (notices)
  | "passive-voice"
  | "acronym";

export interface NoteFinding {
  readonly kind: FindingKind;
  readonly severity: FindingSeverity;
  /** One sentence a person can act on. */
  readonly message: string;
  /**
   * 1-based position in the note file (or in the PR body for an inline note).
   * Columns count UTF-16 code units; `endColumn` is the column just after the
   * last character (as in mdast), so a one-character finding has endColumn = column + 1.
   */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** The sentence or text concerned, for inline notes where no file can be annotated. */
  readonly quote?: string;
  /**
   * A term used more than once (jargon, an acronym) is one finding, at its
   * first use; this lists every use, the first included, so that each can be
   * annotated. Absent for a single use.
   */
  readonly occurrences?: readonly FindingRange[];
}

/** Where one use of a term is (as in NoteFinding). */
export interface FindingRange {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** The note that was accepted. */
export type FoundNote =
  | { readonly kind: "in-repo"; readonly path: string; readonly blobSha: string; readonly link: string }
  | { readonly kind: "inline"; readonly heading: string; readonly line: number }
  | { readonly kind: "external"; readonly url: string; readonly host: string };

/** A candidate that was not accepted, with the precise reason. */
export interface RejectedCandidate {
  /** The link or section as written in the PR description. */
  readonly text: string;
  /** Line in the PR description. */
  readonly line: number;
  readonly reason: string;
}

export interface ReleaseNoteResult {
  /** The first valid candidate, or null. */
  readonly note: FoundNote | null;
  /** True when the release-note check passes. */
  readonly valid: boolean;
  /** Every candidate that was rejected (including ones that were read and failed their checks). */
  readonly rejected: readonly RejectedCandidate[];
  /** Findings on the accepted note (or, when none is valid, on the first readable candidate). */
  readonly findings: readonly NoteFinding[];
  /**
   * The repository file the findings are on (annotated at their lines): the
   * accepted in-repo note, or the first readable in-repo candidate when none
   * is valid. Absent or null when they are on an inline note (quoted instead).
   */
  readonly findingsPath?: string | null;
  /** Other remarks for the summary: other distinct notes, "make this a link", "add a link to …", "not read (external)". */
  readonly remarks: readonly string[];
  /** The first blocking problem, as a one-line title for the check ("Link a human release note in the PR description"). */
  readonly firstProblem: string | null;
  /** Word count of the note prose (null for external notes). */
  readonly words: number | null;
}
