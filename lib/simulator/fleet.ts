// The seeded fleet: tenants (client apps), accounts, vehicles, links and subscriptions for one
// environment. Named personas reproduce one behaviour each by default (docs/simulator.md);
// a seeded crowd of ordinary accounts and vehicles fills the rest.
import { hashSeed, seededRandom, type Random } from "./random";
import { withCheckDigit } from "./vin";

export const ENVIRONMENTS = ["sandbox", "prod"] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

export const MARKETS = ["US", "CA", "EU", "JP", "AU"] as const;
export type Market = (typeof MARKETS)[number];

export const SCOPES = [
  "openid",
  "offline_access",
  "account:read",
  "subscription:read",
  "vehicle:read",
  "vehicle:link",
  "vehicle:commands",
  "vehicle:location",
  "webhook:manage",
] as const;

export const FEATURES = [
  "remote_lock",
  "remote_unlock",
  "remote_engine_start",
  "remote_engine_stop",
  "vehicle_locate",
  "vehicle_status",
] as const;
export type Feature = (typeof FEATURES)[number];

// Remote engine start is not offered where local rules forbid idling a parked car.
export const MARKET_FEATURES: Record<Market, readonly Feature[]> = {
  US: FEATURES,
  CA: FEATURES,
  EU: ["remote_lock", "remote_unlock", "vehicle_locate", "vehicle_status"],
  JP: ["remote_lock", "remote_unlock", "vehicle_locate", "vehicle_status", "remote_engine_stop"],
  AU: ["remote_lock", "remote_unlock", "vehicle_locate", "vehicle_status"],
};

export type RateLimit = { limit: number; windowS: number };

export type Tenant = {
  id: string;
  name: string;
  clientId: string;
  clientSecret: string;
  apiKey: string;
  allowedScopes: string[];
  keyRateLimit: RateLimit;
  tokenRateLimit: RateLimit;
};

export type Account = {
  id: string;
  email: string;
  password: string;
  name: string;
  market: Market;
  verification: "verified" | "pending";
};

export type Reachability = "online" | "asleep" | "unreachable";

export type Vehicle = {
  vin: string;
  brand: "Toyota" | "Lexus";
  model: string;
  year: number;
  market: Market;
  telematics: {
    unit: string;
    reachability: Reachability;
    signalBars: number;
    lastSeenMinutesAgo: number;
  };
  odometerKm: number;
};

export type Link = {
  vin: string;
  accountId: string;
  role: "primary" | "secondary";
  linkedAt: string;
};
export type SubscriptionStatus = "active" | "trial" | "expired" | "unpaid";
export type Subscription = {
  vin: string;
  accountId: string;
  plan: string;
  status: SubscriptionStatus;
  expiresAt: string;
};

export type Fleet = {
  environment: EnvironmentName;
  tenants: Tenant[];
  accounts: Account[];
  vehicles: Vehicle[];
  /** Replaced, never changed in place, so an index of it can tell when it is stale. */
  links: readonly Link[];
  subscriptions: Subscription[];
  minAppVersion: string;
};

export const DEMO_PASSWORD = "Drive-2026!";
const PLAN = "Remote Connect";

function tenants(environment: EnvironmentName): Tenant[] {
  const tenant = (
    id: string,
    name: string,
    allowedScopes: readonly string[],
    keyRateLimit: RateLimit,
    tokenRateLimit: RateLimit,
  ): Tenant => ({
    id,
    name,
    clientId: `${id}-${environment}`,
    clientSecret: `secret_${environment}_${id}`,
    apiKey: `key_${environment}_${id}`,
    allowedScopes: [...allowedScopes],
    keyRateLimit,
    tokenRateLimit,
  });
  return [
    tenant(
      "fleetco",
      "FleetCo fleet console",
      SCOPES,
      { limit: 50, windowS: 1 },
      { limit: 20, windowS: 1 },
    ),
    tenant(
      "drivewise",
      "DriveWise consumer app",
      SCOPES.filter((scope) => scope !== "webhook:manage"),
      { limit: 50, windowS: 1 },
      { limit: 20, windowS: 1 },
    ),
    tenant(
      "loadlab",
      "LoadLab (load tests)",
      SCOPES,
      { limit: 100_000, windowS: 1 },
      { limit: 100_000, windowS: 1 },
    ),
  ];
}

