import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { recordAudit } from "~/models/audit.server";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { requireLocale } from "~/utils/locale.server";
import { destroySession, getSessionUser } from "~/utils/session.server";

// Signing out changes state, so it is a POST with a CSRF token; a GET only goes home.
export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/${requireLocale(params)}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  requireCsrf(request, await request.formData());
  const user = await getSessionUser(request);
  const cookie = await destroySession(request);
  if (user) {
    await recordAudit(db, { actor: { id: user.id, email: user.email }, action: "auth.sign_out", subject: { type: "user", id: user.id } });
  }
  return redirect(`/${locale}/login?notice=signed-out`, { headers: { "Set-Cookie": cookie } });
}
