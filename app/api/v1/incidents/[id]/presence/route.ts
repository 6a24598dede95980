import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { apiError, notFound } from "@/lib/api/responses";
import { forgetViewer, recordViewer } from "@/lib/incidents/live";

type Context = RouteContext<"/api/v1/incidents/[id]/presence">;

// Presence is people with the page open; an API token has no page, so it cannot be a viewer.
const notAPerson = () =>
  apiError(
    422,
    "not_a_person",
    "Presence is kept for people signed in with a browser; an API token has no page open.",
  );

/** The page's heartbeat: "I am viewing this incident" (204), repeated while it stays open. */
export async function PUT(request: Request, { params }: Context) {
  const guard = await guardApi(request, "incident.read");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const { actor } = guard.caller;
  if (actor.kind !== "user") return notAPerson();
  if (!(await recordViewer(id, actor.id))) return notFound(`Incident ${id}`);
  return new NextResponse(null, { status: 204 });
}

/** The page closed: stop counting this viewer now rather than when the window runs out. */
export async function DELETE(request: Request, { params }: Context) {
  const guard = await guardApi(request, "incident.read");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const { actor } = guard.caller;
  if (actor.kind !== "user") return notAPerson();
  await forgetViewer(id, actor.id);
  return new NextResponse(null, { status: 204 });
}
