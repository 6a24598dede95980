// Fault injection: what the admin API can switch on to reproduce each cause on demand. A fault
// has a kind (one per cause id, plus latency and error-rate knobs), a target (environment and
// optionally tenant, account, VIN) and a time window.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ENVIRONMENTS, FEATURES } from "./fleet";

/** Which face of the simulator a fault touches; a fault without one touches both. */
export const FAULT_FACES = ["toyota", "smartcar"] as const;
export type FaultFace = (typeof FAULT_FACES)[number];

const version = z
  .string()
  .regex(/^\d+(\.\d+){0,3}$/, { error: "must be a dotted version like 3.4.0" });

export const FAULT_PARAMS = {
  subscription_inactive: z.object({
    status: z.enum(["expired", "unpaid", "cancelled"]).default("expired"),
  }),
  account_auth: z.object({
    mode: z.enum(["token_expired", "token_revoked", "password_changed", "verification_pending"]),
  }),
  missing_scope: z.object({ scope: z.string().min(1).max(100) }),
  vehicle_not_linked: z.object({
    mode: z
      .enum(["unlinked", "vin_mismatch", "not_primary", "ownership_transferred"])
      .default("unlinked"),
  }),
  app_version: z
    .object({
      minAppVersion: version.optional(),
      sunsetApiVersion: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
      // The Smartcar face's API versions live in the path (/v2.0, /v3): the one to retire.
      smartcarVersion: z.enum(["2.0", "3"]).optional(),
    })
    .refine((params) => params.minAppVersion || params.sunsetApiVersion || params.smartcarVersion, {
      error: "give minAppVersion, sunsetApiVersion or smartcarVersion",
    }),
  vehicle_connectivity: z.object({ mode: z.enum(["unreachable", "weak_signal", "asleep"]) }),
  phone_network: z.object({ mode: z.enum(["blackhole", "reset"]).default("blackhole") }),
  server_outage: z.object({
    mode: z.enum(["unavailable", "timeout", "maintenance"]).default("unavailable"),
    pathPrefix: z.string().startsWith("/").max(200).optional(),
    holdMs: z.number().int().min(0).max(120_000).default(30_000),
  }),
  rate_limited: z.object({
    limit: z.number().int().min(1).max(100_000),
    windowS: z.number().int().min(1).max(3600).default(1),
    // The Smartcar face counts per vehicle (RATE_LIMIT:VEHICLE) or per application
    // (RATE_LIMIT:SMARTCAR_API); the Toyota-style face counts per key and token as always.
    per: z.enum(["vehicle", "application"]).default("vehicle"),
  }),
  region_unavailable: z.object({ feature: z.enum(FEATURES).optional() }),
  latency: z
    .object({
      medianMs: z.number().min(0).max(60_000).default(50),
      p99Ms: z.number().min(0).max(120_000).default(250),
      stallMs: z.number().min(0).max(120_000).optional(),
    })
    .refine((params) => params.p99Ms >= params.medianMs, {
      error: "p99Ms must be at least medianMs",
    }),
  error_rate: z.object({
    rate: z.number().min(0).max(1),
    status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(500),
  }),
} as const;

export const FAULT_KINDS = Object.keys(FAULT_PARAMS) as Array<keyof typeof FAULT_PARAMS>;
export type FaultKind = keyof typeof FAULT_PARAMS;

const targetSchema = z
  .object({
    tenant: z.string().min(1).max(100).optional(),
    account: z.string().min(1).max(200).optional(),
    vin: z
      .string()
      .regex(/^[A-HJ-NPR-Z0-9]{17}$/, { error: "vin must be 17 characters without I, O or Q" })
      .optional(),
  })
  .strict()
  .default({});

