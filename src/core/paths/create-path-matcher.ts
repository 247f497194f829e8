import picomatch from "picomatch";

/** Tests a whole repository path against a list of globs. */
export type PathMatcher = (path: string) => boolean;

/**
 * Compiles picomatch-style globs as integ-yml.md defines them: `**`, `*`,
 * `{a,b}`, matched case-sensitively against whole paths, dotfiles included.
 * An empty list matches nothing.
 */
export function createPathMatcher(globs: readonly string[]): PathMatcher {
  if (globs.length === 0) return () => false;
  const isMatch = picomatch([...globs], { dot: true, nocase: false, strictSlashes: true });
  return (path: string) => isMatch(path);
}
