/**
 * The worst-case text generator (docs/security.md, "Linear-time text
 * scanning"): runs of each character class, and alternations of every pair
 * of classes, each filled to a size limit and placed where integ-gate reads
 * it (a plain description, an inline release note, a table row, a list item,
 * a quote, a heading, a link). A regular expression or loop that backtracks
 * on some run of characters costs its worst on one of these.
 *
 * Pure and deterministic: the same arguments give the same inputs in the
 * same order. `bench/bench-hostile-text.ts` times them through the real
 * entry points; `test/security/hostile-text-generator.test.ts` checks that
 * every class and pair is reached.
 */

/** One character class: a name for reports and the unit a run repeats. */
export interface CharacterClass {
  readonly name: string;
  readonly unit: string;
}

/** Every printable ASCII character that is neither a letter, a digit nor a space. */
export const ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/** Each ASCII punctuation mark on its own, then whitespace, line ends, letters, digits, other scripts and emoji. */
export const CHARACTER_CLASSES: readonly CharacterClass[] = [
  ...[...ASCII_PUNCTUATION].map((c) => ({ name: JSON.stringify(c), unit: c })),
  { name: "space", unit: " " },
  { name: "tab", unit: "\t" },
  { name: "newline", unit: "\n" },
  { name: "CR", unit: "\r" },
  { name: "CRLF", unit: "\r\n" },
  { name: "letter", unit: "a" },
  { name: "capital", unit: "A" },
  { name: "digit", unit: "0" },
  { name: "unicode letter", unit: "é" },
  { name: "Cyrillic capital", unit: "Ж" },
  { name: "CJK", unit: "漢" },
  { name: "emoji", unit: "😀" },
  { name: "emoji with ZWJ", unit: "👩‍💻" },
  { name: "no-break space", unit: "\u00a0" },
  { name: "NUL", unit: "\u0000" },
];

/** How a run is built from one or two classes. */
export type HostileShape =
  /** `aaaa…`, to the size. */
  | "run"
  /** `aaaa…x`: a run that fails to match at its very end (where backtracking is dearest). */
  | "run-then-other"
  /** `abab…`, to the size. */
  | "alternation"
  /** `aaaa…bbbb…`: two half runs. */
  | "two-runs";

/** Where the generated text lands in a description or note. */
export interface HostileFrame {
  readonly name: string;
  readonly before: string;
  readonly after: string;
  /** Also fill it with the pair shapes (every pair of classes); else single classes only. */
  readonly pairs: boolean;
}

/** The places a run lands: each reaches a different part of the parser and the note rules. */
export const DESCRIPTION_FRAMES: readonly HostileFrame[] = [
  { name: "plain", before: "", after: "", pairs: true },
  { name: "inline note", before: "## Human release note\n\n", after: "", pairs: true },
  { name: "table row", before: "| a | b |\n|-", after: "", pairs: true },
  { name: "list item", before: "- ", after: "", pairs: false },
  { name: "block quote", before: "> ", after: "", pairs: false },
  { name: "heading", before: "## ", after: "", pairs: false },
  { name: "link text", before: "[", after: "](docs/release-notes/note.md)", pairs: false },
  { name: "link target", before: "[note](docs/release-notes/", after: ")", pairs: false },
  { name: "inline code", before: "`", after: "`", pairs: false },
];

/** One generated input. */
export interface HostileInput {
  /** e.g. `run "." in inline note` or `alternation "|"+space in table row`. */
  readonly name: string;
  readonly shape: HostileShape;
  readonly classes: readonly CharacterClass[];
  readonly frame: HostileFrame;
  readonly text: string;
}

/** How a size limit counts: UTF-16 code units (GitHub's description limit) or UTF-8 bytes (file limits). */
export type SizeMeasure = "utf16" | "utf8";

/** The length of `text` in `measure`. */
export function measureText(text: string, measure: SizeMeasure): number {
  return measure === "utf16" ? text.length : Buffer.byteLength(text, "utf8");
}

