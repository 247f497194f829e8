import type { DepartmentConfig } from "../config/integ-config.js";

/**
 * Whether a text names a department: its key (with `_`/`-` read as spaces)
 * or one of its aliases, as whole words, case-insensitively, optionally
 * followed by `s` or `es` (docs/release-note.md#what-makes-a-note-valid). One alternation
 * with fixed lookarounds: linear in the text's length.
 */
export function createDepartmentMatcher(department: DepartmentConfig): (text: string) => boolean {
  const names = [department.name.replace(/[_-]+/g, " "), ...department.aliases]
    .map((n) => n.trim().split(/\s+/u).filter((p) => p !== ""))
    .filter((parts) => parts.length > 0)
    .map((parts) => parts.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("\\s+"));
  if (names.length === 0) return () => false;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${names.join("|")})(?:s|es)?(?![\\p{L}\\p{N}_-])`, "iu");
  return (text) => pattern.test(text);
}
