import "server-only";
// `pitstop token create --name NAME --role ROLE`: prints a new API token for the local database.
import { parseArgs } from "node:util";
import { apiTokenInputSchema, createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { fieldErrors } from "@/lib/incidents/schema";

export async function runTokenCommand(args: string[]): Promise<number> {
  const [subcommand, ...options] = args;
  if (subcommand !== "create") {
    console.error(
      'pitstop token: the only subcommand is "create" (pitstop token create --name NAME --role ROLE)',
    );
    return 2;
  }
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: options,
      options: { name: { type: "string" }, role: { type: "string" } },
    }));
  } catch (error) {
    console.error(`pitstop token create: ${(error as Error).message}`);
    return 2;
  }
  const input = apiTokenInputSchema.safeParse(values);
  if (!input.success) {
    for (const [field, message] of Object.entries(fieldErrors(input.error))) {
      console.error(`pitstop token create: --${field}: ${message}`);
    }
    return 2;
  }
  const created = await createApiToken(input.data, { kind: "system", label: "pitstop CLI" });
  await db.$disconnect();
  console.error(
    `Created API token "${created.name}" (role ${created.role}, prefix ${created.prefix}). It is shown only once:`,
  );
  console.log(created.token);
  return 0;
}
