import type { DepartmentConfig, IntegConfig } from "../config/integ-config.js";
import type { PullRequestFacts } from "../facts/pull-request-facts.js";
import { analyseNote } from "./analyse-note.js";
import type { NoteAnalysis } from "./analyse-note.js";
import { analyseNoteSource } from "./analyse-note-source.js";
import { createJargonMatcher } from "./create-jargon-matcher.js";
import { countLines, MARKDOWN_LIMITS } from "./limit-markdown-constructs.js";
import type { PlainLanguageOptions } from "./lint-plain-language.js";
import { listNoteCandidates, noteCandidateContextOf } from "./list-note-candidates.js";
import type { NoteCandidate } from "./list-note-candidates.js";
import type { FoundNote, NoteFinding, RejectedCandidate, ReleaseNoteResult } from "./release-note-result.js";
import { selectNoteText } from "./select-note-text.js";

export const NO_NOTE_TITLE = "Link a human release note in the PR description";

type CandidateOutcome =
  | { readonly valid: true; readonly note: FoundNote; readonly analysis: NoteAnalysis | null }
  | { readonly valid: false; readonly reason: string; readonly analysis: NoteAnalysis | null };

/**
 * The release-note rule (docs/release-note.md): finds the note in the PR
 * description (first valid candidate in document order), reads in-repo notes
 * from `facts.noteFiles` (read at the head commit) and inline notes from the
 * description, runs the blocking checks and the plain-language analysis, and
 * explains every rejected candidate. Pure; never throws on any description.
 */
export function evaluateReleaseNote(
  facts: PullRequestFacts,
  config: IntegConfig,
  impactedDepartments: readonly DepartmentConfig[],
): ReleaseNoteResult {
  const noteConfig = config.releaseNote;
  const list = listNoteCandidates(facts.body, noteCandidateContextOf(facts, config));
  const plainOptions = plainLanguageOptionsOf(config);
  const inlineTitle = list.inlineSection?.text.trim() ?? noteConfig.inlineHeading;

  const evaluate = (c: NoteCandidate): CandidateOutcome => {
    if (c.kind === "inline") {
      const analysis = analyseNote(selectNoteText(list.model, c.heading), noteConfig, impactedDepartments, plainOptions);
      const note: FoundNote = { kind: "inline", heading: c.heading.text.trim(), line: c.line };
      return analysis.valid
        ? { valid: true, note, analysis }
        : { valid: false, reason: failedChecks(analysis), analysis };
    }
    const target = c.target;
    switch (target.kind) {
      case "external":
        return { valid: true, note: { kind: "external", url: target.url, host: target.host }, analysis: null };
      case "rejected":
      case "ignored":
        return { valid: false, reason: target.kind === "rejected" ? target.reason : "not a note", analysis: null };
      case "in-repo": {
        const file = facts.noteFiles[target.path];
        const at = `at the head commit (${facts.headSha.slice(0, 7)})`;
        if (file === undefined) return { valid: false, reason: `was not read ${at}`, analysis: null };
        if (file.kind === "missing") {
          return { valid: false, reason: `does not exist ${at}`, analysis: null };
        }
        if (file.kind === "binary") {
          return { valid: false, reason: "is a binary file, not a markdown note", analysis: null };
        }
        if (file.kind === "too-large") {
          return {
            valid: false,
            reason: `is too large to read (${file.byteSize.toLocaleString("en-US")} bytes)`,
            analysis: null,
          };
        }
        const lines = countLines(file.text);
        if (lines > MARKDOWN_LIMITS.lines) {
          return { valid: false, reason: `has ${lines.toLocaleString("en-US")} lines; a release note has at most ${MARKDOWN_LIMITS.lines.toLocaleString("en-US")}`, analysis: null };
        }
        const analysis = analyseNoteSource(file.text, noteConfig, impactedDepartments, plainOptions);
        const note: FoundNote = { kind: "in-repo", path: target.path, blobSha: file.blobSha, link: c.text };
        return analysis.valid
          ? { valid: true, note, analysis }
          : { valid: false, reason: failedChecks(analysis), analysis };
      }
    }
  };

  let accepted: CandidateOutcome | null = null;
  let firstReadable: NoteAnalysis | null = null;
  let firstReadablePath: string | null = null;
  let firstNoteProblem: string | null = null;
  const rejected: RejectedCandidate[] = [];
  const bodyLines = countLines(facts.body);
  if (bodyLines > MARKDOWN_LIMITS.lines) {
    const reason = `has ${bodyLines.toLocaleString("en-US")} lines; integ-gate reads descriptions of at most ${MARKDOWN_LIMITS.lines.toLocaleString("en-US")} lines (move long logs into a file or a comment)`;
    rejected.push({ text: "The PR description", line: 1, reason });
    firstNoteProblem = `The PR description ${reason}`;
  }
  const remarks: string[] = [];
  const seen = new Set<string>();
  for (const c of list.candidates) {
    const key = candidateKey(c);
    if (seen.has(key)) continue;
    seen.add(key);
    const outcome = evaluate(c);
    if (outcome.analysis !== null && firstReadable === null) {
      firstReadable = outcome.analysis;
      firstReadablePath = c.kind === "link" && c.target.kind === "in-repo" ? c.target.path : null;
    }
    if (!outcome.valid) {
      rejected.push({ text: c.text, line: c.line, reason: outcome.reason });
      const meantAsNote = c.kind === "inline" || c.target.kind === "in-repo";
      if (meantAsNote && firstNoteProblem === null) {
        firstNoteProblem = outcome.analysis?.problems[0] ?? linkProblem(c.text, outcome.reason);
      }
    } else if (accepted === null) {
      accepted = outcome;
    } else {
      remarks.push(`${describe(outcome.note)} (line ${c.line}) is also a valid release note; only the first one counts.`);
    }
  }

  const note = accepted?.valid === true ? accepted.note : null;
  if (note?.kind === "external") {
    remarks.unshift(
      `The release note is on ${note.host} (${note.url}): integ-gate accepts it but does not read it, so its sections, words and plain language were not checked.`,
    );
  }
  const linked = new Set<string>();
  for (const c of list.candidates) if (c.kind === "link" && c.target.kind === "in-repo") linked.add(c.target.path);
  for (const l of list.linksInInline) if (l.target.kind === "in-repo") linked.add(l.target.path);
  for (const p of list.plainPaths) {
    remarks.push(`${p.path} (line ${p.line}) is plain text: make this a link, e.g. [Release note](${p.path}).`);
  }
  const unlinked = list.addedNotePaths.filter((p) => !linked.has(p));
  for (const p of unlinked) {
    remarks.push(`This pull request adds ${p}, but the description does not link it: add [Release note](${p}).`);
  }
  if (note?.kind !== "inline") {
    for (const l of list.linksInInline) {
      if (l.target.kind === "in-repo" || l.target.kind === "external") {
        remarks.push(
          `The link ${l.link.url} (line ${l.line}) is inside the "${inlineTitle}" section, so it is read as part of that inline note: move it above the heading to use the linked note.`,
        );
      }
    }
  }
  if (note === null && list.inlineSection !== null && !list.candidates.some((c) => c.kind === "inline")) {
    remarks.push(`The "${inlineTitle}" section (line ${list.model.position(list.inlineSection.start).line}) has no text yet.`);
  }

  const analysis = accepted?.analysis ?? null;
  const findings: readonly NoteFinding[] = note !== null ? (analysis?.findings ?? []) : (firstReadable?.findings ?? []);
  const words = note !== null ? (analysis?.words ?? null) : (firstReadable?.words ?? null);
  return {
    note,
    valid: note !== null,
    rejected,
    findings,
    findingsPath: note !== null ? (note.kind === "in-repo" ? note.path : null) : firstReadablePath,
    remarks,
    firstProblem: note !== null ? null : firstProblemOf(unlinked, firstNoteProblem, rejected, list.plainPaths),
    words,
  };
}

