import { describe, expect, it } from "vitest";
import { describeIdentity, identityIsUser, parseIdentity, sameLogin } from "../../../src/core/config/parse-identity.js";

describe("parseIdentity", () => {
  it.each([
    ["@maria-ops", { kind: "user", login: "maria-ops", raw: "@maria-ops" }],
    ["@Maria-Ops", { kind: "user", login: "Maria-Ops", raw: "@Maria-Ops" }],
    ["@dependabot[bot]", { kind: "user", login: "dependabot[bot]", raw: "@dependabot[bot]" }],
    ["@acme/integration-owners", { kind: "team", org: "acme", slug: "integration-owners", raw: "@acme/integration-owners" }],
  ])("reads %s", (raw, expected) => {
    expect(parseIdentity(raw)).toEqual(expected);
  });

  it.each(["maria", "@", "@-maria", "@maria-", "@ma--ria", "@mаria", "@acme/", "@acme/a/b", "@maria ops", `@${"a".repeat(40)}`])(
    "refuses %s",
    (raw) => {
      expect(parseIdentity(raw)).toBeNull();
    },
  );

  it("accepts a 39-character login", () => {
    expect(parseIdentity(`@${"a".repeat(39)}`)?.kind).toBe("user");
  });
});

describe("comparing identities", () => {
  it("compares logins case-insensitively", () => {
    expect(sameLogin("Maria-Ops", "maria-ops")).toBe(true);
    expect(sameLogin("maria", "mаria")).toBe(false);
  });

  it("matches a user identity to a login, never a team", () => {
    const user = parseIdentity("@Maria-Ops");
    const team = parseIdentity("@acme/maria-ops");
    expect(user && identityIsUser(user, "maria-ops")).toBe(true);
    expect(team && identityIsUser(team, "maria-ops")).toBe(false);
  });

  it("describes an identity as a person reads it", () => {
    const team = parseIdentity("@acme/owners");
    expect(team && describeIdentity(team)).toBe("@acme/owners");
  });
});
