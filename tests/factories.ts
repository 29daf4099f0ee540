import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { toActor } from "~/utils/permissions";
import { createUser, sessionCookieFor, type UserOptions } from "../support/factories";

// Moved to support/ (shared with bench/, ADR 025): tests keep importing it from here.
export * from "../support/factories";

/** An official as the back-office tests use one: the account, the actor the models take, and a session cookie for HTTP. */
export async function createOfficial(db: Kysely<Database>, options: UserOptions) {
  const user = await createUser(db, options);
  return { id: user.id, email: user.email, actor: toActor(user), cookie: await sessionCookieFor(db, user.id) };
}
export type Official = Awaited<ReturnType<typeof createOfficial>>;
