import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createParties, createSubmissionFor, createTopic, createUser, sessionCookieFor } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { lastQueuedEmailTo, startMailCatcher, type MailCatcher } from "./helpers/mail";
import { startServer, type RunningServer } from "./helpers/server";

// Issue 13, item 10: the outbox must never hold a usable one-time link (a receipt's private link,
// an invitation, a password reset), since every admin reads it; the emails actually delivered
// carry working links, and sending one again makes a new link and retires the old one.
let t: TestDatabase;
let mail: MailCatcher;
let server: RunningServer;
let adminCookie: string;
let topicSlug: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await createParties(t.db);
  topicSlug = (await createTopic(t.db)).slug;
  mail = await startMailCatcher();
  // In this process (createSubmissionFor) and in the started server alike, email goes over SMTP.
  process.env.SMTP_URL = mail.url;
  const { env } = await import("~/utils/env.server");
  (env() as { SMTP_URL?: string }).SMTP_URL = mail.url;
  (await import("~/utils/mail.server")).resetMailTransport();
  server = await startServer({ ...t.env, SMTP_URL: mail.url });
  const admin = await createUser(t.db, { role: "admin" });
  adminCookie = await sessionCookieFor(t.db, admin.id);
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  (await import("~/utils/mail.server")).resetMailTransport();
  await server?.stop();
  await mail?.stop();
  await t?.destroy();
});

const tokenIn = (body: string, path: RegExp) => new RegExp(`${path.source}\\?token=([A-Za-z0-9_-]{20,})`).exec(body)?.[1];
const outboxDump = async () => JSON.stringify(await t.db.selectFrom("outbox").selectAll().execute());
const outboxPage = async (id: number) => {
  const res = await get(server.url, `/en/admin/outbox?id=${id}`, adminCookie);
  expect(res.status).toBe(200);
  return res.text();
};
const lastOutboxTo = (address: string) => lastQueuedEmailTo(t.db, address);
const resend = (id: number) => postForm(server.url, "/en/admin/outbox", { intent: "resend", id: String(id) }, { cookie: adminCookie });

/** Nothing an admin can read — the outbox table or the outbox page — holds the token. */
async function expectNowhereForAdmins(token: string, outboxId: number) {
  expect(await outboxDump()).not.toContain(token);
  const page = await outboxPage(outboxId);
  expect(page).not.toContain(token);
  expect(page).toContain("token=••••••••");
}

