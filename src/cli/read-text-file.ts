import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { ReadError } from "./cli-io.js";

/** A file read for a command: its text, the name to print, and where it is. */
export interface TextFile {
  /** As the user wrote it (printed in `file:line:col`). */
  readonly name: string;
  readonly absolutePath: string;
  readonly text: string;
}

/** Reads a UTF-8 text file relative to `cwd`; a ReadError (exit 3) says why it could not. */
export function readTextFile(name: string, cwd: string): TextFile {
  const absolutePath = isAbsolute(name) ? name : resolve(cwd, name);
  try {
    return { name, absolutePath, text: readFileSync(absolutePath, "utf8") };
  } catch (error) {
    throw new ReadError(`${name}: ${describeFsError(error)}`);
  }
}

/** "no such file", "is a directory", "permission denied", or the system's message. */
export function describeFsError(error: unknown): string {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "is a directory, not a file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
