import { NextResponse } from "next/server";
import { z } from "zod";
import { guardApi } from "@/lib/api/guard";
import { notFound, validationError } from "@/lib/api/responses";
import { checkRunsOf, diagnoseIncident, type DiagnosisEvent } from "@/lib/diagnosis/diagnose";
import { getIncident } from "@/lib/incidents/store";

export const dynamic = "force-dynamic";

const checkOptionsSchema = z.object({
  replayWrites: z
    .enum(["true", "false"], { error: "replayWrites must be true or false" })
    .default("false")
    .transform((value) => value === "true"),
});

/**
 * Runs the checks. With `Accept: application/x-ndjson` each check's result streams as it lands.
 * `?replayWrites=true` lets the replay resend a call that changes the vehicle (a remote command).
 */
export async function POST(
  request: Request,
  { params }: RouteContext<"/api/v1/incidents/[id]/checks">,
) {
  const guard = await guardApi(request, "checks.run");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const options = checkOptionsSchema.safeParse({
    replayWrites: new URL(request.url).searchParams.get("replayWrites") ?? undefined,
  });
  if (!options.success) return validationError(options.error);
  const incident = await getIncident(id);
  if (!incident) return notFound(`Incident ${id}`);
  const actor = guard.caller.actor;
  if (!(request.headers.get("accept") ?? "").includes("application/x-ndjson")) {
    const { runId, diagnosis, results } = await diagnoseIncident(incident, actor, options.data);
    return NextResponse.json({ runId, diagnosis, results }, { status: 201 });
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      const send = (event: DiagnosisEvent | { type: "failed"; message: string }) =>
        controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      try {
        await diagnoseIncident(incident, actor, options.data, send);
      } catch (error) {
        console.error("diagnosis failed", error);
        send({ type: "failed", message: "The diagnosis could not finish; the error was logged." });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, {
    status: 201,
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" },
  });
}

export async function GET(
  request: Request,
  { params }: RouteContext<"/api/v1/incidents/[id]/checks">,
) {
  const guard = await guardApi(request, "incident.read");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  if (!(await getIncident(id))) return notFound(`Incident ${id}`);
  return NextResponse.json({ runs: await checkRunsOf(id) });
}
