import type { StepStats } from "@/lib/load/types";
import { SimpleTable } from "./simple-table";

const ms = (value: number | null) =>
  value === null ? "—" : value.toLocaleString("en", { maximumFractionDigits: 1 });
const rate = (value: number) => value.toLocaleString("en", { maximumFractionDigits: 1 });
const share = (value: number) =>
  `${(value * 100).toLocaleString("en", { maximumFractionDigits: 1 })} %`;

export function SoakStepTable({ steps }: { steps: StepStats[] }) {
  return (
    <SimpleTable
      caption="Per-step results"
      columns={[
        "Step",
        "Rate (req/s)",
        "Achieved (req/s)",
        "Sent",
        "p50 (ms)",
        "p95 (ms)",
        "p99 (ms)",
        "429 share",
        "5xx",
        "Errors",
      ]}
      rows={steps.map((step) => [
        step.step + 1,
        rate(step.rate),
        rate(step.achievedRate),
        step.sent.toLocaleString("en"),
        ms(step.p50Ms),
        ms(step.p95Ms),
        ms(step.p99Ms),
        share(step.share429),
        step.status5xx.toLocaleString("en"),
        `${step.errors.toLocaleString("en")} (${share(step.errorShare)})`,
      ])}
    />
  );
}
