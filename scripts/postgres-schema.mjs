// Writes prisma/postgresql/schema.prisma from prisma/schema.prisma, the one source of Pitstop's
// models: Prisma's provider cannot come from a variable, so PostgreSQL needs its own schema file
// and its own generated client (lib/db/generated-pg). Only the datasource provider and url and
// the generator's output differ. `node scripts/postgres-schema.mjs --check` exits 1 when stale.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const SOURCE = path.join(root, "prisma", "schema.prisma");
export const TARGET = path.join(root, "prisma", "postgresql", "schema.prisma");
export const REGENERATE = "node scripts/postgres-schema.mjs";

const HEADER = `// Generated from prisma/schema.prisma by \`${REGENERATE}\`; edit that file, not this one.
// PostgreSQL's copy of the models (DATABASE_URL=postgresql://…), with its own client.
`;

function replaceOnce(text, pattern, replacement) {
  const matches = text.match(new RegExp(pattern, "g")) ?? [];
  if (matches.length !== 1) {
    throw new Error(
      `prisma/schema.prisma: expected one match of ${pattern}, found ${matches.length}`,
    );
  }
  return text.replace(pattern, replacement);
}

export function postgresSchema(sqliteSchema) {
  let schema = replaceOnce(sqliteSchema, /provider = "sqlite"/, 'provider = "postgresql"');
  schema = replaceOnce(
    schema,
    /url {6}= "file:[^"]*"/,
    'url      = "postgresql://localhost/pitstop"',
  );
  schema = replaceOnce(
    schema,
    /output {5}= "\.\.\/lib\/db\/generated"/,
    'output     = "../../lib/db/generated-pg"',
  );
  return HEADER + schema;
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const wanted = postgresSchema(readFileSync(SOURCE, "utf8"));
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(TARGET, "utf8");
    } catch {}
    if (current !== wanted) {
      console.error(`${path.relative(root, TARGET)} is stale; run \`${REGENERATE}\``);
      process.exit(1);
    }
  } else {
    writeFileSync(TARGET, wanted);
  }
}
