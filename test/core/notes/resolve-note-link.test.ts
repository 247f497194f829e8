import { describe, expect, it } from "vitest";
import { createPathMatcher } from "../../../src/core/paths/create-path-matcher.js";
import { resolveNoteLink } from "../../../src/core/notes/resolve-note-link.js";
import type { LinkTarget, NoteLinkContext } from "../../../src/core/notes/resolve-note-link.js";

const paths = ["docs/release-notes/**/*.md"];
const ctx: NoteLinkContext = {
  owner: "acme",
  repo: "integrations",
  serverUrl: "https://github.com",
  headRepoFullName: "dev-alice/integrations-fork",
  paths,
  isNotePath: createPathMatcher(paths),
  externalHosts: ["acme.atlassian.net", "*.wiki.acme.example"],
};
const NOTE = "docs/release-notes/2024-06-product-id.md";
const inRepo = (path: string): LinkTarget => ({ kind: "in-repo", path });

describe("resolveNoteLink: links into this repository", () => {
  it.each([
    ["relative", NOTE, NOTE],
    ["./relative", `./${NOTE}`, NOTE],
    ["root-relative", `/${NOTE}`, NOTE],
    ["relative with fragment and query", `${NOTE}?plain=1#who-to-ask`, NOTE],
    ["percent-encoded relative", "docs/release-notes/2024-06%20product%20id.md", "docs/release-notes/2024-06 product id.md"],
    ["blob URL", `https://github.com/acme/integrations/blob/main/${NOTE}`, NOTE],
    ["raw URL", `https://github.com/acme/integrations/raw/main/${NOTE}`, NOTE],
    ["blob URL, owner and repo in other case", `https://github.com/ACME/Integrations/blob/main/${NOTE}`, NOTE],
    ["blob URL on a commit sha", `https://github.com/acme/integrations/blob/0123456789abcdef0123456789abcdef01234567/${NOTE}`, NOTE],
    ["blob URL with a branch name holding slashes", `https://github.com/acme/integrations/blob/feature/erp/crm/${NOTE}`, NOTE],
    ["blob URL with query and fragment", `https://github.com/acme/integrations/blob/main/${NOTE}?plain=1#L3`, NOTE],
    ["blob URL with encoded path", "https://github.com/acme/integrations/blob/main/docs/release-notes/caf%C3%A9.md", "docs/release-notes/café.md"],
    ["blob URL on the fork (head repository)", `https://github.com/dev-alice/integrations-fork/blob/erp-fix/${NOTE}`, NOTE],
    ["protocol-relative", `//github.com/acme/integrations/blob/main/${NOTE}`, NOTE],
  ])("%s", (_name, url, path) => {
    expect(resolveNoteLink(url, ctx)).toEqual(inRepo(path));
  });

  it("takes the shortest suffix after blob/ that matches release_note.paths", () => {
    const wide = { ...ctx, paths: ["**/*.md"], isNotePath: createPathMatcher(["**/*.md"]) };
    expect(resolveNoteLink(`https://github.com/acme/integrations/blob/main/${NOTE}`, wide)).toEqual(
      inRepo("2024-06-product-id.md"),
    );
  });

  it("knows a GitHub Enterprise web host", () => {
    const ghe = { ...ctx, serverUrl: "https://git.acme.example" };
    expect(resolveNoteLink(`https://git.acme.example/acme/integrations/blob/main/${NOTE}`, ghe)).toEqual(inRepo(NOTE));
    expect(resolveNoteLink(`https://github.com/acme/integrations/blob/main/${NOTE}`, ghe)).toMatchObject({
      kind: "rejected",
      reason: expect.stringContaining("goes to github.com, which is not git.acme.example"),
    });
  });
});

