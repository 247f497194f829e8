/** A bare URL (or e-mail address) found in text, as GFM's autolink literals find them. */
export interface BareUrl {
  /** Index in the text and length of the link text. */
  readonly index: number;
  readonly length: number;
  /** The link destination (`http://` added to `www.` links, `mailto:` to addresses). */
  readonly url: string;
}

const URL_PATTERN = /(?<![\da-z])(https?:\/\/|www(?=\.))([\w-]*\.[\w\-.]*)([^\t\n\r ]*)/gi;
const EMAIL_PATTERN = /(?<![\w+\-.]|(?:^|[^\d@A-Za-z])(?:mailto|xmpp):)(?:mailto:)?([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)/g;

/**
 * Finds bare URLs (`https://…`, `http://…`, `www.…`) and e-mail addresses in
 * text with the rules of GFM autolink literals (mdast-util-gfm-autolink-literal):
 * a valid domain, not glued to a preceding letter or digit, trailing
 * punctuation and unbalanced `)` left out. In document order; never overlapping.
 */
export function findBareUrls(text: string): BareUrl[] {
  if (!/[:.@]/.test(text)) return [];
  const found: BareUrl[] = [];
  URL_PATTERN.lastIndex = 0;
  for (let m = URL_PATTERN.exec(text); m !== null; m = URL_PATTERN.exec(text)) {
    if (!previousAllows(text, m.index)) continue;
    let protocol = m[1] ?? "";
    let domain = m[2] ?? "";
    let prefix = "";
    if (/^w/i.test(protocol)) {
      domain = protocol + domain;
      protocol = "";
      prefix = "http://";
    }
    if (/^[\p{P}\p{S}]/u.test(domain) || !isCorrectDomain(domain)) continue;
    const kept = splitTrail(domain + (m[3] ?? ""));
    found.push({ index: m.index, length: protocol.length + kept.length, url: prefix + protocol + kept });
  }
  if (text.includes("@")) {
    EMAIL_PATTERN.lastIndex = 0;
    for (let m = EMAIL_PATTERN.exec(text); m !== null; m = EMAIL_PATTERN.exec(text)) {
      if (/[\d\-_]$/.test(m[2] ?? "") || !previousAllows(text, m.index)) continue;
      const inside = found.some((u) => m !== null && m.index < u.index + u.length && u.index < m.index + m[0].length);
      if (inside) continue;
      const address = m[0].replace(/^mailto:/, "");
      found.push({ index: m.index, length: m[0].length, url: `mailto:${address}` });
    }
    found.sort((a, b) => a.index - b.index);
  }
  return found;
}

function previousAllows(text: string, index: number): boolean {
  if (index === 0) return true;
  const prev = text[index - 1] ?? "";
  return /[\s\p{P}\p{S}]/u.test(prev);
}

function isCorrectDomain(domain: string): boolean {
  const parts = domain.split(".");
  const last = parts[parts.length - 1];
  const before = parts[parts.length - 2];
  if (parts.length < 2) return false;
  if (last && (/_/.test(last) || !/[\dA-Za-z]/.test(last))) return false;
  if (before && (/_/.test(before) || !/[\dA-Za-z]/.test(before))) return false;
  return true;
}

function splitTrail(url: string): string {
  let index = url.length;
  while (index > 0 && `!"&'),.:;<>?]}`.includes(url[index - 1] ?? "")) index--;
  if (index === url.length) return url;
  let kept = url.slice(0, index);
  let trail = url.slice(index);
  const opening = count(kept, "(");
  let closing = count(kept, ")");
  let paren = trail.indexOf(")");
  while (paren !== -1 && opening > closing) {
    kept += trail.slice(0, paren + 1);
    trail = trail.slice(paren + 1);
    paren = trail.indexOf(")");
    closing++;
  }
  return kept;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}
