import { describe, expect, it } from "vitest";
import { readCoAuthorTrailers, withCoAuthorTrailers } from "../../../src/core/rules/read-co-author-trailers.js";
import { evaluateCommitInvolvement } from "../../../src/core/rules/evaluate-commit-involvement.js";
import { buildConfig } from "../../support/config-builder.js";
import { buildFacts } from "../../support/facts-builder.js";

describe("readCoAuthorTrailers", () => {
  it("reads every trailer, in any case and spacing", () => {
    const message = "Fix export\n\nCo-authored-by: Maria Ops <maria@acme.example>\nco-authored-by:Bob<bob@acme.example>\r\nCO-AUTHORED-BY:   Ann   <1+admin-ann@users.noreply.github.com>  ";
    expect(readCoAuthorTrailers(message)).toEqual([
      { login: null, name: "Maria Ops", email: "maria@acme.example" },
      { login: null, name: "Bob", email: "bob@acme.example" },
      { login: null, name: "Ann", email: "1+admin-ann@users.noreply.github.com" },
    ]);
  });

  it("keeps a trailer without an address as a name (listed, never matched)", () => {
    expect(readCoAuthorTrailers("x\n\nCo-authored-by: someone")).toEqual([{ login: null, name: "someone", email: null }]);
  });

  it("adds only the trailers GitHub's author list does not hold", () => {
    const authors = [{ login: "dev-alice", name: "Alice", email: "alice@acme.example" }, { login: "maria-ops", name: "Maria", email: "MARIA@acme.example" }];
    const message = "x\n\nCo-authored-by: Maria <maria@acme.example>\nCo-authored-by: Ops <42+maria-ops@users.noreply.github.com>";
    expect(withCoAuthorTrailers(authors, message)).toEqual([...authors, { login: null, name: "Ops", email: "42+maria-ops@users.noreply.github.com" }]);
  });

  it("makes a trailer co-author a developer of the change even when GitHub's list left them out", () => {
    const facts = buildFacts({
      commits: [
        {
          sha: "a".repeat(40),
          message: "Change\n\nCo-authored-by: Maria <42+maria-ops@users.noreply.github.com>",
          authors: [{ login: "dev-alice", name: "Alice", email: "alice@acme.example" }],
          committer: { login: "dev-alice", name: "Alice", email: "alice@acme.example" },
          parentShas: ["b".repeat(40)],
        },
      ],
    });
    const involvement = evaluateCommitInvolvement(facts, buildConfig());
    expect(involvement.byLogin.get("maria-ops")).toEqual([`co-author of commit aaaaaaa`]);
  });

  it("reads a 1 MB message of hostile lines in linear time (no regular expression)", () => {
    const message = `x\n${"Co-authored-by: <".repeat(60_000)}\n${" ".repeat(100_000)}`;
    expect(readCoAuthorTrailers(message)).toHaveLength(1);
  });
});
