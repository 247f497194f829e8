import { describe, expect, it } from "vitest";
import { FollowUpReadError } from "../../src/github/fetch-follow-up.js";
import { fetchNoteFiles, toNoteFileFromRest } from "../../src/github/fetch-note-files.js";
import { fakePort } from "../support/github-fake-port.js";

const SHA = "b".repeat(40);
const file = (bytes: Buffer, extra: Record<string, unknown> = {}) => ({
  type: "file",
  size: bytes.length,
  sha: SHA,
  encoding: "base64",
  content: bytes.toString("base64"),
  ...extra,
});

function httpError(status: number): Error {
  return Object.assign(new Error(status === 404 ? "Not Found" : "Server Error"), { status, response: { headers: {} } });
}

describe("toNoteFileFromRest (a note read by GET, as GraphQL would give it)", () => {
  it("gives the text of a UTF-8 file", () => {
    expect(toNoteFileFromRest("docs/n.md", file(Buffer.from("# Note\n\nÄnderung für alle.\n")))).toEqual({
      kind: "text",
      path: "docs/n.md",
      blobSha: SHA,
      text: "# Note\n\nÄnderung für alle.\n",
    });
  });

  it.each([
    ["a directory", [{ type: "file", name: "a.md" }]],
    ["a symlink", { type: "symlink", sha: SHA, target: "other.md" }],
    ["a submodule", { type: "submodule", sha: SHA }],
  ])("is missing for %s", (_what, data) => {
    expect(toNoteFileFromRest("docs/n.md", data).kind).toBe("missing");
  });

  it("is binary for a file with a NUL byte or bytes that are not UTF-8", () => {
    expect(toNoteFileFromRest("docs/n.md", file(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]))).kind).toBe("binary");
    expect(toNoteFileFromRest("docs/n.md", file(Buffer.from([0xff, 0xfe, 0x41]))).kind).toBe("binary");
  });

  it("is too large past 64 KiB, or when GitHub sends no content (files over 1 MB)", () => {
    expect(toNoteFileFromRest("docs/n.md", file(Buffer.alloc(70_000, 0x61)))).toMatchObject({ kind: "too-large", byteSize: 70_000 });
    expect(toNoteFileFromRest("docs/n.md", { type: "file", size: 2_000_000, sha: SHA, encoding: "none", content: "" })).toMatchObject({
      kind: "too-large",
      byteSize: 2_000_000,
    });
  });
});

describe("fetchNoteFiles", () => {
  it("reads each path at the head commit, in parallel; 404 is a missing note", async () => {
    const gh = fakePort(async (request) => {
      if (request.route.endsWith("/contents/docs/gone.md")) throw httpError(404);
      return { status: 200, headers: {}, data: file(Buffer.from("# Note\n")) };
    });

    const files = await fetchNoteFiles(gh.port, { owner: "acme", repo: "integrations", headSha: SHA }, ["docs/a.md", "docs/gone.md"]);

    expect(Object.values(files).map((f) => f.kind)).toEqual(["text", "missing"]);
    expect(gh.requests.map((r) => [r.route, r.parameters["ref"]])).toEqual([
      ["GET /repos/{owner}/{repo}/contents/docs/a.md", SHA],
      ["GET /repos/{owner}/{repo}/contents/docs/gone.md", SHA],
    ]);
  });

  it("encodes each segment of the path, and refuses to send one that is not plain", async () => {
    const gh = fakePort(async () => ({ status: 200, headers: {}, data: file(Buffer.from("# Note\n")) }));
    await fetchNoteFiles(gh.port, { owner: "acme", repo: "integrations", headSha: SHA }, ["docs/notes/café #1?.md"]);
    expect(gh.requests.map((r) => r.route)).toEqual(["GET /repos/{owner}/{repo}/contents/docs/notes/caf%C3%A9%20%231%3F.md"]);
    await expect(fetchNoteFiles(gh.port, { owner: "acme", repo: "integrations", headSha: SHA }, ["docs/../../other/x.md"])).rejects.toBeInstanceOf(
      FollowUpReadError,
    );
    expect(gh.requests).toHaveLength(1);
  });

  it("turns any other failure into a failed read, never a missing note", async () => {
    const gh = fakePort(async () => {
      throw httpError(502);
    });
    await expect(fetchNoteFiles(gh.port, { owner: "acme", repo: "integrations", headSha: SHA }, ["docs/a.md"])).rejects.toBeInstanceOf(
      FollowUpReadError,
    );
  });
});
