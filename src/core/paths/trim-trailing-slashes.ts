/**
 * `url` without the `/` characters it ends with. A backward scan: `/\/+$/`
 * is retried from every slash of a long run and is quadratic in it
 * (docs/security.md, "Linear-time text scanning").
 */
export function trimTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url.charCodeAt(end - 1) === 47 /* / */) end--;
  return url.slice(0, end);
}
