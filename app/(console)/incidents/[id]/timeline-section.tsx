// The incident's timeline with the note form for those who may add notes.
import { IncidentTimeline } from "@/components/incident-timeline";
import { NoteForm } from "@/components/team-forms";
import { can } from "@/lib/auth/policy";
import type { SessionUser } from "@/lib/auth/session";
import type { IncidentRecord } from "@/lib/incidents/store";
import { incidentTimeline } from "@/lib/incidents/timeline";
import { addNoteAction } from "../team-actions";

export async function TimelineSection({
  user,
  incident,
}: {
  user: SessionUser;
  incident: IncidentRecord;
}) {
  const items = await incidentTimeline(incident);
  return (
    <section
      aria-labelledby="timeline-heading"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="timeline-heading" className="font-semibold">
        Timeline
      </h2>
      <IncidentTimeline items={items} />
      {can(user, "incident.note") ? (
        <NoteForm action={addNoteAction.bind(null, incident.id)} />
      ) : null}
    </section>
  );
}
