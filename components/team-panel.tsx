// Who is on the incident and what state it is in, with the SRE's controls: acknowledge, take
// it, give it to someone, the working statuses, and resolve or reopen.
import { StatusBadge } from "./badges";
import { DefinitionList } from "./definition-list";
import { inputClass } from "./text-field";

type FormAction = (form: FormData) => Promise<void>;

export type TeamPanelProps = {
  status: string;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
  owner: { id: string; name: string } | null;
  viewerId: string;
  /** Present when the viewer may acknowledge, own and change the status (incident.write). */
  controls: {
    users: ReadonlyArray<{ id: string; name: string; role: string }>;
    workingStatuses: readonly string[];
    acknowledge: FormAction;
    take: FormAction;
    setOwner: FormAction;
    changeStatus: FormAction;
  } | null;
  /** The resolve form while unresolved, the reopen form once resolved. */
  children?: React.ReactNode;
};

const secondaryButton =
  "rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800";
const utc = (at: Date) => `${at.toISOString().replace("T", " ").slice(0, 19)} UTC`;

export function TeamPanel({
  status,
  acknowledgedBy,
  acknowledgedAt,
  owner,
  viewerId,
  controls,
  children,
}: TeamPanelProps) {
  return (
    <section
      aria-labelledby="team-heading"
      className="no-print space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="team-heading" className="font-semibold">
        Team
      </h2>
      <DefinitionList
        items={[
          ["Status", <StatusBadge key="s" status={status} />],
          [
            "Acknowledged",
            acknowledgedBy && acknowledgedAt
              ? `by ${acknowledgedBy} at ${utc(acknowledgedAt)}`
              : null,
          ],
          ["Owner", owner?.name ?? null],
        ]}
      />
      {controls ? (
        <div className="flex flex-wrap items-end gap-3">
          {acknowledgedAt ? null : (
            <form action={controls.acknowledge}>
              <button type="submit" className={secondaryButton}>
                Acknowledge
              </button>
            </form>
          )}
          {owner?.id === viewerId ? null : (
            <form action={controls.take}>
              <button type="submit" className={secondaryButton}>
                Take it
              </button>
            </form>
          )}
          <form action={controls.setOwner} className="flex items-end gap-2">
            <label className="text-sm font-medium">
              Owner
              <select name="ownerId" defaultValue={owner?.id ?? ""} className={inputClass}>
                <option value="">Nobody</option>
                {controls.users.map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className={secondaryButton}>
              Set owner
            </button>
          </form>
          {status === "resolved" ? null : (
            <form action={controls.changeStatus} className="flex items-end gap-2">
              <label className="text-sm font-medium">
                Status
                <select name="status" defaultValue={status} className={inputClass}>
                  {controls.workingStatuses.map((working) => (
                    <option key={working}>{working}</option>
                  ))}
                </select>
              </label>
              <button type="submit" className={secondaryButton}>
                Change status
              </button>
            </form>
          )}
        </div>
      ) : null}
      {children}
    </section>
  );
}
