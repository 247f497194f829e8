import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The root of the git work tree that holds `path` (the nearest directory
 * above it with a `.git` entry), or `fallback` outside any repository.
 * Note paths are matched against `release_note.paths` relative to it, as the
 * gate matches repository paths.
 */
export function findRepositoryRoot(path: string, fallback: string): string {
  let dir = dirname(path);
  for (;;) {
    if (existsSync(join(dir, ".git"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return fallback;
    dir = parent;
  }
}
