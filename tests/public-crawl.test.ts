import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { freezeRegister, seedDemoEvents } from "../scripts/demo-events";
import { advancePublication } from "~/models/publication.server";
import { createEvent, createRegistration, days } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

// A crawl of the public site as an anonymous visitor (issue 19): from the home pages, the events
// pages and the feeds, every same-site link is followed; no page, feed or API answer may carry a
// registrant's name, email, needs or a gender answer, nor an event's online link.

let t: TestDatabase;
let server: RunningServer;
const secrets: string[] = [];
let smallHeld = "";

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  await seedDemoEvents(t.db);
  // Registrants with recognisable details on every demo event (upcoming and held).
  const events = await t.db.selectFrom("events").select(["id", "online_url"]).execute();
  for (const [i, e] of events.entries()) {
    if (e.online_url) secrets.push(e.online_url);
    const name = `Crawlname${i} Privateperson`;
    const email = `crawl-secret-${i}@registrant.example`;
    const needs = `Crawlneeds${i} hearing loop`;
    await createRegistration(t.db, e.id, { name, email, needs, gender: "another" });
    secrets.push(name, email, needs);
  }
  // A small held event: two people came; every breakdown must be withheld.
  const small = await createEvent(t.db, {
    startsAt: days(-3),
    onlineUrl: "https://meet.example/crawl-small-room",
    translations: { en: { title: "Small held meeting" } },
  });
  secrets.push("crawl-small-room");
  for (const i of [1, 2]) {
    const name = `Smallname${i} Hidden`;
    const email = `small-${i}@registrant.example`;
    await createRegistration(t.db, small.id, { name, email, needs: `Smallneeds${i}`, gender: "woman", attendedAt: days(-3), region: "CA-ON", country: "CA" });
    secrets.push(name, email, `Smallneeds${i}`);
  }
  await freezeRegister(t.db, small.id, days(-2));
  smallHeld = small.slug;
  await advancePublication(t.db);
  server = await startServer(t.env);
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

// Not followed: officials' pages, forms that post, and the heavy summary files (tested elsewhere).
const SKIP = /^\/(?:en|fr|es)\/(?:admin|login|logout|account|forgot-password|subscriptions)|\/summary\/|\/documents\/|\/attachments\/|\/deliverables\//;

describe("the public site, crawled", () => {
  it("never shows a registrant's name, email, needs or gender, nor an event's online link", async () => {
    const start = [
      "/en",
      "/fr",
      "/es",
      "/en/events",
      "/fr/events",
      "/es/events",
      "/en/workplan",
      "/api/v1/events",
      "/api/v1/events.ics",
      "/api/v1/events.ics?country=CA",
      "/api/v1/events.ics?country=CL",
    ];
    const events = await t.db.selectFrom("events").select("slug").where("state", "!=", "draft").execute();
    for (const e of events) start.push(`/api/v1/events/${e.slug}`, `/es/events/${e.slug}.ics`);
    const seen = new Set<string>();
    const queue = [...start];
    const leaks: string[] = [];
    while (queue.length && seen.size < 400) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await get(server.url, path);
      const body = await res.text();
      expect(res.status, path).toBeLessThan(500);
      for (const s of secrets) if (body.includes(s)) leaks.push(`${path}: ${s}`);
      if (!(res.headers.get("content-type") ?? "").includes("text/html")) continue;
      for (const [, href] of body.matchAll(/href="(\/[^"#]*)"/g)) {
        const link = href!.replace(/&amp;/g, "&");
        if (!link.startsWith("//") && !SKIP.test(link) && !seen.has(link) && !/\.(css|js|ico|png|svg|woff2?)$/.test(link.split("?")[0]!)) queue.push(link);
      }
    }
    expect(leaks).toEqual([]);
    // The events pages and feeds were all reached.
    for (const e of events) expect(seen.has(`/en/events/${e.slug}`), e.slug).toBe(true);
    expect(seen.size).toBeGreaterThan(30);
  });

  it("withholds every breakdown of a small event, so no one's gender or region can be worked out", async () => {
    const res = await get(server.url, `/api/v1/events/${smallHeld}`);
    const { event } = (await res.json()) as { event: { attendance: { figures: Record<string, unknown> } } };
    const figures = event.attendance.figures as Record<string, Record<string, { value: number | null; suppressed: boolean }> | number>;
    expect(figures.attended).toBe(2);
    for (const table of ["byStakeholderType", "byCountry", "byRegion", "womenLed", "gender"]) {
      for (const cell of Object.values(figures[table] as Record<string, { value: number | null; suppressed: boolean }>))
        expect(cell, table).toEqual({ value: null, suppressed: true });
    }
    const page = await (await get(server.url, `/en/events/${smallHeld}`)).text();
    const gender = /Attendance by gender[\s\S]*?<\/table>/.exec(page)![0];
    expect(gender).not.toMatch(/<td>\d/);
  });
});
