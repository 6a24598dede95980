"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formDataInput, withSession } from "@/lib/auth/action";
import { weeklyScheduleFromEnv } from "@/lib/exports/schedule";
import { runWeeklyExport } from "@/lib/exports/weekly";
import { parseTrendsQuery, trendsSearch } from "@/lib/trends/query";

/** Runs the weekly export now (into the configured folder too, if any) and shows its files. */
export const runWeeklyExportAction = withSession(
  async (user, form): Promise<void> => {
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
  },
  {
    action: "export.read",
    input: z.tuple([formDataInput]),
    refusedAt: () => "/trends",
  },
);
