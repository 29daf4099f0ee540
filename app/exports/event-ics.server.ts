import { TZDate } from "@date-fns/tz";
import ical, { ICalEventStatus } from "ical-generator";
import { tzlib_get_ical_block } from "timezones-ical-library";

/*
 * iCalendar (RFC 5545) for events (ADR 045): one calendar per country, for all events, or for
 * one event. Times are written in the event's own zone (TZID) with its VTIMEZONE, so a calendar
 * shows the right hour on both sides of a daylight-saving change, in Santiago as in Ottawa.
 * The online link goes only into the copy sent to a registered person (`withPrivateLink`).
 */

export interface CalendarEvent {
  /** Stable across feeds and updates, e.g. "event-12@puente". */
  uid: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  /** The place as written, when in person or hybrid. */
  place: string | null;
  /** The public page of the event. */
  url: string;
  cancelled: boolean;
  /** Raised on every change, so calendars replace their copy. */
  sequence: number;
  updatedAt: string;
  onlineUrl?: string | null;
}

export function eventCalendar(name: string, events: CalendarEvent[], options: { withPrivateLink?: boolean } = {}): string {
  const calendar = ical({
    name,
    prodId: { company: "Puente", product: "events", language: "EN" },
    timezone: { name: null, generator: (zone: string) => tzlib_get_ical_block(zone)[0] ?? null },
  });
  for (const e of events) {
    const link = options.withPrivateLink && e.onlineUrl ? e.onlineUrl : null;
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence,
      // A zoned date: ical-generator writes it as the wall-clock time in that zone, with its TZID.
      start: new TZDate(e.startsAt, e.timeZone),
      end: new TZDate(e.endsAt, e.timeZone),
      timezone: e.timeZone,
      stamp: new Date(e.updatedAt),
      lastModified: new Date(e.updatedAt),
      summary: e.title,
      description: link ? `${e.description}\n\n${link}` : e.description,
      location: e.place ?? (link ? link : null),
      url: e.url,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
