import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./helpers/db";

// The SMTP path, against a real SMTP server started here.
let t: TestDatabase;
let smtp: SMTPServer;
const received: Array<{ from: string; to: string[]; raw: string }> = [];

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.MAIL_FROM = "Puente <no-reply@puente.test>";
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await t.destroy();
});

describe("email", () => {
  it("sends through SMTP as text and HTML, and records it as sent in the outbox", async () => {
    const { sendEmail, resetMailTransport } = await import("~/utils/mail.server");
    resetMailTransport();
    const result = await sendEmail(t.db, {
      kind: "test",
      to: "person@example.org",
      locale: "fr",
      subject: "Votre compte Puente",
      text: "Bonjour,\n\nVoici le lien.",
      html: '<!doctype html><html lang="fr"><body><p>Bonjour,</p></body></html>',
    });
    expect(result.status).toBe("sent");
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(["person@example.org"]);
    expect(received[0]!.from).toBe("no-reply@puente.test");
    expect(received[0]!.raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(received[0]!.raw).toMatch(/Content-Type: text\/plain/);
    expect(received[0]!.raw).toMatch(/Content-Type: text\/html/);
    expect(received[0]!.raw).toContain("Content-Language: fr");
    const row = await t.db.selectFrom("outbox").selectAll().where("id", "=", result.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("sent");
    expect(row.sent_at).not.toBeNull();
  });

  it("keeps the message as failed, with the error, when the SMTP server cannot be reached", async () => {
    const { sendEmail, resetMailTransport } = await import("~/utils/mail.server");
    const { env } = await import("~/utils/env.server");
    const previous = env().SMTP_URL;
    (env() as { SMTP_URL?: string }).SMTP_URL = "smtp://127.0.0.1:1";
    resetMailTransport();
    const result = await sendEmail(t.db, { kind: "test", to: "x@example.org", locale: "en", subject: "S", text: "T", html: "<p>T</p>" });
    (env() as { SMTP_URL?: string }).SMTP_URL = previous;
    resetMailTransport();
    expect(result.status).toBe("failed");
    const row = await t.db.selectFrom("outbox").selectAll().where("id", "=", result.id).executeTakeFirstOrThrow();
    expect(row.error).toBeTruthy();
  });
});

describe("audit trail", () => {
  it("is append-only: updates and deletes are refused by the database", async () => {
    const { recordAudit } = await import("~/models/audit.server");
    await recordAudit(t.db, { actor: null, actorLabel: "x@example.org", action: "auth.sign_in_failed" });
    await expect(t.db.updateTable("audit_log").set({ action: "auth.sign_in" }).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
    const rows = await t.db.selectFrom("audit_log").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.action).toBe("auth.sign_in_failed");
  });
});
