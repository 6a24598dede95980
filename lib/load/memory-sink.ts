// A soak sink that keeps everything in memory: for tests, benchmarks and short CLI runs that
// print a summary instead of storing the run.
import type { SecondStats, SoakSampleRecord, SoakSink } from "./types";

export class MemorySink implements SoakSink {
  readonly samples: SoakSampleRecord[] = [];
  readonly seconds: SecondStats[] = [];
  batches = 0;

  async write(batch: { samples: SoakSampleRecord[]; seconds: SecondStats[] }): Promise<void> {
    this.batches++;
    for (const sample of batch.samples) this.samples.push(sample);
    for (const second of batch.seconds) this.seconds.push(second);
  }
}
