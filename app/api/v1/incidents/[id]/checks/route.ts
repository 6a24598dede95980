import { NextResponse } from "next/server";
import { guardApi } from "@/lib/api/guard";
import { notFound } from "@/lib/api/responses";
import { checkRunsOf, diagnoseIncident, type DiagnosisEvent } from "@/lib/diagnosis/diagnose";
import { getIncident } from "@/lib/incidents/store";

export const dynamic = "force-dynamic";

/** Runs the checks. With `Accept: application/x-ndjson` each check's result streams as it lands. */
export async function POST(
  request: Request,
  { params }: RouteContext<"/api/v1/incidents/[id]/checks">,
) {
  const guard = await guardApi(request, "checks.run");
  if (!guard.ok) return guard.response;
  const { id } = await params;
  const incident = await getIncident(id);
  if (!incident) return notFound(`Incident ${id}`);
  const actor = guard.caller.actor;
  if (!(request.headers.get("accept") ?? "").includes("application/x-ndjson")) {
    const { runId, diagnosis, results } = await diagnoseIncident(incident, actor);
    return NextResponse.json({ runId, diagnosis, results }, { status: 201 });
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      const send = (event: DiagnosisEvent | { type: "failed"; message: string }) =>
        controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      try {
        await diagnoseIncident(incident, actor, send);
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
