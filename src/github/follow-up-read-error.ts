/**
 * A read after GraphQL #1 that failed: `what` names it for the "Could not
 * read …" title (a note file, a team, a list not read whole).
 */
export class FollowUpReadError extends Error {
  constructor(readonly what: string, detail: string) {
    super(detail);
    this.name = "FollowUpReadError";
  }
}
