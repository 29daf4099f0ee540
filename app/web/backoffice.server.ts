import { redirect } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Locale } from "~/i18n";
import { partyClocks } from "~/models/parties.server";
import { requireLocale } from "~/utils/locale.server";
import { requirePermission, type Actor, type Permission } from "~/utils/permissions";
import { getSessionUser, type SessionUser } from "~/utils/session.server";
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

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export async function requireUser(request: Request, locale: string): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const back = request.method === "GET" ? url.pathname + url.search : `/${locale}/admin`;
  throw redirect(`/${locale}/login?${new URLSearchParams({ redirectTo: back })}`);
}
