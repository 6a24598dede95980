// A second app instance on the test database, as a child process: it starts a long soak run
// through the service, prints the run's id and keeps running it until it is killed.
import { startSoakRun } from "@/lib/load/service";
import { soakPlan, system } from "./soak-factories";

const start = await startSoakRun(
  system,
  soakPlan({ name: "other instance", schedule: { kind: "constant", rate: 1 }, durationS: 120 }),
);
console.log(JSON.stringify(start.ok ? { runId: start.run.id } : { refused: start.message }));
