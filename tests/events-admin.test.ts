// The events back office's model (issue 19, ADR 045): each country's moderators manage their own
// country's events, admins both, the committee none; times read in the country's zone; an edit
// made on a stale form is refused rather than overwriting another official's; every change is
// audited and, when the public sees it, advances the publication version; cancelling tells every
// registered person, in their language, about that event only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { ForbiddenError, InvalidError, NotFoundError } from "~/errors";
import {
  cancelEvent,
  createEvent as createEventFromForm,
  EventRefused,
  getEventForEdit,
  listEventsForAdmin,
  markEventHeld,
  publishEvent,
  slugFromTitle,
  updateEvent,
} from "~/models/events.server";
import { eventFormSchema, type EventFormInput } from "~/schemas/event";
import { fieldErrors } from "~/schemas/field-errors";
import { resetMailTransport } from "~/utils/mail.server";
import type { Actor } from "~/utils/permissions";
import { createEvent as insertEvent, createRegistration, createSummaryOfficials } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { startMailCatcher, utf8Body, type MailCatcher } from "./helpers/mail";

let t: TestDatabase;
let mail: MailCatcher;
let officials: Awaited<ReturnType<typeof createSummaryOfficials>>;
let activity: { id: number; area_id: number | null };

beforeAll(async () => {
  mail = await startMailCatcher();
  process.env.SMTP_URL = mail.url;
  resetMailTransport();
  t = await createTestDatabase();
  await seed(t.db);
  officials = await createSummaryOfficials(t.db);
  activity = await t.db.selectFrom("workplan_items").select(["id", "area_id"]).where("kind", "=", "activity").orderBy("id").executeTakeFirstOrThrow();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetMailTransport();
  await mail?.stop();
  await t?.destroy();
});

type Who = "modCA" | "modCL" | "admin" | "committee";
const by = (who: Who) => {
  const a = officials.actors[who];
  return { id: a.id, email: `${who}@example.org`, actor: { id: a.id, role: a.role, partyCode: a.partyCode } as Actor };
};

const form = (overrides: Partial<EventFormInput> = {}): EventFormInput =>
  ({
    partyCode: "CA",
    activityId: String(activity.id),
    format: "hybrid",
    place: "Ottawa, 111 Sussex Drive",
    onlineUrl: "https://meet.example.org/trade-gender",
    startsAt: "2027-03-10T14:00",
    endsAt: "2027-03-10T16:30",
    languages: ["en", "fr"],
    interpretation: ["es"],
    capacity: "40",
    registrationOpensAt: "2027-02-01T09:00",
    registrationClosesAt: "2027-03-09T23:59",
    requiresApproval: false,
    en_title: "Women in trade: a workshop",
    en_description: "A workshop with civil society.",
    en_agenda: "10:00 Welcome",
    fr_title: "Les femmes dans le commerce : un atelier",
    fr_description: "Un atelier avec la société civile.",
    ...overrides,
  }) as EventFormInput;
const valid = (overrides: Partial<EventFormInput> = {}) => eventFormSchema.parse(form(overrides));
const errorsOf = (overrides: Partial<EventFormInput>) => {
  const parsed = eventFormSchema.safeParse(form(overrides));
  return parsed.success ? {} : fieldErrors(parsed.error);
};

const version = async () => Number((await t.db.selectFrom("publication_version").select("version").executeTakeFirstOrThrow()).version);
const audits = (action: string, id: number) =>
  t.db
    .selectFrom("audit_log")
    .selectAll()
    .where("action", "=", action)
    .where("subject_type", "=", "event")
    .where("subject_id", "=", String(id))
    .orderBy("id")
    .execute();
