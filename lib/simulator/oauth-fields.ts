// Form fields both faces' OAuth token endpoints read (RFC 6749): a required text field names
// itself when missing, and the client may authenticate in the body instead of by HTTP Basic.
import { z } from "zod";

export const requiredField = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .min(1, { error: `${field} is required` })
    .max(2_000);

export const clientCredentialFields = {
  client_id: z.string().max(200).optional(),
  client_secret: z.string().max(200).optional(),
};
