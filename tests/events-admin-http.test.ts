// The events back office over HTTP, as a browser without JavaScript uses it (issue 19, ADR 045):
// plain form posts, server-side checks with translated messages and the typed values kept, a
// stale form answered 409, cancel and held only with their box ticked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { createEvent, createRegistration, createSummaryOfficials } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { startMailCatcher, type MailCatcher } from "./helpers/mail";
import { startServer, type RunningServer } from "./helpers/server";

let t: TestDatabase;
let server: RunningServer;
let mail: MailCatcher;
let officials: Awaited<ReturnType<typeof createSummaryOfficials>>;
let activityId = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  officials = await createSummaryOfficials(t.db);
  activityId = (await t.db.selectFrom("workplan_items").select("id").where("kind", "=", "activity").orderBy("id").executeTakeFirstOrThrow()).id;
  mail = await startMailCatcher();
  server = await startServer({ ...t.env, SMTP_URL: mail.url });
});
afterAll(async () => {
  await server?.stop();
  await mail?.stop();
  await t?.destroy();
});

const form = (overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  intent: "save",
  partyCode: "CA",
  activityId: String(activityId),
  format: "in_person",
  place: "Santiago, Teatinos 180",
  onlineUrl: "",
  startsAt: "2027-04-15T10:00",
  endsAt: "2027-04-15T13:00",
  languages: ["es", "en"],
  interpretation: "en",
  capacity: "25",
  registrationOpensAt: "2027-03-01T09:00",
  registrationClosesAt: "2027-04-14T18:00",
  requiresApproval: "on",
  es_title: "Mujeres exportadoras",
  es_description: "Un taller con organizaciones de mujeres exportadoras.",
  es_agenda: "",
  ...overrides,
});
const eventBySlug = (slug: string) => t.db.selectFrom("events").selectAll().where("slug", "=", slug).executeTakeFirst();

