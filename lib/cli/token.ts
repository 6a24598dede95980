import "server-only";
// `pitstop token create --name NAME --role ROLE [--expires-in-days N]`: prints a new API token
// for the local database.
import { parseArgs } from "node:util";
import { apiTokenInputSchema, createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { fieldErrors } from "@/lib/incidents/schema";

export async function runTokenCommand(args: string[]): Promise<number> {
  const [subcommand, ...options] = args;
  if (subcommand !== "create") {
    console.error(
      'pitstop token: the only subcommand is "create" (pitstop token create --name NAME --role ROLE [--expires-in-days N])',
    );
    return 2;
  }
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: options,
      options: {
        name: { type: "string" },
        role: { type: "string" },
        "expires-in-days": { type: "string" },
      },
    }));
  } catch (error) {
    console.error(`pitstop token create: ${(error as Error).message}`);
    return 2;
  }
  const { "expires-in-days": days, ...rest } = values;
  // A flag's value is text; the schema wants a number, so "abc" or "1.5" fail there, named.
  const input = apiTokenInputSchema.safeParse({
    ...rest,
    expiresInDays: days === undefined ? undefined : Number(days),
  });
  if (!input.success) {
    for (const [field, message] of Object.entries(fieldErrors(input.error))) {
      const flag = field === "expiresInDays" ? "expires-in-days" : field;
      console.error(`pitstop token create: --${flag}: ${message}`);
    }
    return 2;
  }
  const created = await createApiToken(input.data, { kind: "system", label: "pitstop CLI" });
  await db.$disconnect();
  console.error(
    `Created API token "${created.name}" (role ${created.role}, prefix ${created.prefix}, ${
      created.expiresAt ? `expires ${created.expiresAt.toISOString()}` : "no expiry"
    }). It is shown only once:`,
  );
  console.log(created.token);
  return 0;
}
