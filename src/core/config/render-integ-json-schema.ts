import * as z from "zod";
import { integConfigSchema } from "./integ-config.schema.js";

/** The `$id` of the published schema (the file lives at `schema/integ.schema.json`). */
export const INTEG_SCHEMA_ID = "urn:integ-gate:schema:integ-yml:1";

/**
 * The JSON Schema of `.integ.yml`, generated from the zod schema, as the text
 * committed in `schema/integ.schema.json` (2-space indent, final newline).
 * Editors use it for completion and hover help; the cross-key rules
 * (feeds name defined systems, ...) are checked by `parseIntegConfig` only.
 */
export function renderIntegJsonSchema(): string {
  const generated = z.toJSONSchema(integConfigSchema, { target: "draft-2020-12", io: "input" });
  const { $schema, ...body } = generated;
  const schema = {
    $schema,
    $id: INTEG_SCHEMA_ID,
    title: "integ-gate configuration (.integ.yml)",
    ...body,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