describe("resolveNoteLink: rejected links say why", () => {
  it.each([
    ["another repository", `https://github.com/other-org/integrations/blob/main/${NOTE}`, "points to another repository (other-org/integrations)"],
    ["a look-alike host", `https://github.com.evil.example/acme/integrations/blob/main/${NOTE}`, "goes to github.com.evil.example, which is not github.com"],
    ["the userinfo trick", "https://acme.atlassian.net@evil.example/wiki/note", 'goes to evil.example, which is not github.com and not in release_note.external_hosts (acme.atlassian.net, *.wiki.acme.example) (the part before "@" is a user name, not the host)'],
    ["userinfo on the GitHub host", `https://acme@github.com/acme/integrations/blob/main/${NOTE}`, "has a user name before the host"],
    ["http on GitHub", `http://github.com/acme/integrations/blob/main/${NOTE}`, "uses http: only https links count"],
    ["http on an allowed host", "http://acme.atlassian.net/wiki/x", "uses http: only https links count"],
    ["javascript:", "javascript:alert(1)", "is a javascript: link, which is never followed"],
    ["JavaScript: in capitals", "JavaScript:alert(1)", "is a javascript: link, which is never followed"],
    ["data:", "data:text/html;base64,PHNjcmlwdD4=", "is a data: URL; link a note file or page instead"],
    ["ftp:", "ftp://files.acme.example/note.md", "is a ftp: link; only https links count"],
    [".. escape, relative", "../../etc/passwd", 'is not a plain path in this repository (it has a ".." segment)'],
    ["a .. inside the path", "docs/tmp/../release-notes/2024-06-product-id.md", 'it has a ".." segment'],
    [".. escape hidden by %2F", "https://github.com/acme/integrations/blob/main/..%2F..%2F..%2Fsecret.md", 'it has a ".." segment'],
    [".. escape, encoded relative", "docs%2F..%2F..%2Fsecret.md", 'it has a ".." segment'],
    ["backslash escape", "..\\..\\secret.md", 'it holds "\\" after decoding'],
    ["malformed %-escape", "docs/release-notes/%E0%A4%A.md", "malformed %-escape"],
    ["path outside release_note.paths", "docs/runbook.md", "is not under release_note.paths (docs/release-notes/**/*.md)"],
    ["blob outside release_note.paths", "https://github.com/acme/integrations/blob/main/README.md", "points to README.md, which is not under release_note.paths"],
    ["API host", `https://api.github.com/repos/acme/integrations/contents/${NOTE}`, "points to api.github.com, not to the GitHub web page"],
    ["raw.githubusercontent.com", `https://raw.githubusercontent.com/acme/integrations/main/${NOTE}`, "points to raw.githubusercontent.com"],
    ["a folder", "https://github.com/acme/integrations/tree/main/docs/release-notes", "is a folder (tree) link, not a note file"],
    ["a pull request page", "https://github.com/acme/integrations/pull/41", "is a pull request page, not a note file"],
    ["external host not allowed", "https://docs.google.com/document/d/1", "goes to docs.google.com, which is not github.com and not in release_note.external_hosts (acme.atlassian.net, *.wiki.acme.example)"],
    ["empty destination", "", "has no destination"],
  ])("%s", (_name, url, reason) => {
    const target = resolveNoteLink(url, ctx);
    expect(target.kind).toBe("rejected");
    expect(target.kind === "rejected" ? target.reason : "").toContain(reason);
  });

  it("says so when no external host is allowed at all", () => {
    const none = { ...ctx, externalHosts: [] };
    expect(resolveNoteLink("https://acme.atlassian.net/wiki/x", none)).toEqual({
      kind: "rejected",
      reason: "goes to acme.atlassian.net, which is not github.com, and release_note.external_hosts allows no other host",
    });
  });

  it("API on a GitHub Enterprise host", () => {
    const ghe = { ...ctx, serverUrl: "https://git.acme.example" };
    expect(resolveNoteLink(`https://git.acme.example/api/v3/repos/acme/integrations/contents/${NOTE}`, ghe)).toMatchObject({
      kind: "rejected",
      reason: expect.stringContaining("the GitHub API (git.acme.example/api)"),
    });
  });
});

