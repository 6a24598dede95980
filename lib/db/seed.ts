import "server-only";
// Demo data for a first start: one user per role (listed in the README) and a few weeks of
// incidents across tenants, so every page has something real to show. Seeded once per database.
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { createIncident } from "@/lib/incidents/store";
import type { IncidentInput } from "@/lib/incidents/schema";
import { db } from "./client";
import { seedDemoProbeHistory } from "./seed-probes";

export const DEMO_PASSWORD = "pitstop-demo";
export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: Role }> = [
  { email: "sre@pitstop.example", name: "Sam Rivera", role: "sre" },
  { email: "lead@pitstop.example", name: "Lee Chen", role: "support_lead" },
  { email: "manager@pitstop.example", name: "Morgan Ito", role: "manager" },
  { email: "admin@pitstop.example", name: "Ada Admin", role: "admin" },
];

const SEEDED_FLAG = "demo_data_seeded";

// What demo incidents look like: one shape per common failure, repeated with volatile parts.
const DEMO_FAILURES: ReadonlyArray<
  Pick<IncidentInput, "title" | "httpStatus" | "severity"> & {
    error: (n: number, vin: string) => string;
    scopes: string[];
  }
> = [
  {
    title: "Couldn't pair vehicle",
    httpStatus: 409,
    severity: "sev3",
    scopes: ["openid", "vehicle:link"],
    error: (n, vin) =>
      `Couldn't pair your vehicle. Please try again. (VIN ${vin}, code PAIR-409, request ${n})`,
  },
  {
    title: "Token refresh rejected",
    httpStatus: 400,
    severity: "sev2",
    scopes: ["openid", "offline_access"],
    error: (n) =>
      `HTTP 400 {"error":"invalid_grant","error_description":"Refresh token expired at 2026-10-${String((n % 27) + 1).padStart(2, "0")}T04:12:00Z"}`,
  },
  {
    title: "Remote start never arrived",
    httpStatus: 504,
    severity: "sev2",
    scopes: ["vehicle:commands"],
    error: (n, vin) => `status: 504 command engine_start for ${vin} timed out after ${30000 + n}ms`,
  },
  {
    title: "Rate limited on vehicle status",
    httpStatus: 429,
    severity: "sev3",
    scopes: ["vehicle:read"],
    error: (n) =>
      `HTTP 429 Too Many Requests: rate limit exceeded, retry after ${(n % 50) + 10} seconds`,
  },
  {
    title: "Missing commands scope",
    httpStatus: 403,
    severity: "sev3",
    scopes: ["openid", "vehicle:read"],
    error: () => `HTTP 403 {"error":"insufficient_scope","scope":"vehicle:commands"}`,
  },
  {
    title: "Subscription expired",
    httpStatus: 403,
    severity: "sev4",
    scopes: ["vehicle:read"],
    error: (n) =>
      `TSC-4031 Remote services subscription is not active for account acct-${1000 + n}`,
  },
];
// The simulator's clients and personas (docs/simulator.md), so checks on demo incidents find them.
const TENANTS = ["fleetco", "drivewise"];
const DRIVERS = [
  { vin: "JTMBFREVXRD100001", account: "ava.active@example.com" },
  { vin: "3TMLB5JN9MM100003", account: "eli.expired@example.com" },
  { vin: "5TFLA5DB7RX100006", account: "gus.garage@example.com" },
  { vin: "JTJHKCFZ6R2100008", account: "lena.lexus@example.com" },
];

// A small deterministic generator, so every fresh database gets the same demo history.
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function demoIncidents(count: number, now: Date): IncidentInput[] {
  const random = mulberry32(20261123);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: count }, (_, n) => {
    const failure = pick(DEMO_FAILURES);
    const { vin, account } = pick(DRIVERS);
    const occurredAt = new Date(now.getTime() - Math.floor(random() * 42 * 86_400_000));
    const ageDays = (now.getTime() - occurredAt.getTime()) / 86_400_000;
    return {
      correlationId: `demo-${String(n + 1).padStart(4, "0")}`,
      title: failure.title,
      environment: random() < 0.8 ? "prod" : "sandbox",
      tenant: pick(TENANTS),
      vin,
      accountRef: account,
      sdkName: "toyota-connected-sdk",
      sdkVersion: pick(["4.1.0", "4.2.1", "4.3.0"]),
      apiVersion: pick(["2024-06-01", "2025-01-15"]),
      appVersion: pick(["3.8.2", "3.9.0"]),
      scopes: failure.scopes,
      errorString: failure.error(n, vin),
      httpStatus: failure.httpStatus,
      occurredAt,
      severity: failure.severity,
      status:
        ageDays > 14
          ? "resolved"
          : ageDays > 7
            ? pick(["mitigated", "resolved"] as const)
            : pick(["open", "triaging"] as const),
    };
  });
}

/**
 * Seeds demo users and incidents unless this database has been seeded before, and with
 * `probeHistoryDays` that many days of per-minute probe history around them.
 */
export async function seedDemoData({
  probeHistoryDays,
}: {
  probeHistoryDays: number | null;
}): Promise<boolean> {
  if (await db.appSetting.findUnique({ where: { key: SEEDED_FLAG } })) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    await db.user.upsert({
      where: { email: user.email },
      create: { ...user, passwordHash },
      update: {},
    });
  }
  const seeder = { kind: "system", label: "demo seed" } as const;
  const now = new Date();
  const incidents = demoIncidents(60, now);
  for (const [n, incident] of incidents.entries()) {
    const created = await createIncident(incident, seeder);
    // Filing a resolved incident stamps resolvedAt with the present; the demo history needs
    // resolutions hours after each incident, as real ones are, or mean time to resolve is noise.
    if (created.ok && incident.status === "resolved") {
      const resolvedAt = new Date(
        Math.min(now.getTime(), incident.occurredAt.getTime() + (2 + ((n * 7) % 70)) * 3_600_000),
      );
      await db.incident.update({ where: { id: created.incident.id }, data: { resolvedAt } });
    }
  }
  if (probeHistoryDays) await seedDemoProbeHistory(incidents, now, probeHistoryDays);
  await db.appSetting.create({ data: { key: SEEDED_FLAG, value: new Date().toISOString() } });
  return true;
}
