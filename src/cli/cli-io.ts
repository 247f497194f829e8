/**
 * What a command may touch besides its arguments: two output streams, the
 * working directory and the environment. The real process passes its own;
 * tests pass buffers.
 */
export interface CliIo {
  /** Results (the verdict, the skeleton, JSON). */
  readonly stdout: (text: string) => void;
  /** Problems, hints and notes about the run. */
  readonly stderr: (text: string) => void;
  /** Relative paths are resolved against this directory. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The exit codes of `integ-gate`, documented in `--help` and docs/cli.md#exit-codes. */
export const EXIT = {
  /** The config is valid, the note passes, the skeleton was written, the gate passes. */
  ok: 0,
  /** The gate would block: invalid config, a note with a blocking problem, approvals missing. */
  blocked: 1,
  /** Usage error: unknown command or option, missing argument, unknown system. */
  usage: 2,
  /** Could not read or write a file, or could not read GitHub. */
  unreadable: 3,
} as const;

/** One of the exit codes above. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A usage problem: the command prints it with a hint to `--help` and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A file or GitHub read that failed: the command prints it and exits 3. */
export class ReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReadError";
  }
}
