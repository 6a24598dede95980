// One simulated environment (sandbox or prod): its fleet, tokens, commands, pairings, logs
// and the fault-aware view of them that the routes answer from.
import { randomBytes, randomUUID } from "node:crypto";
import type { FaultBoard, FaultFace, FaultTarget } from "./faults";
import {
  buildFleet,
  MARKET_FEATURES,
  type Account,
  type EnvironmentName,
  type Feature,
  type Fleet,
  type Link,
  type Reachability,
  type SubscriptionStatus,
  type Tenant,
  type Vehicle,
} from "./fleet";
import { hashSeed, lognormalMs, seededRandom, type Random } from "./random";
import { RateLimiter } from "./rate-limiter";
import { RequestLog } from "./request-log";
import { TokenAuthority } from "./token-authority";
import { API_VERSIONS } from "./versions";
import { WebhookDispatcher } from "./webhooks";

export type SimulatorOptions = {
  seed: number;
  timeScale: number;
  publicUrl: string;
  adminKey: string;
  allowAnyWebhookHost: boolean;
  accessTokenTtlS: number;
  /** Redirect URIs registered for the Smartcar face's demo client besides its seeded one. */
  smartcarRedirectUris?: readonly string[];
};

export type AuditEntry = {
  id: string;
  at: string;
  kind:
    | "key_rotation"
    | "scope_change"
    | "relink"
    | "unlink"
    | "subscription_change"
    | "password_change"
    | "app_version_gate"
    | "api_version_sunset";
  tenant: string | null;
  summary: string;
  details: Record<string, unknown>;
};
export type RefreshGrant = {
  accountId: string;
  tenant: string;
  scopes: string[];
  expiresAtMs: number;
  issuedAtMs: number;
};
export type Pairing = {
  id: string;
  vin: string;
  accountId: string;
  tenant: string;
  role: Link["role"];
  status: "pending_vehicle_confirmation" | "confirmed" | "failed";
  failureCode: string | null;
  createdAt: string;
  updatedAt: string;
};
export const COMMANDS = ["lock", "unlock", "engine_start", "engine_stop", "locate"] as const;
export type CommandName = (typeof COMMANDS)[number];
export type Command = {
  id: string;
  vin: string;
  accountId: string;
  tenant: string;
  command: CommandName;
  status: "pending" | "completed" | "timed_out" | "rejected";
  failureCode: string | null;
  createdAt: string;
  updatedAt: string;
  result: Record<string, unknown> | null;
};

export const COMMAND_FEATURES: Record<CommandName, Feature> = {
  lock: "remote_lock",
  unlock: "remote_unlock",
  engine_start: "remote_engine_start",
  engine_stop: "remote_engine_stop",
  locate: "vehicle_locate",
};

const BASE_TIMINGS_MS = {
  commandMedian: 1_500,
  commandP99: 4_000,
  wakeUp: 9_000,
  commandTimeout: 30_000,
  pairingConfirm: 2_000,
  webhookBackoff: 1_000,
};

export class SimEnvironment {
  fleet!: Fleet;
  authority!: TokenAuthority;
  random!: Random;
  readonly requestLog = new RequestLog();
  readonly rateLimiter = new RateLimiter();
  readonly webhooks: WebhookDispatcher;
  audit: AuditEntry[] = [];
  refreshTokens = new Map<string, RefreshGrant>();
  authCodes = new Map<string, RefreshGrant & { redirectUri: string }>();
  revokedJtis = new Set<string>();
  pairings = new Map<string, Pairing>();
  commands = new Map<string, Command>();
  #timers = new Set<NodeJS.Timeout>();
  #tenantsByKey = new Map<string, Tenant>();
  // The seeded fleet's accounts and vehicles never change after reset: every authenticated call
  // looks its account up, so by id rather than by scanning the list.
  #accountsById = new Map<string, Account>();
  #vehiclesByVin = new Map<string, Vehicle>();
  // Links by account, for the fleet.links it was built from (pairing and unlinking replace it).
  #linksByAccount = { from: null as readonly Link[] | null, index: new Map<string, Link[]>() };

  constructor(
    readonly name: EnvironmentName,
    readonly options: SimulatorOptions,
    readonly faults: FaultBoard,
  ) {
    this.webhooks = new WebhookDispatcher(BASE_TIMINGS_MS.webhookBackoff * options.timeScale);
  }

  get issuer(): string {
    return `${this.options.publicUrl}/${this.name}`;
  }

