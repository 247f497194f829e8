/**
 * A repository path as a URL path, each segment encoded on its own
 * (docs/security.md, "Note links stay in this repository"). A path that is
 * not plain (an empty, `.` or `..` segment, which any URL handling would
 * resolve against the repository's URL) is refused with an error, never
 * sent: callers only pass paths the core accepted as plain.
 */
export function encodeRepositoryPath(path: string): string {
  const segments = path.split("/");
  for (const segment of segments) {
    if (segment === "" || segment === "." || segment === "..") {
      throw new Error(`refusing to request "${path}": not a plain path in this repository`);
    }
  }
  return segments.map((segment) => encodeURIComponent(segment)).join("/");
}
