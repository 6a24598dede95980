import "server-only";
// How /api/v1/users answers a refused write, and the invite link it shows once.
import { apiError } from "@/lib/api/responses";
import { requestOrigin } from "@/lib/auth/client-address";
import { inviteJson, type IssuedInvite, type UserWriteFailure } from "./store";

const STATUS_FOR: Record<UserWriteFailure["reason"], number> = {
  not_found: 404,
  email_taken: 409,
  last_admin: 409,
  conflict: 409,
  disabled: 409,
  busy: 429,
};

export function userWriteRefusal(failure: UserWriteFailure) {
  const field = failure.reason === "email_taken" ? { email: failure.message } : undefined;
  return apiError(
    STATUS_FOR[failure.reason],
    failure.reason,
    failure.message,
    field,
    failure.retryAfterSeconds ? { "Retry-After": String(failure.retryAfterSeconds) } : undefined,
  );
}

/** The link as the admin passes it on: absolute when the request says where Pitstop is. */
export function inviteLinkJson(invite: IssuedInvite, request: Request) {
  const origin = requestOrigin(request.headers);
  return { ...inviteJson(invite), inviteUrl: origin ? `${origin}${invite.path}` : null };
}
