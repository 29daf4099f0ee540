import type { Actor } from "~/utils/permissions";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { freezeRegister, seedDemoEvents } from "../scripts/demo-events";
import type { EventFigures } from "~/models/event-figures.server";
import { getPublicEvent, listEventsByWorkplanItem, listPublicEvents } from "~/models/public-events.server";
import { advancePublication, readPublicationState } from "~/models/publication.server";
import { createEvent, createRegistration, days } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get } from "./helpers/http";
import { startSeededServer, stopSeededServer } from "./helpers/seeded-server";
import type { RunningServer } from "./helpers/server";

// Issue 19, item 2 (and what the public sees of items 4 and 5): the public events pages, the
// iCalendar feeds and the JSON API show published, cancelled and held events only, never a
// registrant's name, email, needs or gender, and never the online link.

let t: TestDatabase;
let server: RunningServer;
beforeAll(async () => {
  ({ t, server } = await startSeededServer());
});
afterAll(() => stopSeededServer(t, server));

const HOUR = 3_600_000;
const fetchText = async (path: string) => {
  const res = await get(server.url, path);
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text(), res };
};
const slugsOf = (list: Array<{ slug: string }>, mine: string[]) => list.map((e) => e.slug).filter((s) => mine.includes(s));
const areaOf = async (number: number) => (await t.db.selectFrom("workplan_areas").select("id").where("number", "=", number).executeTakeFirstOrThrow()).id;
const activityOf = async (areaId: number) =>
  (
    await t.db
      .selectFrom("workplan_items")
      .select("id")
      .where("area_id", "=", areaId)
      .where("kind", "=", "activity")
      .orderBy("position")
      .executeTakeFirstOrThrow()
  ).id;

