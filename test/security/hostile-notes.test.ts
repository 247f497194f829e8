import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullRequestPayload } from "../../emulator/webhook-payloads.js";
import { evaluateReleaseNote } from "../../src/core/notes/evaluate-release-note.js";
import { evaluateGate } from "../../src/core/rules/evaluate-gate.js";
import { buildConfig } from "../support/config-builder.js";
import { buildFacts, review, textNote } from "../support/facts-builder.js";
import { NOTE_TEXT } from "../support/github-fixtures.js";
import { newestRuns, openPullRequest, seedRepository, startAppHarness, type AppHarness } from "../reliability/support/app-harness.js";

const NOTE = "docs/release-notes/product-id.md";
const config = buildConfig({ releaseNote: { externalHosts: ["acme.atlassian.net", "*.wiki.acme.example"] } });

/** The release-note verdict for a description, with a valid note present at NOTE (so a fooled resolver would pass). */
function judge(body: string, extra: Record<string, string> = {}): ReturnType<typeof evaluateReleaseNote> {
  const noteFiles = { ...textNote(NOTE, NOTE_TEXT) };
  for (const [path, text] of Object.entries(extra)) Object.assign(noteFiles, textNote(path, text));
  return evaluateReleaseNote(buildFacts({ body, noteFiles }), config, []);
}

describe("links dressed up as this repository, or with unsafe schemes, never count as a note", () => {
  const disguised = [
    "https://github.com.evil.example/acme/integrations/blob/main/docs/release-notes/product-id.md",
    "https://evil.example/acme/integrations/blob/main/docs/release-notes/product-id.md",
    "https://github.com@evil.example/acme/integrations/blob/main/docs/release-notes/product-id.md",
    "https://github.com/acme/integrations-evil/blob/main/docs/release-notes/product-id.md",
    "https://github.com/acme-evil/integrations/blob/main/docs/release-notes/product-id.md",
    "https://github.com/evil/acme/integrations/blob/main/docs/release-notes/product-id.md",
    "https://api.github.com/repos/acme/integrations/contents/docs/release-notes/product-id.md",
    "https://gist.github.com/acme/integrations/blob/main/docs/release-notes/product-id.md",
    "https://gіthub.com/acme/integrations/blob/main/docs/release-notes/product-id.md", // Cyrillic і
    "https://acme.atlassian.net@evil.example/wiki/note",
    "https://acme.atlassian.net.evil.example/wiki/note",
    "https://evil-acme.atlassian.net/wiki/note",
    "https://acme.atlаssian.net/wiki/note", // Cyrillic а: a different (punycode) host
    "http://acme.atlassian.net/wiki/note", // not https
    "https://wiki.acme.example.evil.example/note",
    "javascript:alert(document.cookie)//docs/release-notes/product-id.md",
    "JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:text/markdown,docs/release-notes/product-id.md",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://acme.atlassian.net/note",
    "docs/release-notes/../../../etc/passwd",
    "docs/release-notes/%2e%2e/%2e%2e/secrets.md",
    "https://github.com/acme/integrations/blob/main/docs/release-notes/%2e%2e/%2e%2e/secrets.md",
    "//evil.example/acme/integrations/blob/main/docs/release-notes/product-id.md",
  ];

  it.each(disguised)("%s", (url) => {
    for (const body of [`Release note: [notes](${url})`, `Release note: <${url}>`, `Release note: ${url}`]) {
      const result = judge(body);
      expect({ body, valid: result.valid }).toEqual({ body, valid: false });
      expect(result.note).toBeNull();
    }
  });

  it("the same note linked the honest way passes (the disguises fail for their disguise, not for the note)", () => {
    for (const url of [NOTE, `./${NOTE}`, `/${NOTE}`, `https://github.com/acme/integrations/blob/main/${NOTE}`, "https://acme.atlassian.net/wiki/note", "https://team.wiki.acme.example/note"]) {
      expect({ url, valid: judge(`Release note: [notes](${url})`).valid }).toEqual({ url, valid: true });
    }
  });
});

