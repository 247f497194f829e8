/**
 * Writes what is generated from the sources (`npm run docs`, also `npm run schema`):
 * - schema/integ.schema.json from the zod schema
 *   (test/core/config/integ-json-schema.test.ts fails when the committed file differs);
 * - the key table of docs/configuration.md, from the same schema;
 * - docs/jargon.md, from the built-in jargon list
 *   (test/docs/generated-docs.test.ts fails when either differs).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderIntegJsonSchema } from "../src/core/config/render-integ-json-schema.js";
import { renderConfigKeyTable, renderJargonDoc, replaceConfigKeyTable } from "./render-reference-docs.js";

const at = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

writeFileSync(at("schema/integ.schema.json"), renderIntegJsonSchema());
console.log("wrote schema/integ.schema.json");

const configDoc = readFileSync(at("docs/configuration.md"), "utf8");
const updated = replaceConfigKeyTable(configDoc, renderConfigKeyTable());
if (updated === null) throw new Error("docs/configuration.md has lost the markers of its generated key table");
writeFileSync(at("docs/configuration.md"), updated);
console.log("wrote the key table of docs/configuration.md");

writeFileSync(at("docs/jargon.md"), renderJargonDoc());
console.log("wrote docs/jargon.md");
