import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveAsSent, createParties, createSubmissionFor, createTopic, createUser, sessionCookieFor } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { runJobs } from "./helpers/jobs";
import { headerOf, startMailCatcher, utf8Body, type CaughtMail, type MailCatcher } from "./helpers/mail";
import { textOf, mainTextOf as main } from "./helpers/page-text";
import { startServer, type RunningServer } from "./helpers/server";
import { queueSubscriptionTick, runSubscriptionTick, setSubscriptionClock } from "~/models/subscriptions.server";
import { env } from "~/utils/env.server";
import { jobQueue } from "~/utils/jobs.server";
import { resetMailTransport } from "~/utils/mail.server";

/*
 * Subscriptions by email (issue 17, item 4; ADR 039), through the real server: double opt-in, the
 * scheduled pass run with its clock moved forward (in this process, sending through the same SMTP
 * catcher), one-click unsubscribe (RFC 8058) without a session, tokens that name one subscription
 * only, the same answer for every address, the rate limit, and translated refusals.
 */

// The server signs subscription links with this APP_SECRET (support/server.ts): so does the pass
// run here, so that the links it emails open there.
process.env.APP_SECRET = "http-tests-app-secret";

const DAY = 86_400_000;
let t: TestDatabase;
let server: RunningServer;
let mail: MailCatcher;
let topicA: { id: number; slug: string };
const start = Date.now();
const at = (days: number) => new Date(start + days * DAY);

beforeAll(async () => {
  t = await createTestDatabase();
  await createParties(t.db);
  topicA = await createTopic(t.db, {
    party: "CL",
    closesAt: at(10),
    translations: { en: { title: "Women in ports" }, fr: { title: "Les femmes dans les ports" }, es: { title: "Mujeres en los puertos" } },
  });
  mail = await startMailCatcher();
  // Jobs are worked here (JOBS_IN_WEB=0), with the pass's clock this test moves.
  server = await startServer({ ...t.env, SMTP_URL: mail.url, JOBS_IN_WEB: "0" });
  const settings = env() as { SMTP_URL?: string; PUBLIC_URL?: string };
  settings.SMTP_URL = mail.url;
  settings.PUBLIC_URL = server.url;
  resetMailTransport();
});
afterAll(async () => {
  setSubscriptionClock(t.db, null);
  resetMailTransport();
  await server?.stop();
  await mail?.stop();
  await t?.destroy();
});

const to = (address: string) => mail.messages.filter((m) => m.to.includes(address));
/** A link of an email, as a path on the test's server. */
const linkIn = (message: CaughtMail, pattern: RegExp) => {
  const match = pattern.exec(message.body);
  if (!match) throw new Error(`no link ${pattern} in:\n${message.body}`);
  return new URL(match[0]).pathname + new URL(match[0]).search;
};
const settle = () => new Promise((r) => setTimeout(r, 150));

/** Runs the scheduler's pass as a job (ADR 029), its clock at `when`. */
async function tickAt(when: Date) {
  setSubscriptionClock(t.db, () => when);
  await queueSubscriptionTick(t.db);
  await runJobs(t.db);
}

/** Subscribes (the form), confirms from the emailed link, and returns the manage page's token. */
async function subscribeAndConfirm(email: string, locale: "en" | "fr" | "es", fields: Record<string, string | string[]>) {
  const before = to(email).length;
  const res = await postForm(server.url, `/${locale}/subscriptions`, { email, ...fields });
  expect(res.status).toBe(200);
  const confirmation = await mail.nthTo(email, before + 1);
  const path = linkIn(confirmation, /https?:\/\/\S+\/subscriptions\/confirm\?token=[\w-]+/);
  expect(path.startsWith(`/${locale}/`)).toBe(true);
  // Opening the link confirms nothing by itself (link checkers open every link).
  const page = await get(server.url, path);
  expect(page.status).toBe(200);
  const token = new URLSearchParams(path.split("?")[1]).get("token")!;
  const confirmed = await postForm(server.url, `/${locale}/subscriptions/confirm`, { token });
  expect(confirmed.status).toBe(302);
  const location = confirmed.headers.get("location")!;
  expect(location).toMatch(new RegExp(`^/${locale}/subscriptions\\?token=`));
  return { manage: location, confirmation };
}

