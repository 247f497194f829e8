import type { DepartmentConfig, ReleaseNoteConfig } from "../config/integ-config.js";
import { normalizeHeading } from "./normalize-heading.js";

/** What a note skeleton is made from. */
export interface NoteSkeletonInput {
  /** The note's title; a placeholder line when absent. */
  readonly title?: string;
  /** The systems the change touches, as named in `.integ.yml` (used in the example sentences). */
  readonly systems: readonly string[];
  /** The impacted departments, in config order: each gets a heading. */
  readonly departments: readonly DepartmentConfig[];
  readonly config: ReleaseNoteConfig;
  /** The command that checks the note, quoted in the guidance comment (default: a generic `integ-gate lint-note`). */
  readonly lintCommand?: string;
}

/** A skeleton and where the author still has to write. */
export interface NoteSkeleton {
  readonly markdown: string;
  /** The placeholder word that marks each place to write ("TODO" unless the config does not know it). */
  readonly marker: string;
  /** 1-based lines holding the marker, in order. */
  readonly markerLines: readonly number[];
}

const CHANGES = normalizeHeading("What changes for you");
const TO_DO = normalizeHeading("What you need to do");
const WHO = normalizeHeading("Who to ask");

/**
 * A release-note skeleton for `integ-gate new-note`: a title, every required
 * section (`release_note.sections`) as a `##` heading, each impacted
 * department as a `###` heading under the first section (so naming it is
 * already done), and under each heading one line starting with a placeholder
 * marker and one plain example sentence. The skeleton deliberately fails the
 * placeholder check until the author replaces every marker. Pure.
 */
export function renderNoteSkeleton(input: NoteSkeletonInput): NoteSkeleton {
  const { config } = input;
  const marker = markerOf(config.placeholders);
  const systems = input.systems.length === 0 ? "this integration" : joinWords(input.systems);
  const lines: string[] = [
    "<!--",
    `Release note for a change to ${systems}.`,
    "Write it for the people whose work changes, not for developers: short sentences, everyday words.",
    `Replace every ${marker} line with your own words; the examples only show the tone.`,
    `Check it with: ${input.lintCommand ?? "integ-gate lint-note <this file>"}`,
    "-->",
    "",
    `# ${input.title === undefined || input.title.trim() === "" ? `${marker}: a title that says what changes` : oneLine(input.title)}`,
    "",
  ];
  const departmentLevel = config.sections.length === 0 ? "##" : "###";
  const writeDepartments = (): void => {
    for (const department of input.departments) {
      const name = departmentName(department);
      lines.push(
        `${departmentLevel} ${capitalise(name)}`,
        "",
        `${marker}: what changes for ${name}, and from when. For example: "From Monday 3 June, ${name} sees the new ${systems} data in the usual screens."`,
        "",
      );
    }
  };
  config.sections.forEach((section, index) => {
    lines.push(`## ${oneLine(section)}`, "");
    const key = normalizeHeading(section);
    if (index === 0 && input.departments.length > 0) {
      if (key !== CHANGES) lines.push(`${marker}: ${genericLine(key, systems)}`, "");
      writeDepartments();
      return;
    }
    lines.push(`${marker}: ${genericLine(key, systems)}`, "");
  });
  if (config.sections.length === 0) writeDepartments();
  while (lines[lines.length - 1] === "") lines.pop();
  const markdown = `${lines.join("\n")}\n`;
  const markerLines: number[] = [];
  const bodyStart = lines.indexOf("-->") + 1;
  lines.forEach((line, i) => {
    if (i >= bodyStart && line.includes(marker)) markerLines.push(i + 1);
  });
  return { markdown, marker, markerLines };
}

/** The text under a section that is not the departments' section. */
function genericLine(key: string, systems: string): string {
  if (key === CHANGES) {
    return `say what the people who use ${systems} will see or do differently, and from when. For example: "From Monday 3 June, the order screen shows the product id."`;
  }
  if (key === TO_DO) {
    return `say what each team must do, and by when, or write "Nothing". For example: "Nothing, unless an order shows an empty product id. Then send the order number to Maria."`;
  }
  if (key === WHO) {
    return `name a person and a channel. For example: "Ask Maria Lopez in operations, or write in the help channel."`;
  }
  return "write a sentence or two for this section, in everyday words.";
}

/** "TODO" when the config lists it (any case), else its first placeholder, else "TODO". */
function markerOf(placeholders: readonly string[]): string {
  const todo = placeholders.find((p) => p.trim().toLowerCase() === "todo");
  if (todo !== undefined) return todo.trim();
  const first = placeholders.find((p) => p.trim() !== "");
  return first?.trim() ?? "TODO";
}

/** A department's key as a note names it: `_` and `-` read as spaces. */
function departmentName(department: DepartmentConfig): string {
  return department.name.replace(/[_-]+/gu, " ").trim();
}

function capitalise(text: string): string {
  return text.length === 0 ? text : `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

/** "erp", "erp and crm", "erp, crm and logistics". */
function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1] ?? ""}`;
}
