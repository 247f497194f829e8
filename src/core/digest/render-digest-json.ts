import type { Digest } from "./digest-model.js";

/** The digest as JSON (docs/digest.md "JSON"): every field, versioned by `schema`. */
export function renderDigestJson(digest: Digest): string {
  return `${JSON.stringify(digest, null, 2)}\n`;
}
