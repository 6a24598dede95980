"use server";
import { redirect } from "next/navigation";
import { assertSameOrigin } from "@/lib/auth/origin";
import { endSession } from "@/lib/auth/session";

export async function signOutAction() {
  await assertSameOrigin();
  await endSession();
  redirect("/sign-in");
}