  /** Back to the seeded state: fleet, keys, tokens, logs, commands and webhooks. */
  async reset(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.fleet = buildFleet(this.name, this.options.seed);
    this.#tenantsByKey = new Map(this.fleet.tenants.map((tenant) => [tenant.apiKey, tenant]));
    this.#accountsById = new Map(this.fleet.accounts.map((account) => [account.id, account]));
    this.#vehiclesByVin = new Map(this.fleet.vehicles.map((vehicle) => [vehicle.vin, vehicle]));
    this.random = seededRandom(hashSeed(this.options.seed, this.name, "runtime"));
    this.authority = new TokenAuthority(this.name, this.issuer);
    await this.authority.rotate(false);
    this.requestLog.clear();
    this.rateLimiter.clear();
    this.webhooks.reset();
    this.audit = [];
    this.refreshTokens.clear();
    this.authCodes.clear();
    this.revokedJtis.clear();
    this.pairings.clear();
    this.commands.clear();
  }

  ms(baseMs: number): number {
    return Math.max(1, Math.round(baseMs * this.options.timeScale));
  }

  later(delayMs: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, delayMs);
    this.#timers.add(timer);
  }

  recordAudit(
    kind: AuditEntry["kind"],
    tenant: string | null,
    summary: string,
    details: Record<string, unknown> = {},
  ): void {
    this.audit.push({
      id: `aud_${randomUUID()}`,
      at: new Date().toISOString(),
      kind,
      tenant,
      summary,
      details,
    });
  }

  newOpaqueToken(prefix: string): string {
    return `${prefix}_${randomBytes(24).toString("base64url")}`;
  }

  tenantByApiKey(apiKey: string | undefined): Tenant | undefined {
    return apiKey ? this.#tenantsByKey.get(apiKey) : undefined;
  }

  tenantByClientId(clientId: string): Tenant | undefined {
    return this.fleet.tenants.find((tenant) => tenant.clientId === clientId);
  }

  account(id: string): Account | undefined {
    return this.#accountsById.get(id);
  }

  accountByEmail(email: string): Account | undefined {
    const wanted = email.trim().toLowerCase();
    return this.fleet.accounts.find((account) => account.email === wanted);
  }

  vehicle(vin: string): Vehicle | undefined {
    return this.#vehiclesByVin.get(vin);
  }

  about(
    tenant: string | null,
    account: Account | null,
    vin?: string | null,
    face?: FaultFace,
  ): FaultTarget {
    // Built on every request, twice: a literal, not a spread of a conditional object.
    const about: FaultTarget = {
      tenant,
      account: account?.id ?? null,
      accountEmail: account?.email ?? null,
      vin: vin ?? null,
    };
    if (face) about.face = face;
    return about;
  }

  // ---- the fault-aware view -------------------------------------------------------------

  subscriptionStatus(
    vin: string,
    about: FaultTarget,
  ): { status: SubscriptionStatus | "cancelled" | "none"; expiresAt: string | null } {
    const subscription = this.fleet.subscriptions.find((candidate) => candidate.vin === vin);
    const fault = this.faults.active(this.name, "subscription_inactive", about)[0];
    if (fault)
      return { status: fault.params.status as SubscriptionStatus, expiresAt: fault.startsAt };
    return subscription
      ? { status: subscription.status, expiresAt: subscription.expiresAt }
      : { status: "none", expiresAt: null };
  }

  /** The account's link to this vehicle, or why there is none. */
  linkFor(
    vin: string,
    account: Account,
    about: FaultTarget,
  ): { link: Link | null; reason: string | null } {
    const fault = this.faults.active(this.name, "vehicle_not_linked", about)[0];
    const link =
      this.fleet.links.find(
        (candidate) => candidate.vin === vin && candidate.accountId === account.id,
      ) ?? null;
    if (fault) {
      const mode = fault.params.mode as string;
      if (mode === "not_primary" && link)
        return { link: { ...link, role: "secondary" }, reason: null };
      return { link: null, reason: mode };
    }
    if (link) return { link, reason: null };
    const other = this.fleet.links.find(
      (candidate) => candidate.vin === vin && candidate.role === "primary",
    );
    return { link: null, reason: other ? "ownership_transferred" : "unlinked" };
  }

  #linksOfAccount(accountId: string): readonly Link[] {
    const links = this.fleet.links;
    if (this.#linksByAccount.from !== links) {
      const index = new Map<string, Link[]>();
      for (const link of links)
        index.set(link.accountId, [...(index.get(link.accountId) ?? []), link]);
      this.#linksByAccount = { from: links, index };
    }
    return this.#linksByAccount.index.get(accountId) ?? [];
  }

  /** How many links `linksOf` would give, without building them when no fault can drop one. */
  linkCountOf(account: Account, tenant: string | null, face?: FaultFace): number {
    if (!this.faults.has("vehicle_not_linked", face))
      return this.#linksOfAccount(account.id).length;
    return this.linksOf(account, tenant, face).length;
  }

  /** The account's links as the fault-aware view has them (a not_primary fault shows the role as secondary). */
  linksOf(
    account: Account,
    tenant: string | null,
    face?: FaultFace,
  ): Array<Link & { vehicle: Vehicle }> {
    const stored = this.#linksOfAccount(account.id);
    // Without a vehicle_not_linked fault on the board every stored link stands as it is.
    if (!this.faults.has("vehicle_not_linked", face))
      return stored.map((link) => ({ ...link, vehicle: this.vehicle(link.vin)! }));
    return stored.flatMap((own) => {
      const about = this.about(tenant, account, own.vin, face);
      const { link } = this.linkFor(own.vin, account, about);
      return link ? [{ ...link, vehicle: this.vehicle(link.vin)! }] : [];
    });
  }

  reachability(
    vehicle: Vehicle,
    about: FaultTarget,
  ): { reachability: Reachability | "weak_signal"; signalBars: number; lastSeenAt: string } {
    const fault = this.faults.active(this.name, "vehicle_connectivity", about)[0];
    const mode =
      (fault?.params.mode as string | undefined) ??
      (vehicle.telematics.signalBars <= 1 && vehicle.telematics.reachability === "online"
        ? "weak_signal"
        : vehicle.telematics.reachability);
    const minutesAgo =
      mode === "unreachable"
        ? Math.max(vehicle.telematics.lastSeenMinutesAgo, 180)
        : mode === "asleep"
          ? Math.max(vehicle.telematics.lastSeenMinutesAgo, 60)
          : vehicle.telematics.lastSeenMinutesAgo;
    return {
      reachability: mode as Reachability | "weak_signal",
      signalBars:
        mode === "unreachable" ? 0 : mode === "weak_signal" ? 1 : vehicle.telematics.signalBars,
      lastSeenAt: new Date(
        (fault ? Date.parse(fault.startsAt) : Date.now()) - minutesAgo * 60_000,
      ).toISOString(),
    };
  }

  featureAvailable(vehicle: Vehicle, feature: Feature, about: FaultTarget): boolean {
    const fault = this.faults
      .active(this.name, "region_unavailable", about)
      .find((candidate) => !candidate.params.feature || candidate.params.feature === feature);
    return !fault && MARKET_FEATURES[vehicle.market].includes(feature);
  }

  minAppVersion(about: FaultTarget): string {
    const fault = this.faults
      .active(this.name, "app_version", about)
      .find((candidate) => candidate.params.minAppVersion);
    return (fault?.params.minAppVersion as string | undefined) ?? this.fleet.minAppVersion;
  }

  /** `sunsetApiVersions(about).includes(version)` without building the list on every request. */
  isSunsetApiVersion(version: string, about: FaultTarget): boolean {
    if ((API_VERSIONS.sunset as readonly string[]).includes(version)) return true;
    return this.faults
      .active(this.name, "app_version", about)
      .some((fault) => fault.params.sunsetApiVersion === version);
  }

  sunsetApiVersions(about: FaultTarget): string[] {
    const extra = this.faults
      .active(this.name, "app_version", about)
      .map((fault) => fault.params.sunsetApiVersion as string | undefined)
      .filter((version): version is string => Boolean(version));
    return [...API_VERSIONS.sunset, ...extra];
  }

  // ---- commands and pairing -------------------------------------------------------------

  startCommand(
    vehicle: Vehicle,
    account: Account,
    tenant: string,
    command: CommandName,
    about: FaultTarget,
  ): Command {
    const now = new Date().toISOString();
    const record: Command = {
      id: `cmd_${randomUUID()}`,
      vin: vehicle.vin,
      accountId: account.id,
      tenant,
      command,
      status: "pending",
      failureCode: null,
      createdAt: now,
      updatedAt: now,
      result: null,
    };
    this.commands.set(record.id, record);
    const { reachability } = this.reachability(vehicle, about);
    const finish = (
      status: Command["status"],
      failureCode: string | null,
      result: Record<string, unknown> | null,
    ) => {
      Object.assign(record, { status, failureCode, result, updatedAt: new Date().toISOString() });
      this.webhooks.emit(
        [tenant],
        status === "completed" ? "command.completed" : "command.failed",
        { commandId: record.id, vin: record.vin, command, status, failureCode },
      );
    };
    const took = lognormalMs(
      this.random,
      this.ms(BASE_TIMINGS_MS.commandMedian),
      this.ms(BASE_TIMINGS_MS.commandP99),
    );
    if (reachability === "online") {
      this.later(took, () =>
        finish(
          "completed",
          null,
          command === "locate"
            ? { latitude: 35.0844, longitude: -106.6504, accuracyM: 12 }
            : { acknowledgedBy: vehicle.telematics.unit },
        ),
      );
    } else if (reachability === "asleep") {
      // The unit wakes on an SMS shoulder-tap, then acts.
      this.later(this.ms(BASE_TIMINGS_MS.wakeUp) + took, () =>
        finish("completed", null, { acknowledgedBy: vehicle.telematics.unit, wokeUp: true }),
      );
    } else if (reachability === "weak_signal") {
      this.later(took * 2, () => finish("rejected", "TCU_WEAK_SIGNAL", null));
    } else {
      this.later(this.ms(BASE_TIMINGS_MS.commandTimeout), () =>
        finish("timed_out", "TCU_UNREACHABLE", null),
      );
    }
    return record;
  }

  startPairing(
    vehicle: Vehicle,
    account: Account,
    tenant: string,
    role: Link["role"],
    about: FaultTarget,
  ): Pairing {
    const now = new Date().toISOString();
    const pairing: Pairing = {
      id: `pair_${randomUUID()}`,
      vin: vehicle.vin,
      accountId: account.id,
      tenant,
      role,
      status: "pending_vehicle_confirmation",
      failureCode: null,
      createdAt: now,
      updatedAt: now,
    };
    this.pairings.set(pairing.id, pairing);
    const { reachability } = this.reachability(vehicle, about);
    if (reachability === "online" || reachability === "asleep") {
      const delay =
        this.ms(BASE_TIMINGS_MS.pairingConfirm) +
        (reachability === "asleep" ? this.ms(BASE_TIMINGS_MS.wakeUp) : 0);
      this.later(delay, () => {
        // Another account's pairing may have been confirmed as primary while this one waited.
        const owner = this.fleet.links.find(
          (link) =>
            link.vin === vehicle.vin && link.role === "primary" && link.accountId !== account.id,
        );
        if (role === "primary" && owner) {
          Object.assign(pairing, {
            status: "failed",
            failureCode: "PAIRING_OWNERSHIP_CONFLICT",
            updatedAt: new Date().toISOString(),
          });
          return;
        }
        this.fleet.links = [
          ...this.fleet.links.filter(
            (link) => !(link.vin === vehicle.vin && link.accountId === account.id),
          ),
          { vin: vehicle.vin, accountId: account.id, role, linkedAt: new Date().toISOString() },
        ];
        Object.assign(pairing, { status: "confirmed", updatedAt: new Date().toISOString() });
        this.recordAudit("relink", tenant, `${vehicle.vin} linked to ${account.email} as ${role}`, {
          vin: vehicle.vin,
          accountId: account.id,
          role,
        });
        this.webhooks.emit([tenant], "vehicle.linked", {
          vin: vehicle.vin,
          accountId: account.id,
          role,
        });
      });
    } else {
      this.later(this.ms(BASE_TIMINGS_MS.commandTimeout), () =>
        Object.assign(pairing, {
          status: "failed",
          failureCode:
            reachability === "weak_signal" ? "PAIRING_WEAK_SIGNAL" : "PAIRING_VEHICLE_TIMEOUT",
          updatedAt: new Date().toISOString(),
        }),
      );
    }
    return pairing;
  }

  unlink(vin: string, account: Account, tenant: string): void {
    this.fleet.links = this.fleet.links.filter(
      (link) => !(link.vin === vin && link.accountId === account.id),
    );
    this.recordAudit("unlink", tenant, `${vin} unlinked from ${account.email}`, {
      vin,
      accountId: account.id,
    });
    this.webhooks.emit([tenant], "vehicle.unlinked", { vin, accountId: account.id });
  }
}
