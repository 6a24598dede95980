// `npm run bench [group] [--incidents N]`: progress on stderr, one JSON object of figures as the
// last line of stdout (keys as in DESIGN.md). With no group every default group runs; `scale`
// (a million incidents in each database) runs only when named. The database groups run on
// SQLite, then again on a throwaway PostgreSQL cluster for the same keys prefixed `pg.`. A run of
// every group runs each in a child process of its own (bench/child.ts).
import { parseArgs } from "node:util";
import { z } from "zod";
import { benchChecks } from "./checks";
import { benchInChild } from "./child";
import { benchClassify } from "./classify";
import { benchIncidents } from "./incidents";
import { benchPages } from "./pages";
import { choosePassDatabase, onPostgres } from "./postgres";
import { benchScale, SCALE_DEFAULT_INCIDENTS } from "./scale";
import { benchSimulator } from "./simulator";
import { benchSoak } from "./soak";
import { log } from "./support";
import { benchTrends } from "./trends";

type Options = { incidents: number };
type Group = (options: Options) => Promise<Record<string, number>>;

const DEFAULT_GROUPS: Record<string, Group> = {
  incidents: benchIncidents,
  simulator: benchSimulator,
  checks: benchChecks,
  classify: benchClassify,
  soak: benchSoak,
  trends: benchTrends,
  pages: benchPages,
};
const OPT_IN_GROUPS: Record<string, Group> = {
  scale: ({ incidents }) => benchScale(incidents),
};
const GROUPS = { ...DEFAULT_GROUPS, ...OPT_IN_GROUPS };
const ON_POSTGRES_TOO = new Set(["incidents", "trends", "scale"]);

const argumentsSchema = z
  .object({
    group: z
      .enum(Object.keys(GROUPS) as [string, ...string[]], {
        error: (issue) =>
          `unknown group "${String(issue.input)}"; groups: ${Object.keys(DEFAULT_GROUPS).join(", ")}, and ${Object.keys(OPT_IN_GROUPS).join(", ")} only when named`,
      })
      .optional(),
    incidents: z.coerce
      .number({ error: "--incidents must be a whole number" })
      .int("--incidents must be a whole number")
      .min(1_000, "--incidents must be at least 1,000")
      .max(10_000_000, "--incidents must be at most 10,000,000")
      .optional(),
  })
  .refine((args) => args.incidents === undefined || args.group === "scale", {
    message: "--incidents applies to the scale group only",
    path: ["incidents"],
  });

function parseArguments() {
  let raw;
  try {
    raw = parseArgs({ options: { incidents: { type: "string" } }, allowPositionals: true });
  } catch (error) {
    return { problem: (error as Error).message };
  }
  if (raw.positionals.length > 1)
    return { problem: `one group at a time, not ${raw.positionals.join(" ")}` };
  const parsed = argumentsSchema.safeParse({
    group: raw.positionals[0],
    incidents: raw.values.incidents,
  });
  return parsed.success ? { args: parsed.data } : { problem: parsed.error.issues[0]!.message };
}

const parsed = parseArguments();
if (!parsed.args) {
  console.error(`bench: ${parsed.problem}`);
  process.exit(2);
}
const { group: requested, incidents = SCALE_DEFAULT_INCIDENTS } = parsed.args;
const inPostgresPass = choosePassDatabase();

const figures: Record<string, number> = {};
if (requested) {
  log(`group ${requested}${inPostgresPass ? " on PostgreSQL" : ""}`);
  Object.assign(figures, await GROUPS[requested]!({ incidents }));
  if (!inPostgresPass && ON_POSTGRES_TOO.has(requested)) {
    const passArgs =
      requested === "scale" ? [requested, "--incidents", String(incidents)] : [requested];
    Object.assign(figures, await onPostgres(requested, passArgs));
  }
} else {
  for (const name of Object.keys(DEFAULT_GROUPS))
    Object.assign(figures, await benchInChild([name]));
}
console.log(JSON.stringify(figures));
process.exit(0);
