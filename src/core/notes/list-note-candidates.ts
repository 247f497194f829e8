import type { IntegConfig } from "../config/integ-config.js";
import type { ChangedFile, PullRequestFacts } from "../facts/pull-request-facts.js";
import { createPathMatcher } from "../paths/create-path-matcher.js";
import type { HeadingInfo, LinkInfo, MarkdownModel } from "./markdown-model.js";
import { normalizeHeading } from "./normalize-heading.js";
import { countLines, MARKDOWN_LIMITS } from "./limit-markdown-constructs.js";
import { parseMarkdownModel } from "./parse-markdown-model.js";
import { resolveNoteLink } from "./resolve-note-link.js";
import type { LinkTarget, NoteLinkContext } from "./resolve-note-link.js";

/** What `listNoteCandidates` needs besides the PR description. */
export interface NoteCandidateContext {
  readonly owner: string;
  readonly repo: string;
  /** The GitHub web host's base URL (`https://github.com`). */
  readonly serverUrl: string;
  /** `owner/name` of the head repository (a fork counts as this repository). */
  readonly headRepoFullName: string | null;
  readonly config: IntegConfig;
  /** The PR's changed files (to find note files it adds). */
  readonly files: readonly ChangedFile[];
}

/** The candidate context of a pull request's facts (its changed files, unless `files` says otherwise). */
export function noteCandidateContextOf(
  facts: Pick<PullRequestFacts, "owner" | "repo" | "serverUrl" | "headRepoFullName" | "files">,
  config: IntegConfig,
  files: readonly ChangedFile[] = facts.files,
): NoteCandidateContext {
  return { owner: facts.owner, repo: facts.repo, serverUrl: facts.serverUrl, headRepoFullName: facts.headRepoFullName, config, files };
}

/** One place in the PR description that may be the release note, in document order. */
export type NoteCandidate =
  | {
      readonly kind: "inline";
      readonly heading: HeadingInfo;
      /** As shown to people: `"Human release note" section`. */
      readonly text: string;
      readonly line: number;
    }
  | {
      readonly kind: "link";
      readonly link: LinkInfo;
      /** The destination as written. */
      readonly text: string;
      readonly line: number;
      readonly target: LinkTarget;
    };

/** A path in plain text (or a code span) that matches `release_note.paths`: "make this a link". */
export interface PlainNotePath {
  readonly path: string;
  readonly line: number;
}

export interface NoteCandidateList {
  /** The parsed PR description. */
  readonly model: MarkdownModel;
  readonly candidates: readonly NoteCandidate[];
  /** The section under `inline_heading`, also when it holds no prose yet (then it is no candidate). */
  readonly inlineSection: HeadingInfo | null;
  /** Links inside the inline section (they belong to the inline note, not candidates of their own). */
  readonly linksInInline: readonly { readonly link: LinkInfo; readonly line: number; readonly target: LinkTarget }[];
  readonly plainPaths: readonly PlainNotePath[];
  /** Files the PR adds (or renames/copies) under `release_note.paths`, in the order GitHub lists them. */
  readonly addedNotePaths: readonly string[];
}

/**
 * Lists the release-note candidates of a PR description in document order,
 * per docs/release-note.md#how-the-note-is-found: the inline section (when it
 * has prose), then every link outside it (markdown links, reference links,
 * autolinks, bare URLs; not in HTML comments, code spans or code blocks),
 * each resolved to an in-repo path, an external page, or a rejection reason.
 * Pure; never throws.
 */
