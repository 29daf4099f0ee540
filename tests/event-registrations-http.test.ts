import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { createEvent, createRegistration, createUser, sessionCookieFor } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { startMailCatcher, type CaughtMail, type MailCatcher } from "./helpers/mail";
import { mainTextOf as main } from "./helpers/page-text";
import { startServer, type RunningServer } from "./helpers/server";
import { formStamp } from "~/utils/submission-guard.server";

/*
 * Registering for an event through the real server (issue 19, item 3; ADR 045): the form's errors
 * translated with the values kept, 4xx (never 500) for bad or oversized bodies, the private page
 * and calendar file by token (a wrong token is a 404), cancelling and the waitlist's promotion,
 * the same address twice, and the emails as a mail server receives them.
 */

let t: TestDatabase;
let server: RunningServer;
let mail: MailCatcher;
let moderatorCA = "";
let moderatorCL = "";

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  mail = await startMailCatcher();
  server = await startServer({ ...t.env, SMTP_URL: mail.url, SUBMISSION_MIN_FILL_SECONDS: "0", SUBMISSION_RATE_LIMIT: "0" });
  moderatorCA = await sessionCookieFor(t.db, (await createUser(t.db, { role: "moderator", party: "CA" })).id);
  moderatorCL = await sessionCookieFor(t.db, (await createUser(t.db, { role: "moderator", party: "CL" })).id);
});
afterAll(async () => {
  await server?.stop();
  await mail?.stop();
  await t?.destroy();
});

