import { compileGlob, type CompiledGlob } from "./compile-glob.js";

/** Tests a whole repository path against a list of globs. */
export type PathMatcher = (path: string) => boolean;

/**
 * Compiles globs as docs/configuration.md#keys defines them: `**`, `*`, `{a,b}`, matched
 * case-sensitively against whole paths, dotfiles included. An empty list
 * matches nothing. The globs must have passed config validation
 * (`compileGlob`); an unusable one throws rather than matching nothing.
 */
export function createPathMatcher(globs: readonly string[]): PathMatcher {
  if (globs.length === 0) return () => false;
  const matchers: CompiledGlob[] = globs.map((glob) => {
    const compiled = compileGlob(glob);
    if (!compiled.ok) throw new Error(`glob "${glob}" ${compiled.problem}`);
    return compiled.match;
  });
  return (path: string) => matchers.some((match) => match(path));
}