export function listNoteCandidates(body: string | MarkdownModel, ctx: NoteCandidateContext): NoteCandidateList {
  // A description longer than MARKDOWN_LIMITS.lines is not read: it holds no candidate (evaluateReleaseNote says why).
  const model = typeof body !== "string" ? body : parseMarkdownModel(countLines(body) > MARKDOWN_LIMITS.lines ? "" : body);
  const note = ctx.config.releaseNote;
  const isNotePath = createPathMatcher(note.paths);
  const linkCtx: NoteLinkContext = {
    owner: ctx.owner,
    repo: ctx.repo,
    serverUrl: ctx.serverUrl,
    headRepoFullName: ctx.headRepoFullName,
    paths: note.paths,
    isNotePath,
    externalHosts: note.externalHosts,
  };
  const line = (offset: number): number => model.position(offset).line;

  let inlineSection: HeadingInfo | null = null;
  let inlineCandidate: HeadingInfo | null = null;
  if (note.inlineHeading.trim() !== "") {
    const wanted = normalizeHeading(note.inlineHeading);
    const matching = model.headings.filter((h) => h.normalized === wanted);
    inlineCandidate = matching.find((h) => hasProse(model, h)) ?? null;
    inlineSection = inlineCandidate ?? matching[0] ?? null;
  }

  const candidates: NoteCandidate[] = [];
  const linksInInline: Array<{ link: LinkInfo; line: number; target: LinkTarget }> = [];
  let inlineAdded = inlineCandidate === null;
  for (const link of model.links) {
    if (!inlineAdded && inlineCandidate !== null && link.start >= inlineCandidate.start) {
      candidates.push(inlineCandidateOf(inlineCandidate, line));
      inlineAdded = true;
    }
    const target = resolveNoteLink(link.url, linkCtx);
    if (inlineCandidate !== null && link.start >= inlineCandidate.start && link.start < inlineCandidate.sectionEnd) {
      linksInInline.push({ link, line: line(link.start), target });
      continue;
    }
    if (target.kind === "ignored") continue;
    candidates.push({ kind: "link", link, text: link.url, line: line(link.start), target });
  }
  if (!inlineAdded && inlineCandidate !== null) candidates.push(inlineCandidateOf(inlineCandidate, line));

  const linkedPaths = new Set<string>();
  for (const c of candidates) if (c.kind === "link" && c.target.kind === "in-repo") linkedPaths.add(c.target.path);
  for (const l of linksInInline) if (l.target.kind === "in-repo") linkedPaths.add(l.target.path);

  const plainPaths: PlainNotePath[] = [];
  const seenPlain = new Set<string>();
  for (const t of model.plainTexts) {
    for (const m of t.text.matchAll(/[^\s<>()[\]{}"'`,;|*]+/g)) {
      const path = trimSentenceMarks(m[0]).replace(/^(?:\.\/)+|^\/+/, "");
      if (!path.includes("/") || seenPlain.has(path) || linkedPaths.has(path) || !isNotePath(path)) continue;
      seenPlain.add(path);
      plainPaths.push({ path, line: line(t.start + m.index) });
    }
  }

  const addedNotePaths: string[] = [];
  for (const f of ctx.files) {
    if ((f.status === "added" || f.status === "renamed" || f.status === "copied") && isNotePath(f.path)) {
      if (!addedNotePaths.includes(f.path)) addedNotePaths.push(f.path);
    }
  }
  return { model, candidates, inlineSection, linksInInline, plainPaths, addedNotePaths };
}

/**
 * The in-repo paths the GitHub loader must read at the head commit to fill
 * `facts.noteFiles`: every linked note path (in document order), then the
 * note files the PR adds. Pure.
 */
export function listNoteCandidatePaths(body: string | MarkdownModel, ctx: NoteCandidateContext): string[] {
  const list = listNoteCandidates(body, ctx);
  const paths: string[] = [];
  const seen = new Set<string>();
  for (const c of list.candidates) {
    if (c.kind === "link" && c.target.kind === "in-repo" && !seen.has(c.target.path)) {
      seen.add(c.target.path);
      paths.push(c.target.path);
    }
  }
  for (const p of list.addedNotePaths) if (!seen.has(p)) paths.push(p);
  return paths;
}

function hasProse(model: MarkdownModel, heading: HeadingInfo): boolean {
  for (const w of model.words) {
    if (w.start < heading.end) continue;
    if (w.start >= heading.sectionEnd) break;
    if (model.blocks[w.block]?.kind === "prose") return true;
  }
  return false;
}

function inlineCandidateOf(heading: HeadingInfo, line: (offset: number) => number): NoteCandidate {
  return { kind: "inline", heading, text: `"${heading.text.trim()}" section`, line: line(heading.start) };
}

/**
 * `token` without the sentence marks (`.`, `:`, `!`, `?`) it ends with. A
 * backward scan: `/[.:!?]+$/` retried from every mark of a long run and took
 * seconds on a description of sentence marks (docs/security.md, "Linear-time
 * text scanning").
 */
function trimSentenceMarks(token: string): string {
  let end = token.length;
  while (end > 0 && ".:!?".includes(token.charAt(end - 1))) end--;
  return token.slice(0, end);
}
