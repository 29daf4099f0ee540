import type { LoaderFunctionArgs } from "@remix-run/node";
import { ownRegistrationCalendar } from "~/models/event-registrations.server";
import { db } from "~/utils/db.server";
import { localeAndT, notFound } from "~/utils/locale.server";

// The event's calendar file for a registrant, through their private link (ADR 045): with the
// online link once they have a place. A token that names no registration is a 404.
export async function loader({ params }: LoaderFunctionArgs) {
  const { locale } = await localeAndT(params);
  const calendar = await ownRegistrationCalendar(db, params.token ?? "", locale);
  if (calendar === null) notFound();
  return new Response(calendar, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="event.ics"',
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
