import { describe, expect, it } from "vitest";
import { trimTrailingSlashes } from "../../../src/core/paths/trim-trailing-slashes.js";

describe("trimTrailingSlashes", () => {
  it.each([
    ["https://github.com/", "https://github.com"],
    ["https://ghe.example/api/v3///", "https://ghe.example/api/v3"],
    ["https://github.com", "https://github.com"],
    ["///", ""],
    ["", ""],
    ["a/b/", "a/b"],
  ])("%j becomes %j", (url, trimmed) => {
    expect(trimTrailingSlashes(url)).toBe(trimmed);
  });

  it("keeps slashes inside a long run that does not end the text", () => {
    const url = `${"/".repeat(65_536)}x/`;
    expect(trimTrailingSlashes(url)).toBe(`${"/".repeat(65_536)}x`);
  });
});
