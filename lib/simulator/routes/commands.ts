// Remote commands: accepted at once (202), completed, rejected or timed out later by the
// vehicle's telematics unit; polled by id or announced by webhook.
import { z } from "zod";
import { COMMAND_FEATURES, COMMANDS } from "../environment";
import { vendorErrors } from "../errors";
import type { RouteSpec } from "../route-spec";
import { requireVehicleAccess, vinParamsSchema } from "./vehicle-access";

const api = { mount: "environment", auth: "bearer", api: true } as const;

const commandRequestSchema = z.object({
  command: z.enum(COMMANDS, { error: `command must be one of ${COMMANDS.join(", ")}` }),
});
const commandParamsSchema = vinParamsSchema.extend({ commandId: z.string().min(1).max(100) });

export const commandRoutes: RouteSpec[] = [
  {
    ...api,
    method: "POST",
    path: "/v1/vehicles/:vin/commands",
    requiredScopes: ["vehicle:commands"],
    params: vinParamsSchema,
    body: commandRequestSchema,
    summary: "Send a remote command (lock, unlock, engine_start, engine_stop, locate)",
    tag: "Remote commands",
    responses: {
      202: "Accepted; poll the command",
      400: "Invalid command",
      403: "Not linked, not primary, subscription inactive, not offered in region, missing scope",
      404: "Unknown VIN",
    },
    handler(context) {
      const { command } = context.body as z.infer<typeof commandRequestSchema>;
      if (command === "locate" && !context.scopes.includes("vehicle:location"))
        throw vendorErrors.insufficientScope("vehicle:location");
      const vehicle = requireVehicleAccess(context, {
        feature: COMMAND_FEATURES[command],
        primaryOnly: command === "engine_start" || command === "unlock",
      });
      const record = context.env.startCommand(
        vehicle,
        context.account!,
        context.tenant!.id,
        command,
        context.about,
      );
      return {
        status: 202,
        body: { commandId: record.id, command, status: record.status, createdAt: record.createdAt },
        headers: {
          location: `/${context.env.name}/v1/vehicles/${vehicle.vin}/commands/${record.id}`,
        },
      };
    },
  },
  {
    ...api,
    method: "GET",
    path: "/v1/vehicles/:vin/commands/:commandId",
    requiredScopes: ["vehicle:commands"],
    params: commandParamsSchema,
    summary: "A command's state: pending, completed, rejected or timed_out",
    tag: "Remote commands",
    responses: { 200: "Command", 404: "Unknown command" },
    handler(context) {
      const record = context.env.commands.get(context.params.commandId ?? "");
      if (!record || record.vin !== context.params.vin || record.accountId !== context.account!.id)
        throw vendorErrors.notFound("Command");
      return {
        body: {
          commandId: record.id,
          vin: record.vin,
          command: record.command,
          status: record.status,
          failureCode: record.failureCode,
          result: record.result,
          createdAt: record.createdAt,
          updatedAt: record.updatedAt,
        },
      };
    },
  },
];
