import { schema } from "@octokit/graphql-schema";
import { buildSchema, parse, validate, type GraphQLSchema } from "graphql";

let cached: GraphQLSchema | null = null;

/** GitHub's published GraphQL schema (@octokit/graphql-schema), built once. */
export function githubGraphqlSchema(): GraphQLSchema {
  cached ??= buildSchema(schema.idl, { assumeValidSDL: true });
  return cached;
}

/** The validation errors of a query against GitHub's schema (empty when valid). */
export function validateGithubQuery(query: string): string[] {
  return validate(githubGraphqlSchema(), parse(query)).map((e) => e.message);
}
