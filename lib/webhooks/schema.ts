// What a webhook is at every boundary: the API's JSON, the admin's form, the deliveries query
// and the retry schedule setting.
import { z } from "zod";
import type { FieldLabels } from "@/lib/validation/field-labels";
import { text } from "@/lib/validation/text";
import { refusedUrl } from "./destination";
import { WEBHOOK_EVENTS, webhookEventSchema } from "./events";

const MAX_URL_LENGTH = 2_000;

/** The URL's form and literal host; where a host name resolves is checked when it is saved. */
export const webhookUrlSchema = text("url", { max: MAX_URL_LENGTH }).superRefine(
  (value, context) => {
    const refused = value ? refusedUrl(value) : "url is required";
    if (refused) context.addIssue({ code: "custom", message: refused });
  },
);

export const webhookInputSchema = z.object({
  url: webhookUrlSchema,
  events: z
    .array(webhookEventSchema, { error: `events must be a list of ${WEBHOOK_EVENTS.join(", ")}` })
    .min(1, { error: "events must name at least one event" })
    .transform((events) => WEBHOOK_EVENTS.filter((event) => events.includes(event))),
  // Absent or blank: Pitstop generates one and shows it once.
  secret: text("secret", { max: 200 })
    .nullish()
    .transform((value) => value || null)
    .refine((value) => value === null || value.length >= 16, {
      error: "secret must be at least 16 characters (leave it out to have one generated)",
    })
    .refine((value) => value === null || !/\s/.test(value), {
      error: "secret must not contain spaces",
    }),
});
export type WebhookInput = z.output<typeof webhookInputSchema>;

export const WEBHOOK_FIELD_LABELS: FieldLabels = {
  url: "URL",
  events: "Events",
  secret: "Secret",
};

/** The form's fields in the API's shape: every ticked event, a blank secret left out. */
export function webhookFieldsFromForm(form: FormData): Record<string, unknown> {
  const secret = form.get("secret");
  return {
    url: form.get("url") ?? undefined,
    events: form.getAll("events"),
    secret: typeof secret === "string" && secret.trim() !== "" ? secret : undefined,
  };
}

export const deliveriesQuerySchema = z.object({
  limit: z.coerce
    .number({ error: "limit must be a number" })
    .int({ error: "limit must be a whole number" })
    .min(1, { error: "limit must be at least 1" })
    .max(200, { error: "limit must be at most 200" })
    .default(50),
});

export const DEFAULT_RETRY_SCHEDULE_S = [10, 60, 300, 1_800, 7_200];

/** Seconds to wait before each retry, e.g. "10,60,300": a delivery gets one try plus these. */
export const retryScheduleSchema = z
  .string()
  .transform((value) => value.split(",").map((part) => Number(part.trim() || Number.NaN)))
  .pipe(
    z
      .array(
        z
          .number({ error: "each delay must be a number of seconds" })
          .min(0.05, { error: "each delay must be at least 0.05 s" })
          .max(7 * 86_400, { error: "each delay must be at most a week (604800 s)" }),
      )
      .max(20, { error: "at most 20 retries" }),
  );

/** The retry schedule in seconds from PITSTOP_WEBHOOK_RETRY_SCHEDULE; a bad value stops start. */
export function retryScheduleFromEnv(value = process.env.PITSTOP_WEBHOOK_RETRY_SCHEDULE): number[] {
  if (value === undefined || value.trim() === "") return DEFAULT_RETRY_SCHEDULE_S;
  const parsed = retryScheduleSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new Error(
    `PITSTOP_WEBHOOK_RETRY_SCHEDULE must be seconds between retries, comma-separated (e.g. ${DEFAULT_RETRY_SCHEDULE_S.join(",")}): ${parsed.error.issues[0]?.message ?? "invalid"}`,
  );
}