type Persona = {
  email: string;
  name: string;
  market?: Market;
  verification?: Account["verification"];
  vehicle?: {
    vinStem: string;
    brand?: Vehicle["brand"];
    model: string;
    year: number;
    reachability?: Reachability;
    signalBars?: number;
    lastSeenMinutesAgo?: number;
  };
  subscription?: SubscriptionStatus;
};

// VIN stems: WMI + descriptor + "0" placeholder for the check digit + year/plant/serial.
const PERSONAS: Persona[] = [
  {
    email: "ava.active@example.com",
    name: "Ava Active",
    vehicle: { vinStem: "JTMBFREV0RD100001", model: "RAV4", year: 2024 },
    subscription: "active",
  },
  {
    email: "tom.trial@example.com",
    name: "Tom Trial",
    vehicle: { vinStem: "4T1DAACK0SU100002", model: "Camry", year: 2025 },
    subscription: "trial",
  },
  {
    email: "eli.expired@example.com",
    name: "Eli Expired",
    vehicle: { vinStem: "3TMLB5JN0MM100003", model: "Tacoma", year: 2021 },
    subscription: "expired",
  },
  {
    email: "una.unpaid@example.com",
    name: "Una Unpaid",
    market: "CA",
    vehicle: { vinStem: "5TDKDRBH0PS100004", model: "Highlander", year: 2023 },
    subscription: "unpaid",
  },
  {
    email: "sam.sleepy@example.com",
    name: "Sam Sleepy",
    vehicle: {
      vinStem: "7MUAAABG0NV100005",
      model: "Corolla Cross",
      year: 2022,
      reachability: "asleep",
      lastSeenMinutesAgo: 95,
    },
    subscription: "active",
  },
  {
    email: "gus.garage@example.com",
    name: "Gus Garage",
    vehicle: {
      vinStem: "5TFLA5DB0RX100006",
      model: "Tundra",
      year: 2024,
      reachability: "unreachable",
      signalBars: 0,
      lastSeenMinutesAgo: 190,
    },
    subscription: "active",
  },
  {
    email: "wes.weak@example.com",
    name: "Wes Weak",
    vehicle: { vinStem: "JTEVA5AR0S5100007", model: "4Runner", year: 2025, signalBars: 1 },
    subscription: "active",
  },
  {
    email: "lena.lexus@example.com",
    name: "Lena Lexus",
    market: "EU",
    vehicle: { vinStem: "JTJHKCFZ0R2100008", brand: "Lexus", model: "NX 350h", year: 2024 },
    subscription: "active",
  },
  {
    email: "vic.verify@example.com",
    name: "Vic Verify",
    verification: "pending",
    vehicle: { vinStem: "JTDACACU0R3100009", model: "Prius", year: 2024 },
    subscription: "active",
  },
  {
    email: "olga.owner@example.com",
    name: "Olga Owner",
    vehicle: { vinStem: "JTDKAMFU0N3100010", model: "Prius Prime", year: 2022 },
    subscription: "active",
  },
  { email: "nate.newowner@example.com", name: "Nate Newowner" },
  { email: "sid.second@example.com", name: "Sid Second" },
  { email: "pat.pairing@example.com", name: "Pat Pairing" },
];

// Vehicles on no account, for the pairing flow: one that confirms, one that never answers.
const UNPAIRED: Array<Persona["vehicle"] & {}> = [
  { vinStem: "JTMABABA0SA100011", model: "bZ4X", year: 2025 },
  {
    vinStem: "JTMABABA0SA100012",
    model: "bZ4X",
    year: 2025,
    reachability: "unreachable",
    signalBars: 0,
    lastSeenMinutesAgo: 600,
  },
];

const CROWD_MODELS: Array<[Vehicle["brand"], string, string]> = [
  ["Toyota", "RAV4", "JTMBFREV"],
  ["Toyota", "Camry", "4T1DAACK"],
  ["Toyota", "Corolla", "5YFB4MDE"],
  ["Toyota", "Highlander", "5TDKDRBH"],
  ["Lexus", "RX 350", "2T2BAMCA"],
  ["Lexus", "ES 300h", "58ADA1C1"],
];

function vehicleFrom(
  spec: NonNullable<Persona["vehicle"]>,
  market: Market,
  random: Random,
): Vehicle {
  return {
    vin: withCheckDigit(spec.vinStem),
    brand: spec.brand ?? "Toyota",
    model: spec.model,
    year: spec.year,
    market,
    telematics: {
      unit: spec.year >= 2023 ? "24MM" : spec.year >= 2020 ? "21MM" : "17CY",
      reachability: spec.reachability ?? "online",
      signalBars: spec.signalBars ?? 4,
      lastSeenMinutesAgo: spec.lastSeenMinutesAgo ?? 1,
    },
    odometerKm: Math.round(5_000 + random() * 60_000),
  };
}

