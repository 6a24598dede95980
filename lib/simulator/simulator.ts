// The whole fake vendor: both environments, the Smartcar face's state in each, and the fault
// board they share.
import { SimEnvironment, type SimulatorOptions } from "./environment";
import { FaultBoard } from "./faults";
import { ENVIRONMENTS, type EnvironmentName } from "./fleet";
import { SmartcarState } from "./smartcar/state";

export class Simulator {
  readonly faults = new FaultBoard();
  readonly environments: Record<EnvironmentName, SimEnvironment>;
  readonly smartcar: Record<EnvironmentName, SmartcarState>;

  constructor(readonly options: SimulatorOptions) {
    this.environments = {
      sandbox: new SimEnvironment("sandbox", options, this.faults),
      prod: new SimEnvironment("prod", options, this.faults),
    };
    const redirectUris = options.smartcarRedirectUris ?? [];
    this.smartcar = {
      sandbox: new SmartcarState(this.environments.sandbox, redirectUris),
      prod: new SmartcarState(this.environments.prod, redirectUris),
    };
  }

  async reset(): Promise<void> {
    this.faults.reset();
    await Promise.all(ENVIRONMENTS.map((name) => this.environments[name].reset()));
    for (const name of ENVIRONMENTS) this.smartcar[name].reset();
  }
}
