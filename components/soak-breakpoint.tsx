import type { Breakpoint } from "@/lib/load/types";

const rate = (value: number) => `${value.toLocaleString("en", { maximumFractionDigits: 2 })} req/s`;

/** Where the vendor broke, the safe rate below it, and the step-by-step reasoning. */
export function SoakBreakpoint({ breakpoint }: { breakpoint: Breakpoint | null }) {
  if (!breakpoint) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        A constant-rate run has no breakpoint: one step has nothing to bend against.
      </p>
    );
  }
  return (
    <div className="space-y-3 text-sm">
      <p className="text-base">
        {breakpoint.rate === null ? (
          <>
            No step broke.
            {breakpoint.safeRate === null ? null : (
              <>
                {" "}
                Safe rate: at least <strong>{rate(breakpoint.safeRate)}</strong>, the highest step
                tested.
              </>
            )}
          </>
        ) : (
          <>
            Breaks at <strong>{rate(breakpoint.rate)}</strong> (step {(breakpoint.step ?? 0) + 1}).{" "}
            {breakpoint.safeRate === null ? (
              "The first step already broke: no safe rate was found."
            ) : (
              <>
                Safe rate: <strong>{rate(breakpoint.safeRate)}</strong>.
              </>
            )}
          </>
        )}
      </p>
      <ol aria-label="Breakpoint reasoning" className="list-decimal space-y-1 pl-5">
        {breakpoint.reasoning.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ol>
    </div>
  );
}
