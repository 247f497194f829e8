import type { DepartmentDigest, Digest, DigestChange, NoteExcerpt } from "./digest-model.js";
import { formatDay, formatMinute, sentence } from "./render-digest-markdown.js";
import { escapeHtml, renderNoteHtml } from "./render-note-html.js";

/**
 * One self-contained page (inline CSS, no script, no remote resource) that
 * reads on a phone, prints, and can be pasted into an e-mail. Colours pass
 * WCAG AA; headings go in order (h1 page, h2 change, h3 part, h4 inside).
 */
const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f5f7; color: #1b1f24; font: 1rem/1.55 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; -webkit-text-size-adjust: 100%; }
main { max-width: 44rem; min-height: 100vh; margin: 0 auto; padding: 1.25rem 1rem 2.5rem; background: #ffffff; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.25rem 0 0.75rem; }
h2 { font-size: 1.3rem; line-height: 1.3; margin: 0 0 0.35rem; }
h3 { font-size: 1.05rem; margin: 1.1rem 0 0.35rem; }
h4 { font-size: 1rem; margin: 0.9rem 0 0.25rem; }
p, ul, ol, blockquote, table, pre { margin: 0 0 0.75rem; }
a { color: #0a4fb5; text-decoration: underline; text-underline-offset: 0.15em; overflow-wrap: anywhere; }
a:focus-visible { outline: 3px solid #1b1f24; outline-offset: 2px; }
.lead { color: #3d444d; margin-bottom: 1.25rem; }
.change { border-top: 1px solid #d0d7de; padding: 1.1rem 0 0.5rem; }
.meta { color: #3d444d; font-size: 0.95rem; margin-bottom: 0.75rem; }
.status { border-left: 4px solid #9a6700; background: #fff8e6; color: #3b2300; padding: 0.5rem 0.75rem; }
.links { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; font-weight: 600; }
blockquote { border-left: 4px solid #d0d7de; margin-left: 0; padding-left: 0.75rem; color: #3d444d; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; background: #eff1f3; padding: 0.1em 0.3em; border-radius: 4px; }
pre { overflow-x: auto; background: #eff1f3; padding: 0.75rem; border-radius: 6px; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; display: block; overflow-x: auto; max-width: 100%; }
th, td { border: 1px solid #d0d7de; padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f4f5f7; }
footer { color: #3d444d; font-size: 0.875rem; border-top: 1px solid #d0d7de; margin-top: 1.5rem; padding-top: 0.75rem; }
@media (max-width: 30rem) { main { padding: 1rem 0.9rem 2rem; } h1 { font-size: 1.35rem; } h2 { font-size: 1.15rem; } }
@media print {
  body { background: #ffffff; }
  main { max-width: none; padding: 0; }
  .change { break-inside: avoid-page; }
  a { color: #000000; }
  .links a::after { content: " (" attr(href) ")"; font-weight: 400; }
}
`;

function page(title: string, body: string, lang = "en"): string {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}</main>
</body>
</html>
`;
}

function excerptHtml(e: NoteExcerpt, baseUrl: string): string {
  const heading = e.heading === null ? "" : `<h3>${escapeHtml(e.heading)}</h3>\n`;
  return `${heading}${renderNoteHtml(e.markdown, { baseUrl, headingLevel: 4 })}`;
}

function approvals(change: DigestChange): string {
  return change.approvedBy.length === 0 ? "no eligible approval" : `approved by ${change.approvedBy.map((l) => `@${escapeHtml(l)}`).join(", ")}`;
}

function statusHtml(change: DigestChange): string {
  if (change.status === "note" && change.override === null) return "";
  const text = change.statusText.charAt(0).toUpperCase() + change.statusText.slice(1);
  const problem = change.problem === null ? "" : ` ${escapeHtml(sentence(change.problem))}.`;
  return `<p class="status"><strong>${escapeHtml(text)}.</strong>${problem}</p>\n`;
}

function linksHtml(change: DigestChange): string {
  const links: string[] = [];
  const note = change.note;
  const title = escapeHtml(change.noteTitle);
  if (note?.kind === "in-repo") links.push(`<a href="${escapeHtml(note.url)}">Read the full release note “${title}”</a>`);
  if (note?.kind === "inline") links.push(`<a href="${escapeHtml(note.url)}">Read the full release note “${title}” in pull request #${change.number}</a>`);
  if (note?.kind === "external") links.push(`<a href="${escapeHtml(note.url)}">Read the full release note “${title}” on ${escapeHtml(note.host)}</a>`);
  links.push(`<a href="${escapeHtml(change.url)}">See pull request #${change.number} on GitHub</a>`);
  return `<p class="links">${links.join("\n")}</p>\n`;
}

function changeHtml(change: DigestChange, department: string | null): string {
  const base = change.note?.kind === "in-repo" ? change.note.url : change.url;
  const parts = department === null ? undefined : change.parts[department];
  const excerpts = parts === undefined ? "" : [...parts.concerns, ...parts.followUps].map((e) => excerptHtml(e, base)).join("");
  const external = change.note?.kind === "external" ? `<p>The release note is kept on ${escapeHtml(change.note.host)}; integ-gate links to it and does not copy it.</p>\n` : "";
  return `<article class="change">
<h2>${escapeHtml(change.noteTitle)}</h2>
<p class="meta">Merged ${formatDay(change.mergedAt)} · pull request #${change.number} “${escapeHtml(change.title)}” · ${approvals(change)}${department === null ? ` · for ${escapeHtml(change.departments.join(", ") || "no department")}` : ""}</p>
${statusHtml(change)}${external}${excerpts}${linksHtml(change)}</article>
`;
}

function footer(digest: Digest, who: string): string {
  return `<footer><p>${escapeHtml(who)}: integration changes merged into ${escapeHtml(digest.repository.defaultBranch)} of <a href="${escapeHtml(digest.repository.url)}">${escapeHtml(`${digest.repository.owner}/${digest.repository.repo}`)} on GitHub</a> from ${formatMinute(digest.window.since)} to ${formatMinute(digest.window.until)} UTC. Sent by integ-gate.</p></footer>\n`;
}

/** One department's digest as a self-contained HTML page. */
export function renderDepartmentHtml(digest: Digest, department: DepartmentDigest): string {
  const title = `What changed for ${department.department}, ${digest.window.label}`;
  const n = department.changes.length;
  const lead =
    n === 0
      ? `<p class="lead">Nothing changed for ${escapeHtml(department.department)} in this period: no integration change that concerns ${escapeHtml(department.department)} was merged.</p>\n`
      : `<p class="lead">${n} change${n === 1 ? "" : "s"} to the systems ${escapeHtml(department.department)} works with, in the words of the people who made ${n === 1 ? "it" : "them"}. Oldest first.</p>\n`;
  const body = `<h1>${escapeHtml(title)}</h1>\n${lead}${department.changes.map((c) => changeHtml(c, department.department)).join("")}${footer(digest, `Digest for ${department.department}`)}`;
  return page(title, body);
}

/** The overview of every change as a self-contained HTML page. */
export function renderOverviewHtml(digest: Digest): string {
  const title = `Integration changes merged into ${digest.repository.defaultBranch}, ${digest.window.label}`;
  const n = digest.changes.length;
  const lead = `<p class="lead">${n === 0 ? "No integration change was merged in this period." : `${n} integration change${n === 1 ? " was" : "s were"} merged. Oldest first.`}</p>\n`;
  const departments =
    digest.departments.length === 0
      ? ""
      : `<ul>\n${digest.departments.map((d) => `<li>${escapeHtml(d.department)}: ${d.changes.length === 0 ? "nothing changed" : `${d.changes.length} change${d.changes.length === 1 ? "" : "s"}`}</li>`).join("\n")}\n</ul>\n`;
  const unjudged = digest.leftOut.unjudged
    .map((u) => `<p class="status"><a href="${escapeHtml(u.url)}">Pull request #${u.number} “${escapeHtml(u.title)}”</a>, merged ${formatDay(u.mergedAt)}: ${escapeHtml(u.problem)}.</p>\n`)
    .join("");
  const m = digest.leftOut.notIntegration;
  const leftOut = m === 0 ? "" : `<p>${m} other merged pull request${m === 1 ? " was not an integration pull request and is" : "s were not integration pull requests and are"} left out.</p>\n`;
  const teams =
    digest.unreadableTeams.length === 0
      ? ""
      : `<p>Approvals through ${escapeHtml(digest.unreadableTeams.join(", "))} are not listed: the token cannot read ${digest.unreadableTeams.length === 1 ? "that team" : "those teams"}.</p>\n`;
  const body = `<h1>${escapeHtml(title)}</h1>\n${lead}${departments}${digest.changes.map((c) => changeHtml(c, null)).join("")}${unjudged}${leftOut}${teams}${footer(digest, "Overview")}`;
  return page(title, body);
}
