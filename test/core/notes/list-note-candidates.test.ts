import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listNoteCandidates } from "../../../src/core/notes/list-note-candidates.js";
import type { NoteCandidateContext } from "../../../src/core/notes/list-note-candidates.js";
import { buildConfig } from "../../support/config-builder.js";
import type { ConfigOverrides } from "../../support/config-builder.js";
import { changedFile } from "../../support/facts-builder.js";

const TEMPLATE = readFileSync(join(import.meta.dirname, "../../fixtures/notes/pr-body-template.md"), "utf8");

function ctx(config: ConfigOverrides = {}, files = [changedFile("integrations/erp/sync.ts")]): NoteCandidateContext {
  return {
    owner: "acme",
    repo: "integrations",
    serverUrl: "https://github.com",
    headRepoFullName: "acme/integrations",
    config: buildConfig(config),
    files,
  };
}

const summary = (list: ReturnType<typeof listNoteCandidates>) =>
  list.candidates.map((c) =>
    c.kind === "inline" ? `${c.line} inline ${c.text}` : `${c.line} ${c.link.kind} ${c.target.kind} ${c.text}`,
  );

describe("listNoteCandidates on a real PR template", () => {
  const list = listNoteCandidates(TEMPLATE, ctx({ releaseNote: { externalHosts: ["acme.atlassian.net"] } }));

  it("lists the inline section, then links outside it, in document order; comments and code are ignored", () => {
    expect(summary(list)).toEqual([
      '22 inline "Human release note" section',
      "42 bare external https://acme.atlassian.net/wiki/spaces/OPS/pages/42",
      "42 reference in-repo https://github.com/acme/integrations/blob/main/docs/release-notes/2024-05-prices.md",
    ]);
  });

  it("keeps links inside the inline section apart", () => {
    expect(list.linksInInline.map((l) => [l.line, l.link.url, l.target.kind])).toEqual([[38, "docs/runbook.md", "rejected"]]);
  });

  it("finds note paths written as plain text or code spans, not those in comments or code blocks", () => {
    expect(list.plainPaths).toEqual([{ path: "docs/release-notes/2024-06-product-id.md", line: 15 }]);
  });

  it("with inline notes off, the links in that section are candidates", () => {
    const off = listNoteCandidates(TEMPLATE, ctx({ releaseNote: { inlineHeading: "" } }));
    expect(summary(off).map((s) => s.split(" ").slice(0, 3).join(" "))).toEqual([
      "38 link rejected",
      "42 bare rejected",
      "42 reference in-repo",
    ]);
  });
});

describe("listNoteCandidates: inline section", () => {
  it("is a candidate only when it holds prose; an empty one is still reported", () => {
    const list = listNoteCandidates("# Human release note\n\n<!-- todo -->\n\nhttps://example.com/x\n", ctx());
    expect(list.inlineSection?.text).toBe("Human release note");
    expect(summary(list)).toEqual(["5 bare rejected https://example.com/x"]);
  });

  it("uses the first matching section that holds prose", () => {
    const body = "## Human release note\n\n## Human release note 📝\n\nThe text.\n";
    expect(summary(listNoteCandidates(body, ctx()))).toEqual(['3 inline "Human release note 📝" section']);
  });

  it("reads a custom inline_heading", () => {
    const body = "### Notes for the business\n\nThe text.\n";
    const list = listNoteCandidates(body, ctx({ releaseNote: { inlineHeading: "Notes for the business:" } }));
    expect(summary(list)).toEqual(['1 inline "Notes for the business" section']);
  });
});

describe("listNoteCandidates: added note files", () => {
  it("lists note files the PR adds, renames or copies in, not removed ones or other paths", () => {
    const files = [
      changedFile("docs/release-notes/new.md", "added"),
      changedFile("docs/release-notes/moved.md", "renamed", "docs/old.md"),
      changedFile("docs/release-notes/gone.md", "removed"),
      changedFile("docs/release-notes/edited.md", "modified"),
      changedFile("docs/other.md", "added"),
    ];
    expect(listNoteCandidates("", ctx({}, files)).addedNotePaths).toEqual([
      "docs/release-notes/new.md",
      "docs/release-notes/moved.md",
    ]);
  });
});