const daysFrom = (now: Date, days: number) =>
  new Date(now.getTime() + days * 86_400_000).toISOString();

export function buildFleet(environment: EnvironmentName, seed: number, now = new Date()): Fleet {
  const random = seededRandom(hashSeed(seed, environment));
  const accounts: Account[] = [];
  const vehicles: Vehicle[] = [];
  const links: Link[] = [];
  const subscriptions: Subscription[] = [];
  const linkedAt = daysFrom(now, -200);
  const subscribe = (vin: string, accountId: string, status: SubscriptionStatus) =>
    subscriptions.push({
      vin,
      accountId,
      plan: PLAN,
      status,
      expiresAt: daysFrom(now, status === "active" ? 300 : status === "trial" ? 20 : -12),
    });

  PERSONAS.forEach((persona, index) => {
    const account: Account = {
      id: `acct-${String(index + 1).padStart(4, "0")}`,
      email: persona.email,
      password: DEMO_PASSWORD,
      name: persona.name,
      market: persona.market ?? "US",
      verification: persona.verification ?? "verified",
    };
    accounts.push(account);
    if (!persona.vehicle) return;
    const vehicle = vehicleFrom(persona.vehicle, account.market, random);
    vehicles.push(vehicle);
    links.push({ vin: vehicle.vin, accountId: account.id, role: "primary", linkedAt });
    subscribe(vehicle.vin, account.id, persona.subscription ?? "active");
  });

  const byEmail = (email: string) => accounts.find((account) => account.email === email)!;
  const vinOf = (email: string) => links.find((link) => link.accountId === byEmail(email).id)!.vin;
  // Sid drives Ava's RAV4 as a secondary driver.
  links.push({
    vin: vinOf("ava.active@example.com"),
    accountId: byEmail("sid.second@example.com").id,
    role: "secondary",
    linkedAt,
  });
  // Prod only: Olga sold her Prius Prime; prod moved it to Nate, sandbox was never updated.
  if (environment === "prod") {
    const olgaVin = vinOf("olga.owner@example.com");
    const link = links.find((candidate) => candidate.vin === olgaVin)!;
    link.accountId = byEmail("nate.newowner@example.com").id;
    link.linkedAt = daysFrom(now, -3);
    const subscription = subscriptions.find((candidate) => candidate.vin === olgaVin)!;
    subscription.accountId = link.accountId;
  }
  for (const spec of UNPAIRED) vehicles.push(vehicleFrom(spec, "US", random));

  for (let n = 0; n < 40; n++) {
    const id = `acct-${String(1000 + n)}`;
    const market = (["US", "US", "US", "CA", "EU", "JP", "AU"] as const)[Math.floor(random() * 7)]!;
    accounts.push({
      id,
      email: `driver${1000 + n}@example.com`,
      password: DEMO_PASSWORD,
      name: `Driver ${1000 + n}`,
      market,
      verification: "verified",
    });
    const [brand, model, wmi] = CROWD_MODELS[Math.floor(random() * CROWD_MODELS.length)]!;
    const year = 2019 + Math.floor(random() * 7);
    const serial = String(200_000 + n).padStart(6, "0");
    const yearCode = "KLMNPRS"[year - 2019] ?? "S";
    const roll = random();
    const vehicle = vehicleFrom(
      {
        vinStem: `${wmi}0${yearCode}X${serial}`,
        brand,
        model,
        year,
        reachability: roll < 0.8 ? "online" : roll < 0.95 ? "asleep" : "unreachable",
        signalBars: 1 + Math.floor(random() * 5),
        lastSeenMinutesAgo: Math.floor(random() * 30),
      },
      market,
      random,
    );
    vehicles.push(vehicle);
    links.push({ vin: vehicle.vin, accountId: id, role: "primary", linkedAt });
    const status = random();
    subscribe(
      vehicle.vin,
      id,
      status < 0.75 ? "active" : status < 0.9 ? "trial" : status < 0.97 ? "expired" : "unpaid",
    );
  }

  return {
    environment,
    tenants: tenants(environment),
    accounts,
    vehicles,
    links,
    subscriptions,
    minAppVersion: environment === "prod" ? "3.2.0" : "3.0.0",
  };
}
