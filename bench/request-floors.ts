/** The fewest GitHub API requests the data allows for one evaluation, and why. */
export interface RequestFloor {
  readonly floor: number;
  readonly why: string;
  /** The same in a few words, e.g. "1 read + 1 config read + 2 writes". */
  readonly short: string;
}

/** GitHub's largest page: 100 items per GraphQL connection or REST page. */
export const PAGE_SIZE = 100;

/**
 * The floor: the reads that depend on nothing (the PR with the default
 * branch's `.integ.yml`, plus one more page per 100 changed files beyond the
 * first hundred), one read that depends on the config (note and teams) when
 * the PR is gated (on a later evaluation it can ride along in the first
 * read), and one write per check whose verdict is new.
 */
export function requestFloor(input: {
  readonly changedFiles: number;
  readonly gated: boolean;
  readonly checksToWrite: number;
  /** A later evaluation: the config was read before, so what depends on it can ride along in the first read. */
  readonly configKnown?: boolean;
}): RequestFloor {
  const pages = Math.max(1, Math.ceil(input.changedFiles / PAGE_SIZE));
  const configRead = input.gated && input.configKnown !== true ? 1 : 0;
  const floor = pages + configRead + input.checksToWrite;
  const parts = [
    pages === 1 ? (input.configKnown === true ? "1 read of the PR with its config and the teams it named last time" : "1 read of the PR with its config") : `${pages} reads of the PR's ${input.changedFiles.toLocaleString("en-US")} files (${PAGE_SIZE} a page), the first with the config`,
    ...(configRead === 1 ? ["1 read that needs the config (note, teams)"] : []),
    `${input.checksToWrite} write${input.checksToWrite === 1 ? "" : "s"} (one per changed check)`,
  ];
  const short = [
    pages === 1 ? "1 read" : `${pages} page reads`,
    ...(configRead === 1 ? ["1 config read"] : []),
    `${input.checksToWrite} write${input.checksToWrite === 1 ? "" : "s"}`,
  ].join(" + ");
  return { floor, why: parts.join(" + "), short };
}
