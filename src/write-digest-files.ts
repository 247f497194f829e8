import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Digest } from "./core/digest/digest-model.js";
import { renderDepartmentHtml, renderOverviewHtml } from "./core/digest/render-digest-html.js";
import { renderDigestJson } from "./core/digest/render-digest-json.js";
import { renderDepartmentMarkdown, renderOverviewMarkdown } from "./core/digest/render-digest-markdown.js";

export type DigestFormat = "markdown" | "html" | "json";

/** A department's file name: its key, lower case, anything but letters, digits, `-` and `_` made `-`. */
export function digestFileName(department: string, extension: string): string {
  const dashed = department.toLowerCase().replace(/[^a-z0-9_-]+/gu, "-");
  // Leading and trailing dashes cut by index: `/-+$/` is quadratic in a long run (docs/security.md).
  let from = 0;
  let to = dashed.length;
  while (from < to && dashed[from] === "-") from++;
  while (to > from && dashed[to - 1] === "-") to--;
  const base = dashed.slice(from, to) || "department";
  return `${base === "overview" || base === "digest" ? `department-${base}` : base}.${extension}`;
}

/** The files of a digest in some formats: `overview.md`, `<department>.md`, `overview.html`, `<department>.html`, `digest.json`. */
export function renderDigestFiles(digest: Digest, formats: readonly DigestFormat[]): { readonly name: string; readonly text: string }[] {
  const files: { name: string; text: string }[] = [];
  if (formats.includes("markdown")) {
    files.push({ name: "overview.md", text: renderOverviewMarkdown(digest) });
    for (const d of digest.departments) files.push({ name: digestFileName(d.department, "md"), text: renderDepartmentMarkdown(digest, d) });
  }
  if (formats.includes("html")) {
    files.push({ name: "overview.html", text: renderOverviewHtml(digest) });
    for (const d of digest.departments) files.push({ name: digestFileName(d.department, "html"), text: renderDepartmentHtml(digest, d) });
  }
  if (formats.includes("json")) files.push({ name: "digest.json", text: renderDigestJson(digest) });
  return files;
}

/** Writes the files of `renderDigestFiles` into `dir` (created when missing); returns their paths. */
export async function writeDigestFiles(digest: Digest, dir: string, formats: readonly DigestFormat[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const file of renderDigestFiles(digest, formats)) {
    const path = join(dir, file.name);
    await writeFile(path, file.text, "utf8");
    paths.push(path);
  }
  return paths;
}
