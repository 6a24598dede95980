// Small builders for test fixtures: a valid thing by default, with the fields a test cares about.
import type { Actor } from "@/lib/auth/policy";
import type { Role } from "@/lib/auth/roles";

let sequence = 0;
export const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now()}-${++sequence}`;

export function incidentBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    correlationId: unique("corr"),
    title: "Remote start never arrived",
    environment: "prod",
    tenant: "fleetco",
    vin: "JTMBFREV0HD123456",
    scopes: ["vehicle:commands", "openid"],
    errorString: "status: 504 command engine_start timed out after 30000ms",
    httpStatus: 504,
    occurredAt: "2026-11-20T10:00:00Z",
    severity: "sev2",
    ...overrides,
  };
}

export function actor(role: Role, overrides: Partial<Actor> = {}): Actor {
  return { kind: "user", id: unique("user"), label: `Test ${role}`, role, ...overrides };
}

/**
 * Roll-up rows as plain values in one order, to compare rows read back with rows counted in
 * TypeScript: SUM comes back as a bigint (PostgreSQL) where a column is a number.
 */
export const comparableRows = (rows: Array<Record<string, unknown>>) =>
  rows
    .map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [
          key,
          typeof value === "bigint" ? Number(value) : value,
        ]),
      ),
    )
    .sort((a, b) =>
      `${a.environment} ${a.day} ${a.cause}`.localeCompare(`${b.environment} ${b.day} ${b.cause}`),
    );