describe("resolveNoteLink: external hosts", () => {
  it.each([
    ["exact host", "https://acme.atlassian.net/wiki/spaces/OPS/pages/1", "acme.atlassian.net"],
    ["host in other case", "https://ACME.Atlassian.NET/wiki/x", "acme.atlassian.net"],
    ["wildcard subdomain", "https://ops.wiki.acme.example/note", "ops.wiki.acme.example"],
    ["wildcard base", "https://wiki.acme.example/note", "wiki.acme.example"],
  ])("%s is accepted, not fetched", (_name, url, host) => {
    expect(resolveNoteLink(url, ctx)).toMatchObject({ kind: "external", host });
  });

  it("a subdomain of an exact entry is not allowed", () => {
    expect(resolveNoteLink("https://evil.acme.atlassian.net/x", ctx).kind).toBe("rejected");
  });
});

describe("resolveNoteLink: not candidates", () => {
  it.each([["mailto:maria@acme.example"], ["#who-to-ask"], ["?tab=files"]])("%s is ignored", (url) => {
    expect(resolveNoteLink(url, ctx)).toEqual({ kind: "ignored" });
  });
});

/** Every way a link could make integ-gate read outside this repository (docs/security.md). */
describe("resolveNoteLink: only plain paths in this repository", () => {
  const blob = (path: string): string => `https://github.com/acme/integrations/blob/main/${path}`;
  it.each([
    ["twice-encoded dots, relative", "docs/release-notes/%252e%252e/%252e%252e/%252e%252e/other/x.md"],
    ["twice-encoded dots, upper case", "docs/release-notes/%252E%252E/%252E%252E/x.md"],
    ["twice-encoded dots, blob", blob("docs/release-notes/%252e%252e/%252e%252e/%252e%252e/other-repo/contents/x.md")],
    ["twice-encoded dots, raw", "https://github.com/acme/integrations/raw/main/docs/release-notes/%252e%252e/x.md"],
    ["once-encoded dots, lower case", "docs/release-notes/%2e%2e/%2e%2e/x.md"],
    ["once-encoded dots, upper case", blob("docs/release-notes/%2E%2E/%2E%2E/x.md")],
    ["mixed-case single dot", "docs/release-notes/%2E/x.md"],
    ["encoded slash with dots", "docs%2frelease-notes%2f..%2f..%2fx.md"],
    ["encoded backslash", "docs/release-notes/..%5c..%5cx.md"],
    ["twice-encoded backslash", "docs/release-notes/%255c/x.md"],
    ["encoded ?", "docs/release-notes/x.md%3fref=other"],
    ["twice-encoded ?", "docs/release-notes/x%253f.md"],
    ["encoded #", "docs/release-notes/x%23.md"],
    ["twice-encoded #", blob("docs/release-notes/x%2523y.md")],
    ["encoded NUL", "docs/release-notes/x%00.md"],
    ["encoded newline", blob("docs/release-notes/x%0a.md")],
    ["empty segment", "docs/release-notes//x.md"],
    ["literal dots in a blob URL", blob("docs/release-notes/../../x.md")],
    ["dots in the ref", "https://github.com/acme/integrations/blob/../../other/blob/main/docs/release-notes/x.md"],
    ["backslash in a blob URL", "https://github.com/acme/integrations/blob/main\\docs\\release-notes\\x.md"],
    ["double leading ./", "././docs/release-notes/x.md"],
  ])("%s is refused", (_name, link) => {
    const target = resolveNoteLink(link, ctx);
    expect(target).toMatchObject({ kind: "rejected", reason: expect.stringMatching(/not a plain path in this repository|another repository/) });
  });

  it("keeps ordinary encoded names", () => {
    expect(resolveNoteLink("docs/release-notes/caf%C3%A9%20menu.md", ctx)).toEqual(inRepo("docs/release-notes/café menu.md"));
    expect(resolveNoteLink(blob("docs%2Frelease-notes%2Fx.md"), ctx)).toEqual(inRepo("docs/release-notes/x.md"));
  });
});