let n = 0;
const valid = (over: Record<string, string> = {}) => ({
  name: "Ana Pérez",
  email: `http${++n}@example.org`,
  stakeholderType: "academic",
  country: "CL",
  region: "",
  privacy: "on",
  stamp: "",
  ...over,
});
/** The private page's path in an email. */
const privatePath = (message: CaughtMail) => {
  const match = /https?:\/\/[^\s"<>]+\/(?:en|fr|es)\/events\/registrations\/[\w-]{43}/.exec(message.body);
  if (!match) throw new Error(`no private link in:\n${message.body}`);
  return new URL(match[0]).pathname;
};

describe("the registration form", () => {
  it("shows in every language; an unknown or draft event is a 404", async () => {
    const event = await createEvent(t.db, { translations: { en: { title: "Ports webinar" }, fr: { title: "Webinaire des ports" } } });
    const draft = await createEvent(t.db, { state: "draft" });
    for (const [lang, heading] of [
      ["en", "Register for this event"],
      ["fr", "S’inscrire à cet événement"],
      ["es", "Inscribirse en este evento"],
    ] as const) {
      const res = await get(server.url, `/${lang}/events/${event.slug}/register`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(main(html)).toContain(heading);
      expect(html).toContain('name="stamp"');
      expect(html).toContain('name="website"');
    }
    expect((await get(server.url, "/en/events/no-such-event/register")).status).toBe(404);
    expect((await get(server.url, `/en/events/${draft.slug}/register`)).status).toBe(404);
  });

  it("answers a refused form with translated messages and the values kept", async () => {
    const event = await createEvent(t.db);
    const res = await postForm(server.url, `/fr/events/${event.slug}/register`, {
      name: "",
      email: "not-an-email",
      organisationName: "Université <b>du Chili</b>",
      stakeholderType: "other",
      stakeholderOther: "",
      country: "CA",
      region: "CL-RM",
      needs: "Sous-titres",
      stamp: "",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    const text = main(html);
    expect(text).toContain("Entrez votre nom.");
    expect(text).toContain("Entrez une adresse courriel sous la forme nom@exemple.org.");
    expect(text).toContain("Choisissez une région du pays sélectionné, ou aucune région.");
    expect(text).toContain("Confirmez que vous avez lu l’avis de confidentialité.");
    expect(html).toContain("Université &lt;b&gt;du Chili&lt;/b&gt;");
    expect(html).toContain("Sous-titres");
    expect(html).toMatch(/<title>Erreur/);
    expect(await t.db.selectFrom("event_registrations").select("id").where("event_id", "=", event.id).execute()).toHaveLength(0);
  });

  it("refuses bad and oversized bodies with a 4xx, never a 500", async () => {
    const event = await createEvent(t.db);
    const path = `/en/events/${event.slug}/register`;
    // Needs longer than the form takes: a message; a body past the form's limit: 413.
    const long = await postForm(server.url, path, valid({ needs: "x".repeat(2001) }));
    expect(long.status).toBe(400);
    expect(main(await long.text())).toContain("This is too long.");
    expect((await postForm(server.url, path, valid({ needs: "x".repeat(200_000) }))).status).toBe(413);
    // Not a form, a multipart body (no files here), no CSRF token, the honeypot filled, a bad choice.
    const json = await fetch(server.url + path, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(json.status).toBeGreaterThanOrEqual(400);
    expect(json.status).toBeLessThan(500);
    const multipart = new FormData();
    multipart.set("name", "x");
    const multi = await fetch(server.url + path, { method: "POST", body: multipart, redirect: "manual" });
    expect(multi.status).toBeGreaterThanOrEqual(400);
    expect(multi.status).toBeLessThan(500);
    expect((await postForm(server.url, path, valid(), { csrf: null })).status).toBe(403);
    const bot = await postForm(server.url, path, valid({ website: "http://spam.example" }));
    expect(bot.status).toBe(400);
    expect(main(await bot.text())).toContain("Your registration could not be accepted.");
    expect((await postForm(server.url, path, valid({ stakeholderType: "robot", gender: "x", country: "ZZ" }))).status).toBe(400);
    // A region of another country passes the form's check only to be refused by the model.
    expect((await postForm(server.url, path, valid({ country: "CL", region: "CL-XX" }))).status).toBe(400);
    expect(await t.db.selectFrom("event_registrations").select("id").where("event_id", "=", event.id).execute()).toHaveLength(0);
  });

  it("says so, translated, when registration is closed or the event cancelled", async () => {
    const closed = await createEvent(t.db, { registrationOpensAt: new Date(Date.now() + 86_400_000) });
    const cancelled = await createEvent(t.db, { state: "cancelled" });
    expect(main(await (await get(server.url, `/es/events/${closed.slug}/register`)).text())).toContain("La inscripción para este evento no está abierta");
    const refused = await postForm(server.url, `/es/events/${closed.slug}/register`, valid());
    expect(refused.status).toBe(409);
    expect(main(await refused.text())).toContain("La inscripción para este evento no está abierta");
    const onCancelled = await postForm(server.url, `/fr/events/${cancelled.slug}/register`, valid());
    expect(onCancelled.status).toBe(409);
    expect(main(await onCancelled.text())).toContain("Cet événement a été annulé");
  });
});

describe("the submission form's abuse protections", () => {
  it("refuses a form sent back too fast, a stamp used twice, and past the rate limit (429 with Retry-After)", async () => {
    const secret = "event-register-secret-0123456789";
    const strict = await startServer({ ...t.env, SMTP_URL: mail.url, SUBMISSION_MIN_FILL_SECONDS: "2", SUBMISSION_RATE_LIMIT: "2", APP_SECRET: secret });
    try {
      const event = await createEvent(t.db);
      const path = `/en/events/${event.slug}/register`;
      const fast = await postForm(strict.url, path, valid({ stamp: formStamp(Date.now() - 500, secret) }));
      expect(fast.status).toBe(400);
      expect(main(await fast.text())).toContain("That was very quick");
      const stamp = formStamp(Date.now() - 3000, secret);
      expect((await postForm(strict.url, path, valid({ stamp }))).status).toBe(302);
      const reused = await postForm(strict.url, path, valid({ stamp }));
      expect(reused.status).toBe(409);
      expect(main(await reused.text())).toContain("This form has already been sent once.");
      // Refused forms gave their place back: one more registration is accepted, then the limit.
      expect((await postForm(strict.url, path, valid({ stamp: formStamp(Date.now() - 3000, secret) }))).status).toBe(302);
      const limited = await postForm(strict.url, path, valid({ stamp: formStamp(Date.now() - 3000, secret) }));
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(main(await limited.text())).toContain("Too many registrations from your connection");
    } finally {
      await strict.stop();
    }
  });
});

describe("registering, the private link and cancelling", () => {
  it("registers, emails the private link and the calendar file's address, and cancels; the waitlist is promoted", async () => {
    const event = await createEvent(t.db, { capacity: 1, format: "hybrid", place: "Santiago, Teatinos 180", party: "CL" });
    const ana = valid({ email: "ana.http@example.org", gender: "woman", needs: "Interpretación al inglés", registerConsent: "on" });
    const res = await postForm(server.url, `/es/events/${event.slug}/register`, ana);
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/es\/events\/registrations\/[\w-]{43}\?notice=registered$/);
    const page = new URL(location, server.url).pathname;
    const html = await (await get(server.url, location)).text();
    expect(main(html)).toContain("Confirmada");
    expect(main(html)).toContain("Santiago, Teatinos 180");
    expect(main(html)).toContain("https://meet.example/");

    const confirmation = await mail.nthTo("ana.http@example.org", 1);
    expect(privatePath(confirmation)).toBe(page);
    expect(confirmation.body).toContain(`${page}/calendar.ics`);
    const outboxRow = await t.db.selectFrom("outbox").selectAll().where("to_address", "=", "ana.http@example.org").executeTakeFirstOrThrow();
    expect(outboxRow.text_body).not.toContain(page.split("/").at(-1)!);

    const ics = await get(server.url, `${page}/calendar.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toMatch(/^text\/calendar/);
    const vevent = new ICAL.Component(ICAL.parse(await ics.text())).getFirstSubcomponent("vevent")!;
    expect(String(vevent.getFirstPropertyValue("description"))).toContain("https://meet.example/");
    expect(vevent.getFirstProperty("dtstart")!.getParameter("tzid")).toBe("America/Santiago");

    // The next person goes on the waitlist; when Ana cancels, they get her place and an email.
    const bruno = valid({ email: "bruno.http@example.org" });
    const second = await postForm(server.url, `/en/events/${event.slug}/register`, bruno);
    const brunoPage = new URL(second.headers.get("location")!, server.url).pathname;
    expect(main(await (await get(server.url, brunoPage)).text())).toContain("On the waitlist");
    const brunoIcs = await (await get(server.url, `${brunoPage}/calendar.ics`)).text();
    expect(brunoIcs).not.toContain("meet.example");

    const confirm = await get(server.url, `${page}?confirm=cancel`);
    expect(main(await confirm.text())).toContain("Sí, cancelar mi inscripción");
    const cancelled = await postForm(server.url, page, { intent: "cancel" });
    expect(cancelled.status).toBe(302);
    expect(main(await (await get(server.url, cancelled.headers.get("location")!)).text())).toContain("Su inscripción está cancelada.");
    expect(main(await (await get(server.url, brunoPage)).text())).toContain("Confirmed");
    const promoted = await mail.nthTo("bruno.http@example.org", 2);
    expect(promoted.body).toContain("a place is yours");
    // Cancelling again is refused, translated.
    const again = await postForm(server.url, page, { intent: "cancel" });
    expect(again.status).toBe(409);
    expect(main(await again.text())).toContain("Esta inscripción ya no se puede cancelar.");

    // Registering again after cancelling is a new registration (on the waitlist now).
    const anew = await postForm(server.url, `/es/events/${event.slug}/register`, { ...ana, email: "ana.http@example.org" });
    expect(anew.headers.get("location")).toMatch(/\/es\/events\/registrations\/[\w-]{43}\?notice=registered$/);
    expect(main(await (await get(server.url, anew.headers.get("location")!)).text())).toContain("En lista de espera");
  });

  it("sends the same address its link again instead of registering it twice", async () => {
    const event = await createEvent(t.db);
    const first = await postForm(server.url, `/en/events/${event.slug}/register`, valid({ email: "twice.http@example.org" }));
    const firstPage = new URL(first.headers.get("location")!, server.url).pathname;
    const second = await postForm(server.url, `/fr/events/${event.slug}/register`, valid({ email: "TWICE.http@example.org", name: "Someone" }));
    expect(second.status).toBe(302);
    expect(second.headers.get("location")).toBe(`/fr/events/${event.slug}/register?notice=again`);
    expect(main(await (await get(server.url, second.headers.get("location")!)).text())).toContain("Cette adresse était déjà inscrite");
    const resent = await mail.nthTo("twice.http@example.org", 2);
    const newPage = privatePath(resent);
    expect(newPage).not.toBe(firstPage);
    expect((await get(server.url, newPage)).status).toBe(200);
    expect((await get(server.url, firstPage)).status).toBe(404);
  });

  it("a wrong token is a 404, for the page, its calendar and its cancel", async () => {
    const wrong = `/en/events/registrations/${"A".repeat(43)}`;
    expect((await get(server.url, wrong)).status).toBe(404);
    expect((await get(server.url, `${wrong}/calendar.ics`)).status).toBe(404);
    expect((await get(server.url, "/en/events/registrations/short")).status).toBe(404);
    expect((await postForm(server.url, wrong, { intent: "cancel" })).status).toBe(404);
  });
});

describe("officials' list of registrations", () => {
  it("shows the country's moderator every registration with needs and consent, never the gender; approves and declines", async () => {
    const event = await createEvent(t.db, { party: "CA", capacity: 1, requiresApproval: true });
    const a = await postForm(
      server.url,
      `/en/events/${event.slug}/register`,
      valid({ email: "a.appr@example.org", needs: "Wheelchair access", gender: "another" }),
    );
    expect(main(await (await get(server.url, a.headers.get("location")!)).text())).toContain("Waiting for approval");
    await postForm(server.url, `/en/events/${event.slug}/register`, valid({ email: "b.appr@example.org", name: "Bea Declined" }));
    await createRegistration(t.db, event.id, { status: "pending", email: "c.appr@example.org", name: "Carl Waiting" });
    const path = `/en/admin/events/${event.id}/registrations`;
    expect((await get(server.url, path, moderatorCL)).status).toBe(403);
    const res = await get(server.url, path, moderatorCA);
    expect(res.status).toBe(200);
    const text = main(await res.text());
    expect(text).toContain("Wheelchair access");
    expect(text).toContain("a.appr@example.org");
    expect(text).not.toMatch(/Another identity|another/);
    const rows = await t.db.selectFrom("event_registrations").select(["id", "email"]).where("event_id", "=", event.id).orderBy("id").execute();
    const approve = await postForm(server.url, path, { intent: "approve", registration: String(rows[0]!.id) }, { cookie: moderatorCA });
    expect(approve.status).toBe(302);
    expect(approve.headers.get("location")).toBe(`${path}?done=confirmed`);
    expect((await mail.nthTo("a.appr@example.org", 2)).body).toContain("approved your registration");
    const full = await postForm(server.url, path, { intent: "approve", registration: String(rows[2]!.id) }, { cookie: moderatorCA });
    expect(full.headers.get("location")).toBe(`${path}?done=waitlisted`);
    const decline = await postForm(server.url, path, { intent: "decline", registration: String(rows[1]!.id) }, { cookie: moderatorCA });
    expect(decline.headers.get("location")).toBe(`${path}?done=declined`);
    expect((await mail.nthTo("b.appr@example.org", 2)).body).toContain("could not accept");
    const twice = await postForm(server.url, path, { intent: "decline", registration: String(rows[1]!.id) }, { cookie: moderatorCA });
    expect(twice.status).toBe(409);
    expect((await postForm(server.url, path, { intent: "delete", registration: String(rows[1]!.id) }, { cookie: moderatorCA })).status).toBe(400);
    expect((await get(server.url, `/en/admin/events/999999/registrations`, moderatorCA)).status).toBe(404);
  });
});
