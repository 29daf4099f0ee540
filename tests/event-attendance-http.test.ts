// The attendance page over HTTP (ADR 045), as a browser without JavaScript uses it: check-in,
// walk-ins, closing (once: again is a translated 409), the register's files (a 404 until closed),
// the sign-in sheet, and the event's report, checked by its content and public once attached.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { createEvent, createRegistration, createUser, CSRF_TOKEN, sessionCookieFor } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

const filesDir = mkdtempSync(join(tmpdir(), "puente-attendance-"));
process.env.FILES_DIR = filesDir;
let t: TestDatabase;
let server: RunningServer;
let modCA = "";
let modCL = "";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  modCA = await sessionCookieFor(t.db, (await createUser(t.db, { role: "moderator", party: "CA" })).id);
  modCL = await sessionCookieFor(t.db, (await createUser(t.db, { role: "moderator", party: "CL" })).id);
  server = await startServer({ ...t.env, FILES_DIR: filesDir });
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
  rmSync(filesDir, { recursive: true, force: true });
});

/** A Canadian event that started an hour ago. */
async function startedEvent() {
  const event = await createEvent(t.db, {
    party: "CA",
    startsAt: new Date(Date.now() - 3600_000),
    translations: { en: { title: "Ports workshop" }, fr: { title: "Atelier des ports" } },
  });
  const ana = await createRegistration(t.db, event.id, { name: "Ana Named", consent: true, gender: "woman", needs: "needs-marker" });
  const zed = await createRegistration(t.db, event.id, { name: "Zed Hidden", consent: false });
  return { event, ana, zed };
}

function upload(eventId: number, file: Buffer, name: string, cookie: string) {
  const form = new FormData();
  form.set("csrf", CSRF_TOKEN);
  form.set("report", new Blob([new Uint8Array(file)], { type: "application/pdf" }), name);
  return fetch(`${server.url}/en/admin/events/${eventId}/attendance`, { method: "POST", body: form, redirect: "manual", headers: { Cookie: cookie } });
}

