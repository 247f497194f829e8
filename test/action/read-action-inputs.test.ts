import { describe, expect, it } from "vitest";
import { readActionInputs } from "../../action/read-action-inputs.js";

const reader = (values: Record<string, string>) => (name: string) => values[name] ?? "";

describe("readActionInputs", () => {
  it("applies action.yml's defaults when the runner passes empty inputs", () => {
    expect(readActionInputs(reader({ token: "ghs_x" }))).toEqual({
      token: "ghs_x",
      mode: "gate",
      digest: { since: "7d", until: "", departments: [], dir: "integ-gate-digest" },
      configPath: ".integ.yml",
      failOnBlock: false,
      statuses: true,
    });
  });

  it("reads the booleans the YAML 1.2 way", () => {
    const inputs = readActionInputs(reader({ token: "t", "fail-on-block": "True", statuses: "false" }));
    expect(inputs.failOnBlock).toBe(true);
    expect(inputs.statuses).toBe(false);
  });

  it("refuses a boolean it cannot read, naming the input", () => {
    expect(() => readActionInputs(reader({ token: "t", "fail-on-block": "yes please" }))).toThrow("`fail-on-block` must be true or false");
  });

  it("refuses an empty token with what to pass instead", () => {
    expect(() => readActionInputs(reader({}))).toThrow("github.token");
  });

  it("accepts ./.integ.yml and refuses another config path with the reason", () => {
    expect(readActionInputs(reader({ token: "t", "config-path": "./.integ.yml" })).configPath).toBe(".integ.yml");
    expect(() => readActionInputs(reader({ token: "t", "config-path": "config/integ.yml" }))).toThrow("root of the default branch");
  });
});