describe("pathological PR descriptions: a verdict, never a throw, never a pass without a valid note", () => {
  const noise = (n: number): string => "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(Math.ceil(n / 57)).slice(0, n);

  /** GitHub refuses descriptions over 65,536 characters: every case stays within. */
  const LIMIT = 65_536;
  const fill = (unit: string, room = LIMIT): string => unit.repeat(Math.floor(room / unit.length));
  const link = `[note](${NOTE})`;
  const cases: ReadonlyArray<{ readonly name: string; readonly body: () => string; readonly valid: boolean }> = [
    { name: "65,536 characters without a note", body: () => noise(LIMIT), valid: false },
    { name: "65,536 characters, the link at the very end", body: () => `${noise(LIMIT - link.length - 2)}\n\n${link}`, valid: true },
    { name: "32,000 nested block quotes on one line around the link", body: () => `${fill("> ", LIMIT - link.length)}${link}`, valid: true },
    { name: "21,000 nested ordered lists on one line", body: () => fill("1. "), valid: false },
    { name: "250 nested list levels by indentation", body: () => Array.from({ length: 250 }, (_, i) => `${"  ".repeat(i)}- item`).join("\n").slice(0, LIMIT), valid: false },
    { name: "16,000 list items", body: () => fill("1. a\n"), valid: false },
    { name: "10,000 doubly nested list items", body: () => fill("- - a\n"), valid: false },
    { name: "16,000 setext headings", body: () => fill("a\n=\n"), valid: false },
    { name: "32,000 emphasis delimiters", body: () => fill("a*"), valid: false },
    { name: "32,000 emphasis delimiters, then the link", body: () => `${fill("a*", LIMIT - link.length - 1)} ${link}`, valid: true },
    { name: "32,000 strikethrough delimiters", body: () => fill("a~"), valid: false },
    { name: "10,000 nested brackets around the link text", body: () => `${"[".repeat(10_000)}note${"]".repeat(10_000)}(${NOTE})`, valid: true },
    { name: "2,000 links to files that do not exist", body: () => Array.from({ length: 2_000 }, (_, i) => `[n${i}](docs/release-notes/n${i}.md)`).join(" ").slice(0, LIMIT), valid: false },
    { name: "2,000 bare URLs to other hosts, then the note", body: () => `${Array.from({ length: 2_000 }, (_, i) => `https://h${i}.evil.example/x`).join("\n")}\n${link}`.slice(-LIMIT), valid: true },
    { name: "16,000 reference links", body: () => fill("[r][r]"), valid: false },
    { name: "an unclosed code fence swallowing the link", body: () => `Intro\n\n\`\`\`\n${link}\n`, valid: false },
    { name: "an unclosed HTML comment hiding the link", body: () => `<!-- ${link}`, valid: false },
    { name: "the link inside an HTML comment inside the inline section", body: () => `## Human release note\n<!-- ${link} -->\n`, valid: false },
    { name: "10,000 backticks opening a fence that swallows the link", body: () => `${"`".repeat(10_000)} ${link}`, valid: false },
    { name: "10,000 unmatched backticks inside a line", body: () => `x ${"`".repeat(10_000)} ${link}`, valid: true },
    { name: "NUL bytes and lone surrogates", body: () => `\u0000\ud800\udfff\ud800 ${link}`, valid: true },
    { name: "a 6,500-row table", body: () => `| a | b |\n|---|---|\n${fill("| x | y |\n", LIMIT - 20)}`, valid: false },
  ];

  let slowest = { ms: 0, name: "" };
  afterAll(() => {
    console.info(`pathological descriptions: slowest "${slowest.name}" in ${slowest.ms.toFixed(0)} ms`);
  });

  it.each(cases)("$name", ({ name, body, valid }) => {
    const text = body();
    expect(text.length).toBeLessThanOrEqual(LIMIT);
    const started = performance.now();
    const result = judge(text);
    const ms = performance.now() - started;
    expect(result.valid).toBe(valid);
    expect(result.valid).toBe(result.note !== null);
    if (!valid) expect(result.firstProblem).not.toBeNull();
    // Measured, not asserted (no timing assertions): the figure goes to the test output.
    if (ms > slowest.ms) slowest = { ms, name };
  });

  it("a PR whose note is invalid never passes owner-approval either, whatever the approvals", () => {
    const facts = buildFacts({
      body: `\`\`\`\n[note](${NOTE})`,
      noteFiles: textNote(NOTE, NOTE_TEXT),
      reviews: [review("maria-ops", "APPROVED")],
    });
    const verdict = evaluateGate({ kind: "ready", config, facts });
    expect(verdict?.releaseNote.outcome).toBe("blocked");
    expect(verdict?.ownerApproval.outcome).not.toBe("pass");
  });
});

describe("hostile note files, read through the app from the loopback GitHub", () => {
  let h: AppHarness;
  let repo: string;
  beforeAll(async () => {
    h = await startAppHarness();
    repo = seedRepository(h.em);
  });
  afterAll(async () => {
    await h.close();
  });

  async function releaseNoteFor(branch: string, note: string, body?: string): Promise<{ conclusion: string | null; title: string | null } | undefined> {
    const pr = openPullRequest(h.em, repo, { branch, note, ...(body === undefined ? {} : { body }) });
    h.em.state.addReview(repo, pr.number, { user: "maria-ops", state: "APPROVED" });
    await h.receive("pull_request", pullRequestPayload(h.em, { repo, number: pr.number, action: "opened" }));
    const runs = newestRuns(h.em, repo, pr.headSha);
    expect(runs["integ-gate/owner-approval"]?.conclusion).not.toBe("success");
    return runs["integ-gate/release-note"];
  }

  it("a 1 MB note file: failure saying it is too large to read", async () => {
    const note = `${NOTE_TEXT}\n${"More words for the people in finance. ".repeat(28_000)}`;
    expect(note.length).toBeGreaterThan(1_000_000);
    const run = await releaseNoteFor("feature/huge-note", note);
    expect(run?.conclusion).toBe("failure");
    expect(run?.title).toMatch(/too large|larger/i);
  });

  it("a note file over 64 KiB (GitHub's limit for a description) is not parsed: failure, too large", async () => {
    const note = `${NOTE_TEXT}\n${"[r][r]".repeat(12_000)}`;
    expect(note.length).toBeGreaterThan(64 * 1024);
    const run = await releaseNoteFor("feature/over-limit-note", note);
    expect(run?.conclusion).toBe("failure");
    expect(run?.title).toMatch(/too large/i);
  });

  it("a hostile note just under 64 KiB is read and judged (its required sections are there, so it is valid)", async () => {
    const note = `${NOTE_TEXT}\n${"*[a](b)*_".repeat(7_000)}`;
    expect(note.length).toBeLessThan(64 * 1024);
    const pr = openPullRequest(h.em, repo, { branch: "feature/under-limit-note", note });
    const started = performance.now();
    await h.receive("pull_request", pullRequestPayload(h.em, { repo, number: pr.number, action: "opened" }));
    console.info(`hostile 64 KiB note evaluated through the app in ${(performance.now() - started).toFixed(0)} ms`);
    expect(newestRuns(h.em, repo, pr.headSha)["integ-gate/release-note"]?.conclusion).toBe("success");
  });

  it("a binary file at the note path: failure, never read as text", async () => {
    const binary = `\u0000PNG\r\n\u001a\n${String.fromCharCode(...Array.from({ length: 2_000 }, (_, i) => i % 256))}`;
    const run = await releaseNoteFor("feature/binary-note", binary);
    expect(run?.conclusion).toBe("failure");
    expect(run?.title).toMatch(/binary/i);
  });

  it("a note that is one deeply nested list: failure naming the missing section", async () => {
    const run = await releaseNoteFor("feature/nested-note", Array.from({ length: 3_000 }, (_, i) => `${"  ".repeat(i)}- What changes for you`).join("\n"));
    expect(run?.conclusion).toBe("failure");
  });

  it("a 65,536-character description with 3,000 links to note paths: failure, with a bounded number of reads", async () => {
    const links = Array.from({ length: 3_000 }, (_, i) => `[n](docs/release-notes/m${i}.md)`).join(" ");
    const body = links.slice(0, 65_536);
    h.em.resetLog();
    const run = await releaseNoteFor("feature/many-links", NOTE_TEXT, body);
    expect(run?.conclusion).toBe("failure");
    const graphql = h.em.log.entries().filter((e) => e.path === "/graphql").length;
    console.info(`3,000 links: ${graphql} GraphQL requests, title "${run?.title ?? ""}"`);
    expect(graphql).toBeLessThanOrEqual(10);
  });
});
