import { FollowUpReadError } from "./follow-up-read-error.js";

/**
 * A list that decides a verdict was not read whole: it is longer than
 * integ-gate reads, or GitHub stopped giving pages. The evaluation then ends
 * in row 0 ("Could not read all <what>: <n> of <total>"), never on the part
 * that was read (docs/checks.md, "Reading GitHub whole").
 */
export class IncompleteReadError extends FollowUpReadError {
  constructor(list: string, read: number, total: number | null, why: string) {
    super(`all ${list}: ${count(read)} of ${total === null ? "more" : count(total)}`, why);
    this.name = "IncompleteReadError";
  }
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

/**
 * The lists integ-gate reads, and the most it reads of each (docs/checks.md,
 * "Reading GitHub whole"). Files and commits are GitHub's own limits (row 5);
 * the rest bound what one evaluation may cost: a PR over them is blocked
 * with "Could not read all …", never judged on part of a list.
 */
export const LIST_LIMITS = {
  reviews: 5_000,
  timelineEvents: 5_000,
  labels: 1_000,
  commitAuthors: 100,
  pullRequestsOnCommit: 100,
  teamMembers: 10_000,
  openPullRequests: 5_000,
  mergeQueueEntries: 1_000,
} as const;
