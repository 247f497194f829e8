import { describe, expect, it } from "vitest";
import {
  buildFollowUpQuery,
  buildPullRequestQuery,
  CONFIG_QUERY,
  MERGE_QUEUE_QUERY,
  PULL_REQUEST_PAGES_QUERY,
} from "../../src/github/pull-request-query.js";
import { DESCRIPTION_EDITS_QUERY } from "../../src/github/fetch-description-edits.js";
import { validateGithubQuery } from "../support/github-graphql-schema.js";

describe("GraphQL documents", () => {
  it("are valid against GitHub's published schema", () => {
    const followUp = buildFollowUpQuery([
      { kind: "blob", alias: "n0", expression: "abc:docs/a.md" },
      { kind: "oid", alias: "c0p0", expression: "def:docs/a.md" },
      { kind: "commit", alias: "c0", oid: "def" },
      { kind: "team", alias: "t0", org: "acme", slug: "owners" },
      { kind: "runs", alias: "runs", oid: "abc" },
    ]);
    for (const query of [
      buildPullRequestQuery(true),
      buildPullRequestQuery(false),
      PULL_REQUEST_PAGES_QUERY,
      CONFIG_QUERY,
      MERGE_QUEUE_QUERY,
      DESCRIPTION_EDITS_QUERY,
      followUp.query,
      buildFollowUpQuery([]).query,
    ]) {
      expect(validateGithubQuery(query)).toEqual([]);
    }
  });

  it("the validator catches a field GitHub does not have", () => {
    expect(validateGithubQuery("query { repository(owner: \"a\", name: \"b\") { pullRequest(number: 1) { previousPath } } }")).not.toEqual([]);
  });

  it("passes paths and logins as variables, never inside the query text", () => {
    const { query, variables } = buildFollowUpQuery([
      { kind: "blob", alias: "n0", expression: 'abc:docs/"quoted") { evil }.md' },
      { kind: "team", alias: "t0", org: "acme", slug: "owners" },
    ]);
    expect(query).not.toContain("quoted");
    expect(query).not.toContain("owners");
    expect(variables).toMatchObject({ n0: 'abc:docs/"quoted") { evil }.md', t0Org: "acme", t0Slug: "owners" });
  });
});
