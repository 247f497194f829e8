/**
 * Writes schema/integ.schema.json from the zod schema (`npm run schema`).
 * test/core/config/integ-json-schema.test.ts fails when the committed file differs.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderIntegJsonSchema } from "../src/core/config/render-integ-json-schema.js";

const target = fileURLToPath(new URL("../schema/integ.schema.json", import.meta.url));
writeFileSync(target, renderIntegJsonSchema());
console.log(`wrote ${target}`);
