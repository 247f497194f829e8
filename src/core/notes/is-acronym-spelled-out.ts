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

/**
 * True when `text` spells the acronym out: "Full Name (ACR)",
 * "ACR (Full Name)", or "ACR stands for / means / is short for …". The
 * acronym is matched as a whole word, with an optional plural "s". A scan
 * with indexOf, linear in the text.
 */
export function isAcronymSpelledOut(acronym: string, text: string): boolean {
  if (acronym === "") return false;
  for (let at = text.indexOf(acronym); at !== -1; at = text.indexOf(acronym, at + 1)) {
    if (isWordChar(text.charCodeAt(at - 1))) continue;
    let end = at + acronym.length;
    if (text.charAt(end) === "s") end++;
    if (isWordChar(text.charCodeAt(end))) continue;
    if (text.charAt(skipSpaces(text, end)) === ")" && text.charAt(skipSpacesBack(text, at - 1)) === "(") return true;
    const open = skipSpaces(text, end);
    if (text.charAt(open) === "(" && /\p{L}/u.test(text.charAt(skipSpaces(text, open + 1)))) return true;
    const following = text.slice(end, end + 32).replace(/\s+/g, " ").toLowerCase();
    if (EXPLAINERS.some((e) => following.startsWith(e))) return true;
  }
  return false;
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
