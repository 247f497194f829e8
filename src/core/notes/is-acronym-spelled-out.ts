/** What may follow an acronym to say what it stands for: "AER stands for Annual Equivalent Rate". */
const EXPLAINERS = [
  " stands for ",
  " means ",
  " is short for ",
  ", short for ",
  " is an abbreviation for ",
  ", which stands for ",
  ", which means ",
  " (short for ",
];

/** Spelled-out acronyms of a text, found once and asked many times. */
export type SpelledOutAcronyms = (acronym: string) => boolean;

/**
 * The acronyms that `text` spells out: "Full Name (ACR)", "ACR (Full
 * Name)", or "ACR stands for / means / is short for …" (with an optional
 * plural "s"). One pass over the text, whatever the number of acronyms:
 * each word of two to six capitals (a leading digit allowed) is looked at
 * once, with at most a few dozen characters around it.
 */
export function findSpelledOutAcronyms(text: string): SpelledOutAcronyms {
  const found = new Set<string>();
  let i = 0;
  while (i < text.length) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
    const length = i - start;
    const c = text.charCodeAt(start);
    if (length < 2 || length > 7 || !((c >= 65 && c <= 90) || (c >= 48 && c <= 57))) continue;
    const core = acronymCore(text.slice(start, i));
    if (core !== null && isExplainedAt(text, start, i)) found.add(core);
  }
  return (acronym) => found.has(acronym);
}

/** True when `text` spells out `acronym` (one pass; for one-off questions). */
export function isAcronymSpelledOut(acronym: string, text: string): boolean {
  return findSpelledOutAcronyms(text)(acronym);
}

/** An acronym word's core: "ERP" and "ERPs" -> "ERP", "APIs" -> "API", "2FA"; null for any other word. */
export function acronymCore(word: string): string | null {
  const core = word.length > 2 && word.endsWith("s") ? word.slice(0, -1) : word;
  if (core.length < 2 || core.length > 6) return null;
  let capitals = 0;
  for (let k = 0; k < core.length; k++) {
    const c = core.charCodeAt(k);
    if (c >= 65 && c <= 90) capitals++;
    else if (!(k === 0 && c >= 48 && c <= 57)) return null;
  }
  return capitals >= 2 ? core : null;
}

function isExplainedAt(text: string, start: number, end: number): boolean {
  const next = skipSpaces(text, end);
  if (text.charAt(next) === ")" && text.charAt(skipSpacesBack(text, start - 1)) === "(") return true;
  if (text.charAt(next) === "(" && /\p{L}/u.test(text.charAt(skipSpaces(text, next + 1)))) return true;
  // An explainer starts with " s", " m", " i" or ", ": most acronyms stop here.
  const after = text.charAt(end);
  const first = text.charAt(end + 1).toLowerCase();
  if (after === ",") {
    if (first !== " " && first !== "\n") return false;
  } else if ((after !== " " && after !== "\n") || (first !== "s" && first !== "m" && first !== "i")) {
    return false;
  }
  const following = text.slice(end, end + 32).replace(/\s+/g, " ").toLowerCase();
  return EXPLAINERS.some((e) => following.startsWith(e));
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (i < text.length && i - from < 8 && (text.charAt(i) === " " || text.charAt(i) === "\n")) i++;
  return i;
}

function skipSpacesBack(text: string, from: number): number {
  let i = from;
  while (i >= 0 && from - i < 8 && (text.charAt(i) === " " || text.charAt(i) === "\n")) i--;
  return i;
}

/** Letters, digits, "_", "-" and "&" join words ("A&E", "HMAC-SHA256"). */
function isWordChar(c: number): boolean {
  if (Number.isNaN(c)) return false;
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 38 || c > 127;
}
