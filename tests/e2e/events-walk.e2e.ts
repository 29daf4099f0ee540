import { readFileSync } from "node:fs";
import ICAL from "ical.js";
import type { Download, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import en from "~/locales/en";
import es from "~/locales/es";
import fr from "~/locales/fr";
import { createUser } from "../factories";
import { expectAxeClean, keepScreenshot, signedIn, tookTime, useE2E, viewports, waitForHydration } from "./browser";

/*
 * Issue 19, "done means", as one walk through the browser: a Chilean official (French) creates and
 * publishes an event with one place; Ana (Spanish) registers, takes the calendar file from her
 * private link, cancels and registers again; Blake (English) is waitlisted, and promoted when Ana
 * cancels again; on the day the official checks Blake in, adds a walk-in, closes the register and
 * attaches the report; the public page shows the report and the protected figures and nobody's
 * name; the area's summary lists the event. JavaScript off for the official's first step and for
 * Blake (screenshots: axe needs scripts in the page), on elsewhere, with axe on each page.
 */

const e2e = useE2E();
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const ONLINE = "https://meet.example.org/puente-walk";
const ana = { name: "Ana Araya", email: "ana.walk@example.cl" };
const blake = { name: "Blake Brown", email: "blake.walk@example.ca" };
const walkIn = "Walt Walkin";
const titles = { fr: "Atelier sur les femmes dans les ports", es: "Taller sobre mujeres en los puertos", en: "Workshop on women in ports" };
const HOUR = 3600_000;

/** expect.poll with room for a loaded machine (its default gives a page one second to be drawn). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
const main = (page: Page) => page.locator("main").textContent();
const saved = async (download: Download) => readFileSync((await download.path())!);

/** What a `datetime-local` field holds for an instant, on the clock of `zone`. */
function wallClock(at: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(at);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

async function fillRegistration(page: Page, person: { name: string; email: string }, country: "CA" | "CL") {
  await page.locator("#field-name").fill(person.name);
  await page.locator("#field-email").fill(person.email);
  await page.locator("#field-stakeholderType").selectOption("union");
  await page.locator("#field-country").selectOption(country);
  await page.locator("#field-gender-woman").check();
  await page.locator("#field-privacy").check();
  await tookTime(page, 3.1);
}

describe("an event from start to finish", () => {
  it("created, registered for, waitlisted and promoted, checked in, closed, reported, shown to the public and summarised", async () => {
    const db = e2e.t.db;
    const errors: string[] = [];
    const official = await createUser(db, { role: "moderator", party: "CL", locale: "fr" });
    const { time_zone: zone } = await db.selectFrom("parties").select("time_zone").where("code", "=", "CL").executeTakeFirstOrThrow();

    // 1. The official (French, without JavaScript) creates and publishes the event: one place,
    // hybrid, in three days, registration open since yesterday.
    const startsAt = new Date(Math.ceil(Date.now() / HOUR) * HOUR + 72 * HOUR);
    const noJs = await signedIn(e2e, "fr", official, { javaScriptEnabled: false });
    let page = noJs.page;
    await page.goto(`${e2e.server.url}/fr/admin/events/new`);
    await page.locator("#field-activityId").selectOption({ index: 1 });
    await page.locator("#field-format").selectOption("hybrid");
    await page.locator("#field-place").fill("Teatinos 180, Santiago");
    await page.locator("#field-onlineUrl").fill(ONLINE);
    await page.locator("#field-startsAt").fill(wallClock(startsAt, zone));
    await page.locator("#field-endsAt").fill(wallClock(new Date(startsAt.getTime() + 2 * HOUR), zone));
    await page.locator("#field-registrationOpensAt").fill(wallClock(new Date(Date.now() - 24 * HOUR), zone));
    await page.locator("#field-registrationClosesAt").fill(wallClock(new Date(startsAt.getTime() - HOUR), zone));
    await page.locator("#field-capacity").fill("1");
    for (const l of ["fr", "es", "en"] as const) {
      await page.locator(`#field-${l}_title`).fill(titles[l]);
      await page.locator(`#field-${l}_description`).fill(`${titles[l]}.`);
    }
    await page.getByRole("button", { name: fr.eventsAdmin.form.saveAndPublish, exact: true }).click();
    await page.waitForURL(/\/fr\/admin\/events\/\d+\?saved=publish$/);
    await expect.poll(() => page.locator(".flash").textContent()).toBe(fr.eventsAdmin.done.publish);
    await keepScreenshot(page, "walk-event-published-nojs-fr");
    const id = Number(/events\/(\d+)/.exec(page.url())![1]);
    const event = await db.selectFrom("events").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ party_code: "CL", state: "published", capacity: 1, starts_at: startsAt.toISOString() });
    expect(event.area_id).not.toBeNull();
    await noJs.context.close();

    // 2. Ana (Spanish, with JavaScript) registers and has the place.
    const anaContext = await e2e.browser.newContext({ locale: "es-CL", viewport: viewports.desktop });
    anaContext.setDefaultTimeout(15_000);
    page = await anaContext.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${e2e.server.url}/es/events/${event.slug}/register`);
    await waitForHydration(page);
    await expectAxeClean(page, "walk-register-es");
    await fillRegistration(page, ana, "CL");
    await page.getByRole("button", { name: es.eventRegistration.send, exact: true }).click();
    await page.waitForURL(/\/es\/events\/registrations\/[\w-]{43}\?notice=registered$/);
    await poll(() => main(page)).toContain(es.eventRegistration.own.statuses.confirmed);
    await expectAxeClean(page, "walk-registration-es");
    // The private link in her email is this page.
    const token = /registrations\/([\w-]{43})/.exec(page.url())![1]!;
    expect((await e2e.mail.nthTo(ana.email, 1)).body).toContain(`/es/events/registrations/${token}`);

    // Her calendar file has the event, at its time in Santiago, with the online link.
    const [ics] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: es.eventRegistration.own.calendar }).click()]);
    const calendar = new ICAL.Component(ICAL.parse((await saved(ics)).toString("utf8")));
    for (const tz of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
    const vevents = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(vevents).toHaveLength(1);
    expect(vevents[0]!.summary).toBe(titles.es);
    expect(vevents[0]!.startDate.zone?.tzid).toBe(zone);
    expect(vevents[0]!.startDate.toJSDate().toISOString()).toBe(startsAt.toISOString());
    expect(vevents[0]!.description).toContain(ONLINE);

    // She cancels, then registers again: the place is free, so it is hers again.
    await page.getByRole("link", { name: es.eventRegistration.own.cancel }).click();
    await page.getByRole("button", { name: es.eventRegistration.own.cancelConfirm, exact: true }).waitFor();
    await expectAxeClean(page, "walk-registration-cancel-es");
    await page.getByRole("button", { name: es.eventRegistration.own.cancelConfirm, exact: true }).click();
    await poll(() => main(page)).toContain(es.eventRegistration.own.cancelledNotice);
    await page.getByRole("link", { name: es.eventRegistration.own.registerAgain }).click();
    await page.locator("#field-name").waitFor();
    await fillRegistration(page, ana, "CL");
    await page.getByRole("button", { name: es.eventRegistration.send, exact: true }).click();
    await page.waitForURL(new RegExp(`/es/events/registrations/(?!${token})[\\w-]{43}\\?notice=registered$`));
    await poll(() => main(page)).toContain(es.eventRegistration.own.statuses.confirmed);

    // Blake (English, without JavaScript, on a phone) finds the event full and is waitlisted.
    const blakeContext = await e2e.browser.newContext({ locale: "en-CA", viewport: viewports.phone, javaScriptEnabled: false });
    blakeContext.setDefaultTimeout(15_000);
    const b = await blakeContext.newPage();
    await b.goto(`${e2e.server.url}/en/events/${event.slug}/register`);
    await expect(main(b)).resolves.toContain(en.eventRegistration.full);
    await fillRegistration(b, blake, "CA");
    await keepScreenshot(b, "walk-register-full-nojs-en-phone");
    await b.getByRole("button", { name: en.eventRegistration.send, exact: true }).click();
    await b.waitForURL(/\/en\/events\/registrations\/[\w-]{43}\?notice=registered$/);
    await expect.poll(() => main(b)).toContain(en.eventRegistration.own.statuses.waitlisted);

    // Ana cancels again: the place goes to Blake, who is told by email, and his page says so.
    await page.getByRole("link", { name: es.eventRegistration.own.cancel }).click();
    await page.getByRole("button", { name: es.eventRegistration.own.cancelConfirm, exact: true }).click();
    await poll(() => main(page)).toContain(es.eventRegistration.own.cancelledNotice);
    expect((await e2e.mail.nthTo(blake.email, 2)).body).toContain(`Subject: ${en.eventRegistration.emails.subject.promoted.replace("{{title}}", "")}`);
    await b.reload();
    await expect(main(b)).resolves.toContain(en.eventRegistration.own.statuses.confirmed);
    await keepScreenshot(b, "walk-registration-promoted-nojs-en-phone");
    await anaContext.close();
    await blakeContext.close();

    // 3. The day comes. The server's clock cannot be moved from the test (it runs in its own
    // process, driven through the browser), so the event is moved instead: every time of it back by
    // the same amount, so that it started an hour ago and registration closed before that.
    const shift = startsAt.getTime() - (Date.now() - HOUR);
    const back = (iso: string) => new Date(Date.parse(iso) - shift).toISOString();
    await db
      .updateTable("events")
      .set({
        starts_at: back(event.starts_at),
        ends_at: back(event.ends_at),
        registration_opens_at: back(event.registration_opens_at),
        registration_closes_at: back(event.registration_closes_at),
      })
      .where("id", "=", id)
      .execute();

    // The official (French, with JavaScript now) checks Blake in, adds a walk-in, marks the event
    // held, closes the register and attaches the report.
    const official2 = await signedIn(e2e, "fr", official);
    page = official2.page;
    const a = fr.eventAttendance;
    await page.goto(`${e2e.server.url}/fr/admin/events/${id}/attendance`);
    await waitForHydration(page);
    await page.getByRole("button", { name: a.markPresentFor.replace("{{name}}", blake.name), exact: true }).click();
    await page.getByRole("button", { name: a.undoFor.replace("{{name}}", blake.name), exact: true }).waitFor();
    await page.locator("#field-name").fill(walkIn);
    await page.locator("#field-stakeholderType").selectOption("academic");
    await page.locator("#field-country").selectOption("CL");
    await page.locator("#field-region").selectOption("CL-VS");
    await page.getByRole("button", { name: a.walkIn.add, exact: true }).click();
    await poll(() => page.locator("tbody").textContent()).toContain(walkIn);

    // Once it has taken place, the event's page invites the official to mark it held, "then close
    // its register": a held event's register still closes (the walk found that it could not).
    await page.goto(`${e2e.server.url}/fr/admin/events/${id}`);
    await waitForHydration(page);
    await expectAxeClean(page, "walk-event-page-fr");
    await page.getByLabel(fr.eventsAdmin.page.confirmHeld).check();
    await page.getByRole("button", { name: fr.eventsAdmin.page.held, exact: true }).click();
    await page.locator(".flash", { hasText: fr.eventsAdmin.done.held }).waitFor();
    await page.goto(`${e2e.server.url}/fr/admin/events/${id}/attendance`);
    await waitForHydration(page);
    await page.locator("#field-confirm").check();
    await page.getByRole("button", { name: a.close.button, exact: true }).click();
    await poll(() => page.locator("#register").textContent()).toContain("SHA-256");
    await page.locator("#field-report").setInputFiles({ name: "rapport-atelier.pdf", mimeType: "application/pdf", buffer: PDF });
    await page.getByRole("button", { name: a.report.attach, exact: true }).click();
    await poll(() => page.locator("#report").locator("..").textContent()).toContain("rapport-atelier.pdf");
    await expectAxeClean(page, "walk-attendance-closed-fr");
    expect(await db.selectFrom("events").select("state").where("id", "=", id).executeTakeFirstOrThrow()).toEqual({ state: "held" });

    // 4. The public page (English, with JavaScript): the report, the figures with their withheld
    // groups, and nobody's name, email or the online link.
    const visitor = await e2e.browser.newContext({ locale: "en-GB", viewport: viewports.desktop });
    const v = await visitor.newPage();
    v.on("pageerror", (e) => errors.push(e.message));
    await v.goto(`${e2e.server.url}/en/events/${event.slug}`);
    await waitForHydration(v);
    await expect(v.locator("h1").textContent()).resolves.toContain(titles.en);
    const report = v.locator('section[aria-labelledby="report-title"] a');
    await expect(report.textContent()).resolves.toContain("rapport-atelier.pdf");
    expect(await report.getAttribute("href")).toBe(`/en/events/${event.slug}/report`);
    const figures = v.locator('section[aria-labelledby="attendance-title"]');
    const facts = (await figures.locator("dl").innerText()).replace(/\s+/g, " ");
    expect(facts).toContain(`${en.events.registered} 1`);
    expect(facts).toContain(`${en.events.attended} 2`);
    expect(await figures.locator("table").count()).toBe(5);
    expect(await figures.locator("td", { hasText: en.summary.fewerThan5 }).count()).toBeGreaterThan(5);
    await expectAxeClean(v, "walk-event-held-en");
    const api = await (await fetch(`${e2e.server.url}/api/v1/events/${event.slug}`)).text();
    for (const text of [await v.content(), api]) {
      for (const secret of [ana.name, ana.email, blake.name, blake.email, walkIn, ONLINE]) expect(text).not.toContain(secret);
    }
    const download = await fetch(`${e2e.server.url}/en/events/${event.slug}/report`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PDF);
    await visitor.close();

    // 5. The summary of the event's area, built now (the official, French): the event is in it.
    const { number: areaNumber } = await db.selectFrom("workplan_areas").select("number").where("id", "=", event.area_id!).executeTakeFirstOrThrow();
    await page.goto(`${e2e.server.url}/fr/admin/summaries`);
    await waitForHydration(page);
    await expectAxeClean(page, "walk-summaries-fr");
    const form = page.locator("section", { has: page.locator("#download-title") });
    await form.locator("#dl-scope-area").check();
    await form.locator("#field-dl-area").selectOption(String(event.area_id));
    await form.locator("#field-dl-edition").selectOption("public");
    await form.locator("#field-locale").selectOption("fr");
    await form.locator("#field-format").selectOption("json");
    const [json] = await Promise.all([page.waitForEvent("download"), form.getByRole("button", { name: fr.summaries.download, exact: true }).click()]);
    expect(json.suggestedFilename()).toMatch(new RegExp(`^puente-bilateral-area-${areaNumber}-public-fr-.*\\.json$`));
    const text = (await saved(json)).toString("utf8");
    const summary = JSON.parse(text) as { events: { list: Array<{ slug: string; title: string; registered: number; attended: number }> } };
    expect(summary.events.list).toContainEqual(expect.objectContaining({ slug: event.slug, title: titles.fr, registered: 1, attended: 2 }));
    for (const secret of [ana.name, ana.email, blake.name, blake.email, walkIn, ONLINE]) expect(text).not.toContain(secret);

    // A download started by a navigation shows as an aborted load in the console.
    expect([...errors, ...official2.errors.filter((e) => !/net::ERR_ABORTED/.test(e))]).toEqual([]);
    await official2.context.close();
  });
});
