import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain-JS script run by node before tsx exists; it has no type declarations.
import { postgresSchema, REGENERATE, SOURCE, TARGET } from "@/scripts/postgres-schema.mjs";

describe("PostgreSQL's Prisma schema", () => {
  it("is prisma/schema.prisma with only the provider and client output changed", () => {
    const committed = readFileSync(TARGET, "utf8");
    const wanted = postgresSchema(readFileSync(SOURCE, "utf8"));
    expect(
      committed === wanted,
      `prisma/postgresql/schema.prisma is stale: run \`${REGENERATE}\``,
    ).toBe(true);
  });

  it("names postgresql as its provider and lib/db/generated-pg as its client's home", () => {
    const schema = postgresSchema(readFileSync(SOURCE, "utf8"));
    expect(schema).toContain('provider = "postgresql"');
    expect(schema).toContain('output     = "../../lib/db/generated-pg"');
    expect(schema).not.toContain('provider = "sqlite"');
  });
});
