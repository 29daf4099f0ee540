import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../db/client";
import { seed } from "../db/seed/index";
import {
  cancelOwnRegistration,
  decideRegistration,
  getOwnRegistration,
  listEventRegistrations,
  ownRegistrationCalendar,
  registerForEvent,
  RegistrationRefused,
  queueEventReminders,
  sendEventReminders,
  setEventReminderClock,
} from "~/models/event-registrations.server";
import { toActor } from "~/models/users.server";
import { eventRegistrationSchema } from "~/schemas/event-registration";
import { MASKED_TOKEN } from "~/utils/mail.server";
import { hashToken } from "~/utils/tokens.server";
import { createEvent, createRegistration, createUser } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { runJobs } from "./helpers/jobs";

/*
 * Registration for an event without an account (issue 19, item 3; ADR 045), at the model: places,
 * the waitlist in order, promotion when someone cancels, approval, the same address twice, the
 * window, a cancelled event, the reminder the day before (an injected clock) — and two people
 * taking the last place at once, from two connections, on SQLite and on PostgreSQL.
 */

let t: TestDatabase;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let n = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
});
afterAll(async () => {
  await t?.destroy();
});

const values = (over: Record<string, unknown> = {}) =>
  eventRegistrationSchema.parse({ name: "Ana Pérez", email: `person${++n}@example.org`, stakeholderType: "ngo", country: "CA", privacy: "on", ...over });

const register = (slug: string, over: Record<string, unknown> = {}, now?: Date) => registerForEvent(t.db, { slug, values: values(over), locale: "en", now });

const statusOf = async (id: number) => (await t.db.selectFrom("event_registrations").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
const idOf = async (token: string) =>
  (await t.db.selectFrom("event_registrations").select("id").where("token_hash", "=", hashToken(token)).executeTakeFirstOrThrow()).id;
const outbox = (to: string) => t.db.selectFrom("outbox").selectAll().where("to_address", "=", to).orderBy("id").execute();

describe("registering", () => {
  it("confirms while places are left, then waitlists; the gender answer is kept apart; the email masks the private link", async () => {
    const event = await createEvent(t.db, { capacity: 2 });
    const first = await register(event.slug, { gender: "woman", needs: "Captions, please", registerConsent: "on", region: "CA-ON" });
    const second = await register(event.slug);
    const third = await register(event.slug, { email: "third@example.org" });
    expect([first.status, second.status, third.status]).toEqual(["confirmed", "confirmed", "waitlisted"]);
    const row = await t.db
      .selectFrom("event_registrations")
      .selectAll()
      .where("id", "=", await idOf(first.token))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ needs: "Captions, please", register_consent: 1, region_code: "CA-ON", locale: "en", token_hash: hashToken(first.token) });
    expect(await t.db.selectFrom("event_registration_genders").selectAll().where("registration_id", "=", row.id).executeTakeFirst()).toMatchObject({
      event_id: event.id,
      gender: "woman",
    });
    const [mail] = await outbox("third@example.org");
    expect(mail!.subject).toMatch(/waitlist/);
    expect(mail!.text_body).toContain(`/en/events/registrations/${MASKED_TOKEN}`);
    expect(mail!.text_body).not.toContain(third.token);
    // A waitlisted person does not get the online link yet.
    expect(mail!.text_body).not.toContain("https://meet.example/");
  });

  it("asks for approval when the event needs it, and approval respects the places", async () => {
    const event = await createEvent(t.db, { capacity: 1, requiresApproval: true, party: "CL" });
    const a = await register(event.slug);
    const b = await register(event.slug);
    const c = await register(event.slug);
    expect([a.status, b.status, c.status]).toEqual(["pending", "pending", "pending"]);
    const moderatorCL = toActor(await createUser(t.db, { role: "moderator", party: "CL" }));
    const actor = { ...moderatorCL, email: "mod-cl@example.org" };
    expect(await decideRegistration(t.db, actor, event.id, await idOf(a.token), "approve")).toBe("confirmed");
    expect(await decideRegistration(t.db, actor, event.id, await idOf(b.token), "approve")).toBe("waitlisted");
    expect(await decideRegistration(t.db, actor, event.id, await idOf(c.token), "decline")).toBe("declined");
    await expect(decideRegistration(t.db, actor, event.id, await idOf(c.token), "approve")).rejects.toMatchObject({ reason: "not_pending" });
    const audit = await t.db.selectFrom("audit_log").select(["action", "subject_id"]).where("subject_type", "=", "event_registration").execute();
    expect(audit.map((a) => a.action)).toEqual(["event_registration.approved", "event_registration.approved", "event_registration.declined"]);
    // Another country's moderator may neither list nor decide.
    const moderatorCA = { ...toActor(await createUser(t.db, { role: "moderator", party: "CA" })), email: "mod-ca@example.org" };
    await expect(listEventRegistrations(t.db, moderatorCA, event.id, "en")).rejects.toThrow(/may not events.manage/);
    await expect(decideRegistration(t.db, moderatorCA, event.id, await idOf(a.token), "decline")).rejects.toThrow(/may not events.manage/);
    // The list for officials: every registration, never the gender answer.
    const listing = await listEventRegistrations(t.db, actor, event.id, "en");
    expect(listing.counts).toMatchObject({ confirmed: 1, waitlisted: 1, declined: 1 });
    expect(Object.keys(listing.registrations[0]!)).not.toContain("gender");
  });

  it("gives the same address its private link again (a new token) instead of a second registration", async () => {
    const event = await createEvent(t.db, { capacity: 5 });
    const first = await register(event.slug, { email: "Twice@Example.org" });
    const again = await register(event.slug, { email: "twice@example.org", name: "Someone else" });
    expect(again).toMatchObject({ duplicate: true, status: "confirmed" });
    const rows = await t.db.selectFrom("event_registrations").select(["id", "name"]).where("event_id", "=", event.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toBe("Ana Pérez");
    expect(await getOwnRegistration(t.db, first.token, "en")).toBeNull();
    expect((await getOwnRegistration(t.db, again.token, "en"))?.registration.id).toBe(rows[0]!.id);
    expect((await outbox("twice@example.org")).map((m) => m.kind)).toEqual(["event_registration_confirmed", "event_registration_again"]);
    // Once cancelled, the address may register anew: a second row.
    await cancelOwnRegistration(t.db, again.token);
    expect((await register(event.slug, { email: "twice@example.org" })).duplicate).toBe(false);
    expect(await t.db.selectFrom("event_registrations").select("id").where("event_id", "=", event.id).execute()).toHaveLength(2);
  });

  it("refuses outside the registration window, for a cancelled or draft event, and a region of another country", async () => {
    const now = Date.now();
    const notYet = await createEvent(t.db, { registrationOpensAt: new Date(now + DAY) });
    const over = await createEvent(t.db, { registrationOpensAt: new Date(now - 2 * DAY), registrationClosesAt: new Date(now - HOUR) });
    const cancelled = await createEvent(t.db, { state: "cancelled" });
    const draft = await createEvent(t.db, { state: "draft" });
    const open = await createEvent(t.db);
    const reason = (p: Promise<unknown>) =>
      p.then(
        () => "accepted",
        (e: unknown) => (e instanceof RegistrationRefused ? e.reason : String(e)),
      );
    expect(await reason(register(notYet.slug))).toBe("closed");
    expect(await reason(register(over.slug))).toBe("closed");
    expect(await reason(register(cancelled.slug))).toBe("cancelled");
    expect(await reason(register(draft.slug))).toBe("not_found");
    expect(await reason(register("no-such-event"))).toBe("not_found");
    expect(await reason(register(open.slug, { country: "CL", region: "CL-XX" }))).toBe("bad_region");
    expect(await reason(register(open.slug, {}, new Date(now)))).toBe("accepted");
  });
});

