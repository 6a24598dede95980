"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formDataInput, withSession } from "@/lib/auth/action";
import { endSession } from "@/lib/auth/session";

export const signOutAction = withSession(
  async (): Promise<void> => {
    await endSession();
    redirect("/sign-in");
  },
  { action: "public", input: z.tuple([formDataInput]), refusedAt: () => "/incidents" },
);
