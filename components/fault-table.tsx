// The simulator's active and scheduled faults. With `clear` (admins) each row has a button
// that clears that fault; without it the board is read-only.
import type { BoardFault } from "@/lib/fault-board/schema";
import { EmptyState } from "./empty-state";
import { SimpleTable } from "./simple-table";

type Props = {
  faults: BoardFault[];
  clear?: (id: string, form: FormData) => Promise<void>;
};

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function timeLeft(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
  return `${Math.floor(hours / 24)} d${hours % 24 ? ` ${hours % 24} h` : ""}`;
}

const describeTarget = ({ tenant, account, vin }: BoardFault["target"]) =>
  [tenant && `tenant ${tenant}`, account && `account ${account}`, vin && `VIN ${vin}`]
    .filter(Boolean)
    .join(", ") || "every client";

const describeParams = (params: BoardFault["params"]) =>
  Object.entries(params)
    .map(([name, value]) => `${name}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ") || "none";

export function FaultTable({ faults, clear }: Props) {
  if (faults.length === 0)
    return (
      <EmptyState title="No active faults">
        The simulator answers as its seeded fleet does.
      </EmptyState>
    );
  return (
    <SimpleTable
      caption="Active faults"
      columns={[
        "Kind",
        "Environment",
        "Face",
        "Target",
        "Parameters",
        "Time left",
        "Injected by",
        ...(clear ? [""] : []),
      ]}
      rows={faults.map((fault) => [
        <span key="kind" className="font-medium">
          {fault.kind}
          {fault.note ? (
            <span className="block text-xs font-normal text-slate-500">{fault.note}</span>
          ) : null}
        </span>,
        fault.environment,
        fault.face ?? "both",
        describeTarget(fault.target),
        <code key="params" className="text-xs">
          {describeParams(fault.params)}
        </code>,
        <time key="left" dateTime={fault.endsAt} title={`Ends ${fault.endsAt}`}>
          {fault.state === "scheduled"
            ? `scheduled, then ${timeLeft(fault.remainingS)}`
            : timeLeft(fault.remainingS)}
        </time>,
        fault.injectedBy ?? "outside Pitstop",
        ...(clear
          ? [
              <form key="clear" action={clear.bind(null, fault.id)}>
                <button
                  type="submit"
                  aria-label={`Clear ${fault.kind} fault in ${fault.environment}`}
                  className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
                >
                  Clear
                </button>
              </form>,
            ]
          : []),
      ])}
    />
  );
}
