// `npm run bench [group]`: progress on stderr, one JSON object of figures as the last line of
// stdout (keys as in DESIGN.md).
import { benchChecks } from "./checks";
import { benchClassify } from "./classify";
import { benchIncidents } from "./incidents";
import { benchPages } from "./pages";
import { benchSimulator } from "./simulator";
import { benchSoak } from "./soak";
import { log } from "./support";
import { benchTrends } from "./trends";

const GROUPS: Record<string, () => Promise<Record<string, number>>> = {
  incidents: benchIncidents,
  simulator: benchSimulator,
  checks: benchChecks,
  classify: benchClassify,
  soak: benchSoak,
  trends: benchTrends,
  pages: benchPages,
};

const requested = process.argv[2];
if (requested && !(requested in GROUPS)) {
  console.error(`bench: unknown group "${requested}"; groups: ${Object.keys(GROUPS).join(", ")}`);
  process.exit(2);
}

const figures: Record<string, number> = {};
for (const [name, run] of Object.entries(GROUPS)) {
  if (requested && name !== requested) continue;
  log(`group ${name}`);
  Object.assign(figures, await run());
}
console.log(JSON.stringify(figures));
process.exit(0);
