import { absolutizeNoteLinks } from "./absolutize-note-links.js";
import type { DepartmentDigest, Digest, DigestChange, NoteExcerpt } from "./digest-model.js";

/** Options of the markdown renderers. */
export interface DigestMarkdownOptions {
  /** Logins and teams to mention at the top (`@dana-sales`), e.g. in a digest issue. */
  readonly mention?: readonly string[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/u;
const ATX = /^( {0,3})#{1,6}(?=[ \t]|$)/u;

/** Note headings inside an excerpt, set to level 4 so they sit under the excerpt's own heading (code blocks untouched). */
export function relevelHeadings(markdown: string): string {
  let fence: string | null = null;
  return markdown
    .split("\n")
    .map((line) => {
      const f = FENCE.exec(line);
      if (f !== null) {
        const marker = f[1] ?? "";
        if (fence === null) fence = marker.slice(0, 3);
        else if (marker.startsWith(fence)) fence = null;
        return line;
      }
      return fence === null ? line.replace(ATX, "$1####") : line;
    })
    .join("\n");
}

/** `25 Nov 2026` in UTC. */
export function formatDay(iso: string): string {
  const d = new Date(iso);
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${d.getUTCDate()} ${months[d.getUTCMonth()] ?? ""} ${d.getUTCFullYear()}`;
}

/** `2026-11-23 06:00` in UTC. */
export function formatMinute(iso: string): string {
  return new Date(iso).toISOString().slice(0, 16).replace("T", " ");
}

/** Text for a markdown link label or table cell: brackets, pipes and line breaks made harmless. */
function inline(text: string): string {
  return text.replace(/[\r\n]+/gu, " ").replace(/([\\[\]|<>*_`])/gu, "\\$1");
}

function excerpt(e: NoteExcerpt, baseUrl: string): string {
  const body = relevelHeadings(absolutizeNoteLinks(e.markdown, baseUrl));
  return e.heading === null ? `${body}\n` : `### ${inline(e.heading)}\n\n${body}\n`;
}

function noteLink(change: DigestChange): string | null {
  const note = change.note;
  if (note === null) return null;
  if (note.kind === "external") return `[Read the full release note on ${inline(note.host)}](${note.url})`;
  if (note.kind === "inline") return `[Read the full release note in pull request #${change.number}](${note.url})`;
  return `[Read the full release note (${inline(note.path)})](${note.url})`;
}

function approvals(change: DigestChange): string {
  return change.approvedBy.length === 0 ? "no eligible approval" : `approved by ${change.approvedBy.map((l) => `@${l}`).join(", ")}`;
}

function changeHeader(change: DigestChange): string[] {
  const lines = [
    `## ${inline(change.noteTitle)}`,
    "",
    `Merged ${formatDay(change.mergedAt)} · [#${change.number} ${inline(change.title)}](${change.url}) · ${approvals(change)}`,
    "",
  ];
  if (change.status !== "note" || change.override !== null) lines.push(`> **${inline(capitalise(change.statusText))}.**${change.problem === null ? "" : ` ${inline(sentence(change.problem))}.`}`, "");
  return lines;
}