/** Names the config gives to systems and departments: the organisation's own words, not acronyms to spell out. */
export function knownTermsOf(config: IntegConfig): string[] {
  return [
    ...config.systems.map((s) => s.name),
    ...config.departments.flatMap((d) => [d.name, ...d.aliases]),
  ];
}

/** What the plain-language analysis takes from the whole config: the jargon list, known names, system names. */
export function plainLanguageOptionsOf(config: IntegConfig): PlainLanguageOptions {
  return {
    matcher: createJargonMatcher(config.releaseNote.plainLanguage),
    knownTerms: knownTermsOf(config),
    systems: config.systems.map((s) => s.name),
  };
}

/** Candidates with the same key are one note: read and listed once. */
function candidateKey(c: NoteCandidate): string {
  if (c.kind === "inline") return "inline";
  switch (c.target.kind) {
    case "in-repo":
      return `path:${c.target.path}`;
    case "external":
      return `url:${c.target.url}`;
    default:
      return `bad:${c.text}`;
  }
}

function failedChecks(analysis: NoteAnalysis): string {
  return `the note failed its checks: ${analysis.problems[0] ?? "unknown problem"}`;
}

/**
 * The check's title when no note is valid: a note file the PR adds but does
 * not link, else the first candidate meant as a note (the inline section or
 * a link to a path under `release_note.paths`) with its problem, else the
 * first other rejected link, else a note path written as plain text.
 */
function firstProblemOf(
  unlinked: readonly string[],
  firstNoteProblem: string | null,
  rejected: readonly RejectedCandidate[],
  plainPaths: readonly { readonly path: string }[],
): string {
  const added = unlinked[0];
  if (added !== undefined) return `Link the release note ${added} in the PR description`;
  if (firstNoteProblem !== null) return firstNoteProblem;
  const first = rejected[0];
  if (first !== undefined) return linkProblem(first.text, first.reason);
  const plain = plainPaths[0];
  if (plain !== undefined) return `Make ${plain.path} a link in the PR description`;
  return NO_NOTE_TITLE;
}

function linkProblem(text: string, reason: string): string {
  return `Release note link ${shorten(text)} ${reason}`;
}

function describe(note: FoundNote): string {
  switch (note.kind) {
    case "in-repo":
      return note.path;
    case "external":
      return note.url;
    case "inline":
      return `The "${note.heading}" section`;
  }
}

function shorten(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 79)}…`;
}