const row = (id: number) => t.db.selectFrom("events").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("the event form's schema", () => {
  it("accepts a complete form and reads its checkbox groups, capacity and approval box", () => {
    const v = valid({ requiresApproval: "on", languages: "es" as never });
    expect(v).toMatchObject({ languages: ["es"], interpretation: ["es"], capacity: 40, requiresApproval: true, startsAt: "2027-03-10T14:00" });
    expect(valid({ capacity: "", interpretation: false as never }).capacity).toBeUndefined();
    expect(valid({ startsAt: "2027-03-10T14:00:00" }).startsAt).toBe("2027-03-10T14:00");
  });

  it("needs one language complete (title and description), and each language begun complete", () => {
    expect(errorsOf({ en_title: "", en_description: "", en_agenda: "", fr_title: "", fr_description: "" })).toEqual({
      en_title: "eventsAdmin.errors.oneLanguage",
    });
    expect(errorsOf({ fr_description: "" })).toEqual({ fr_description: "validation.required" });
    expect(errorsOf({ es_agenda: "Solo orden del día" })).toEqual({ es_title: "validation.required", es_description: "validation.required" });
  });

  it("needs the place in person or hybrid, an https link online or hybrid, and not the other way round", () => {
    expect(errorsOf({ format: "in_person", place: "", onlineUrl: "" })).toEqual({ place: "eventsAdmin.errors.placeRequired" });
    expect(errorsOf({ format: "online", place: "", onlineUrl: "" })).toEqual({ onlineUrl: "eventsAdmin.errors.onlineUrlRequired" });
    expect(errorsOf({ format: "online", place: "" })).toEqual({});
    expect(errorsOf({ onlineUrl: "http://meet.example.org/x" })).toEqual({ onlineUrl: "eventsAdmin.errors.onlineUrl" });
    expect(errorsOf({ onlineUrl: "javascript:alert(1)" })).toEqual({ onlineUrl: "eventsAdmin.errors.onlineUrl" });
    expect(errorsOf({ format: "webinar" as never })).toMatchObject({ format: "eventsAdmin.errors.formatRequired" });
  });

  it("orders the times: the end after the start, registration opening before closing, closing by the end", () => {
    expect(errorsOf({ endsAt: "2027-03-10T14:00" })).toMatchObject({ endsAt: "eventsAdmin.errors.endsBeforeStarts" });
    expect(errorsOf({ registrationClosesAt: "2027-03-10T17:00" })).toEqual({ registrationClosesAt: "eventsAdmin.errors.closesAfterEnd" });
    expect(errorsOf({ registrationOpensAt: "2027-03-09T23:59" })).toEqual({ registrationOpensAt: "eventsAdmin.errors.opensAfterCloses" });
    expect(errorsOf({ startsAt: "2027-02-30T10:00" })).toMatchObject({ startsAt: "eventsAdmin.errors.dateTime" });
    expect(errorsOf({ startsAt: "" })).toMatchObject({ startsAt: "validation.required" });
  });

  it("bounds every field: lengths, capacity, languages", () => {
    expect(errorsOf({ en_title: "x".repeat(151) })).toEqual({ en_title: "validation.tooLong" });
    expect(errorsOf({ en_description: "x".repeat(10_001) })).toEqual({ en_description: "validation.tooLong" });
    expect(errorsOf({ place: "x".repeat(301) })).toEqual({ place: "validation.tooLong" });
    expect(errorsOf({ onlineUrl: `https://meet.example.org/${"x".repeat(500)}` })).toEqual({ onlineUrl: "validation.tooLong" });
    expect(errorsOf({ capacity: "0" })).toEqual({ capacity: "eventsAdmin.errors.capacity" });
    expect(errorsOf({ capacity: "100001" })).toEqual({ capacity: "eventsAdmin.errors.capacity" });
    expect(errorsOf({ capacity: "2.5" })).toEqual({ capacity: "eventsAdmin.errors.capacity" });
    expect(errorsOf({ languages: [] })).toEqual({ languages: "eventsAdmin.errors.languagesRequired" });
    expect(errorsOf({ interpretation: ["de"] as never })).toEqual({ interpretation: "validation.invalid" });
    expect(errorsOf({ en_description: "<script>alert(1)</script>" })).toEqual({ en_description: "validation.noScript" });
  });

  it("makes web addresses from titles", () => {
    expect(slugFromTitle("Les femmes dans le commerce : un atelier")).toBe("les-femmes-dans-le-commerce-un-atelier");
    expect(slugFromTitle("¿Sí?")).toBe("event-si");
    // /:lang/events/registrations/:token is a registrant's private page: no event may take that address.
    expect(slugFromTitle("Registrations")).toBe("registrations-event");
    expect(slugFromTitle("日本")).toBe("event");
    expect(slugFromTitle("x".repeat(200))).toHaveLength(80);
  });
});