describe("cancelling and the waitlist", () => {
  it("cancels by the private link and promotes the first waitlisted, in order of registration, emailing them", async () => {
    const event = await createEvent(t.db, { capacity: 1 });
    const holder = await register(event.slug);
    const w1 = await register(event.slug, { email: "w1@example.org" });
    const w2 = await register(event.slug, { email: "w2@example.org" });
    expect([w1.status, w2.status]).toEqual(["waitlisted", "waitlisted"]);
    await cancelOwnRegistration(t.db, holder.token);
    const cancelled = await t.db
      .selectFrom("event_registrations")
      .selectAll()
      .where("id", "=", await idOf(holder.token))
      .executeTakeFirstOrThrow();
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.cancelled_at).not.toBeNull();
    expect(await statusOf(await idOf(w1.token))).toBe("confirmed");
    expect(await statusOf(await idOf(w2.token))).toBe("waitlisted");
    const promoted = await t.db
      .selectFrom("event_registrations")
      .select("promoted_at")
      .where("id", "=", await idOf(w1.token))
      .executeTakeFirstOrThrow();
    expect(promoted.promoted_at).not.toBeNull();
    const mails = await outbox("w1@example.org");
    expect(mails.map((m) => m.kind)).toEqual(["event_registration_waitlisted", "event_registration_promoted"]);
    // The place is theirs now: the online link comes with it.
    expect(mails[1]!.text_body).toContain("https://meet.example/");
    // The next cancellation promotes the next one.
    await cancelOwnRegistration(t.db, w1.token);
    expect(await statusOf(await idOf(w2.token))).toBe("confirmed");
    // Cancelling twice, or a token that names nothing, is refused.
    await expect(cancelOwnRegistration(t.db, holder.token)).rejects.toMatchObject({ reason: "not_active" });
    await expect(cancelOwnRegistration(t.db, "x".repeat(43))).rejects.toMatchObject({ reason: "not_found" });
    // Nothing is deleted.
    expect(await t.db.selectFrom("event_registrations").select("id").where("event_id", "=", event.id).execute()).toHaveLength(3);
  });

  it("the private page and calendar: the online link only for a confirmed person", async () => {
    const event = await createEvent(t.db, { capacity: 1, format: "hybrid", place: "Ottawa, 125 Sussex Drive" });
    const confirmed = await register(event.slug);
    const waiting = await register(event.slug);
    const own = await getOwnRegistration(t.db, confirmed.token, "fr");
    expect(own).toMatchObject({ registration: { status: "confirmed" }, event: { slug: event.slug, place: "Ottawa, 125 Sussex Drive" }, canCancel: true });
    expect(own!.event.onlineUrl).toMatch(/^https:\/\/meet\.example\//);
    expect((await getOwnRegistration(t.db, waiting.token, "fr"))!.event.onlineUrl).toBeNull();
    expect(await ownRegistrationCalendar(t.db, confirmed.token, "en")).toContain("meet.example");
    const waitingCalendar = await ownRegistrationCalendar(t.db, waiting.token, "en");
    expect(waitingCalendar).toContain("BEGIN:VTIMEZONE");
    expect(waitingCalendar).not.toContain("meet.example");
    expect(await getOwnRegistration(t.db, "not-a-token", "en")).toBeNull();
  });
});

