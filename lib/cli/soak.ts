import "server-only";
// `pitstop soak`: a soak run from the terminal. It runs in this process and records to the local
// database like a run started in the app (origin "cli"), so the console shows it live and can
// cancel it. Progress goes to stderr each second; the last stdout line is the summary JSON.
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { db } from "@/lib/db/client";
import { soakPlanSchema, type SoakPlanInput } from "@/lib/load/plan";
import type { SoakProgress } from "@/lib/load/runner";
import { soakVerdict } from "@/lib/load/verdict";
import { executeSoakRun, type RunEnding } from "@/lib/load/service";
import { createSoakRun } from "@/lib/load/store";
import { maskUrl } from "@/lib/security/secrets";
import { refuseArguments } from "./arguments";

export const SOAK_USAGE = `usage: pitstop soak --target URL (--rate N | --steps START:STEP:CEILING:STEP_SECONDS) --duration S [options]

Sends requests on schedule (open model) to a loopback endpoint and finds where it breaks.

  --name NAME               what to call the run (default: "pitstop soak <time>")
  --env sandbox|prod        the vendor environment the target belongs to (default sandbox)
  --target URL              loopback only: localhost, 127.x.x.x or ::1
  --method GET|POST         (default GET); --body TEXT for a POST
  --api-key KEY             sent as x-api-key
  --token TOKEN             sent as Authorization: Bearer TOKEN
  --api-version VERSION     sent as x-api-version
  --rate N                  a constant N requests per second
  --steps A:B:C:S           start at A req/s, add B every S seconds, up to C
  --duration S              seconds, at most 1800
  --timeout-ms MS           per request (default 5000)
  --connections N           concurrent connections (default 100)
  --retry[=N]               retry 429s and failures with full jitter, up to N attempts (default 3)
  --budget N                stop after N requests (default: what the schedule plans)

Exit status: 0 completed, 1 failed or cancelled, 2 bad arguments, 130 interrupted (Ctrl-C).`;

const OPTIONS = {
  name: { type: "string" },
  env: { type: "string" },
  target: { type: "string" },
  method: { type: "string" },
  body: { type: "string" },
  "api-key": { type: "string" },
  token: { type: "string" },
  "api-version": { type: "string" },
  rate: { type: "string" },
  steps: { type: "string" },
  duration: { type: "string" },
  "timeout-ms": { type: "string" },
  connections: { type: "string" },
  retry: { type: "string" },
  budget: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

type Flags = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]["type"] extends "boolean" ? boolean : string;
};

/** The flag a schema path came from, so an error names what the user typed. */
const FLAG_OF_PATH: Array<[RegExp, string]> = [
  [/^name$/, "--name"],
  [/^environment$/, "--env"],
  [/^targetUrl$/, "--target"],
  [/^method$/, "--method"],
  [/^body$/, "--body"],
  [/^credentials\.apiKey$/, "--api-key"],
  [/^credentials\.bearerToken$/, "--token"],
  [/^credentials\.apiVersion$/, "--api-version"],
  [/^schedule\.rate$/, "--rate"],
  [/^schedule\./, "--steps"],
  [/^schedule$/, "--rate/--steps"],
  [/^durationS$/, "--duration"],
  [/^timeoutMs$/, "--timeout-ms"],
  [/^connections$/, "--connections"],
  [/^retry/, "--retry"],
  [/^requestBudget$/, "--budget"],
];

const flagOf = (path: string) => FLAG_OF_PATH.find(([pattern]) => pattern.test(path))?.[1] ?? path;

class ArgumentError extends Error {}

// Empty stays undefined (the schema then says what is required); anything else becomes a number,
// so "ten" fails as NaN with the field's own message.
const numberFlag = (value: string | undefined) =>
  value === undefined || value === "" ? undefined : Number(value);

function scheduleFromFlags(flags: Flags): SoakPlanInput["schedule"] {
  if (flags.rate !== undefined && flags.steps !== undefined)
    throw new ArgumentError("--rate/--steps: give one of them, not both");
  if (flags.rate !== undefined) return { kind: "constant", rate: numberFlag(flags.rate) as number };
  if (flags.steps === undefined)
    throw new ArgumentError(
      "--rate/--steps: one is required (a constant rate, or START:STEP:CEILING:STEP_SECONDS)",
    );
  const parts = flags.steps.split(":");
  if (parts.length !== 4)
    throw new ArgumentError(
      `--steps: expected START:STEP:CEILING:STEP_SECONDS, got "${flags.steps}"`,
    );
  const [startRate, stepBy, ceiling, stepDurationS] = parts.map(
    (part) => numberFlag(part) as number,
  );
  return {
    kind: "steps",
    startRate: startRate!,
    stepBy: stepBy!,
    ceiling: ceiling!,
    stepDurationS: stepDurationS!,
  };
}