function parseCalendar(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  for (const tz of component.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  return component;
}

/** Hand-made figures, unlike anything a count would give: the public must see exactly these. */
const storedFigures: EventFigures = {
  registered: 41,
  attended: 37,
  byStakeholderType: { ngo: { value: 30, suppressed: false }, union: { value: null, suppressed: true } },
  byCountry: { CA: { value: 37, suppressed: false }, CL: { value: null, suppressed: true }, other: { value: null, suppressed: true } },
  byRegion: { "CL-VS": { value: 9, suppressed: false }, "CL-RM": { value: null, suppressed: true }, "CA-ON": { value: null, suppressed: true } },
  womenLed: { yes: { value: 12, suppressed: false }, no: { value: 25, suppressed: false }, prefer_not: { value: null, suppressed: true } },
  gender: {
    woman: { value: 21, suppressed: false },
    man: { value: 16, suppressed: false },
    another: { value: null, suppressed: true },
    prefer_not: { value: null, suppressed: true },
  },
};

async function closeWithFigures(eventId: number, figures: EventFigures) {
  await t.db
    .insertInto("event_registers")
    .values({
      event_id: eventId,
      closed_at: days(-1).toISOString(),
      closed_by_user_id: null,
      register: "{}",
      sha256: "0".repeat(64),
      figures: JSON.stringify(figures),
    })
    .execute();
  await t.db.updateTable("events").set({ state: "held" }).where("id", "=", eventId).execute();
  await advancePublication(t.db);
}

describe("public events (model)", () => {
  it("lists published, cancelled and held events — never drafts — upcoming soonest first, then past most recent first", async () => {
    const now = new Date();
    const past1 = await createEvent(t.db, { startsAt: days(-10) });
    const past2 = await createEvent(t.db, { startsAt: days(-3), state: "held" });
    const soon = await createEvent(t.db, { startsAt: days(2) });
    const later = await createEvent(t.db, { startsAt: days(5) });
    const cancelled = await createEvent(t.db, { startsAt: days(3), state: "cancelled" });
    const draft = await createEvent(t.db, { startsAt: days(1), state: "draft" });
    // Started an hour ago, ends in an hour: still upcoming (under way).
    const now2 = await createEvent(t.db, { startsAt: new Date(Date.now() - HOUR), endsAt: new Date(Date.now() + HOUR) });
    const mine = [past1, past2, soon, later, cancelled, draft, now2].map((e) => e.slug);
    const list = await listPublicEvents(t.db, "en", {}, { now, pageSize: 100 });
    expect(slugsOf(list.events, mine)).toEqual([now2.slug, soon.slug, cancelled.slug, later.slug, past2.slug, past1.slug]);
    expect(list.events.find((e) => e.slug === now2.slug)).toMatchObject({ upcoming: true });
    expect(list.events.find((e) => e.slug === past1.slug)).toMatchObject({ upcoming: false, registration: "closed" });
    expect(await getPublicEvent(t.db, draft.slug, "en")).toBeNull();
    expect(await getPublicEvent(t.db, "no-such-event", "en")).toBeNull();
  });

  it("filters by country, work-plan area and format, a bounded page at a time", async () => {
    const area = await areaOf(3);
    const a = await createEvent(t.db, { party: "CL", areaId: area, format: "in_person", place: "Santiago", startsAt: days(40) });
    const b = await createEvent(t.db, { party: "CL", areaId: area, format: "hybrid", place: "Santiago", startsAt: days(41) });
    const c = await createEvent(t.db, { party: "CA", areaId: area, format: "in_person", startsAt: days(42) });
    const mine = [a.slug, b.slug, c.slug];
    expect(slugsOf((await listPublicEvents(t.db, "en", { country: "CL", area: 3 }, { pageSize: 100 })).events, mine)).toEqual([a.slug, b.slug]);
    expect(slugsOf((await listPublicEvents(t.db, "en", { area: 3, format: "in_person" }, { pageSize: 100 })).events, mine)).toEqual([a.slug, c.slug]);
    const paged = await listPublicEvents(t.db, "en", { area: 3, format: "in_person", country: "CL" }, { pageSize: 1 });
    expect(paged).toMatchObject({ total: 1, pages: 1, page: 1 });
    const two = await listPublicEvents(t.db, "en", { area: 3 }, { pageSize: 2 });
    expect(two.events).toHaveLength(2);
    expect(two.pages).toBe(Math.ceil(two.total / 2));
    // A page past the last is the last.
    expect((await listPublicEvents(t.db, "en", { area: 3, page: 9999 }, { pageSize: 2 })).page).toBe(two.pages);
  });

  it("gives places left as capacity minus confirmed registrations, and nothing personal nor the online link", async () => {
    const e = await createEvent(t.db, { capacity: 3, onlineUrl: "https://meet.example/private-room-xyz", format: "hybrid", place: "Ottawa" });
    await createRegistration(t.db, e.id, { name: "Zora Confirmed", email: "zora@example.org", needs: "Wheelchair access please", gender: "woman" });
    await createRegistration(t.db, e.id, { status: "pending" });
    await createRegistration(t.db, e.id, { status: "waitlisted" });
    await createRegistration(t.db, e.id, { status: "cancelled" });
    const event = (await getPublicEvent(t.db, e.slug, "fr"))!;
    expect(event).toMatchObject({ capacity: 3, placesLeft: 2, place: "Ottawa", registration: "open", contentLocale: "fr" });
    const text = JSON.stringify(event);
    for (const secret of ["private-room-xyz", "Zora", "zora@example.org", "Wheelchair", "woman"]) expect(text).not.toContain(secret);
  });

  it("shows a held event's figures exactly as frozen when its register was closed, never counted afresh", async () => {
    const e = await createEvent(t.db, { startsAt: days(-5) });
    await createRegistration(t.db, e.id, { attendedAt: days(-5), gender: "woman" });
    await closeWithFigures(e.id, storedFigures);
    const event = (await getPublicEvent(t.db, e.slug, "en"))!;
    expect(event.state).toBe("held");
    expect(event.register?.figures).toEqual(storedFigures);
  });

  it("lists each work-plan activity's events with its register and report once delivered", async () => {
    const area = await areaOf(1);
    const item = await activityOf(area);
    const held = await createEvent(t.db, { workplanItemId: item, areaId: area, startsAt: days(-30) });
    await closeWithFigures(held.id, storedFigures);
    await t.db.updateTable("events").set({ report_file_name: "report.pdf", report_size: 1234 }).where("id", "=", held.id).execute();
    const next = await createEvent(t.db, { workplanItemId: item, areaId: area, startsAt: days(30) });
    await createEvent(t.db, { workplanItemId: item, areaId: area, state: "draft" });
    const events = (await listEventsByWorkplanItem(t.db, "en")).get(item)!;
    expect(events.map((e) => [e.slug, e.state, e.registerClosed, e.reportAttached])).toEqual([
      [held.slug, "held", true, true],
      [next.slug, "published", false, false],
    ]);
  });

  it("moves the publication key when a published event's registration closes or it ends, with nothing written", async () => {
    const closes = days(60);
    await createEvent(t.db, { startsAt: days(61), registrationClosesAt: closes });
    const before = await readPublicationState(t.db, new Date(closes.getTime() - 1000));
    const after = await readPublicationState(t.db, new Date(closes.getTime() + 1000));
    expect(after.version).toBe(before.version);
    expect(after.key).not.toBe(before.key);
    expect(before.validUntil!.getTime()).toBeLessThanOrEqual(closes.getTime());
  });
});

describe("public events over HTTP", () => {
  it("answers 404 for a draft's page, .ics and JSON, and for an unknown slug", async () => {
    const draft = await createEvent(t.db, { state: "draft", translations: { en: { title: "Secret draft event" } } });
    for (const path of [
      `/en/events/${draft.slug}`,
      `/en/events/${draft.slug}.ics`,
      `/api/v1/events/${draft.slug}`,
      "/en/events/no-such-event",
      "/api/v1/events/no-such-event",
    ]) {
      expect((await get(server.url, path)).status, path).toBe(404);
    }
    for (const path of ["/en/events", "/api/v1/events", "/api/v1/events.ics"]) {
      expect((await fetchText(path)).body, path).not.toContain("Secret draft event");
    }
  });

  it("shows an event's page in each language: times in its zone with the zone's name, place, register link, never the online link or a registrant", async () => {
    // 10:00 in Santiago on 6 April 2026 (UTC−4 after the change of 5 April).
    const e = await createEvent(t.db, {
      party: "CL",
      format: "hybrid",
      place: "Teatinos 180, Santiago",
      onlineUrl: "https://meet.example/room-secret-cl",
      startsAt: new Date("2027-04-06T14:00:00Z"),
      registrationClosesAt: new Date("2027-04-05T14:00:00Z"),
      capacity: 10,
      translations: { es: { title: "Taller en Santiago", agenda: "Bienvenida\n\nTrabajo" }, en: { title: "Workshop in Santiago" } },
    });
    await createRegistration(t.db, e.id, { name: "Ximena Registrant", email: "ximena@example.cl", needs: "Sign language interpretation" });
    await advancePublication(t.db);
    const es = await fetchText(`/es/events/${e.slug}`);
    expect(es.status).toBe(200);
    expect(es.body).toContain("Taller en Santiago");
    expect(es.body).toContain("Teatinos 180, Santiago");
    expect(es.body).toMatch(/10:00[^<]*hora de Santiago, GMT-4/);
    expect(es.body).toContain(`href="/es/events/${e.slug}/register"`);
    expect(es.body).toContain("10 cupos, quedan 9");
    expect(es.body).toContain(`type="text/calendar" href="/es/events/${e.slug}.ics"`);
    const en = await fetchText(`/en/events/${e.slug}`);
    expect(en.body).toContain("Workshop in Santiago");
    for (const page of [es.body, en.body])
      for (const secret of ["room-secret-cl", "Ximena", "ximena@example.cl", "Sign language"]) expect(page).not.toContain(secret);
    // Served from the page cache like the other public pages (ADR 027).
    expect(en.res.headers.get("etag")).toBeTruthy();
    expect(en.res.headers.get("cache-control")).toContain("public");
  });

  it("shows a cancelled notice, and a held event's report, recording and figures with withheld cells as on /stats", async () => {
    const cancelled = await createEvent(t.db, { translations: { en: { title: "Cancelled webinar" } } });
    await t.db
      .updateTable("events")
      .set({ state: "cancelled", cancelled_at: new Date().toISOString(), cancellation_note: "The speaker is ill." })
      .where("id", "=", cancelled.id)
      .execute();
    await advancePublication(t.db);
    const c = await fetchText(`/en/events/${cancelled.slug}`);
    expect(c.body).toContain("This event is cancelled.");
    expect(c.body).toContain("The speaker is ill.");
    expect(c.body).not.toContain(`/en/events/${cancelled.slug}/register`);

    const held = await createEvent(t.db, { startsAt: days(-4), translations: { en: { title: "Held workshop" } } });
    await t.db
      .updateTable("events")
      .set({ report_file_name: "workshop-report.pdf", report_size: 250_000, recording_url: "https://video.example/rec-1" })
      .where("id", "=", held.id)
      .execute();
    await closeWithFigures(held.id, storedFigures);
    const h = await fetchText(`/en/events/${held.slug}`);
    expect(h.body).toContain(`href="/en/events/${held.slug}/report"`);
    expect(h.body).toContain("workshop-report.pdf");
    expect(h.body).toContain('href="https://video.example/rec-1"');
    expect(h.body).toContain("<dd>41</dd>");
    expect(h.body).toContain("<dd>37</dd>");
    // The gender table: shown groups as counts, withheld ones as "not shown" (summary.fewerThan5).
    const gender = /Attendance by gender[\s\S]*?<\/table>/.exec(h.body)![0];
    expect(gender).toMatch(/Woman<\/th><td>21<\/td>/);
    expect(gender).toMatch(/Another identity<\/th><td>not shown<\/td>/);
    // Regions: the shown ones by name, the withheld ones (all "not shown") as one row.
    const regions = /Attendance by region[\s\S]*?<\/table>/.exec(h.body)![0];
    expect(regions).toMatch(/Valparaíso<\/th><td>9<\/td>/);
    expect(regions).toMatch(/Other regions<\/th><td>not shown<\/td>/);
    expect(regions).not.toContain("Ontario");
    expect(h.body).not.toContain(`/en/events/${held.slug}/register`);
  });

  it("serves the cached page until a state change advances the publication version, then the new one", async () => {
    const e = await createEvent(t.db, { translations: { en: { title: "Cached event" } } });
    const first = await fetchText(`/en/events/${e.slug}`);
    const again = await get(server.url, `/en/events/${e.slug}`, undefined, { "If-None-Match": first.res.headers.get("etag")! });
    expect(again.status).toBe(304);
    await t.db.transaction().execute(async (trx) => {
      await trx.updateTable("events").set({ state: "cancelled", cancelled_at: new Date().toISOString() }).where("id", "=", e.id).execute();
      await advancePublication(trx);
    });
    const after = await fetchText(`/en/events/${e.slug}`);
    expect(after.res.headers.get("etag")).not.toBe(first.res.headers.get("etag"));
    expect(after.body).toContain("This event is cancelled.");
    expect((await fetchText("/api/v1/events.ics")).body).toMatch(new RegExp(`UID:event-${e.id}@puente(?:(?!END:VEVENT)[\\s\\S])*STATUS:CANCELLED`));
  });

  it("lists events with filters as a GET form that works without JavaScript, in three languages", async () => {
    const cl = await createEvent(t.db, {
      party: "CL",
      format: "in_person",
      place: "Valparaíso",
      startsAt: days(50),
      translations: { es: { title: "Encuentro en Valparaíso" } },
    });
    const ca = await createEvent(t.db, { party: "CA", format: "online", startsAt: days(51), translations: { en: { title: "Online meeting from Ottawa" } } });
    for (const locale of ["en", "fr", "es"]) {
      const page = await fetchText(`/${locale}/events`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('<form method="get"');
      expect(page.body).toContain('type="text/calendar" href="/api/v1/events.ics"');
      expect(page.body).toContain(`href="/${locale}/events"`); // the nav link
      const onlyCL = await fetchText(`/${locale}/events?country=CL&format=in_person`);
      expect(onlyCL.body).toContain("Encuentro en Valparaíso");
      expect(onlyCL.body).not.toContain("Online meeting from Ottawa");
    }
    expect((await fetchText(`/en/events?format=online&country=CA`)).body).toContain(`/en/events/${ca.slug}`);
    expect((await fetchText(`/en/events?format=nonsense&page=-3`)).status).toBe(200);
    expect(cl.slug).toBeTruthy();
  });

  it("gives the feeds with each event's local hour and instant on both sides of Santiago's and Ottawa's clock changes", async () => {
    // Santiago goes back an hour on 5 April 2026 (UTC−3 → UTC−4), Ottawa on 1 November 2026 (UTC−4 → UTC−5).
    const cases = [
      { party: "CL" as const, startsAt: "2026-04-04T13:00:00.000Z", zone: "America/Santiago" },
      { party: "CL" as const, startsAt: "2026-04-06T14:00:00.000Z", zone: "America/Santiago" },
      { party: "CA" as const, startsAt: "2026-10-31T14:00:00.000Z", zone: "America/Toronto" },
      { party: "CA" as const, startsAt: "2026-11-02T15:00:00.000Z", zone: "America/Toronto" },
    ];
    const made: Array<{ id: number; slug: string }> = [];
    for (const [i, c] of cases.entries()) {
      made.push(
        await createEvent(t.db, {
          party: c.party,
          state: i === 3 ? "cancelled" : "published",
          startsAt: new Date(c.startsAt),
          onlineUrl: `https://meet.example/feed-secret-${i}`,
          translations: { en: { title: `Feed event ${i}` } },
        }),
      );
    }
    const draft = await createEvent(t.db, { state: "draft", translations: { en: { title: "Feed draft" } } });

    const check = async (path: string, expected: number[]) => {
      const feed = await fetchText(path);
      expect(feed.status).toBe(200);
      expect(feed.type).toContain("text/calendar");
      expect(feed.body).not.toMatch(/feed-secret|Feed draft|meet\.example/);
      const vevents = parseCalendar(feed.body).getAllSubcomponents("vevent");
      const uids = vevents.map((v) => String(v.getFirstPropertyValue("uid")));
      expect(uids).not.toContain(`event-${draft.id}@puente`);
      for (const i of expected) {
        const v = vevents.find((x) => x.getFirstPropertyValue("uid") === `event-${made[i]!.id}@puente`);
        expect(v, `event ${i} in ${path}`).toBeTruthy();
        const e = new ICAL.Event(v!);
        expect(e.startDate.zone?.tzid).toBe(cases[i]!.zone);
        expect(e.startDate.hour).toBe(10);
        expect(e.startDate.toJSDate().toISOString()).toBe(cases[i]!.startsAt);
        expect(v!.getFirstPropertyValue("status")).toBe(i === 3 ? "CANCELLED" : "CONFIRMED");
      }
      return uids;
    };
    await check("/api/v1/events.ics", [0, 1, 2, 3]);
    const cl = await check("/api/v1/events.ics?country=CL", [0, 1]);
    expect(cl).not.toContain(`event-${made[2]!.id}@puente`);
    const ca = await check("/api/v1/events.ics?country=CA", [2, 3]);
    expect(ca).not.toContain(`event-${made[0]!.id}@puente`);
    // One event's own file.
    const one = await fetchText(`/fr/events/${made[1]!.slug}.ics`);
    expect(one.body).not.toContain("feed-secret");
    const events = parseCalendar(one.body).getAllSubcomponents("vevent");
    expect(events).toHaveLength(1);
    expect(new ICAL.Event(events[0]!).startDate.hour).toBe(10);
  });

  it("gives JSON without personal data or the online link, bounded pages, and one event by slug", async () => {
    const e = await createEvent(t.db, { capacity: 20, onlineUrl: "https://meet.example/json-secret", translations: { en: { title: "JSON event" } } });
    await createRegistration(t.db, e.id, { name: "Quentin Json", email: "quentin@example.org", needs: "Large print" });
    await advancePublication(t.db);
    const list = await get(server.url, "/api/v1/events?page=1");
    expect(list.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await list.json()) as { count: number; pages: number; events: Array<{ slug: string }> };
    expect(body.events.length).toBeLessThanOrEqual(100);
    expect(body.pages).toBe(Math.max(1, Math.ceil(body.count / 100)));
    const one = await get(server.url, `/api/v1/events/${e.slug}`);
    const text = await one.text();
    expect(JSON.parse(text).event).toMatchObject({ slug: e.slug, title: "JSON event", capacity: 20, placesLeft: 19, state: "published" });
    for (const secret of ["json-secret", "Quentin", "quentin@example.org", "Large print", "online_url", "onlineUrl"]) expect(text).not.toContain(secret);
  });

  it("shows each work-plan activity's events, and the register and report as delivered", async () => {
    const area = await areaOf(2);
    const item = await activityOf(area);
    const held = await createEvent(t.db, { workplanItemId: item, areaId: area, startsAt: days(-9), translations: { en: { title: "Delivered dialogue" } } });
    await t.db.updateTable("events").set({ report_file_name: "dialogue.pdf", report_size: 1000 }).where("id", "=", held.id).execute();
    await closeWithFigures(held.id, storedFigures);
    const page = await fetchText("/en/workplan");
    expect(page.body).toContain(`href="/en/events/${held.slug}"`);
    expect(page.body).toContain("Attendance register: delivered");
    expect(page.body).toContain(`href="/en/events/${held.slug}/report"`);
  });
});

describe("demo events", () => {
  let demo: TestDatabase;
  beforeAll(async () => {
    demo = await createTestDatabase();
    await seed(demo.db);
  });
  afterAll(async () => demo?.destroy());

  it("adds one upcoming event in Santiago, one in Ottawa, one online and a held one with a closed register, once", async () => {
    expect(await seedDemoEvents(demo.db)).toBe(4);
    expect(await seedDemoEvents(demo.db)).toBe(0);
    const list = await listPublicEvents(demo.db, "en", {}, { pageSize: 100 });
    expect(list.events.filter((e) => e.upcoming).map((e) => [e.timeZone, e.format])).toEqual([
      ["America/Santiago", "in_person"],
      ["America/Toronto", "hybrid"],
      ["America/Toronto", "online"],
    ]);
    const held = list.events.find((e) => e.state === "held")!;
    expect(held.register?.figures.attended).toBeGreaterThan(5);
    const row = await demo.db.selectFrom("event_registers").selectAll().executeTakeFirstOrThrow();
    const { createHash } = await import("node:crypto");
    expect(row.sha256).toBe(createHash("sha256").update(row.register).digest("hex"));
    // The frozen figures are what countAttendance/protectAttendance give: some groups withheld.
    expect(Object.values(held.register!.figures.gender).some((c) => c.suppressed)).toBe(true);
    // The officials' exports read the demo register as they read one an official closed.
    const { getFrozenRegister } = await import("~/models/event-attendance.server");
    const { registerSheet } = await import("~/exports/event-register-rows.server");
    const admin: Actor = { id: 0, role: "admin", partyCode: null };
    const sheet = registerSheet(await getFrozenRegister(demo.db, admin, row.event_id), "es");
    expect(sheet.rows.length).toBeGreaterThan(5);
  });

  it("freezes a register once", async () => {
    const e = await demo.db.selectFrom("events").select("id").where("state", "=", "published").executeTakeFirstOrThrow();
    await freezeRegister(demo.db, e.id, new Date());
    await expect(freezeRegister(demo.db, e.id, new Date())).rejects.toThrow();
  });
});
