import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicEventCalendar } from "~/exports/public-event-ics.server";
import { listAllPublicEvents } from "~/models/public-events.server";
import { eventSearchSchema } from "~/schemas/event-search";
import { db } from "~/utils/db.server";
import { publicUrl } from "~/utils/env.server";

// Every public event as an iCalendar feed (?country=CA|CL for one country's); cancelled ones stay
// in it with STATUS:CANCELLED so calendars that subscribed remove them. Never the online link.
export async function loader({ request }: LoaderFunctionArgs) {
  const { country } = eventSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const events = await listAllPublicEvents(db, "en", { country });
  return new Response(publicEventCalendar(country ? `Puente · ${country}` : "Puente", events, publicUrl()), {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Access-Control-Allow-Origin": "*" },
  });
}
