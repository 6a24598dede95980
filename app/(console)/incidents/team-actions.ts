"use server";
// The incident page's team controls: adapters that parse the form, call the verb in
// lib/incidents/team and show its refusal ("already acknowledged by X") on the page.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { TeamFormState } from "@/components/team-forms";
import { formActionInput, formDataInput, formInput, idInput, withSession } from "@/lib/auth/action";
import { fieldErrors } from "@/lib/incidents/schema";
import {
  acknowledgeIncident,
  addIncidentNote,
  reopenIncident,
  resolveIncident,
  setIncidentOwner,
  type TeamResult,
} from "@/lib/incidents/team";
import {
  noteSchema,
  ownerChangeSchema,
  reopeningSchema,
  resolutionSchema,
  TEAM_FIELD_LABELS,
  teamFieldsFromForm,
} from "@/lib/incidents/team-schema";
import { labelledErrors } from "@/lib/validation/field-labels";

const incidentPage = (id: unknown) => `/incidents/${encodeURIComponent(String(id))}`;
const withError = (id: unknown, message: string) =>
  `${incidentPage(id)}?error=${encodeURIComponent(message)}`;

/** After a plain form: back to the page, with the refusal when the verb refused. */
function backToIncident(id: string, result: TeamResult): never {
  revalidatePath(incidentPage(id));
  redirect(result.ok ? incidentPage(id) : withError(id, result.message));
}

const plainForm = z.tuple([idInput("id"), formDataInput]);

export const acknowledgeIncidentAction = withSession(
  async (user, id): Promise<void> =>
    backToIncident(id, await acknowledgeIncident({ actor: user, incidentId: id })),
  { action: "incident.write", input: plainForm, refusedAt: incidentPage },
);

export const takeIncidentAction = withSession(
  async (user, id): Promise<void> =>
    backToIncident(
      id,
      await setIncidentOwner({ actor: user, incidentId: id, input: { ownerId: user.id } }),
    ),
  { action: "incident.write", input: plainForm, refusedAt: incidentPage },
);

export const setOwnerAction = withSession(
  async (user, id, input): Promise<void> =>
    backToIncident(id, await setIncidentOwner({ actor: user, incidentId: id, input })),
  {
    action: "incident.write",
    input: z.tuple([
      idInput("id"),
      formInput(ownerChangeSchema, (form) => ({ ownerId: form.get("ownerId") })),
    ]),
    refusedAt: incidentPage,
  },
);

const statefulForm = z.tuple([idInput("id"), ...formActionInput.def.items]);

/** A form under useActionState: its fields back with the errors, or on to the page. */
async function submitted<T>(
  id: string,
  form: FormData,
  names: readonly string[],
  schema: z.ZodType<T>,
  verb: (input: T) => Promise<TeamResult<object>>,
): Promise<TeamFormState> {
  const fields = teamFieldsFromForm(form, names);
  const values = Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const input = schema.safeParse(fields);
  if (!input.success)
    return { values, errors: labelledErrors(fieldErrors(input.error), TEAM_FIELD_LABELS) };
  const result = await verb(input.data);
  if (!result.ok)
    return result.reason === "invalid"
      ? { values, errors: labelledErrors(result.fields, TEAM_FIELD_LABELS) }
      : { values, message: result.message };
  revalidatePath(incidentPage(id));
  redirect(incidentPage(id));
}

export const resolveIncidentAction = withSession(
  async (user, id, _state, form): Promise<TeamFormState> => {
    form.set("status", "resolved");
    return submitted(
      id,
      form,
      ["status", "confirmedCause", "confirmedCauseNote", "resolutionNote"],
      resolutionSchema,
      (input) => resolveIncident({ actor: user, incidentId: id, input }),
    );
  },
  { action: "incident.write", input: statefulForm },
);

export const reopenIncidentAction = withSession(
  async (user, id, _state, form): Promise<TeamFormState> => {
    form.set("status", "open");
    return submitted(id, form, ["status", "reopenReason"], reopeningSchema, (input) =>
      reopenIncident({ actor: user, incidentId: id, input }),
    );
  },
  { action: "incident.write", input: statefulForm },
);

export const addNoteAction = withSession(
  async (user, id, _state, form): Promise<TeamFormState> =>
    submitted(id, form, ["body"], noteSchema, (input) =>
      addIncidentNote({ actor: user, incidentId: id, input }),
    ),
  { action: "incident.note", input: statefulForm },
);
