import type { PublicEvent } from "~/models/public-events.server";
import { eventCalendar } from "./event-ics.server";

/** Public events as iCalendar (ADR 045): never with the online link, cancelled ones as STATUS:CANCELLED. */
export function publicEventCalendar(name: string, events: PublicEvent[], base: string): string {
  return eventCalendar(
    name,
    events.map((e) => ({
      uid: `event-${e.id}@puente`,
      title: e.title,
      description: e.description,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      timeZone: e.timeZone,
      place: e.place,
      url: `${base}/${e.contentLocale}/events/${e.slug}`,
      cancelled: e.state === "cancelled",
      sequence: e.version,
      updatedAt: e.updatedAt,
    })),
    { withPrivateLink: false },
  );
}
