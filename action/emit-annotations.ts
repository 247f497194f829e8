import type { Annotation } from "../src/core/rules/gate-verdict.js";

/** GitHub shows at most this many annotations of each kind (error, warning, notice) per step. */
export const ANNOTATIONS_PER_KIND = 10;

/** The kind of workflow command an annotation becomes. */
export type AnnotationCommand = "error" | "warning" | "notice";

/** Writes one annotation as a workflow command (`core.error` / `core.warning` / `core.notice`). */
export type AnnotationSink = (
  command: AnnotationCommand,
  message: string,
  properties: {
    readonly title?: string;
    readonly file: string;
    readonly startLine: number;
    readonly endLine?: number;
    readonly startColumn?: number;
    readonly endColumn?: number;
  },
) => void;

const COMMAND_BY_LEVEL: Readonly<Record<Annotation["level"], AnnotationCommand>> = {
  failure: "error",
  warning: "warning",
  notice: "notice",
};

/**
 * Emits annotations at their file and line, at most 10 of each kind (GitHub
 * drops the rest); returns the ones that did not fit, for the job summary.
 * Identical annotations (same place, same message) are emitted once.
 */
export function emitAnnotations(annotations: readonly Annotation[], sink: AnnotationSink): Annotation[] {
  const used: Record<AnnotationCommand, number> = { error: 0, warning: 0, notice: 0 };
  const seen = new Set<string>();
  const overflow: Annotation[] = [];
  for (const a of annotations) {
    const key = `${a.level}|${a.path}|${a.startLine}|${a.startColumn ?? ""}|${a.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const command = COMMAND_BY_LEVEL[a.level];
    if (used[command] >= ANNOTATIONS_PER_KIND) {
      overflow.push(a);
      continue;
    }
    used[command] += 1;
    sink(command, a.message, {
      file: a.path,
      startLine: a.startLine,
      endLine: a.endLine,
      ...(a.title === undefined ? {} : { title: a.title }),
      ...(a.startColumn === undefined || a.startLine !== a.endLine ? {} : { startColumn: a.startColumn }),
      ...(a.endColumn === undefined || a.startLine !== a.endLine ? {} : { endColumn: a.endColumn }),
    });
  }
  return overflow;
}