describe("one-time links in the outbox", () => {
  it("a receipt's private link is delivered working but kept masked; resending makes a new link and retires the old", async () => {
    const { getOwnSubmission } = await import("~/models/submissions.server");
    const s = await createSubmissionFor(t.db, { topicSlug });
    const row = await t.db.selectFrom("submissions").select("contact_email").where("id", "=", s.id).executeTakeFirstOrThrow();
    const delivered = mail.lastTo(row.contact_email);
    expect(tokenIn(delivered!.body, new RegExp(`/submissions/${s.reference}`))).toBe(s.token);
    const message = await lastOutboxTo(row.contact_email);
    expect(message.status).toBe("sent");
    expect(message.text_body).toContain(`/submissions/${s.reference}?token=••••••••`);
    await expectNowhereForAdmins(s.token!, message.id);

    const res = await resend(message.id);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("A new email with a new link was sent");
    const fresh = tokenIn(mail.lastTo(row.contact_email)!.body, new RegExp(`/submissions/${s.reference}`))!;
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(s.token);
    expect(await getOwnSubmission(t.db, s.reference, fresh)).not.toBeNull();
    expect(await getOwnSubmission(t.db, s.reference, s.token!)).toBeNull();
    const again = await lastOutboxTo(row.contact_email);
    expect(again.id).toBeGreaterThan(message.id);
    await expectNowhereForAdmins(fresh, again.id);
    const audit = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "outbox.resent").execute();
    expect(audit.some((a) => a.subject_id === String(message.id))).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(fresh);
  });

  it("an invitation is delivered working but kept masked; resending makes a new link and retires the old", async () => {
    const { findUsableToken } = await import("~/models/users.server");
    const email = `invitee-${Date.now()}@example.org`;
    const invited = await postForm(
      server.url,
      "/en/admin/users",
      { intent: "invite", email, displayName: "Invitée", role: "moderator", partyCode: "CL", locale: "fr" },
      { cookie: adminCookie },
    );
    expect(invited.status).toBe(200);
    const token = tokenIn(mail.lastTo(email)!.body, /\/fr\/account\/set-password/)!;
    expect(await findUsableToken(t.db, token)).toBeTruthy();
    const message = await lastOutboxTo(email);
    expect(message.status).toBe("sent");
    await expectNowhereForAdmins(token, message.id);

    expect((await resend(message.id)).status).toBe(200);
    const fresh = tokenIn(mail.lastTo(email)!.body, /\/fr\/account\/set-password/)!;
    expect(fresh).not.toBe(token);
    expect(await findUsableToken(t.db, fresh)).toBeTruthy();
    expect(await findUsableToken(t.db, token)).toBeFalsy();
    await expectNowhereForAdmins(fresh, (await lastOutboxTo(email)).id);
    // The new link works end to end.
    expect(await (await get(server.url, `/fr/account/set-password?token=${fresh}`)).text()).toContain(`token=${fresh}`);
  });

  it("a password reset is delivered working but kept masked; resending makes a new link and retires the old", async () => {
    const { findUsableToken } = await import("~/models/users.server");
    const user = await createUser(t.db, { locale: "es" });
    expect((await postForm(server.url, "/en/forgot-password", { email: user.email })).status).toBeLessThan(400);
    const token = tokenIn((await mail.nthTo(user.email, 1)).body, /\/es\/account\/set-password/)!;
    expect(await findUsableToken(t.db, token)).toBeTruthy();
    const message = await lastOutboxTo(user.email);
    await expectNowhereForAdmins(token, message.id);

    expect((await resend(message.id)).status).toBe(200);
    const fresh = tokenIn(mail.lastTo(user.email)!.body, /\/es\/account\/set-password/)!;
    expect(fresh).not.toBe(token);
    expect(await findUsableToken(t.db, fresh)).toBeTruthy();
    expect(await findUsableToken(t.db, token)).toBeFalsy();
    await expectNowhereForAdmins(fresh, (await lastOutboxTo(user.email)).id);
  });

  it("refuses, translated, to resend an email without a link", async () => {
    const { sendEmail } = await import("~/utils/mail.server");
    const { id } = await sendEmail(t.db, { kind: "submission_rejected", to: "x@example.org", locale: "en", subject: "S", text: "T", html: "<p>T</p>" });
    const res = await resend(id);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("This email cannot be sent again");
    expect((await resend(99_999_999)).status).toBe(404);
  });

  it("the migration masks the links already stored in clear, and keeps the rest of each message", async () => {
    const { up } = await import("../db/migrations/2026-12-05T13-00_mask-outbox-links");
    const secret = "Zx9_secret-token-from-before-the-fix-abcdefgh";
    const text = `Hello,\n\nhttp://localhost:3000/en/submissions/CA-2026-00001?token=${secret}\n\nKeep it.`;
    const html = `<p>Hello,</p><p><a href="http://localhost:3000/en/account/set-password?token=${secret}">Set</a></p>`;
    const stamp = new Date().toISOString();
    const insert = (kind: string) =>
      t.db
        .insertInto("outbox")
        .values({
          created_at: stamp,
          kind,
          to_address: "old@example.org",
          locale: "en",
          subject: `Old ${kind}`,
          text_body: text,
          html_body: html,
          status: "stored",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
    const ids = await Promise.all(["submission_receipt", "invitation", "password_reset"].map(insert));
    const other = await insert("submission_approved");
    await up(t.db);
    for (const { id } of ids) {
      const row = await t.db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      expect(row.text_body).toBe(text.replace(secret, "••••••••"));
      expect(row.html_body).toBe(html.replace(secret, "••••••••"));
      expect(row.subject).toMatch(/^Old /);
    }
    expect((await t.db.selectFrom("outbox").select("text_body").where("id", "=", other.id).executeTakeFirstOrThrow()).text_body).toBe(text);
  });
});
