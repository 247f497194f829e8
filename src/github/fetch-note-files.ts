import type { NoteFile } from "../core/facts/pull-request-facts.js";
import { FollowUpReadError, NOTE_SIZE_LIMIT } from "./fetch-follow-up.js";
import { encodeRepositoryPath } from "./encode-repository-path.js";
import { describeError, errorStatus, type GitHubPort } from "./github-port.js";

/** At most this many note files are read by GET instead of a GraphQL query. */
export const MAX_NOTE_GETS = 3;

interface RestContent {
  readonly type?: string;
  readonly size?: number;
  readonly sha?: string;
  readonly content?: string;
  readonly encoding?: string;
}

/** Git's own test for a binary file: a NUL byte in the first 8,000 bytes; or text that is not UTF-8. */
function isBinary(bytes: Buffer): boolean {
  if (bytes.subarray(0, 8000).includes(0)) return true;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

/** A contents answer as a NoteFile (what GraphQL's Blob gives, from REST). */
export function toNoteFileFromRest(path: string, data: unknown): NoteFile {
  if (Array.isArray(data) || typeof data !== "object" || data === null) return { kind: "missing", path };
  const file = data as RestContent;
  if (file.type !== "file" || typeof file.sha !== "string") return { kind: "missing", path };
  const byteSize = file.size ?? 0;
  if (byteSize > NOTE_SIZE_LIMIT || file.encoding !== "base64" || typeof file.content !== "string") {
    return { kind: "too-large", path, blobSha: file.sha, byteSize };
  }
  const bytes = Buffer.from(file.content, "base64");
  if (isBinary(bytes)) return { kind: "binary", path, blobSha: file.sha };
  return { kind: "text", path, blobSha: file.sha, text: bytes.toString("utf8") };
}

/**
 * The note files at the head commit through REST GETs, in parallel. A GET is
 * not held in Probot's one-a-second queue, so when the notes are all that is
 * left to read, this is faster than GraphQL #2 and keeps the queue for the
 * writes. 404 means the file does not exist there; any other failure is a
 * failed read (FollowUpReadError), never a missing note.
 */
export async function fetchNoteFiles(
  port: GitHubPort,
  target: { readonly owner: string; readonly repo: string; readonly headSha: string },
  paths: readonly string[],
): Promise<Record<string, NoteFile>> {
  const entries = await Promise.all(
    paths.map(async (path): Promise<[string, NoteFile]> => {
      try {
        // Each segment encoded: no path, however written, names another resource.
        const answer = await port.request(`GET /repos/{owner}/{repo}/contents/${encodeRepositoryPath(path)}`, {
          owner: target.owner,
          repo: target.repo,
          ref: target.headSha,
        });
        return [path, toNoteFileFromRest(path, answer.data)];
      } catch (error) {
        if (errorStatus(error) === 404) return [path, { kind: "missing", path }];
        throw new FollowUpReadError(`the release note ${path}`, describeError(error));
      }
    }),
  );
  return Object.fromEntries(entries);
}
