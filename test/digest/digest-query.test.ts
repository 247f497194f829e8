import { describe, expect, it } from "vitest";
import { buildDigestPagesQuery, buildDigestSearchQuery } from "../../src/github/digest-query.js";
import { validateGithubQuery } from "../support/github-graphql-schema.js";

/** The digest's GraphQL documents are valid against GitHub's published schema (not only the emulator's reading of it). */
describe("the digest's GraphQL documents", () => {
  it("the search page, with and without the token's account", () => {
    expect(validateGithubQuery(buildDigestSearchQuery(false))).toEqual([]);
    expect(validateGithubQuery(buildDigestSearchQuery(true))).toEqual([]);
  });

  it("further pages of several pull requests' lists", () => {
    const { query, variables } = buildDigestPagesQuery([
      { alias: "p0", id: "PR_1", cursors: { files: "Y3Vyc29y", reviews: "Y3Vyc29y" } },
      { alias: "p1", id: "PR_2", cursors: { commits: "Y3Vyc29y", labels: "Y3Vyc29y", timelineItems: "Y3Vyc29y" } },
    ]);
    expect(validateGithubQuery(query)).toEqual([]);
    expect(Object.keys(variables).sort()).toEqual(["p0", "p0_files", "p0_reviews", "p1", "p1_commits", "p1_labels", "p1_timelineItems"]);
  });
});