describe("the attendance page", () => {
  it("checks people in and adds a walk-in without JavaScript; a walk-in with problems is answered with translated messages and the values kept", async () => {
    const { event, ana } = await startedEvent();
    const page = await (await get(server.url, `/en/admin/events/${event.id}/attendance`, modCA)).text();
    expect(page).toContain("Attendance: Ports workshop");
    expect(page).toContain("Check in Ana Named");
    const path = `/fr/admin/events/${event.id}/attendance`;
    const res = await postForm(server.url, path, { intent: "present", registrationId: String(ana.id), q: "ana" }, { cookie: modCA });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${path}?q=ana&done=present#row-${ana.id}`);
    expect((await t.db.selectFrom("event_registrations").select("attended_at").where("id", "=", ana.id).executeTakeFirstOrThrow()).attended_at).not.toBeNull();
    const searched = await (await get(server.url, `${path}?q=ana&done=present`, modCA)).text();
    expect(searched).toContain("Présence enregistrée.");
    expect(searched).not.toContain("Zed Hidden");

    const bad = await postForm(
      server.url,
      path,
      { intent: "walkIn", name: "", email: "nope", organisationName: "Kept Org", stakeholderType: "ngo", country: "CA" },
      { cookie: modCA },
    );
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain("Entrez votre nom.");
    expect(badPage).toContain("Kept Org");
    const ok = await postForm(
      server.url,
      path,
      { intent: "walkIn", name: "Walt Walkin", stakeholderType: "academic", country: "CL", region: "CL-RM", gender: "man", consent: "on" },
      { cookie: modCA },
    );
    expect(ok.status).toBe(302);
    const walt = await t.db.selectFrom("event_registrations").selectAll().where("event_id", "=", event.id).where("walk_in", "=", 1).executeTakeFirstOrThrow();
    expect(walt).toMatchObject({ name: "Walt Walkin", region_code: "CL-RM", locale: "fr" });
    expect(walt.attended_at).not.toBeNull();
  });

  it("closes the register with confirm=on, once: closing again is a translated 409; the register's files follow, a 404 before", async () => {
    const { event, ana } = await startedEvent();
    const path = `/es/admin/events/${event.id}/attendance`;
    await postForm(server.url, path, { intent: "present", registrationId: String(ana.id) }, { cookie: modCA });
    expect((await get(server.url, `/en/admin/events/${event.id}/register/csv`, modCA)).status).toBe(404);
    const unconfirmed = await postForm(server.url, path, { intent: "close" }, { cookie: modCA });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain("Marque la casilla para confirmar que quiere cerrar el registro.");
    expect((await postForm(server.url, path, { intent: "close", confirm: "on" }, { cookie: modCL })).status).toBe(403);
    const closed = await postForm(server.url, path, { intent: "close", confirm: "on" }, { cookie: modCA });
    expect(closed.status).toBe(302);
    const again = await postForm(server.url, `/fr/admin/events/${event.id}/attendance`, { intent: "close", confirm: "on" }, { cookie: modCA });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Le registre est clos\u202f: les présences ne peuvent plus changer.");
    const { zed } = await t.db
      .selectFrom("event_registrations")
      .select("id as zed")
      .where("event_id", "=", event.id)
      .where("name", "=", "Zed Hidden")
      .executeTakeFirstOrThrow();
    const late = await postForm(server.url, path, { intent: "present", registrationId: String(zed) }, { cookie: modCA });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("El registro está cerrado: la asistencia ya no puede cambiar.");

    const { sha256 } = await t.db.selectFrom("event_registers").select("sha256").where("event_id", "=", event.id).executeTakeFirstOrThrow();
    const csv = await get(server.url, `/en/admin/events/${event.id}/register/csv`, modCA);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename*=UTF-8''${event.slug}-register.csv`);
    const text = await csv.text();
    expect(text).toContain(sha256);
    expect(text).toContain("Ana Named");
    expect(text).not.toMatch(/Zed Hidden|needs-marker|Woman/);
    for (const [format, type] of [
      ["pdf", "application/pdf"],
      ["xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ]) {
      const res = await get(server.url, `/fr/admin/events/${event.id}/register/${format}`, modCA);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(type);
      expect(res.headers.get("cache-control")).toBe("private, no-store");
    }
    expect((await get(server.url, `/en/admin/events/${event.id}/register/docx`, modCA)).status).toBe(404);
    expect((await get(server.url, `/en/admin/events/${event.id}/register/csv`, modCL)).status).toBe(403);
    const page = await (await get(server.url, `/en/admin/events/${event.id}/attendance`, modCA)).text();
    expect(page).toContain(sha256);
    expect(page).not.toContain("Check in Zed Hidden");
  });

  it("gives the sign-in sheet as a PDF", async () => {
    const { event } = await startedEvent();
    const res = await get(server.url, `/en/admin/events/${event.id}/sign-in-sheet.pdf`, modCA);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString("latin1"),
    ).toBe("%PDF-");
  });
});

describe("the event's report", () => {
  it("refuses a file that is not a PDF whatever its name, and one over 20 MB, with translated messages, and keeps nothing", async () => {
    const { event } = await startedEvent();
    const fake = await upload(event.id, Buffer.from("MZ this is not a pdf at all"), "report.pdf", modCA);
    expect(fake.status).toBe(400);
    expect(await fake.text()).toContain("This file is not a PDF.");
    const big = await upload(event.id, Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024, 0x20)]), "big.pdf", modCA).catch((e: Error) => e);
    if (big instanceof Response) {
      expect(big.status).toBe(413);
      expect(await big.text()).toContain("too large");
    }
    for (let i = 0; i < 100 && readdirSync(filesDir).some((f) => f.endsWith(".part")); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(filesDir).filter((f) => f.endsWith(".part"))).toEqual([]);
    expect((await t.db.selectFrom("events").select("report_file_key").where("id", "=", event.id).executeTakeFirstOrThrow()).report_file_key).toBeNull();
    expect((await get(server.url, `/en/events/${event.slug}/report`)).status).toBe(404);
  });

  it("attaches a PDF and a recording link, public for the event with the right headers; another country's official is refused", async () => {
    const { event } = await startedEvent();
    expect((await upload(event.id, PDF, "report.pdf", modCL).catch(() => null))?.status ?? 403).toBe(403);
    const res = await upload(event.id, PDF, "Ports report.pdf", modCA);
    expect(res.status).toBe(302);
    const file = await get(server.url, `/fr/events/${event.slug}/report`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''Ports%20report.pdf");
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    const path = `/en/admin/events/${event.id}/attendance`;
    const bad = await postForm(server.url, path, { intent: "recording", recordingUrl: "javascript:alert(1)" }, { cookie: modCA });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Enter an address starting with https://");
    expect((await postForm(server.url, path, { intent: "recording", recordingUrl: "https://video.example/ports" }, { cookie: modCA })).status).toBe(302);
    expect((await t.db.selectFrom("events").select("recording_url").where("id", "=", event.id).executeTakeFirstOrThrow()).recording_url).toBe(
      "https://video.example/ports",
    );
    const draft = await createEvent(t.db, { party: "CA", state: "draft" });
    expect((await get(server.url, `/en/events/${draft.slug}/report`)).status).toBe(404);
  });
});
