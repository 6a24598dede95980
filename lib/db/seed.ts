import "server-only";
// Demo data for a first start: one user per role (listed in the README) and a few weeks of
// incidents across tenants, so every page has something real to show. Seeded once per database.
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import type { CauseId } from "@/lib/diagnosis/taxonomy";
import { recordIncidentEvent } from "@/lib/incidents/events";
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
// `cause` is what resolving usually confirms and `otherwise` what it sometimes turned out to be,
// so the demo's diagnosis accuracy has hits and misses.
const DEMO_FAILURES: ReadonlyArray<
  Pick<IncidentInput, "title" | "httpStatus" | "severity"> & {
    error: (n: number, vin: string) => string;
    scopes: string[];
    cause: CauseId;
    otherwise: CauseId;
    fix: string;
    otherwiseFix: string;
  }
> = [
  {
    title: "Couldn't pair vehicle",
    httpStatus: 409,
    severity: "sev3",
    scopes: ["openid", "vehicle:link"],
    cause: "vehicle_not_linked",
    otherwise: "subscription_inactive",
    otherwiseFix:
      "The pairing failed because the trial had lapsed; pairing worked once it was renewed.",
    fix: "Relinked the vehicle to the driver's account after an ownership transfer.",
    error: (n, vin) =>
      `Couldn't pair your vehicle. Please try again. (VIN ${vin}, code PAIR-409, request ${n})`,
  },
  {
    title: "Token refresh rejected",
    httpStatus: 400,
    severity: "sev2",
    scopes: ["openid", "offline_access"],
    cause: "account_auth",
    otherwise: "app_version",
    otherwiseFix: "The app build cached an old token endpoint; the app update fixed refreshing.",
    fix: "The driver signed in again; the app now refreshes tokens before they expire.",
    error: (n) =>
      `HTTP 400 {"error":"invalid_grant","error_description":"Refresh token expired at 2026-10-${String((n % 27) + 1).padStart(2, "0")}T04:12:00Z"}`,
  },
  {
    title: "Remote start never arrived",
    httpStatus: 504,
    severity: "sev2",
    scopes: ["vehicle:commands"],
    cause: "vehicle_connectivity",
    otherwise: "server_outage",
    otherwiseFix: "The vendor confirmed a command-gateway outage that hour.",
    fix: "The telematics unit was asleep in an underground car park; the command landed outside.",
    error: (n, vin) => `status: 504 command engine_start for ${vin} timed out after ${30000 + n}ms`,
  },
  {
    title: "Rate limited on vehicle status",
    httpStatus: 429,
    severity: "sev3",
    scopes: ["vehicle:read"],
    cause: "rate_limited",
    otherwise: "server_outage",
    otherwiseFix:
      "The vendor answered 429 during its own outage; it cleared when the outage ended.",
    fix: "Polling backed off to once a minute and honours Retry-After.",
    error: (n) =>
      `HTTP 429 Too Many Requests: rate limit exceeded, retry after ${(n % 50) + 10} seconds`,
  },
  {
    title: "Missing commands scope",
    httpStatus: 403,
    severity: "sev3",
    scopes: ["openid", "vehicle:read"],
    cause: "missing_scope",
    otherwise: "account_auth",
    otherwiseFix: "The token had been revoked by a password change; signing in again fixed it.",
    fix: "Consent was asked again with the vehicle:commands scope.",
    error: () => `HTTP 403 {"error":"insufficient_scope","scope":"vehicle:commands"}`,
  },
  {
    title: "Subscription expired",
    httpStatus: 403,
    severity: "sev4",
    scopes: ["vehicle:read"],
    cause: "subscription_inactive",
    otherwise: "region_unavailable",
    otherwiseFix: "The vehicle was registered in a market where remote services are not offered.",
    fix: "The driver renewed the connected-services trial.",
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
 * How the demo's resolved incident number `n` was settled: mostly the failure's usual cause,
 * every fifth something else, every eleventh none of the ten.
 */
function demoResolution(n: number, incident: IncidentInput) {
  const failure = DEMO_FAILURES.find((candidate) => candidate.title === incident.title)!;
  if (n % 11 === 0)
    return {
      confirmedCause: "other",
      confirmedCauseNote: "A certificate pinned in an old build of the driver's phone app.",
      resolutionNote: "Asked the driver to reinstall the app.",
    };
  const otherwise = n % 5 === 0;
  return {
    confirmedCause: otherwise ? failure.otherwise : failure.cause,
    confirmedCauseNote: null,
    resolutionNote: otherwise ? failure.otherwiseFix : failure.fix,
  };
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
  const sre = await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS[0]!.email } });
  const resolver = { kind: "user", id: sre.id, label: sre.name, role: "sre" } as const;
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
      const resolution = demoResolution(n, incident);
      await db.$transaction(async (tx) => {
        await tx.incident.update({
          where: { id: created.incident.id },
          data: { resolvedAt, ...resolution },
        });
        await recordIncidentEvent(tx, resolver, {
          incidentId: created.incident.id,
          kind: "resolved",
          at: resolvedAt,
          data: resolution,
        });
      });
    }
  }
  if (probeHistoryDays) await seedDemoProbeHistory(incidents, now, probeHistoryDays);
  await db.appSetting.create({ data: { key: SEEDED_FLAG, value: new Date().toISOString() } });
  return true;
}
