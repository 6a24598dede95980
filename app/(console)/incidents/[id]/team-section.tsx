// The team panel: state, acknowledgement and owner for everyone; the controls for SREs and admins.
import { TeamPanel } from "@/components/team-panel";
import { ReopenForm, ResolveForm } from "@/components/team-forms";
import { can } from "@/lib/auth/policy";
import type { SessionUser } from "@/lib/auth/session";
import { WORKING_STATUSES } from "@/lib/incidents/schema";
import type { IncidentRecord } from "@/lib/incidents/store";
import { incidentTeam } from "@/lib/incidents/team";
import { CONFIRMED_CAUSE_LABELS, CONFIRMED_CAUSES } from "@/lib/incidents/team-schema";
import { changeStatusAction } from "../actions";
import {
  acknowledgeIncidentAction,
  reopenIncidentAction,
  resolveIncidentAction,
  setOwnerAction,
  takeIncidentAction,
} from "../team-actions";

const CAUSE_OPTIONS = CONFIRMED_CAUSES.map((value) => ({
  value,
  label: CONFIRMED_CAUSE_LABELS[value],
}));

export async function TeamSection({
  user,
  incident,
  topCause,
}: {
  user: SessionUser;
  incident: IncidentRecord;
  topCause: string;
}) {
  const { owner, users } = await incidentTeam(incident.ownerId);
  const writable = can(user, "incident.write");
  const id = incident.id;
  return (
    <TeamPanel
      status={incident.status}
      acknowledgedBy={incident.acknowledgedBy}
      acknowledgedAt={incident.acknowledgedAt}
      owner={owner}
      viewerId={user.id}
      controls={
        writable
          ? {
              users,
              workingStatuses: WORKING_STATUSES,
              acknowledge: acknowledgeIncidentAction.bind(null, id),
              take: takeIncidentAction.bind(null, id),
              setOwner: setOwnerAction.bind(null, id),
              changeStatus: changeStatusAction.bind(null, id),
            }
          : null
      }
    >
      {!writable ? null : incident.status === "resolved" ? (
        <ReopenForm action={reopenIncidentAction.bind(null, id)} />
      ) : (
        <ResolveForm
          action={resolveIncidentAction.bind(null, id)}
          causes={CAUSE_OPTIONS}
          suggestedCause={topCause}
        />
      )}
    </TeamPanel>
  );
}