/** A problem as a sentence: "the pull request links…" -> "The pull request links…"; a path stays as written. */
export function sentence(text: string): string {
  return /^[a-z]+ /u.test(text) ? capitalise(text) : text;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One department's digest as markdown (a GitHub issue, a discussion, a job summary). */
export function renderDepartmentMarkdown(digest: Digest, department: DepartmentDigest, options: DigestMarkdownOptions = {}): string {
  const out: string[] = [`# What changed for ${department.department}, ${digest.window.label}`, ""];
  if (options.mention !== undefined && options.mention.length > 0) out.push(`For ${options.mention.join(", ")}.`, "");
  const repo = `[${digest.repository.owner}/${digest.repository.repo}](${digest.repository.url})`;
  if (department.changes.length === 0) {
    out.push(`Nothing changed for ${department.department} in ${repo} in this period: no integration change that concerns ${department.department} was merged into ${digest.repository.defaultBranch}.`, "");
    return `${out.join("\n")}\n`;
  }
  const count = department.changes.length;
  out.push(`${count} integration change${count === 1 ? "" : "s"} merged into ${digest.repository.defaultBranch} of ${repo} concern${count === 1 ? "s" : ""} ${department.department}, oldest first.`, "");
  for (const change of department.changes) {
    out.push(...changeHeader(change));
    const parts = change.parts[department.department];
    if (change.note?.kind === "external") out.push(`The release note is on ${inline(change.note.host)}: ${noteLink(change) ?? ""}.`, "");
    const base = change.note?.kind === "in-repo" ? change.note.url : change.url;
    if (parts !== undefined) for (const e of [...parts.concerns, ...parts.followUps]) out.push(excerpt(e, base));
    const links: string[] = [];
    const full = noteLink(change);
    if (full !== null && change.note?.kind !== "external") links.push(full);
    links.push(`[See pull request #${change.number}](${change.url})`);
    out.push(links.join(" · "), "");
  }
  out.push(`<sub>integ-gate digest for ${inline(department.department)}: merged from ${formatMinute(digest.window.since)} to ${formatMinute(digest.window.until)} UTC.</sub>`, "");
  return `${out.join("\n")}\n`;
}

/** The overview of every change in the window, as markdown (the job summary). */
export function renderOverviewMarkdown(digest: Digest): string {
  const repo = `[${digest.repository.owner}/${digest.repository.repo}](${digest.repository.url})`;
  const out: string[] = [`# Integration changes merged into ${digest.repository.defaultBranch}, ${digest.window.label}`, ""];
  const n = digest.changes.length;
  out.push(n === 0 ? `No integration change was merged into ${repo} in this period.` : `${n} integration change${n === 1 ? " was" : "s were"} merged into ${repo}, oldest first.`, "");
  if (n > 0) {
    out.push("| merged | change | departments | release note |", "|---|---|---|---|");
    for (const c of digest.changes) {
      const note = c.status === "note" ? (noteLink(c) ?? "") : `**${inline(c.statusText)}**${c.problem === null ? "" : `: ${inline(c.problem)}`}`;
      out.push(`| ${formatDay(c.mergedAt)} | [#${c.number} ${inline(c.title)}](${c.url}) | ${c.departments.length === 0 ? "none" : c.departments.join(", ")} | ${note} |`);
    }
    out.push("");
  }
  if (digest.departments.length > 0) {
    out.push("Each department receives:", "");
    for (const d of digest.departments) out.push(`- **${inline(d.department)}**: ${d.changes.length === 0 ? "nothing changed" : `${d.changes.length} change${d.changes.length === 1 ? "" : "s"}`}`);
    out.push("");
  }
  for (const u of digest.leftOut.unjudged) out.push(`- [#${u.number} ${inline(u.title)}](${u.url}), merged ${formatDay(u.mergedAt)}: ${inline(u.problem)}.`);
  if (digest.leftOut.unjudged.length > 0) out.push("");
  if (digest.unknownDepartments.length > 0) out.push(`Not a department in .integ.yml: ${digest.unknownDepartments.join(", ")}.`, "");
  if (digest.unreadableTeams.length > 0) {
    out.push(`Approvals through ${digest.unreadableTeams.join(", ")} are not listed: the token cannot read ${digest.unreadableTeams.length === 1 ? "that team" : "those teams"} (give it Members: read).`, "");
  }
  if (digest.leftOut.notIntegration > 0) {
    const m = digest.leftOut.notIntegration;
    out.push(`${m} other merged pull request${m === 1 ? " was not an integration pull request and is" : "s were not integration pull requests and are"} left out.`, "");
  }
  return `${out.join("\n")}\n`;
}
