// The events the face delivers to a vehicle's subscribed webhooks: VEHICLE_STATE when a command
// changed the car (lock, unlock), VEHICLE_ERROR when a command could not reach it.
import type { SmartcarApiError } from "./errors";
import type { FaceContext } from "./route";
import type { SmartcarEvent } from "./webhook-format";

function emit(context: FaceContext, event: SmartcarEvent, data: Record<string, unknown>): void {
  const { state, application, connection, vehicle } = context;
  if (!application || !connection || !vehicle) return;
  state.webhooks.emit(
    [application.clientId],
    event,
    {
      user: { id: connection.userId },
      vehicle: {
        id: connection.vehicleId,
        make: vehicle.brand.toUpperCase(),
        model: vehicle.model,
        year: vehicle.year,
      },
      ...data,
    },
    (subscription) => state.vehicleSubscriptions.has(`${subscription.id}:${connection.vehicleId}`),
  );
}

export function emitLockState(context: FaceContext, isLocked: boolean): void {
  emit(context, "VEHICLE_STATE", {
    signals: [
      { code: "closure-islocked", name: "IsLocked", group: "Closure", body: { value: isLocked } },
    ],
  });
}

export function emitCommandError(context: FaceContext, error: SmartcarApiError): void {
  emit(context, "VEHICLE_ERROR", {
    errors: [{ type: error.spec.type, code: error.spec.code, description: error.spec.description }],
  });
}
