// Pieces every part of the app's OpenAPI document is built from: the error answer, a JSON body,
// a zod schema as the JSON Schema a client sends, and the `{id}` path parameter.
import { z } from "zod";

export const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});
export const jsonContent = (schema: object) => ({ "application/json": { schema } });
export const inputSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
export const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
