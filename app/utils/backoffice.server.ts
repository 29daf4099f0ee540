import type { Params } from "@remix-run/react";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Locale } from "~/i18n";
import { partyClocks } from "~/models/parties.server";
import type { Actor } from "./permissions";
import { requireLocale } from "./locale.server";
import { requirePermission, type Permission } from "./permissions";
import { requireUser } from "./session.server";
import { getT } from "~/i18next.server";

/**
 * The guard every back-office loader and action starts with: a signed-in, enabled account
 * (else a redirect to login that comes back) holding the permission (else a 403).
 */
export async function requireBackOffice(request: Request, params: Params, permission: Permission) {
  const locale = requireLocale(params);
  const user = await requireUser(request, locale);
  requirePermission(user.actor, "backoffice.enter");
  requirePermission(user.actor, permission);
  return { locale, user, t: getT(locale) };
}

/**
 * How the back office writes a moment for this user: in their country's time zone, named (an
 * official of Chile reads Santiago time), or in UTC for an administrator without a country.
 */
export async function backOfficeClock(db: Kysely<Database>, actor: Actor, locale: Locale): Promise<(iso: string) => string> {
  return (await partyClocks(db, locale))(actor.partyCode);
}