describe("subscribing", () => {
  it("is offered on the consultation page and the consultations list, and works without JavaScript", async () => {
    const topicPage = await (await get(server.url, `/en/consultations/${topicA.slug}`)).text();
    expect(topicPage).toContain(`href="/en/subscriptions?topic=${topicA.slug}"`);
    const list = await (await get(server.url, "/es/consultations")).text();
    expect(list).toContain('href="/es/subscriptions"');
    const form = await get(server.url, `/fr/subscriptions?topic=${topicA.slug}`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toMatch(/<form method="post"/);
    expect(html).toContain('name="csrf"');
    expect(textOf(html)).toContain("Les femmes dans les ports");
    expect(html).toContain('value="reminders"');
  });

  it("refuses a post without the CSRF token", async () => {
    const res = await postForm(server.url, "/en/subscriptions", { email: "x@example.org", kinds: "new_consultations" }, { csrf: null });
    expect(res.status).toBe(403);
  });

  it("answers bad input with a translated 400, never a 500", async () => {
    const cases: Array<[string, Record<string, string | string[]>, string]> = [
      ["/fr/subscriptions", { email: "pas-une-adresse", kinds: "new_consultations" }, "adresse"],
      ["/es/subscriptions", { email: "a@example.org" }, "Elija al menos una cosa que recibir"],
      ["/en/subscriptions", { email: "a@example.org", kinds: "everything" }, "problem"],
      ["/en/subscriptions", { email: "a@example.org", kinds: "reminders", topic: "no-such-topic" }, "This consultation cannot be subscribed to"],
      ["/en/subscriptions", { email: "a@example.org", kinds: "new_consultations", area: "abc" }, "problem"],
      ["/en/subscriptions", { email: "a@example.org", kinds: "new_consultations", country: "XX" }, "problem"],
      ["/en/subscriptions", { email: "a@example.org", kinds: "new_consultations", area: "999999" }, "problem"],
      ["/en/subscriptions", { kinds: "replies", submission: "CL-2026-99999", token: "nope" }, "This private link is not right"],
      ["/en/subscriptions", { email: "a".repeat(500), kinds: "new_consultations" }, "problem"],
    ];
    for (const [path, fields, text] of cases) {
      const res = await postForm(server.url, path, fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(main(await res.text()), JSON.stringify(fields)).toContain(text);
    }
    // Bad links: translated 400 pages.
    for (const path of ["/en/subscriptions?token=garbage", "/en/subscriptions/confirm?token=nope", "/fr/subscriptions/unsubscribe?token=1.abc"]) {
      const res = await get(server.url, path);
      expect(res.status, path).toBe(400);
    }
    const oneClick = await fetch(`${server.url}/en/subscriptions/unsubscribe?token=x`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBe(400);
  });

  it("sends nothing but the confirmation before it is confirmed; then tells of new consultations, once", async () => {
    const email = "new.consultations@example.cl";
    const res = await postForm(server.url, "/en/subscriptions", { email, kinds: "new_consultations", country: "CL" });
    expect(res.status).toBe(200);
    expect(main(await res.text())).toContain("an email with a confirmation link is on its way");
    const confirmation = await mail.nthTo(email, 1);
    expect(confirmation.body).toContain("confirm");
    // A consultation published before the confirmation: nothing is sent (not even after).
    const before = await createTopic(t.db, { party: "CL", translations: { en: { title: "Published before" } } });
    expect(await runSubscriptionTick(t.db)).toBe(0);
    await settle();
    expect(to(email)).toHaveLength(1);

    const { manage } = await subscribeAndConfirmFrom(email, confirmation);
    const page = main(await (await get(server.url, manage)).text());
    expect(page).toContain("Your subscription is confirmed");
    expect(page).toContain("New consultations: Chile, all areas");

    // A new Chilean consultation is told; a Canadian one is not; the one before is not.
    await createTopic(t.db, { party: "CA", translations: { en: { title: "Canadian one" } } });
    const fresh = await createTopic(t.db, { party: "CL", translations: { en: { title: "Care work and trade" } } });
    await tickAt(new Date());
    const notice = await mail.nthTo(email, 2);
    expect(notice.body).toContain("Care work and trade");
    expect(notice.body).toContain(`/en/consultations/${fresh.slug}`);
    expect(notice.body).not.toContain("Canadian one");
    expect(notice.body).not.toContain(before.slug);
    // RFC 8058: an https (here http) URL in List-Unsubscribe, and the one-click header.
    expect(headerOf(notice, "List-Unsubscribe")).toMatch(/^<https?:\/\/\S+\/en\/subscriptions\/unsubscribe\?token=\d+\.[\w-]+>$/);
    expect(headerOf(notice, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(notice.body).toMatch(/\/en\/subscriptions\?token=\d+\.[\w-]+/);
    // Once: the pass again, twice at once, sends nothing more.
    await Promise.all([runSubscriptionTick(t.db), runSubscriptionTick(t.db)]);
    await tickAt(new Date());
    await settle();
    expect(to(email)).toHaveLength(2);
    // The outbox keeps the email and its headers with the link masked.
    const stored = await t.db
      .selectFrom("outbox")
      .select(["text_body", "headers"])
      .where("kind", "=", "subscription_new_consultations")
      .executeTakeFirstOrThrow();
    const token = /unsubscribe\?token=([\w.-]+)/.exec(headerOf(notice, "List-Unsubscribe")!)![1]!;
    expect(stored.text_body).not.toContain(token);
    expect(stored.headers).not.toContain(token);
    expect(stored.headers).toContain("List-Unsubscribe-Post");
  });

  it("sends the reminders a week and a day before closing, each once, by the scheduler with its clock moved forward", async () => {
    const email = "rappels@example.ca";
    await subscribeAndConfirm(email, "fr", { kinds: "reminders", topic: topicA.slug });
    const count = () => to(email).length; // the confirmation so far
    expect(count()).toBe(1);
    await tickAt(at(2)); // 8 days left: nothing yet
    await settle();
    expect(count()).toBe(1);
    await tickAt(at(3.5)); // 6.5 days left: the week's reminder
    const week = await mail.nthTo(email, 2);
    expect(week.body).toContain("Les femmes dans les ports");
    expect(utf8Body(week)).toContain("se termine dans une semaine");
    expect(headerOf(week, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    await tickAt(at(5));
    await Promise.all([runSubscriptionTick(t.db, at(6)), runSubscriptionTick(t.db, at(6))]);
    await settle();
    expect(count()).toBe(2);
    await tickAt(at(9.5)); // half a day left: the last day's
    const day = await mail.nthTo(email, 3);
    expect(utf8Body(day)).toContain("dernière occasion");
    await tickAt(at(9.7));
    await tickAt(at(11)); // closed
    await settle();
    expect(count()).toBe(3);
  });

  it("groups the submissions published since the last digest, at most daily, in the subscriber's language", async () => {
    const email = "resumen@example.cl";
    await subscribeAndConfirm(email, "es", { kinds: "digest", topic: topicA.slug });
    const publish = async (title: string, decidedAt: Date) => {
      const s = await createSubmissionFor(t.db, { topicSlug: topicA.slug, values: { title, body: `${title} body` } });
      await approveAsSent(t.db, s.id, decidedAt);
      return s;
    };
    const first = await publish("Digest one", at(0.1));
    const second = await publish("Digest two", at(0.2));
    // Not yet a day since the subscription: no digest.
    await tickAt(at(0.5));
    await settle();
    expect(to(email)).toHaveLength(1);
    await tickAt(at(1.1));
    const digest = await mail.nthTo(email, 2);
    expect(utf8Body(digest)).toContain("Aportes publicados desde el último resumen");
    expect(digest.body).toContain("Mujeres en los puertos");
    for (const s of [first, second]) expect(digest.body).toContain(s.reference);
    // The next one holds only what was published since.
    const third = await publish("Digest three", at(1.5));
    await tickAt(at(1.6)); // less than a day since the last
    await settle();
    expect(to(email)).toHaveLength(2);
    await tickAt(at(2.2));
    const next = await mail.nthTo(email, 3);
    expect(next.body).toContain(third.reference);
    expect(next.body).not.toContain(first.reference);
    expect(next.body).not.toContain(second.reference);
    await tickAt(at(3.5)); // nothing new
    await settle();
    expect(to(email)).toHaveLength(3);

    // One click, as a mail client does it: a POST to the header's URL, no session, no CSRF token.
    const header = headerOf(next, "List-Unsubscribe")!;
    const url = new URL(/<([^>]+)>/.exec(header)![1]!);
    const res = await fetch(`${server.url}${url.pathname}${url.search}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(200);
    expect(main(await res.text())).toContain("Se dio de baja");
    await publish("Digest four", at(3.6));
    await tickAt(at(5));
    await settle();
    expect(to(email)).toHaveLength(3);
  });

  it("an unsubscribe token ends its own subscription only: another's, or a forged one, ends nothing", async () => {
    const alice = "alice.sub@example.org";
    const bob = "bob.sub@example.org";
    const a = await subscribeAndConfirm(alice, "en", { kinds: ["reminders", "digest"], topic: topicA.slug });
    await subscribeAndConfirm(bob, "en", { kinds: "reminders", topic: topicA.slug });
    const aliceToken = new URLSearchParams(a.manage.split("?")[1]).get("token")!;
    const bobSub = await t.db.selectFrom("subscriptions").select("id").where("email", "=", bob).where("status", "=", "active").executeTakeFirstOrThrow();
    // Alice's signature on Bob's id: refused.
    const forged = `${bobSub.id}.${aliceToken.split(".")[1]}`;
    const res = await fetch(`${server.url}/en/subscriptions/unsubscribe?token=${forged}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(400);
    // Alice's manage page cannot end Bob's subscription either.
    const viaManage = await postForm(server.url, "/en/subscriptions", { intent: "unsubscribe", token: aliceToken, id: String(bobSub.id) });
    expect(viaManage.status).toBe(200);
    const bobNow = await t.db.selectFrom("subscriptions").select("status").where("id", "=", bobSub.id).executeTakeFirstOrThrow();
    expect(bobNow.status).toBe("active");
    // Alice's own token ends Alice's subscription, and nothing of Bob's.
    const own = await fetch(`${server.url}/en/subscriptions/unsubscribe?token=${aliceToken}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(own.status).toBe(200);
    const statuses = await t.db
      .selectFrom("subscriptions")
      .select(["email", "status"])
      .where("email", "in", [alice, bob])
      .where("confirmed_at", "is not", null)
      .execute();
    expect(statuses.filter((s) => s.email === bob).every((s) => s.status === "active")).toBe(true);
    expect(statuses.filter((s) => s.email === alice && s.status === "unsubscribed")).toHaveLength(1);
    // The manage page (from the link in any email) lists Alice's other one and ends everything.
    const managed = main(await (await get(server.url, `/en/subscriptions?token=${aliceToken}`)).text());
    expect(managed).toContain("Daily digest of published submissions: Women in ports");
    expect(managed).not.toContain("Reminders before closing");
    const all = await postForm(server.url, "/en/subscriptions", { intent: "unsubscribeAll", token: aliceToken });
    expect(all.status).toBe(200);
    const left = await t.db.selectFrom("subscriptions").select("id").where("email", "=", alice).where("status", "=", "active").execute();
    expect(left).toHaveLength(0);
  });

  it("tells a consultation's subscribers of its published outcome, once, in their language", async () => {
    const closed = await createTopic(t.db, {
      party: "CA",
      opensAt: at(-20),
      closesAt: at(-1),
      translations: { en: { title: "Closed ports" }, es: { title: "Puertos cerrados" } },
    });
    const email = "outcome.reader@example.org";
    await subscribeAndConfirm(email, "es", { kinds: "digest", topic: closed.slug });
    const stamp = new Date().toISOString();
    await t.db
      .insertInto("topic_outcomes")
      .values({ topic_id: closed.id, state: "published", created_at: stamp, updated_at: stamp, published_at: stamp })
      .execute();
    await tickAt(new Date());
    const notice = await mail.nthTo(email, 2);
    expect(utf8Body(notice)).toContain("Las autoridades publicaron su respuesta a la consulta «Puertos cerrados»");
    expect(notice.body).toContain(`/es/consultations/${closed.slug}`);
    await tickAt(new Date());
    await settle();
    expect(to(email)).toHaveLength(2);
  });

  it("lets a proposal's author subscribe, from the private link, to the comments published on it", async () => {
    const author = "proposal.author@example.cl";
    const proposal = await createSubmissionFor(t.db, { topicSlug: topicA.slug, values: { contactEmail: author, title: "Ports need data" } });
    const receipt = await (await get(server.url, `/en/submissions/${proposal.reference}?token=${proposal.token}`)).text();
    expect(receipt).toContain('value="replies"');
    // Without the private link, the page offers nothing, and a forged request is refused.
    const bare = await (await get(server.url, `/en/submissions/${proposal.reference}`)).text();
    expect(bare).not.toContain('value="replies"');
    const refused = await postForm(server.url, "/en/subscriptions", { kinds: "replies", submission: proposal.reference, token: "x".repeat(43) });
    expect(refused.status).toBe(400);
    // The address is the submission's, never one typed in.
    const res = await postForm(server.url, "/en/subscriptions", {
      kinds: "replies",
      submission: proposal.reference,
      token: proposal.token!,
      email: "someone.else@example.org",
    });
    expect(res.status).toBe(200);
    const confirmation = await mail.nthTo(author, 2); // after the receipt
    expect(mail.lastTo("someone.else@example.org")).toBeUndefined();
    const path = linkIn(confirmation, /https?:\/\/\S+\/subscriptions\/confirm\?token=[\w-]+/);
    const token = new URLSearchParams(path.split("?")[1]).get("token")!;
    expect((await postForm(server.url, "/en/subscriptions/confirm", { token })).status).toBe(302);

    // The proposal is published (comments answer published proposals only), then a comment on it.
    await approveAsSent(t.db, proposal.id);
    const comment = await createSubmissionFor(t.db, {
      topicSlug: topicA.slug,
      values: { kind: "comment", inReplyTo: proposal.reference, title: "", body: "A comment that answers, reply-marker." },
    });
    await t.db
      .updateTable("submissions")
      .set((eb) => ({ status: "approved", decided_at: new Date().toISOString(), approved_version: eb.ref("version"), approved_body: eb.ref("body") }))
      .where("id", "=", comment.id)
      .execute();
    await tickAt(new Date());
    const replies = await mail.nthTo(author, 3);
    expect(replies.body).toContain(comment.reference);
    expect(replies.body).toContain("reply-marker");
    await tickAt(new Date());
    await settle();
    expect(to(author)).toHaveLength(3);
  });

  it("gives the same answer whether or not the address is subscribed", async () => {
    const known = "new.consultations@example.cl";
    const a = await postForm(server.url, "/en/subscriptions", { email: known, kinds: "new_consultations", country: "CL" });
    const b = await postForm(server.url, "/en/subscriptions", { email: "never.seen@example.org", kinds: "new_consultations", country: "CL" });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(main(await a.text())).toBe(main(await b.text()));
    await mail.nthTo("never.seen@example.org", 1);
  });

  it("a consultation published in the back office queues the pass, which tells the subscribers", async () => {
    const email = "new.consultations@example.cl"; // confirmed above, for Chile
    const before = to(email).length;
    const admin = await sessionCookieFor(t.db, (await createUser(t.db, { role: "admin" })).id);
    const day = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
    const plan = await t.db
      .insertInto("workplans")
      .values({ slug: "plan-subs", starts_on: "2024-01-01", ends_on: "2027-12-31" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const area = await t.db
      .insertInto("workplan_areas")
      .values({ workplan_id: plan.id, number: 1, article: "N bis-4" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const res = await postForm(
      server.url,
      "/en/admin/topics/new",
      {
        partyCode: "CL",
        areaId: String(area.id),
        slug: "litio-suscripciones",
        opensDate: day(-1),
        opensTime: "09:00",
        closesDate: day(30),
        closesTime: "23:59",
        es_title: "Litio y mujeres, suscripciones",
        es_summary: "Propuestas sobre el litio.",
        es_body: "Primer párrafo.",
        intent: "publish",
      },
      { cookie: admin },
    );
    expect(res.status).toBe(302);
    // The server (not working jobs here) queued the pass when the change was made.
    await expect.poll(async () => (await jobQueue(t.db).listJobs()).some((j) => j.name === "subscriptions.tick" && j.state === "created")).toBe(true);
    setSubscriptionClock(t.db, () => new Date());
    await runJobs(t.db);
    await expect.poll(() => to(email).filter((m) => m.body.includes("/en/consultations/litio-suscripciones")).length).toBe(1);
    const notice = to(email).find((m) => m.body.includes("/en/consultations/litio-suscripciones"))!;
    expect(notice.body).toContain("Litio y mujeres, suscripciones");
    expect(to(email).length).toBeGreaterThan(before);
  });

  it("limits requests per email address with a translated 429", async () => {
    // A fresh hour for this client: the tests above used some of its allowance.
    await t.db.deleteFrom("submission_rate_limits").execute();
    const email = "limited@example.org";
    for (let i = 0; i < 3; i++) expect((await postForm(server.url, "/en/subscriptions", { email, kinds: "new_consultations" })).status).toBe(200);
    // Each accepted request sends its confirmation (after the answer); the refused one none.
    await mail.nthTo(email, 3);
    const limited = await postForm(server.url, "/fr/subscriptions", { email, kinds: "new_consultations" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(main(await limited.text())).toContain("Trop de demandes d’abonnement");
  });
});

/** Confirms from a confirmation email already received. */
async function subscribeAndConfirmFrom(email: string, confirmation: CaughtMail) {
  const path = linkIn(confirmation, /https?:\/\/\S+\/subscriptions\/confirm\?token=[\w-]+/);
  const token = new URLSearchParams(path.split("?")[1]).get("token")!;
  const page = await get(server.url, path);
  expect(page.status).toBe(200);
  expect(main(await page.text())).toContain("New consultations: Chile, all areas");
  const confirmed = await postForm(server.url, "/en/subscriptions/confirm", { token });
  expect(confirmed.status).toBe(302);
  void email;
  return { manage: confirmed.headers.get("location")! };
}
