// The whole fake vendor: both environments and the fault board they share.
import { SimEnvironment, type SimulatorOptions } from "./environment";
import { FaultBoard } from "./faults";
import { ENVIRONMENTS, type EnvironmentName } from "./fleet";

export class Simulator {
  readonly faults = new FaultBoard();
  readonly environments: Record<EnvironmentName, SimEnvironment>;

  constructor(readonly options: SimulatorOptions) {
    this.environments = {
      sandbox: new SimEnvironment("sandbox", options, this.faults),
      prod: new SimEnvironment("prod", options, this.faults),
    };
  }

  async reset(): Promise<void> {
    this.faults.reset();
    await Promise.all(ENVIRONMENTS.map((name) => this.environments[name].reset()));
  }
}
