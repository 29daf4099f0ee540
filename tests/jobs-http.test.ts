import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createParties, createSubmissionFor, createTopic, createUser, sessionCookieFor } from "./factories";
import { createTestDatabase, sql, type TestDatabase } from "./helpers/db";
import { get } from "./helpers/http";
import { runJobs } from "./helpers/jobs";
import { startMailCatcher, type MailCatcher } from "./helpers/mail";
import { startServer, type RunningServer } from "./helpers/server";

// ADR 029: email delivery retries through the job queue (with backoff, the one-time link sealed,
// never in clear), a delivery that keeps failing is visible to admins, and /admin/jobs is theirs
// alone. The server here only reads (JOBS_IN_WEB=0): this process works the jobs, when told.
const postgres = /^postgres(ql)?:/.test(process.env.TEST_DATABASE_URL ?? "");

let t: TestDatabase;
let mail: MailCatcher;
let server: RunningServer;
let adminCookie: string;
let moderatorCookie: string;
let topicSlug: string;
let now = new Date();

/** Makes every waiting job due: the SQLite runner's clock moves on; pg-boss's jobs are moved back. */
async function makeJobsDue() {
  if (postgres) await sql.raw(`update ${process.env.DATABASE_SCHEMA}_pgboss.job set start_after = now() where state in ('created', 'retry')`).execute(t.db);
  else now = new Date(now.getTime() + 24 * 3_600_000);
}

beforeAll(async () => {
  t = await createTestDatabase();
  await createParties(t.db);
  topicSlug = (await createTopic(t.db)).slug;
  mail = await startMailCatcher();
  process.env.SMTP_URL = mail.url;
  const { env } = await import("~/utils/env.server");
  Object.assign(env(), { SMTP_URL: mail.url, EMAIL_RETRY_LIMIT: 2, EMAIL_RETRY_DELAY_SECONDS: 60 });
  (await import("~/utils/mail.server")).resetMailTransport();
  if (!postgres) {
    const { SqliteJobQueue, setJobQueue } = await import("~/utils/jobs.server");
    setJobQueue(t.db, new SqliteJobQueue(t.db, { clock: () => now }));
  }
  server = await startServer({ ...t.env, SMTP_URL: mail.url, JOBS_IN_WEB: "0" });
  adminCookie = await sessionCookieFor(t.db, (await createUser(t.db, { role: "admin" })).id);
  moderatorCookie = await sessionCookieFor(t.db, (await createUser(t.db, { role: "moderator", party: "CA" })).id);
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  (await import("~/utils/mail.server")).resetMailTransport();
  await server?.stop();
  await mail?.stop();
  if (postgres) await sql.raw(`drop schema if exists ${process.env.DATABASE_SCHEMA}_pgboss cascade`).execute(t.db);
  await t?.destroy();
});

const outbox = (id: number) => t.db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const lastOutboxTo = async (address: string) =>
  (await t.db.selectFrom("outbox").select("id").where("to_address", "=", address).orderBy("id", "desc").executeTakeFirstOrThrow()).id;
const jobsDump = async () =>
  JSON.stringify(
    postgres
      ? (await sql.raw(`select * from ${process.env.DATABASE_SCHEMA}_pgboss.job`).execute(t.db)).rows
      : await t.db.selectFrom("jobs").selectAll().execute(),
  );

describe("email delivery through the queue", () => {
  it("a receipt whose first sending failed is sent by the retry job, its private link working, never stored in clear", async () => {
    mail.rejectNext(1);
    const s = await createSubmissionFor(t.db, { topicSlug });
    const { contact_email: address } = await t.db.selectFrom("submissions").select("contact_email").where("id", "=", s.id).executeTakeFirstOrThrow();
    const id = await lastOutboxTo(address);
    expect(await outbox(id)).toMatchObject({ status: "failed" });
    expect(mail.lastTo(address)).toBeUndefined();
    // Waiting for its backoff: the sealed link only.
    expect(await jobsDump()).not.toContain(s.token!);
    expect(await runJobs(t.db)).toBe(0);

    await makeJobsDue();
    expect(await runJobs(t.db)).toBe(1);
    expect(await outbox(id)).toMatchObject({ status: "sent", error: null });
    const delivered = mail.lastTo(address)!;
    expect(delivered.body).toContain(`/submissions/${s.reference}?token=${s.token}`);
    expect(JSON.stringify(await outbox(id))).not.toContain(s.token!);
  });

  it("a delivery that keeps failing is retried with backoff, then failed: the outbox and /admin/jobs show it, without the address", async () => {
    mail.rejectNext(100);
    const user = await createUser(t.db, { email: "keeps-failing@example.org" });
    const { sendEmail } = await import("~/utils/mail.server");
    const { id } = await sendEmail(t.db, { kind: "submission_rejected", to: user.email, locale: "en", subject: "S", text: "T", html: "<p>T</p>" });
    // Three attempts in all: the first at once, then two retries by the job, each after a longer wait.
    for (let i = 0; i < 2; i++) {
      await makeJobsDue();
      expect(await runJobs(t.db)).toBe(1);
    }
    await makeJobsDue();
    expect(await runJobs(t.db)).toBe(0);
    mail.rejectNext(0);
    const row = await outbox(id);
    expect(row.status).toBe("failed");
    expect(row.error).toContain("unavailable");

    const page = await get(server.url, "/en/admin/jobs", adminCookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Background jobs");
    expect(html).toContain("email.deliver");
    expect(html).toContain("Failed");
    expect(html).toContain("Mailbox of •••@••• unavailable");
    expect(html).toContain("2 of 2");
    expect(html).not.toContain("keeps-failing@example.org");
    expect(html).toMatch(/<caption[^>]*>Jobs, newest first/);
    // Linked from the back office's navigation, for admins.
    expect(await (await get(server.url, "/en/admin", adminCookie)).text()).toContain('href="/en/admin/jobs"');
  });
});

describe("/admin/jobs", () => {
  it("is for admins only: 403 for a moderator, translated, and not in their navigation", async () => {
    const res = await get(server.url, "/fr/admin/jobs", moderatorCookie);
    expect(res.status).toBe(403);
    expect(await (await get(server.url, "/en/admin", moderatorCookie)).text()).not.toContain('href="/en/admin/jobs"');
  });

  it("is translated", async () => {
    expect(await (await get(server.url, "/fr/admin/jobs", adminCookie)).text()).toContain("Tâches de fond");
    expect(await (await get(server.url, "/es/admin/jobs", adminCookie)).text()).toContain("Tareas en segundo plano");
  });
});
