import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicEventCalendar } from "~/exports/public-event-ics.server";
import { getPublicEvent } from "~/models/public-events.server";
import { db } from "~/utils/db.server";
import { publicUrl } from "~/utils/env.server";
import { localeAndT, notFound } from "~/utils/locale.server";

// One public event as iCalendar (RFC 5545), without the online link (sent to registered people only).
export async function loader({ params }: LoaderFunctionArgs) {
  const { locale } = await localeAndT(params);
  const event = await getPublicEvent(db, params.slug ?? "", locale);
  if (!event) notFound();
  return new Response(publicEventCalendar(`Puente · ${event.title}`, [event], publicUrl()), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${event.slug}.ics"`,
    },
  });
}
