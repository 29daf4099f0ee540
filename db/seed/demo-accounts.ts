import type { Kysely } from "kysely";
import { hash as hashPassword } from "@node-rs/argon2";
import type { Database, Locale, Role } from "../schema";

/** One account per role (a moderator for each party), for demonstrations only. */
export const demoAccounts: Array<{ email: string; name: string; role: Role; party: string | null; locale: Locale; password: string }> = [
  { email: "admin@puente.test", name: "Ana Admin", role: "admin", party: null, locale: "en", password: "demo-admin-puente" },
  { email: "moderator.ca@puente.test", name: "Claire Tremblay", role: "moderator", party: "CA", locale: "fr", password: "demo-moderator-canada" },
  { email: "moderadora.cl@puente.test", name: "Valentina Rojas", role: "moderator", party: "CL", locale: "es", password: "demo-moderadora-chile" },
  { email: "committee@puente.test", name: "Sam Committee", role: "committee", party: "CA", locale: "en", password: "demo-committee-puente" },
];

/** Creates the demo accounts on a database that has no account at all; true when it did. */
export async function seedDemoAccounts(db: Kysely<Database>): Promise<boolean> {
  const any = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (any) return false;
  const now = new Date().toISOString();
  for (const a of demoAccounts) {
    await db
      .insertInto("users")
      .values({
        email: a.email,
        display_name: a.name,
        role: a.role,
        party_code: a.party,
        locale: a.locale,
        password_hash: await hashPassword(a.password),
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  return true;
}
