import type { Params } from "@remix-run/react";
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
