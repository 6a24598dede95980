// What the Smartcar face keeps per environment: its applications (the seeded demo client),
// Connect's authorization codes, access and refresh tokens, the connections users made between
// the application and their vehicles, webhooks and each vehicle's lock state. Vehicle and user
// ids are derived from the fleet's VINs and account ids, so they are the same on every start.
import { createHash, randomUUID } from "node:crypto";
import type { SimEnvironment } from "../environment";
import type { Account, Vehicle } from "../fleet";
import { WebhookDispatcher } from "../webhooks";
import { smartcarDeliveryFormat, type SmartcarEvent } from "./webhook-format";

export const SMARTCAR_DEMO = {
  clientId: "sc-demo-client",
  clientSecret: "sc-demo-secret",
  redirectUri: "http://127.0.0.1:8000/callback",
  managementToken: "sc-demo-amt",
} as const;

/** Smartcar's permission names for the endpoints the face serves. */
export const PERMISSIONS = [
  "read_vehicle_info",
  "read_vin",
  "read_location",
  "read_odometer",
  "read_battery",
  "read_charge",
  "read_fuel",
  "read_engine_oil",
  "read_tires",
  "read_security",
  "control_security",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ACCESS_TOKEN_TTL_S = 7_200;
export const REFRESH_TOKEN_TTL_S = 60 * 86_400;
export const CODE_TTL_MS = 10 * 60_000;

export type Application = {
  id: string;
  name: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  managementToken: string;
};

export type Grant = {
  applicationId: string;
  accountId: string;
  userId: string;
  scopes: string[];
  issuedAtMs: number;
  expiresAtMs: number;
};

export type Connection = {
  applicationId: string;
  userId: string;
  accountId: string;
  vehicleId: string;
  vin: string;
  connectedAt: string;
};

function uuidFrom(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join(":")).digest("hex");
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `4${hex.slice(13, 16)}`,
    `a${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join("-");
}

const WEBHOOK_BACKOFF_MS = 1_000;

export class SmartcarState {
  readonly applications: Application[];
  readonly webhooks: WebhookDispatcher<SmartcarEvent>;
  codes = new Map<string, Grant & { redirectUri: string }>();
  accessTokens = new Map<string, Grant>();
  refreshTokens = new Map<string, Grant>();
  connections: Connection[] = [];
  /** "<webhookId>:<vehicleId>" for each vehicle subscribed to a webhook. */
  vehicleSubscriptions = new Set<string>();
  locked = new Map<string, boolean>();
  #vinsById = new Map<string, string>();

  constructor(
    readonly env: SimEnvironment,
    extraRedirectUris: readonly string[] = [],
  ) {
    this.applications = [
      {
        id: uuidFrom("smartcar-application", env.name, SMARTCAR_DEMO.clientId),
        name: "Smartcar demo application",
        clientId: SMARTCAR_DEMO.clientId,
        clientSecret: SMARTCAR_DEMO.clientSecret,
        redirectUris: [SMARTCAR_DEMO.redirectUri, ...extraRedirectUris],
        managementToken: SMARTCAR_DEMO.managementToken,
      },
    ];
    this.webhooks = new WebhookDispatcher<SmartcarEvent>(
      Math.max(1, WEBHOOK_BACKOFF_MS * env.options.timeScale),
      smartcarDeliveryFormat,
    );
  }

  /** Back to the seeded state; called after the environment's own reset (the fleet is new). */
  reset(): void {
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.connections = [];
    this.vehicleSubscriptions.clear();
    this.locked.clear();
    this.webhooks.reset();
    this.#vinsById = new Map(
      this.env.fleet.vehicles.map((vehicle) => [this.vehicleIdOf(vehicle.vin), vehicle.vin]),
    );
  }

  vehicleIdOf(vin: string): string {
    return uuidFrom("smartcar-vehicle", this.env.name, vin);
  }

  userIdOf(accountId: string): string {
    return uuidFrom("smartcar-user", this.env.name, accountId);
  }

  vehicleById(vehicleId: string): Vehicle | undefined {
    const vin = this.#vinsById.get(vehicleId);
    return vin ? this.env.vehicle(vin) : undefined;
  }

  applicationByClientId(clientId: string | undefined): Application | undefined {
    return clientId
      ? this.applications.find((application) => application.clientId === clientId)
      : undefined;
  }

  applicationByManagementToken(token: string | undefined): Application | undefined {
    return token
      ? this.applications.find((application) => application.managementToken === token)
      : undefined;
  }

  application(id: string): Application | undefined {
    return this.applications.find((application) => application.id === id);
  }

  newToken(): string {
    return randomUUID();
  }

  /** Connects every vehicle the account can reach to the application (what Connect approves). */
  connect(application: Application, account: Account): Connection[] {
    const userId = this.userIdOf(account.id);
    const connectedAt = new Date().toISOString();
    const made = this.env.linksOf(account, application.clientId, "smartcar").map((link) => ({
      applicationId: application.id,
      userId,
      accountId: account.id,
      vehicleId: this.vehicleIdOf(link.vin),
      vin: link.vin,
      connectedAt,
    }));
    const fresh = new Set(made.map((connection) => connection.vehicleId));
    this.connections = [
      ...made,
      ...this.connections.filter(
        (connection) =>
          !(
            connection.applicationId === application.id &&
            connection.userId === userId &&
            fresh.has(connection.vehicleId)
          ),
      ),
    ];
    return made;
  }

  connection(applicationId: string, userId: string, vehicleId: string): Connection | undefined {
    return this.connections.find(
      (connection) =>
        connection.applicationId === applicationId &&
        connection.userId === userId &&
        connection.vehicleId === vehicleId,
    );
  }

  disconnect(filter: (connection: Connection) => boolean): Connection[] {
    const removed = this.connections.filter(filter);
    this.connections = this.connections.filter((connection) => !filter(connection));
    for (const connection of removed)
      for (const key of [...this.vehicleSubscriptions])
        if (key.endsWith(`:${connection.vehicleId}`)) this.vehicleSubscriptions.delete(key);
    return removed;
  }
}
