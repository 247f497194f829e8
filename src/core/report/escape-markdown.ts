/** Escapes text from users (labels, names, paths) so markdown shows it as written, on one line. */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>|~]/g, "\\$&");
}

/** A code span that survives backticks in `text`. */
export function codeSpan(text: string): string {
  const flat = oneLine(text);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Collapses line breaks and runs of whitespace: titles and table cells are one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** `@login`, escaped for markdown. */
export function mention(login: string): string {
  return `@${escapeMarkdown(login)}`;
}

/** ISO 8601 to `2024-01-31 10:00 UTC` (the input when it is not a date). */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** `3,000` */
export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}