describe("the events back office without JavaScript", () => {
  it("creates an event of the moderator's country from a plain form post, then shows it in the list in that country's time", async () => {
    const res = await postForm(server.url, "/es/admin/events/new", form(), { cookie: officials.cookies.modCL });
    expect(res.status).toBe(302);
    const event = (await eventBySlug("mujeres-exportadoras"))!;
    expect(res.headers.get("location")).toBe(`/es/admin/events/${event.id}?saved=save`);
    // Santiago in April 2027 is UTC−4 (winter time from 4 April).
    expect(event).toMatchObject({
      party_code: "CL",
      state: "draft",
      starts_at: "2027-04-15T14:00:00.000Z",
      languages: "en,es",
      interpretation: "en",
      requires_approval: 1,
    });

    const page = await (await get(server.url, `/es/admin/events/${event.id}?saved=save`, officials.cookies.modCL)).text();
    expect(page).toContain("El evento está guardado.");
    expect(page).toContain(`/es/admin/events/${event.id}/registrations`);
    expect(page).toContain(`/es/admin/events/${event.id}/attendance`);
    expect(page).toContain('value="2027-04-15T10:00"');
    const list = await (await get(server.url, "/es/admin/events", officials.cookies.modCL)).text();
    expect(list).toContain("Mujeres exportadoras");
    expect(list).toContain("Borrador");
    expect(list).toMatch(/15 de abril de 2027.*10:00.*Santiago/);
    // Another country's moderator does not see it listed.
    expect(await (await get(server.url, "/es/admin/events", officials.cookies.modCA)).text()).not.toContain("Mujeres exportadoras");
  });

  it("answers a wrong form 400 with each message translated, beside its field and in the summary, and keeps what was typed", async () => {
    const res = await postForm(
      server.url,
      "/fr/admin/events/new",
      form({ place: "", endsAt: "2027-04-15T09:00", es_title: "Taller <b>", capacity: "-3", languages: [] }),
      { cookie: officials.cookies.modCA },
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Il y a un problème");
    expect(html).toContain("Indiquez le lieu d’un événement en présentiel ou hybride.");
    expect(html).toContain("La fin doit venir après le début.");
    expect(html).toContain("Cochez au moins une langue de l’événement.");
    expect(html).toContain("Saisissez un nombre entier de places de 1 à 100\u202f000, ou laissez vide.");
    expect(html).toContain('href="#field-place"');
    expect(html).toContain("Un taller con organizaciones de mujeres exportadoras.");
    expect(html).toContain('value="2027-04-15T09:00"');
  });

  it("refuses a stale edit with 409 and the conflict explained, the typed text kept, the other official's edit intact", async () => {
    const created = await postForm(server.url, "/en/admin/events/new", form({ es_title: "Taller concurrente" }), { cookie: officials.cookies.modCL });
    const id = Number(/events\/(\d+)/.exec(created.headers.get("location")!)![1]);
    const first = await postForm(server.url, `/en/admin/events/${id}`, form({ es_title: "Taller concurrente (primero)", version: "1" }), {
      cookie: officials.cookies.admin,
    });
    expect(first.status).toBe(302);
    const stale = await postForm(server.url, `/en/admin/events/${id}`, form({ es_title: "Taller concurrente (segundo)", version: "1" }), {
      cookie: officials.cookies.modCL,
    });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain("Another official changed this event since you opened it.");
    expect(html).toContain("Taller concurrente (segundo)");
    const title = await t.db.selectFrom("event_translations").select("title").where("event_id", "=", id).where("locale", "=", "es").executeTakeFirstOrThrow();
    expect(title.title).toBe("Taller concurrente (primero)");
  });

  it("publishes with 'save and publish', then cancels only with the box ticked, telling the registered people", async () => {
    const created = await postForm(server.url, "/en/admin/events/new", form({ es_title: "Taller a cancelar", intent: "publish" }), {
      cookie: officials.cookies.modCL,
    });
    expect(created.headers.get("location")).toMatch(/\?saved=publish$/);
    const event = (await eventBySlug("taller-a-cancelar"))!;
    expect(event.state).toBe("published");
    await createRegistration(t.db, event.id, { name: "Camila Rojas", email: "camila@example.org", locale: "es" });

    // Moved by an hour: the person registered is told, and the official sees that she was.
    const moved = await postForm(
      server.url,
      `/fr/admin/events/${event.id}`,
      form({ es_title: "Taller a cancelar", startsAt: "2027-04-15T11:00", endsAt: "2027-04-15T14:00", version: String(event.version), intent: "save" }),
      { cookie: officials.cookies.modCL },
    );
    expect(moved.headers.get("location")).toBe(`/fr/admin/events/${event.id}?saved=save&emailed=1`);
    expect((await mail.nthTo("camila@example.org", 1)).body).toContain("Modificado");
    const movedPage = await (await get(server.url, moved.headers.get("location")!, officials.cookies.modCL)).text();
    expect(movedPage).toContain("L’événement est enregistré\u202f; 1 personne inscrite a été prévenue par courriel du nouvel horaire ou du nouveau lieu.");

    const unticked = await postForm(
      server.url,
      `/fr/admin/events/${event.id}`,
      { intent: "cancel", note: "Salle indisponible" },
      { cookie: officials.cookies.modCL },
    );
    expect(unticked.status).toBe(400);
    const html = await unticked.text();
    expect(html).toContain("Cochez la case pour confirmer.");
    expect(html).toContain("Salle indisponible");
    expect((await eventBySlug("taller-a-cancelar"))!.state).toBe("published");

    const res = await postForm(
      server.url,
      `/fr/admin/events/${event.id}`,
      { intent: "cancel", note: "Salle indisponible", confirm: "on" },
      { cookie: officials.cookies.modCL },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/fr/admin/events/${event.id}?saved=cancel&emailed=1`);
    expect((await eventBySlug("taller-a-cancelar"))!.state).toBe("cancelled");
    const message = await mail.nthTo("camila@example.org", 2);
    expect(message.body).toContain("Salle indisponible");
    const page = await (await get(server.url, res.headers.get("location")!, officials.cookies.modCL)).text();
    expect(page).toContain("L’événement est annulé\u202f; 1 personne a été prévenue par courriel.");
    // Cancelled: shown, no longer editable.
    expect(page).toContain("Un événement annulé ou tenu ne peut plus être modifié.");
    const again = await postForm(
      server.url,
      `/fr/admin/events/${event.id}`,
      { intent: "cancel", note: "", confirm: "on" },
      { cookie: officials.cookies.modCL },
    );
    expect(again.status).toBe(409);
  });

  it("marks an event held once started, only with the box ticked; refuses before the start", async () => {
    const past = await createEvent(t.db, { party: "CA", startsAt: new Date(Date.now() - 3600_000) });
    const unticked = await postForm(server.url, `/en/admin/events/${past.id}`, { intent: "held" }, { cookie: officials.cookies.modCA });
    expect(unticked.status).toBe(400);
    expect(await unticked.text()).toContain("Tick the box to confirm.");
    const held = await postForm(server.url, `/en/admin/events/${past.id}`, { intent: "held", confirm: "on" }, { cookie: officials.cookies.modCA });
    expect(held.headers.get("location")).toBe(`/en/admin/events/${past.id}?saved=held`);
    const future = await createEvent(t.db, { party: "CA" });
    const early = await postForm(server.url, `/es/admin/events/${future.id}`, { intent: "held", confirm: "on" }, { cookie: officials.cookies.modCA });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain("El evento aún no ha comenzado");
  });

  it("answers an unknown event 404 and an unknown intent 400, translated", async () => {
    const missing = await get(server.url, "/en/admin/events/999999", officials.cookies.admin);
    expect(missing.status).toBe(404);
    const bad = await get(server.url, "/en/admin/events/abc", officials.cookies.admin);
    expect(bad.status).toBe(404);
    const { id } = await createEvent(t.db, { party: "CA" });
    const intent = await postForm(server.url, `/en/admin/events/${id}`, { intent: "delete" }, { cookie: officials.cookies.admin });
    expect(intent.status).toBe(400);
    const list = await get(server.url, "/en/admin/events?state=nonsense", officials.cookies.admin);
    expect(list.status).toBe(200);
    expect(await (await get(server.url, "/en/admin", officials.cookies.modCA)).text()).toContain(`href="/en/admin/events"`);
    expect(await (await get(server.url, "/en/admin", officials.cookies.committee)).text()).not.toContain(`href="/en/admin/events"`);
  });
});
