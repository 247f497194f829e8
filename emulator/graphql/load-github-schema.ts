import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

let cached: GraphQLSchema | undefined;

/** Finds a file of an installed package by walking up from this module (the package's `exports` hide it). */
export function findPackageFile(pkg: string, file: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "node_modules", pkg, file);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`emulator: cannot find ${pkg}/${file}; is it installed?`);
    dir = parent;
  }
}

/**
 * GitHub's published GraphQL schema (`@octokit/graphql-schema`), built once
 * per process from its introspection JSON (the published SDL has duplicate
 * fields that strict SDL building rejects).
 */
export function loadGithubSchema(): GraphQLSchema {
  if (!cached) {
    const json = JSON.parse(readFileSync(findPackageFile("@octokit/graphql-schema", "schema.json"), "utf8")) as
      | { data: IntrospectionQuery }
      | IntrospectionQuery;
    cached = buildClientSchema("data" in json ? json.data : json);
  }
  return cached;
}
