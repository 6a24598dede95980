"use server";
import { redirect } from "next/navigation";
import { assertSameOrigin } from "@/lib/auth/origin";
import { authorize } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { weeklyScheduleFromEnv } from "@/lib/exports/schedule";
import { runWeeklyExport } from "@/lib/exports/weekly";
import { parseTrendsQuery, trendsSearch } from "@/lib/trends/query";

/** Runs the weekly export now (into the configured folder too, if any) and shows its files. */
export async function runWeeklyExportAction(form: FormData): Promise<void> {
  const user = await requireUser();
  await assertSameOrigin();
  authorize(user, "export.read");
  const config = weeklyScheduleFromEnv();
  const run = await runWeeklyExport({
    end: new Date(),
    folder: config.ok ? (config.schedule?.folder ?? null) : null,
    trigger: "on_demand",
    actor: user,
  });
  const filters = parseTrendsQuery({
    from: String(form.get("from") ?? ""),
    to: String(form.get("to") ?? ""),
    environment: String(form.get("environment") ?? ""),
  });
  const search = filters.ok ? `${trendsSearch(filters.query)}&` : "";
  redirect(`/trends?${search}exported=${encodeURIComponent(run.end)}#weekly-export`);
}