export const faultInputSchema = z
  .object({
    kind: z.enum(FAULT_KINDS as [FaultKind, ...FaultKind[]], {
      error: `kind must be one of ${FAULT_KINDS.join(", ")}`,
    }),
    environment: z.enum(ENVIRONMENTS, { error: "environment must be sandbox or prod" }),
    face: z.enum(FAULT_FACES, { error: "face must be toyota or smartcar" }).optional(),
    target: targetSchema,
    durationS: z
      .number()
      .int()
      .min(1)
      .max(7 * 86_400)
      .default(3_600),
    startsAt: z.iso.datetime({ offset: true }).optional(),
    params: z.record(z.string(), z.unknown()).default({}),
    note: z.string().max(500).optional(),
  })
  .transform((input, context) => {
    const params = FAULT_PARAMS[input.kind].safeParse(input.params);
    if (!params.success) {
      for (const issue of params.error.issues)
        context.addIssue({ ...issue, path: ["params", ...issue.path] } as never);
      return z.NEVER;
    }
    return { ...input, params: params.data as Record<string, unknown> };
  });
export type FaultInput = z.output<typeof faultInputSchema>;

export type Fault = FaultInput & {
  id: string;
  startsAt: string;
  endsAt: string;
  createdAt: string;
};
export type FaultTarget = {
  /** The face asking; the Toyota-style one when absent. */
  face?: FaultFace;
  tenant?: string | null;
  account?: string | null;
  accountEmail?: string | null;
  vin?: string | null;
};

// What `active` answers when nothing matches: one shared, frozen array instead of a new one per
// request.
const NO_FAULTS: Fault[] = Object.freeze([]) as unknown as Fault[];

export class FaultBoard {
  #faults: Fault[] = [];
  // Cleared faults, ended at the moment they were cleared: the status history is built from them.
  #ended: Fault[] = [];

  add(input: FaultInput, now = new Date()): Fault {
    const startsAt = input.startsAt ? new Date(input.startsAt) : now;
    const fault: Fault = {
      ...input,
      id: `fault_${randomUUID()}`,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + input.durationS * 1000).toISOString(),
      createdAt: now.toISOString(),
    };
    this.#faults.push(fault);
    return fault;
  }

  #end(fault: Fault, now: Date): Fault {
    const ended = {
      ...fault,
      endsAt: fault.endsAt < now.toISOString() ? fault.endsAt : now.toISOString(),
    };
    this.#ended.push(ended);
    return ended;
  }

  remove(id: string, now = new Date()): Fault | null {
    const fault = this.#faults.find((candidate) => candidate.id === id);
    if (!fault) return null;
    this.#faults = this.#faults.filter((candidate) => candidate !== fault);
    return this.#end(fault, now);
  }

  clear(now = new Date()): Fault[] {
    const cleared = this.#faults.map((fault) => this.#end(fault, now));
    this.#faults = [];
    return cleared;
  }

  /** Forgets everything, history included (the simulator's reset). */
  reset(): void {
    this.#faults = [];
    this.#ended = [];
  }

  list(): Fault[] {
    return [...this.#faults];
  }

  /** Every fault of a kind ever injected in an environment for a face, cleared ones included. */
  history(environment: string, kind: FaultKind, face: FaultFace = "toyota"): Fault[] {
    return [...this.#ended, ...this.#faults].filter(
      (fault) =>
        fault.environment === environment &&
        fault.kind === kind &&
        (!fault.face || fault.face === face),
    );
  }

  /** Whether a fault of a kind is on the board (active or due): a cheap test before working out a target. */
  has(kind: FaultKind, face: FaultFace = "toyota"): boolean {
    return this.#faults.some(
      (fault) => fault.kind === kind && (!fault.face || fault.face === face),
    );
  }

  /** Active faults of a kind whose target matches what this request is about. */
  active<K extends FaultKind>(
    environment: string,
    kind: K,
    about: FaultTarget,
    now = Date.now(),
  ): Fault[] {
    if (this.#faults.length === 0) return NO_FAULTS;
    const iso = new Date(now).toISOString();
    return this.#faults.filter((fault) => {
      if (fault.kind !== kind || fault.environment !== environment) return false;
      if (fault.startsAt > iso || fault.endsAt <= iso) return false;
      if (fault.face && fault.face !== (about.face ?? "toyota")) return false;
      const { tenant, account, vin } = fault.target;
      if (tenant && tenant !== about.tenant) return false;
      if (account && account !== about.account && account !== about.accountEmail) return false;
      if (vin && vin !== about.vin) return false;
      return true;
    });
  }
}
