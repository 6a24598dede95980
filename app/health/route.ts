import { NextResponse } from "next/server";
import { databaseIsReachable } from "@/lib/db/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = await databaseIsReachable();
  return NextResponse.json(
    { status: database ? "ok" : "degraded", database },
    { status: database ? 200 : 503 },
  );
}
