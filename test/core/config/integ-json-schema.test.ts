import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { INTEG_SCHEMA_ID, renderIntegJsonSchema } from "../../../src/core/config/render-integ-json-schema.js";

const committed = readFileSync(new URL("../../../schema/integ.schema.json", import.meta.url), "utf8");
const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/config/${name}`, import.meta.url), "utf8");

describe("schema/integ.schema.json", () => {
  it("is what the zod schema generates (run `npm run schema` after changing the schema)", () => {
    expect(committed).toBe(renderIntegJsonSchema());
  });

  it("names itself and its draft, and documents the keys with their defaults", () => {
    const schema = JSON.parse(committed) as Record<string, unknown>;
    expect(schema["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema["$id"]).toBe(INTEG_SCHEMA_ID);
    expect(schema["title"]).toBe("integ-gate configuration (.integ.yml)");
    expect(schema["required"]).toEqual(["version", "owners"]);
    expect(schema["additionalProperties"]).toBe(false);
    const properties = schema["properties"] as Record<string, { properties: Record<string, unknown> }>;
    const minWords = properties["release_note"]?.properties["min_words"];
    expect(minWords).toMatchObject({ type: "integer", minimum: 0, default: 40, description: "Fewest words of prose." });
  });

  describe("validates like the parser for what JSON Schema can express", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(committed) as object);

    it("accepts the complete example of docs/configuration.md", () => {
      expect(validate(parse(fixture("valid-complete.yml")))).toBe(true);
      expect(validate.errors ?? []).toEqual([]);
    });

    it.each([
      ["an unknown key", { version: 1, owners: ["@a"], ownrs: [] }],
      ["a wrong version", { version: 2, owners: ["@a"] }],
      ["no owners", { version: 1, owners: [] }],
      ["a look-alike login", { version: 1, owners: ["@mаria"] }],
      ["a system without paths", { version: 1, owners: ["@a"], systems: { erp: { paths: [] } } }],
      ["a bad reset_on", { version: 1, owners: ["@a"], approval: { reset_on: "merge" } }],
      ["an override without allowed", { version: 1, owners: ["@a"], override: { label: "x" } }],
      ["an external host with a scheme", { version: 1, owners: ["@a"], release_note: { external_hosts: ["https://x.com"] } }],
      ["an empty jargon_allow entry", { version: 1, owners: ["@a"], release_note: { plain_language: { jargon_allow: [" "] } } }],
    ])("rejects %s", (_name, value) => {
      expect(validate(value)).toBe(false);
    });
  });
});
