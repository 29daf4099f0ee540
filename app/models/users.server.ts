import { hash, verify } from "@node-rs/argon2";
import type { Kysely, Transaction } from "kysely";
import type { Database, Locale, Role, TokenPurpose, User } from "../../db/schema";
import type { Actor } from "~/utils/permissions";
import { hashToken, newToken } from "~/utils/tokens.server";
import { sendAccountLinkEmail } from "./account-emails.server";
import { recordAudit } from "./audit.server";
import { clearStaleSignatories } from "./signatories.server";
import { ForbiddenError, NotFoundError } from "./errors";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum recommendation).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A fixed hash to verify against when the account does not exist, so timing does not tell.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(user: Pick<User, "password_hash"> | undefined, password: string): Promise<boolean> {
  const stored = user?.password_hash ?? (await (dummyHash ??= hash("not-a-real-password")));
  const ok = await verify(stored, password).catch(() => false);
  return ok && !!user?.password_hash;
}

export { toActor } from "~/utils/permissions";

export async function findUserByEmail(db: Kysely<Database>, email: string) {
  return db.selectFrom("users").selectAll().where("email", "=", normaliseEmail(email)).executeTakeFirst();
}

export async function findUserById(db: Kysely<Database>, id: number) {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  partyCode: string | null;
  locale: Locale;
  password?: string;
}

export class DuplicateEmailError extends Error {
  constructor() {
    super("an account with this email exists");
  }
}

export async function createUser(db: Kysely<Database>, input: NewUser): Promise<User> {
  const email = normaliseEmail(input.email);
  if (await findUserByEmail(db, email)) throw new DuplicateEmailError();
  const now = new Date().toISOString();
  return db
    .insertInto("users")
    .values({
      email,
      display_name: input.displayName.trim(),
      role: input.role,
      party_code: input.role === "admin" ? null : input.partyCode,
      locale: input.locale,
      password_hash: input.password ? await hashPassword(input.password) : null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listUsers(db: Kysely<Database>) {
  return db.selectFrom("users").selectAll().orderBy("role").orderBy("email").execute();
}

export async function updateRole(db: Kysely<Database> | Transaction<Database>, userId: number, role: Role, partyCode: string | null) {
  await db
    .updateTable("users")
    .set({ role, party_code: role === "admin" ? null : partyCode, updated_at: new Date().toISOString() })
    .where("id", "=", userId)
    .execute();
}

/** Disabling also ends every session of the account at once. */
export async function setDisabled(db: Kysely<Database>, userId: number, disabled: boolean) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ disabled_at: disabled ? new Date().toISOString() : null, updated_at: new Date().toISOString() })
      .where("id", "=", userId)
      .execute();
    if (disabled) await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
  });
}

/** A one-time link token (invitation or password reset); only its hash is stored. */
export async function issueUserToken(db: Kysely<Database>, userId: number, purpose: TokenPurpose, validForMs: number) {
  const token = newToken();
  const now = Date.now();
  // A new link replaces any unused one of the same purpose.
  await db
    .updateTable("user_tokens")
    .set({ used_at: new Date(now).toISOString() })
    .where("user_id", "=", userId)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .execute();
  await db
    .insertInto("user_tokens")
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      purpose,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + validForMs).toISOString(),
    })
    .execute();
  return token;
}

/** The token's row when it is unused and not expired, with its user. */
export async function findUsableToken(db: Kysely<Database>, token: string) {
  if (!token || token.length > 100) return undefined;
  return db
    .selectFrom("user_tokens as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .select(["t.id", "t.purpose", "t.user_id", "u.email", "u.display_name", "u.locale", "u.disabled_at"])
    .where("t.token_hash", "=", hashToken(token))
    .where("t.used_at", "is", null)
    .where("t.expires_at", ">", new Date().toISOString())
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();
}

/**
 * Sets the password through a one-time link. Marks the token used in the same transaction,
 * conditionally, so two submissions of the same link cannot both succeed; ends old sessions.
 */
export async function setPasswordWithToken(db: Kysely<Database>, token: string, password: string) {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const claimed = await trx
      .updateTable("user_tokens")
      .set({ used_at: now })
      .where("token_hash", "=", hashToken(token))
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .returning(["user_id", "purpose"])
      .executeTakeFirst();
    if (!claimed) return null;
    const user = await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, updated_at: now })
      .where("id", "=", claimed.user_id)
      .where("disabled_at", "is", null)
      .returningAll()
      .executeTakeFirst();
    if (!user) return null;
    await trx.deleteFrom("sessions").where("user_id", "=", user.id).execute();
    return { user, purpose: claimed.purpose };
  });
}

export type AdminActor = { id: number; email: string; actor: Actor };

export class SelfChangeError extends Error {
  constructor() {
    super("admins cannot change or disable their own account here");
  }
}

function requireManage(by: AdminActor) {
  if (by.actor.role !== "admin") throw new ForbiddenError("users.manage");
}

/** Creates the account without a password and emails a one-time link to set it. */
export async function inviteUser(db: Kysely<Database>, by: AdminActor, input: Omit<NewUser, "password">, validForHours: number) {
  requireManage(by);
  const user = await createUser(db, input);
  const token = await issueUserToken(db, user.id, "invitation", validForHours * 3_600_000);
  await sendAccountLinkEmail(db, "invitation", { email: user.email, displayName: user.display_name, locale: user.locale }, token, validForHours);
  await recordAudit(db, {
    actor: by,
    action: "user.invited",
    subject: { type: "user", id: user.id },
    details: { email: user.email, role: user.role, party: user.party_code },
  });
  return user;
}

export async function changeUserRole(db: Kysely<Database>, by: AdminActor, userId: number, role: Role, partyCode: string | null) {
  requireManage(by);
  if (userId === by.id) throw new SelfChangeError();
  const before = await findUserById(db, userId);
  if (!before) throw new NotFoundError("user");
  const after = { role, party: role === "admin" ? null : partyCode };
  await db.transaction().execute(async (trx) => {
    await updateRole(trx, userId, role, partyCode);
    await recordAudit(trx, {
      actor: by,
      action: "user.role_changed",
      subject: { type: "user", id: userId },
      details: { email: before.email, before: { role: before.role, party: before.party_code }, after },
    });
    // A designated signatory's designation does not survive a change of role or country.
    if (before.role !== after.role || before.party_code !== after.party) await clearStaleSignatories(trx, by, userId, "user.role_changed");
  });
}

export async function changeUserDisabled(db: Kysely<Database>, by: AdminActor, userId: number, disabled: boolean) {
  requireManage(by);
  if (userId === by.id) throw new SelfChangeError();
  const before = await findUserById(db, userId);
  if (!before) throw new NotFoundError("user");
  await setDisabled(db, userId, disabled);
  await db.transaction().execute(async (trx) => {
    await recordAudit(trx, {
      actor: by,
      action: disabled ? "user.disabled" : "user.enabled",
      subject: { type: "user", id: userId },
      details: { email: before.email, before: { disabled: !!before.disabled_at }, after: { disabled } },
    });
    if (disabled) await clearStaleSignatories(trx, by, userId, "user.disabled");
  });
}