/** `unit` repeated while it fits in `size` (counted in `measure`), cut only between whole units. */
export function fill(unit: string, size: number, measure: SizeMeasure = "utf16"): string {
  const unitSize = measureText(unit, measure);
  if (size <= 0 || unitSize === 0) return "";
  return unit.repeat(Math.floor(size / unitSize));
}

/** A class whose unit is not `c`'s, to end a run with a mismatch. */
function otherThan(c: CharacterClass): string {
  return c.unit === "x" ? "!" : c.unit.includes("a") || c.unit === "A" ? "!" : "x";
}

function body(shape: HostileShape, a: CharacterClass, b: CharacterClass | null, size: number, measure: SizeMeasure): string {
  switch (shape) {
    case "run":
      return fill(a.unit, size, measure);
    case "run-then-other": {
      const end = otherThan(a);
      return `${fill(a.unit, size - measureText(end, measure), measure)}${end}`;
    }
    case "alternation":
      return fill(`${a.unit}${b?.unit ?? ""}`, size, measure);
    case "two-runs": {
      const half = Math.floor(size / 2);
      const first = fill(a.unit, half, measure);
      return `${first}${fill(b?.unit ?? "", size - measureText(first, measure), measure)}`;
    }
  }
}

/** The generation request: the total size (frame included) and which frames and shapes to produce. */
export interface HostileOptions {
  /** Size of each input, frame included (GitHub's description limit is 65,536 characters). */
  readonly size: number;
  /** How `size` counts; UTF-16 code units unless given (use `utf8` for files: notes, configs). */
  readonly measure?: SizeMeasure;
  readonly frames?: readonly HostileFrame[];
  readonly shapes?: readonly HostileShape[];
  readonly classes?: readonly CharacterClass[];
}

const ALL_SHAPES: readonly HostileShape[] = ["run", "run-then-other", "alternation", "two-runs"];

/**
 * Every hostile input for the options, in a fixed order: for each frame, the
 * single-class shapes of every class, then (in frames that take pairs) the
 * pair shapes of every ordered pair of distinct classes (`alternation` once per unordered pair, `two-runs`
 * in both orders). Lazily, so a caller may stop early.
 */
export function* generateHostileInputs(options: HostileOptions): Generator<HostileInput> {
  const frames = options.frames ?? DESCRIPTION_FRAMES;
  const shapes = options.shapes ?? ALL_SHAPES;
  const classes = options.classes ?? CHARACTER_CLASSES;
  const measure = options.measure ?? "utf16";
  for (const frame of frames) {
    const make = (shape: HostileShape, a: CharacterClass, b: CharacterClass | null): HostileInput =>
      regenerate({ shape, classes: b === null ? [a] : [a, b], frame }, options.size, measure);
    for (const a of classes) {
      if (shapes.includes("run")) yield make("run", a, null);
      if (shapes.includes("run-then-other")) yield make("run-then-other", a, null);
    }
    if (!frame.pairs) continue;
    for (let i = 0; i < classes.length; i += 1) {
      for (let j = 0; j < classes.length; j += 1) {
        const a = classes[i];
        const b = classes[j];
        if (a === undefined || b === undefined || i === j) continue;
        if (shapes.includes("alternation") && i < j) yield make("alternation", a, b);
        if (shapes.includes("two-runs")) yield make("two-runs", a, b);
      }
    }
  }
}

/** One input of a shape, classes and frame at a size (also to scale an input found at one size to another). */
export function regenerate(
  input: Pick<HostileInput, "shape" | "classes" | "frame">,
  size: number,
  measure: SizeMeasure = "utf16",
): HostileInput {
  const [a, b] = input.classes;
  if (a === undefined) throw new Error("a hostile input has at least one class");
  const room = size - measureText(input.frame.before, measure) - measureText(input.frame.after, measure);
  return {
    name: `${input.shape} ${b === undefined ? a.name : `${a.name}+${b.name}`} in ${input.frame.name}`,
    shape: input.shape,
    classes: input.classes,
    frame: input.frame,
    text: `${input.frame.before}${body(input.shape, a, b ?? null, room, measure)}${input.frame.after}`,
  };
}
