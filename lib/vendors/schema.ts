// A vendor connection at every boundary: the admin form and the API's JSON share this schema.
// Secrets are write-only: absent or blank keeps what is stored, `null` (API only) clears it.
import { z } from "zod";
import { environmentSchema } from "@/lib/incidents/schema";
import type { FieldLabels } from "@/lib/validation/field-labels";
import { text } from "@/lib/validation/text";
import { SMARTCAR_ORIGIN_FIELDS, VENDOR_KINDS } from "./constants";

const MAX_URL_LENGTH = 500;
const MAX_SECRET_LENGTH = 2_000;
const MAX_TENANTS = 50;

export const vendorKindSchema = z.enum(VENDOR_KINDS, {
  error: `kind must be one of ${VENDOR_KINDS.join(", ")}`,
});

/** An http(s) origin or base path: no credentials, query or fragment; no trailing slash. */
const baseUrl = (field: string) =>
  text(field, { max: MAX_URL_LENGTH })
    .transform((value, context) => {
      if (value === "") return null;
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        context.addIssue({ code: "custom", message: `${field} must be an http(s) URL` });
        return z.NEVER;
      }
      const problem =
        url.protocol !== "http:" && url.protocol !== "https:"
          ? "must be an http(s) URL"
          : url.username || url.password
            ? "must not carry a user name or password (use the secret fields)"
            : url.search || url.hash
              ? "must not have a query or fragment"
              : null;
      if (problem) {
        context.addIssue({ code: "custom", message: `${field} ${problem}` });
        return z.NEVER;
      }
      return url.toString().replace(/\/+$/, "");
    })
    .nullish();

/** A write-only secret: undefined or "" keeps the stored one, null clears it. */
const secret = (field: string) =>
  z
    .union([text(field, { max: MAX_SECRET_LENGTH }), z.null()], {
      error: `${field} must be text or null`,
    })
    .optional()
    .transform((value) => (value === "" ? undefined : value))
    .refine((value) => value === undefined || value === null || !/\s/.test(value), {
      error: `${field} must not contain spaces`,
    })
    .optional();

const tenantName = z.string().regex(/^[A-Za-z0-9][\w.-]{0,63}$/, {
  error: "tenantKeys: a tenant name is letters, digits, . _ -",
});
/** Tenant keys as the form's textarea takes them (one `tenant=key` a line), else as an object. */
const tenantKeys = z
  .unknown()
  .transform((value, context) => {
    if (typeof value !== "string") return value;
    const keys: Record<string, string> = {};
    for (const [index, raw] of value.split(/\r?\n/).entries()) {
      const line = raw.trim();
      if (!line) continue;
      const equals = line.indexOf("=");
      if (equals <= 0) {
        context.addIssue({
          code: "custom",
          message: `tenantKeys line ${index + 1} must read tenant=key`,
        });
        return z.NEVER;
      }
      keys[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
    }
    return keys;
  })
  .pipe(
    z
      .record(
        tenantName,
        text("tenantKeys", { max: MAX_SECRET_LENGTH }).min(1, "tenantKeys: a key is empty"),
        {
          error: "tenantKeys must be an object of tenant → API key, or null",
        },
      )
      .refine((value) => Object.keys(value).length <= MAX_TENANTS, {
        error: `tenantKeys may name at most ${MAX_TENANTS} tenants`,
      })
      .nullish(),
  )
  // An empty list, like a blank secret, keeps what is stored.
  .transform((value) => (value && Object.keys(value).length === 0 ? undefined : value))
  .optional();

const fields = {
  name: text("name", { max: 80 }).min(1, { error: "name is required" }),
  kind: vendorKindSchema,
  environment: environmentSchema,
  baseUrl: baseUrl("baseUrl"),
  authOrigin: baseUrl("authOrigin"),
  apiOrigin: baseUrl("apiOrigin"),
  v3Origin: baseUrl("v3Origin"),
  managementOrigin: baseUrl("managementOrigin"),
  clientId: text("clientId", { max: 200 })
    .transform((value) => value || null)
    .nullish(),
  clientSecret: secret("clientSecret"),
  managementToken: secret("managementToken"),
  adminKey: secret("adminKey"),
  tenantKeys,
  isDefault: z.boolean({ error: "isDefault must be true or false" }).optional(),
};

const SIMULATOR_ONLY = ["adminKey", "tenantKeys"] as const;
const SMARTCAR_ONLY = [...SMARTCAR_ORIGIN_FIELDS, "clientSecret", "managementToken"] as const;

type Shape = { [K in keyof typeof fields]?: z.output<(typeof fields)[K]> };

/** Fields that make no sense for the kind, named, so nothing is silently dropped. */
export function fieldsForOtherKind(input: Shape & { kind: string }): Record<string, string> {
  const foreign = input.kind === "smartcar" ? SIMULATOR_ONLY : SMARTCAR_ONLY;
  const other = input.kind === "smartcar" ? "a Pitstop simulator" : "a Smartcar";
  return Object.fromEntries(
    foreign
      .filter((field) => input[field] !== undefined && input[field] !== null)
      .map((field) => [field, `${field} belongs to ${other} connection`]),
  );
}

const withKindRules = <T extends z.ZodType<Shape & { kind?: string }>>(schema: T) =>
  schema.superRefine((input, context) => {
    if (!input.kind) return;
    for (const [field, message] of Object.entries(
      fieldsForOtherKind(input as Shape & { kind: string }),
    ))
      context.addIssue({ code: "custom", path: [field], message });
  });

/** Creating a connection: name, kind and environment are required. */
export const vendorConnectionInputSchema = withKindRules(z.object(fields));
export type VendorConnectionInput = z.output<typeof vendorConnectionInputSchema>;

/** Changing one: any subset; the kind is fixed once created. */
export const vendorConnectionPatchSchema = withKindRules(
  z.object(fields).partial().extend({
    kind: vendorKindSchema.optional(),
  }),
);
export type VendorConnectionPatch = z.output<typeof vendorConnectionPatchSchema>;

export const VENDOR_CONNECTION_FIELD_LABELS: FieldLabels = {
  name: "Name",
  kind: "Kind",
  environment: "Environment",
  baseUrl: "Base URL",
  authOrigin: "Auth origin",
  apiOrigin: "API origin",
  v3Origin: "Vehicle API v3 origin",
  managementOrigin: "Management API origin",
  clientId: "Client ID",
  clientSecret: "Client secret",
  managementToken: "Management token",
  adminKey: "Simulator admin key",
  tenantKeys: "Tenant keys",
  isDefault: "Default connection",
};

const formText = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

/** The form's fields in the API's shape; blank secrets left out so the stored ones are kept. */
export function vendorConnectionFieldsFromForm(form: FormData): Record<string, unknown> {
  const kind = formText(form, "kind");
  const fieldsOf = (names: readonly string[]) =>
    Object.fromEntries(names.map((name) => [name, formText(form, name)]));
  return {
    ...fieldsOf(["name", "kind", "environment", "baseUrl", "clientId"]),
    ...(kind === "smartcar"
      ? fieldsOf([...SMARTCAR_ORIGIN_FIELDS, "clientSecret", "managementToken"])
      : fieldsOf(["adminKey", "tenantKeys"])),
    isDefault: form.get("isDefault") === "on",
  };
}