/** A bare `--retry` means the default number of attempts; parseArgs wants a value, so one is supplied. */
const withRetryDefault = (args: string[]) =>
  args.map((arg) => (arg === "--retry" ? "--retry=" : arg));

export type ParsedSoakArgs =
  | { ok: true; plan: ReturnType<typeof soakPlanSchema.parse> }
  | { ok: true; help: true }
  | { ok: false; errors: string[] };

export function parseSoakArgs(args: string[], now = new Date()): ParsedSoakArgs {
  let flags: Flags;
  try {
    ({ values: flags } = parseArgs({
      args: withRetryDefault(args),
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, errors: [(error as Error).message] };
  }
  if (flags.help) return { ok: true, help: true };
  let schedule: SoakPlanInput["schedule"];
  try {
    schedule = scheduleFromFlags(flags);
  } catch (error) {
    if (error instanceof ArgumentError) return { ok: false, errors: [error.message] };
    throw error;
  }
  const input = {
    name: flags.name ?? `pitstop soak ${now.toISOString().slice(0, 19).replace("T", " ")}`,
    environment: flags.env ?? "sandbox",
    targetUrl: flags.target ?? "",
    method: flags.method?.toUpperCase(),
    body: flags.body,
    credentials: {
      apiKey: flags["api-key"],
      bearerToken: flags.token,
      apiVersion: flags["api-version"],
    },
    schedule,
    durationS: numberFlag(flags.duration),
    timeoutMs: numberFlag(flags["timeout-ms"]),
    connections: numberFlag(flags.connections),
    retry: flags.retry === undefined ? undefined : { maxAttempts: numberFlag(flags.retry) },
    requestBudget: numberFlag(flags.budget),
  };
  const plan = soakPlanSchema.safeParse(input);
  if (plan.success) return { ok: true, plan: plan.data };
  const errors = plan.error.issues.map((issue) => {
    const path = issue.path.join(".");
    return `${flagOf(path)}: ${issue.message}`;
  });
  return { ok: false, errors: [...new Set(errors)] };
}

/** The runner reports a few times a second; the terminal gets one line per elapsed second. */
function progressPrinter(durationS: number): (progress: SoakProgress) => void {
  let lastSecond = -1;
  return (progress) => {
    const second = Math.floor(progress.elapsedS);
    if (second === lastSecond) return;
    lastSecond = second;
    console.error(
      `pitstop soak: ${Math.min(second, durationS)}/${durationS} s · ${progress.sent.toLocaleString("en")} sent · ${progress.completed.toLocaleString("en")} answered`,
    );
  };
}

const EXIT_CODES: Record<RunEnding["status"], number> = {
  completed: 0,
  failed: 1,
  cancelled: 1,
  interrupted: 130,
};

export async function runSoakCommand(args: string[]): Promise<number> {
  const parsed = parseSoakArgs(args);
  if (parsed.ok && "help" in parsed) {
    console.log(SOAK_USAGE);
    return 0;
  }
  if (!parsed.ok) {
    return refuseArguments("soak", parsed.errors);
  }
  const plan = parsed.plan;
  const run = await createSoakRun(
    { kind: "system", label: `pitstop CLI (${userInfo().username})` },
    plan,
    "cli",
  );
  console.error(
    `pitstop soak: run ${run.id} "${plan.name}" against ${plan.method} ${maskUrl(plan.targetUrl)} for ${plan.durationS} s (Ctrl-C stops it and keeps what it has)`,
  );

  // Ctrl-C or a TERM: stop sending, flush what was recorded, mark the run interrupted. A second
  // signal leaves at once; the next sweep marks the run interrupted from its heartbeat.
  const interrupt = new AbortController();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) process.exit(130);
    console.error(`pitstop soak: ${signal}: stopping and saving what was recorded…`);
    interrupt.abort("interrupted");
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const ending = await executeSoakRun(run, plan, {
      signal: interrupt.signal,
      onProgress: progressPrinter(plan.durationS),
    });
    if (ending.failureReason) console.error(`pitstop soak: ${ending.failureReason}`);
    const verdict = soakVerdict(plan, ending.status, ending.summary);
    console.error(
      `pitstop soak: run ${run.id} ${ending.status}${verdict ? `, ${verdict.verdict}: ${verdict.reasons.join("; ")}` : ""}`,
    );
    console.log(
      JSON.stringify({
        runId: run.id,
        status: ending.status,
        verdict: verdict?.verdict ?? null,
        verdictReasons: verdict?.reasons ?? [],
        summary: ending.summary,
      }),
    );
    return EXIT_CODES[ending.status];
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await db.$disconnect();
  }
}