describe("the reminder the day before", () => {
  it("reminds each confirmed person once, within a day of the start, whatever the clock says later", async () => {
    const start = new Date(Date.now() + 3 * DAY);
    const event = await createEvent(t.db, { startsAt: start, capacity: 1 });
    const confirmed = await register(event.slug, { email: "remind-me@example.org" });
    await register(event.slug, { email: "not-me@example.org" }); // waitlisted: no reminder
    const cancelledOne = await createRegistration(t.db, event.id, { status: "cancelled", email: "gone@example.org" });
    expect(cancelledOne.id).toBeGreaterThan(0);
    expect(await sendEventReminders(t.db, new Date(start.getTime() - 2 * DAY))).toBe(0);
    expect(await sendEventReminders(t.db, new Date(start.getTime() - 20 * HOUR))).toBe(1);
    expect(await sendEventReminders(t.db, new Date(start.getTime() - 19 * HOUR))).toBe(0);
    expect(await sendEventReminders(t.db, new Date(start.getTime() + HOUR))).toBe(0);
    expect((await outbox("remind-me@example.org")).map((m) => m.kind)).toEqual(["event_registration_confirmed", "event_registration_reminder"]);
    expect(await outbox("not-me@example.org")).toHaveLength(1);
    expect(await outbox("gone@example.org")).toHaveLength(0);
    const row = await t.db
      .selectFrom("event_registrations")
      .select("reminded_at")
      .where("id", "=", await idOf(confirmed.token))
      .executeTakeFirstOrThrow();
    expect(row.reminded_at).toBe(new Date(start.getTime() - 20 * HOUR).toISOString());
  });

  it("runs as the queued job, at the clock it is given", async () => {
    const start = new Date(Date.now() + 10 * DAY);
    const event = await createEvent(t.db, { startsAt: start });
    await register(event.slug, { email: "job-reminder@example.org" });
    try {
      setEventReminderClock(t.db, () => new Date(start.getTime() - 2 * DAY));
      await queueEventReminders(t.db);
      await runJobs(t.db);
      expect(await outbox("job-reminder@example.org")).toHaveLength(1);
      setEventReminderClock(t.db, () => new Date(start.getTime() - 12 * HOUR));
      await queueEventReminders(t.db);
      await runJobs(t.db);
      await queueEventReminders(t.db);
      await runJobs(t.db);
      expect((await outbox("job-reminder@example.org")).map((m) => m.kind)).toEqual(["event_registration_confirmed", "event_registration_reminder"]);
    } finally {
      setEventReminderClock(t.db, null);
    }
  });
});

describe("two people at once for the last place", () => {
  // On PostgreSQL, from two pools at once. On SQLite, a process has one connection, whose
  // transactions run one after another; other processes wait for its write lock (ADR 037).
  it("gives it to one of them only (SQLite and PostgreSQL alike)", async () => {
    const postgres = t.env.DATABASE_URL!.startsWith("postgres");
    const other = postgres ? createDb(t.env.DATABASE_URL!) : t.db;
    try {
      for (let round = 0; round < 5; round++) {
        const event = await createEvent(t.db, { capacity: 1 });
        const results = await Promise.all([
          register(event.slug, { email: `a${round}@example.org` }),
          registerForEvent(other, { slug: event.slug, values: values({ email: `b${round}@example.org` }), locale: "es" }),
          register(event.slug, { email: `c${round}@example.org` }),
          registerForEvent(other, { slug: event.slug, values: values({ email: `d${round}@example.org` }), locale: "fr" }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual(["confirmed", "waitlisted", "waitlisted", "waitlisted"]);
      }
      // Cancelling two at once frees one place each, never twice the same.
      const event = await createEvent(t.db, { capacity: 1 });
      const holder = await register(event.slug);
      const waiting = [await register(event.slug), await register(event.slug), await register(event.slug)];
      await Promise.all([cancelOwnRegistration(t.db, holder.token), cancelOwnRegistration(other, waiting[0]!.token)]);
      const statuses = await Promise.all(waiting.map(async (w) => statusOf(await idOf(w.token))));
      expect(statuses.filter((s) => s === "confirmed")).toHaveLength(1);
    } finally {
      if (other !== t.db) await other.destroy();
    }
  });
});
