import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { eventCalendar, type CalendarEvent } from "~/exports/event-ics.server";

// Times as people at the event read them, on both sides of each country's 2026 clock change:
// Santiago goes back an hour on 5 April (UTC−3 → UTC−4), Ottawa on 1 November (UTC−4 → UTC−5).
const cases = [
  { zone: "America/Santiago", startsAt: "2026-04-04T13:00:00.000Z", localHour: 10 },
  { zone: "America/Santiago", startsAt: "2026-04-06T14:00:00.000Z", localHour: 10 },
  { zone: "America/Toronto", startsAt: "2026-10-31T14:00:00.000Z", localHour: 10 },
  { zone: "America/Toronto", startsAt: "2026-11-02T15:00:00.000Z", localHour: 10 },
];

function event(i: number, c: (typeof cases)[number], extra: Partial<CalendarEvent> = {}): CalendarEvent {
  const end = new Date(Date.parse(c.startsAt) + 2 * 3600_000).toISOString();
  return {
    uid: `event-${i}@puente`,
    title: `Webinar ${i}; with, commas`,
    description: "Line one\nLine two",
    startsAt: c.startsAt,
    endsAt: end,
    timeZone: c.zone,
    place: i % 2 ? "Ottawa, 125 Sussex Drive" : null,
    url: `https://puente.example/en/events/e${i}`,
    cancelled: false,
    sequence: 1,
    updatedAt: "2026-01-01T00:00:00.000Z",
    ...extra,
  };
}

function parse(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  for (const tz of component.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  return component;
}

describe("events as iCalendar", () => {
  it("keeps each event's local hour and instant across daylight-saving changes, with its VTIMEZONE", () => {
    const text = eventCalendar(
      "Puente",
      cases.map((c, i) => event(i, c)),
    );
    const calendar = parse(text);
    expect(
      calendar
        .getAllSubcomponents("vtimezone")
        .map((tz) => tz.getFirstPropertyValue("tzid"))
        .sort(),
    ).toEqual(["America/Santiago", "America/Toronto"]);
    const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(cases.length);
    events.forEach((e, i) => {
      expect(e.startDate.zone?.tzid).toBe(cases[i]!.zone);
      expect(e.startDate.hour).toBe(cases[i]!.localHour);
      expect(e.startDate.toJSDate().toISOString()).toBe(cases[i]!.startsAt);
      expect(e.summary).toBe(`Webinar ${i}; with, commas`);
      expect(e.description).toBe("Line one\nLine two");
    });
  });

  it("puts the online link only in a registered person's copy, and marks cancelled events", () => {
    const e = event(0, cases[0]!, { onlineUrl: "https://meet.example/secret-room", cancelled: true });
    expect(eventCalendar("Puente", [e])).not.toContain("secret-room");
    const mine = eventCalendar("Puente", [e], { withPrivateLink: true });
    expect(mine).toContain("secret-room");
    const vevent = parse(mine).getFirstSubcomponent("vevent")!;
    expect(vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
  });
});
