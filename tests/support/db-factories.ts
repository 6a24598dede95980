// Fixtures that live in the test database: real users, so foreign keys hold.
import type { Actor } from "@/lib/auth/policy";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { unique } from "./factories";

export async function userActor(role: Role): Promise<Actor> {
  const email = `${unique(role)}@pitstop.test`;
  const user = await db.user.create({
    data: { email, name: `Test ${role}`, role, passwordHash: "unused" },
  });
  return { kind: "user", id: user.id, label: user.name, role };
}
