/** One problem in a `.integ.yml`, placed at its key. */
export interface ConfigIssue {
  /** The file, e.g. `.integ.yml`. */
  readonly file: string;
  /** The key path, e.g. `owners[1]` or `systems.erp.feeds[0]`; "" for the whole document. */
  readonly keyPath: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** What is wrong, without the position: `"@acme" is not @user or @org/team`. */
  readonly problem: string;
  /** The full sentence: `owners[1]: "@acme" is not @user or @org/team (line 7, column 5)`. */
  readonly message: string;
}

/** Thrown where a caller wants an exception rather than a result. */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[]) {
    const first = issues[0];
    super(first ? `${first.file}: ${first.message}` : "invalid configuration");
    this.name = "ConfigError";
    this.issues = issues;
  }
}