describe("creating and editing an event", () => {
  it("creates a draft of the moderator's own country, whatever the form says, its times read in that country's zone, audited, not public", async () => {
    const before = await version();
    const id = await createEventFromForm(t.db, by("modCL"), valid({ partyCode: "CA" }));
    const event = await row(id);
    // Santiago is UTC−3 in March 2027 (summer time until April).
    expect(event).toMatchObject({
      party_code: "CL",
      time_zone: "America/Santiago",
      state: "draft",
      version: 1,
      slug: "women-in-trade-a-workshop",
      workplan_item_id: activity.id,
      area_id: activity.area_id,
      starts_at: "2027-03-10T17:00:00.000Z",
      ends_at: "2027-03-10T19:30:00.000Z",
      registration_closes_at: "2027-03-10T02:59:00.000Z",
      languages: "en,fr",
      interpretation: "es",
      capacity: 40,
      place: "Ottawa, 111 Sussex Drive",
      online_url: "https://meet.example.org/trade-gender",
    });
    const [audit] = await audits("event.created", id);
    expect(JSON.parse(audit!.details!)).toMatchObject({ after: { party_code: "CL", state: "draft", texts: { en: { title: "Women in trade: a workshop" } } } });
    expect(await version()).toBe(before);

    // The same title again: the next free address. An admin's event is of the country chosen.
    const second = await createEventFromForm(t.db, by("admin"), valid({ partyCode: "CA", format: "online" }));
    expect(await row(second)).toMatchObject({
      slug: "women-in-trade-a-workshop-2",
      party_code: "CA",
      time_zone: "America/Toronto",
      // Toronto is UTC−5 on 10 March 2027 (summer time starts on the 14th).
      starts_at: "2027-03-10T19:00:00.000Z",
      // Online: no place kept.
      place: null,
    });
  });

  it("refuses an activity that is not one of the current work plan's, and the committee", async () => {
    const deliverable = await t.db.selectFrom("workplan_items").select("id").where("kind", "=", "deliverable").executeTakeFirstOrThrow();
    await expect(createEventFromForm(t.db, by("modCA"), valid({ activityId: String(deliverable.id) }))).rejects.toBeInstanceOf(InvalidError);
    await expect(createEventFromForm(t.db, by("committee"), valid())).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("gives the form back in the country's local times", async () => {
    const id = await createEventFromForm(t.db, by("modCA"), valid({ en_title: "Round trip" }));
    const { values } = await getEventForEdit(t.db, by("modCA").actor, id);
    expect(values).toMatchObject({
      startsAt: "2027-03-10T14:00",
      endsAt: "2027-03-10T16:30",
      registrationOpensAt: "2027-02-01T09:00",
      registrationClosesAt: "2027-03-09T23:59",
      languages: ["en", "fr"],
      interpretation: ["es"],
      capacity: "40",
      en_title: "Round trip",
      fr_title: "Les femmes dans le commerce : un atelier",
    });
    // Parsed again as it stands, it saves nothing new.
    expect(await updateEvent(t.db, by("modCA"), id, 1, eventFormSchema.parse(values))).toEqual({ version: 1, emailed: 0 });
    expect(await audits("event.updated", id)).toHaveLength(0);
  });

  it("refuses a stale form: the second of two officials editing the same version changes nothing", async () => {
    const id = await createEventFromForm(t.db, by("modCA"), valid({ en_title: "Concurrent" }));
    const first = await updateEvent(t.db, by("modCA"), id, 1, valid({ en_title: "Concurrent (first)" }));
    expect(first).toEqual({ version: 2, emailed: 0 });
    const stale = updateEvent(t.db, by("admin"), id, 1, valid({ en_title: "Concurrent (second)" }));
    await expect(stale).rejects.toBeInstanceOf(EventRefused);
    await expect(stale).rejects.toMatchObject({ reason: "changed", messageKey: "eventsAdmin.errors.changed" });
    const title = await t.db.selectFrom("event_translations").select("title").where("event_id", "=", id).where("locale", "=", "en").executeTakeFirstOrThrow();
    expect(title.title).toBe("Concurrent (first)");
    const [audit] = await audits("event.updated", id);
    expect(JSON.parse(audit!.details!)).toMatchObject({
      version: 2,
      before: { texts: { en: { title: "Concurrent" } } },
      after: { texts: { en: { title: "Concurrent (first)" } } },
    });
  });

  it("keeps each country's events to its own officials", async () => {
    const id = await createEventFromForm(t.db, by("modCA"), valid({ en_title: "Canada only" }));
    await expect(getEventForEdit(t.db, by("modCL").actor, id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateEvent(t.db, by("modCL"), id, 1, valid())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(publishEvent(t.db, by("modCL"), id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getEventForEdit(t.db, by("committee").actor, id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getEventForEdit(t.db, by("modCA").actor, 999_999)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listEventsForAdmin(t.db, by("committee").actor, "en")).rejects.toBeInstanceOf(ForbiddenError);
    expect((await getEventForEdit(t.db, by("admin").actor, id)).event.id).toBe(id);

    const ofCL = await listEventsForAdmin(t.db, by("modCL").actor, "en");
    expect(ofCL.length).toBeGreaterThan(0);
    expect(ofCL.every((e) => e.partyCode === "CL")).toBe(true);
    const all = await listEventsForAdmin(t.db, by("admin").actor, "en");
    expect(new Set(all.map((e) => e.partyCode))).toEqual(new Set(["CA", "CL"]));
    expect((await listEventsForAdmin(t.db, by("admin").actor, "en", { state: "cancelled" })).every((e) => e.state === "cancelled")).toBe(true);
  });
});

describe("publishing, holding and cancelling", () => {
  it("publishes a draft (audited, the public's version advances); editing it then advances it too; a draft's edit does not", async () => {
    const id = await createEventFromForm(t.db, by("modCA"), valid({ en_title: "To publish" }));
    let before = await version();
    await updateEvent(t.db, by("modCA"), id, 1, valid({ en_title: "To publish (draft edit)" }));
    expect(await version()).toBe(before);

    await publishEvent(t.db, by("modCA"), id, new Date("2027-01-15T12:00:00Z"));
    expect(await version()).toBe(before + 1);
    expect(await row(id)).toMatchObject({ state: "published", published_at: "2027-01-15T12:00:00.000Z", version: 3 });
    const [audit] = await audits("event.published", id);
    expect(JSON.parse(audit!.details!)).toMatchObject({ before: { state: "draft" }, after: { state: "published" } });
    await expect(publishEvent(t.db, by("modCA"), id)).rejects.toMatchObject({ reason: "state" });

    before = await version();
    await updateEvent(t.db, by("modCA"), id, 3, valid({ en_title: "To publish (public edit)" }));
    expect(await version()).toBe(before + 1);
  });

  it("marks a published event held only once it has started", async () => {
    const { id } = await insertEvent(t.db, { party: "CL", startsAt: new Date("2027-05-01T14:00:00Z") });
    await expect(markEventHeld(t.db, by("modCL"), id, new Date("2027-05-01T13:59:00Z"))).rejects.toMatchObject({ reason: "not_started" });
    await expect(markEventHeld(t.db, by("modCA"), id, new Date("2027-05-01T14:00:00Z"))).rejects.toBeInstanceOf(ForbiddenError);
    const before = await version();
    await markEventHeld(t.db, by("modCL"), id, new Date("2027-05-01T14:00:00Z"));
    expect((await row(id)).state).toBe("held");
    expect(await version()).toBe(before + 1);
    expect(await audits("event.held", id)).toHaveLength(1);
    // Held: no longer edited, nor cancelled.
    await expect(updateEvent(t.db, by("modCL"), id, (await row(id)).version, valid())).rejects.toMatchObject({ reason: "state" });
    await expect(cancelEvent(t.db, by("modCL"), id, "")).rejects.toMatchObject({ reason: "state" });
  });

  it("tells each person still registered, in their language, when a published event's time or place changes, and nobody of a change in wording", async () => {
    const id = await createEventFromForm(t.db, by("modCA"), valid({ en_title: "Moving workshop", fr_title: "Atelier qui bouge" }));
    await publishEvent(t.db, by("modCA"), id);
    await createRegistration(t.db, id, { status: "confirmed", name: "Amélie Tremblay", email: "amelie.move@example.org", locale: "fr" });
    await createRegistration(t.db, id, { status: "waitlisted", name: "Rosa Díaz", email: "rosa.move@example.org", locale: "es" });
    await createRegistration(t.db, id, { status: "cancelled", name: "Gone Person", email: "gone.move@example.org" });
    const current = async () => (await row(id)).version;
    const sentBefore = mail.messages.length;

    // The wording only: nobody is emailed.
    const reworded = await updateEvent(
      t.db,
      by("modCA"),
      id,
      await current(),
      valid({ en_title: "Moving workshop", fr_title: "Atelier qui bouge", en_agenda: "10:00 Welcome, 10:15 Panel" }),
    );
    expect(reworded.emailed).toBe(0);
    expect(mail.messages.length).toBe(sentBefore);

    // A day later, elsewhere: the two people who hold or await a place are told.
    const moved = await updateEvent(
      t.db,
      by("modCA"),
      id,
      await current(),
      valid({
        en_title: "Moving workshop",
        fr_title: "Atelier qui bouge",
        startsAt: "2027-03-11T14:00",
        endsAt: "2027-03-11T16:30",
        place: "Gatineau, 25 rue Eddy",
      }),
    );
    expect(moved).toEqual({ version: reworded.version + 1, emailed: 2 });
    const sent = mail.messages.slice(sentBefore);
    expect(sent.map((m) => m.to[0]).sort()).toEqual(["amelie.move@example.org", "rosa.move@example.org"]);
    const fr = utf8Body((await mail.nthTo("amelie.move@example.org", 1))!);
    expect(fr).toContain("Atelier qui bouge");
    expect(fr).toContain("Amélie Tremblay");
    expect(fr).toMatch(/11 mars 2027/);
    expect(fr).toContain("Gatineau, 25 rue Eddy");
    const es = utf8Body((await mail.nthTo("rosa.move@example.org", 1))!);
    expect(es).toContain("Gatineau, 25 rue Eddy");
    expect(es).toMatch(/11 de marzo de 2027/);
    for (const message of sent) {
      const body = utf8Body(message);
      // The online link goes only to confirmed people, through their private page: never in this email.
      expect(body).not.toContain("meet.example");
      expect(body).not.toContain("Gone Person");
      expect(body).not.toContain(message.to[0] === "amelie.move@example.org" ? "Rosa Díaz" : "Amélie Tremblay");
    }
  });

  it("cancels a published event and emails each person still registered, in their language, about that event only; registrations are kept", async () => {
    const { id, slug } = await insertEvent(t.db, {
      party: "CA",
      startsAt: new Date("2027-06-03T15:00:00Z"),
      translations: { en: { title: "Ports and gender" }, fr: { title: "Ports et genre" }, es: { title: "Puertos y género" } },
    });
    const people = {
      confirmed: await createRegistration(t.db, id, { status: "confirmed", name: "Amélie Tremblay", email: "amelie@example.org", locale: "fr" }),
      waitlisted: await createRegistration(t.db, id, { status: "waitlisted", name: "Rosa Díaz", email: "rosa@example.org", locale: "es" }),
      pending: await createRegistration(t.db, id, { status: "pending", name: "John Smith", email: "john@example.org", locale: "en" }),
      cancelled: await createRegistration(t.db, id, { status: "cancelled", name: "Gone Person", email: "gone@example.org" }),
      declined: await createRegistration(t.db, id, { status: "declined", name: "Declined Person", email: "declined@example.org" }),
      walkIn: await createRegistration(t.db, id, { status: "confirmed", name: "Walk In", email: null, walkIn: true }),
    };
    const other = await insertEvent(t.db, { party: "CA" });
    await createRegistration(t.db, other.id, { name: "Other Event Person", email: "other@example.org" });

    await expect(cancelEvent(t.db, by("modCL"), id, "")).rejects.toBeInstanceOf(ForbiddenError);
    const before = await version();
    const sentBefore = mail.messages.length;
    const { emailed } = await cancelEvent(t.db, by("modCA"), id, "The venue is closed; we will propose another date.", new Date("2027-05-20T10:00:00Z"));
    expect(emailed).toBe(3);
    expect(await row(id)).toMatchObject({
      state: "cancelled",
      cancelled_at: "2027-05-20T10:00:00.000Z",
      cancellation_note: "The venue is closed; we will propose another date.",
    });
    expect(await version()).toBe(before + 1);
    const [audit] = await audits("event.cancelled", id);
    expect(JSON.parse(audit!.details!)).toMatchObject({ before: { state: "published" }, after: { state: "cancelled" } });

    const sent = mail.messages.slice(sentBefore);
    expect(sent.map((m) => m.to[0]).sort()).toEqual(["amelie@example.org", "john@example.org", "rosa@example.org"]);
    const fr = utf8Body((await mail.nthTo("amelie@example.org", 1))!);
    expect(fr).toContain("Ports et genre");
    expect(fr).toContain("Amélie Tremblay");
    expect(fr).toContain("The venue is closed");
    // 11:00 in Ottawa on 3 June 2027 (UTC−4), in French.
    expect(fr).toMatch(/3 juin 2027.*11:00|11 h 00/s);
    expect(fr).toContain(`/fr/events/${slug}`);
    const es = utf8Body((await mail.nthTo("rosa@example.org", 1))!);
    expect(es).toContain("Puertos y género");
    // Nobody else's name, address, nor the online link, in anyone's email.
    const nameOf: Record<string, string> = { "amelie@example.org": "Amélie Tremblay", "rosa@example.org": "Rosa Díaz", "john@example.org": "John Smith" };
    for (const message of sent) {
      const body = utf8Body(message);
      const own = message.to[0]!;
      expect(body).toContain(nameOf[own]);
      for (const name of ["Amélie Tremblay", "Rosa Díaz", "John Smith", "Gone Person", "Declined Person", "Walk In", "Other Event Person"])
        if (name !== nameOf[own]) expect(body).not.toContain(name);
      for (const address of ["amelie@example.org", "rosa@example.org", "john@example.org", "gone@example.org", "declined@example.org", "other@example.org"])
        if (address !== own) expect(body).not.toContain(address);
      expect(body).not.toContain("meet.example");
    }
    // Every registration as it was.
    const statuses = await t.db.selectFrom("event_registrations").select(["id", "status"]).where("event_id", "=", id).orderBy("id").execute();
    expect(statuses.map((s) => s.status)).toEqual(["confirmed", "waitlisted", "pending", "cancelled", "declined", "confirmed"]);
    expect(Object.keys(people)).toHaveLength(6);
    // Once cancelled, nothing more.
    await expect(cancelEvent(t.db, by("modCA"), id, "")).rejects.toMatchObject({ reason: "state" });
    await expect(publishEvent(t.db, by("modCA"), id)).rejects.toMatchObject({ reason: "state" });
  });

  it("cancels only a published event", async () => {
    const { id } = await insertEvent(t.db, { party: "CA", state: "draft" });
    await expect(cancelEvent(t.db, by("admin"), id, "")).rejects.toMatchObject({ reason: "state" });
    expect((await row(id)).state).toBe("draft");
  });

  it("lists events with their registrations counted", async () => {
    const { id } = await insertEvent(t.db, { party: "CL", capacity: 2 });
    await createRegistration(t.db, id, { status: "confirmed" });
    await createRegistration(t.db, id, { status: "confirmed" });
    await createRegistration(t.db, id, { status: "waitlisted" });
    await createRegistration(t.db, id, { status: "cancelled" });
    const listed = (await listEventsForAdmin(t.db, by("modCL").actor, "fr")).find((e) => e.id === id);
    expect(listed).toMatchObject({ capacity: 2, confirmed: 2, waitlisted: 1, pending: 0, state: "published" });
  });
});
