export type AuditTrailItem = {
  id: number;
  at: Date;
  actorLabel: string;
  action: string;
  before: string | null;
  after: string | null;
};

const ACTION_LABELS: Record<string, string> = {
  "incident.create": "filed the incident",
  "incident.update": "edited the incident",
  "incident.status_change": "changed the status",
  "incident.acknowledge": "acknowledged the incident",
  "incident.owner_change": "changed the owner",
  "incident.resolve": "resolved the incident",
  "incident.reopen": "reopened the incident",
  "incident.note": "added a note",
};

function statusChange(item: AuditTrailItem): string | null {
  if (item.action !== "incident.status_change" || !item.before || !item.after) return null;
  const before = JSON.parse(item.before) as { status?: string };
  const after = JSON.parse(item.after) as { status?: string };
  return `${before.status} → ${after.status}`;
}

export function AuditTrail({ items }: { items: AuditTrailItem[] }) {
  return (
    <ol className="space-y-2 text-sm">
      {items.map((item) => (
        <li key={item.id}>
          <time
            dateTime={item.at.toISOString()}
            className="tabular-nums text-slate-500 dark:text-slate-400"
          >
            {item.at.toISOString().slice(0, 19).replace("T", " ")}
          </time>{" "}
          <span className="font-medium">{item.actorLabel}</span>{" "}
          {ACTION_LABELS[item.action] ?? item.action} {statusChange(item)}
        </li>
      ))}
    </ol>
  );
}
