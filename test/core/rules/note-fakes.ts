import type { ReleaseNoteResult } from "../../../src/core/notes/release-note-result.js";

/** The note path the fakes use. */
export const NOTE_PATH = "docs/release-notes/erp-product-ids.md";

/** A valid in-repo note at head with blob `blobSha`. */
export function validNote(blobSha = "blob-new", overrides: Partial<ReleaseNoteResult> = {}): ReleaseNoteResult {
  return {
    note: { kind: "in-repo", path: NOTE_PATH, blobSha, link: NOTE_PATH },
    valid: true,
    rejected: [],
    findings: [],
    remarks: [],
    firstProblem: null,
    words: 120,
    ...overrides,
  };
}

/** A valid inline note (the "Human release note" section of the PR body). */
export function inlineNote(): ReleaseNoteResult {
  return { ...validNote(), note: { kind: "inline", heading: "Human release note", line: 3 } };
}

/** No valid note: the PR body links nothing. */
export function invalidNote(firstProblem = "Link a human release note in the PR description"): ReleaseNoteResult {
  return { note: null, valid: false, rejected: [], findings: [], remarks: [], firstProblem, words: null };
}
