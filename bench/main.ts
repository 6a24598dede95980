// `npm run bench [group] [--incidents N]`: progress on stderr, one JSON object of figures as the
// last line of stdout (keys as in DESIGN.md). With no group every default group runs; `scale`
// (a million incidents in each database) runs only when named. The database groups run on
// SQLite, then again on a throwaway PostgreSQL cluster for the same keys prefixed `pg.`.
import { parseArgs } from "node:util";
import { z } from "zod";
import { benchChecks } from "./checks";
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
const groups = requested ? { [requested]: GROUPS[requested]! } : DEFAULT_GROUPS;
for (const [name, run] of Object.entries(groups)) {
  log(`group ${name}${inPostgresPass ? " on PostgreSQL" : ""}`);
  Object.assign(figures, await run({ incidents }));
  if (!inPostgresPass && ON_POSTGRES_TOO.has(name)) {
    const passArgs = name === "scale" ? [name, "--incidents", String(incidents)] : [name];
    Object.assign(figures, await onPostgres(name, passArgs));
  }
}
console.log(JSON.stringify(figures));
process.exit(0);
