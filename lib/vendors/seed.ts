import "server-only";
// The connections every database starts with: the simulator as the default (its URL and admin
// key follow the settings, so a changed SIM_PORT needs no edit) and a demo Smartcar connection
// on the simulator's Smartcar face. Idempotent: an existing row of the same name is kept.
import { db, isUniqueViolation, Prisma } from "@/lib/db/client";
import { encryptSecret } from "@/lib/security/encryption";
import { simulatorBaseUrl } from "@/lib/telematics/simulator-status";
import {
  DEFAULT_SIMULATOR_CONNECTION_NAME,
  DEMO_SMARTCAR_CLIENT,
  DEMO_SMARTCAR_CONNECTION_NAME,
} from "./constants";

async function createUnlessNamed(data: Prisma.VendorConnectionCreateInput) {
  const existing = await db.vendorConnection.findUnique({ where: { name: data.name } });
  if (existing) return { row: existing, created: false };
  try {
    return { row: await db.vendorConnection.create({ data }), created: true };
  } catch (error) {
    // Another process seeded it first.
    if (isUniqueViolation(error))
      return {
        row: await db.vendorConnection.findUniqueOrThrow({ where: { name: data.name } }),
        created: false,
      };
    throw error;
  }
}

/** The default simulator connection; made the default only when no connection is. */
export async function seedDefaultSimulatorConnection() {
  const hasDefault = (await db.vendorConnection.count({ where: { isDefault: true } })) > 0;
  const { row } = await createUnlessNamed({
    name: DEFAULT_SIMULATOR_CONNECTION_NAME,
    kind: "pitstop-simulator",
    environment: "sandbox",
    isDefault: !hasDefault,
  });
  return row;
}

export async function seedVendorConnections(): Promise<string[]> {
  const seeded: string[] = [];
  const before = await db.vendorConnection.count();
  await seedDefaultSimulatorConnection();
  if ((await db.vendorConnection.count()) > before) seeded.push(DEFAULT_SIMULATOR_CONNECTION_NAME);
  const demo = await createUnlessNamed({
    name: DEMO_SMARTCAR_CONNECTION_NAME,
    kind: "smartcar",
    environment: "sandbox",
    baseUrl: `${simulatorBaseUrl().replace(/\/+$/, "")}/smartcar/sandbox`,
    clientId: DEMO_SMARTCAR_CLIENT.clientId,
    clientSecretEnc: encryptSecret(DEMO_SMARTCAR_CLIENT.clientSecret),
    managementTokenEnc: encryptSecret(DEMO_SMARTCAR_CLIENT.managementToken),
  });
  if (demo.created) seeded.push(DEMO_SMARTCAR_CONNECTION_NAME);
  return seeded;
}
