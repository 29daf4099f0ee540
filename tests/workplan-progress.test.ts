// The work plan kept current (ADR 044): each country's officials update their own side of an
// activity or deliverable — audited, public on /:lang/workplan with the date of the update, the
// deliverable's file checked by its content.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../db/seed/index";
import { createSummaryOfficials, CSRF_TOKEN } from "./factories";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { get, postForm } from "./helpers/http";
import { startServer, type RunningServer } from "./helpers/server";

const filesDir = mkdtempSync(join(tmpdir(), "puente-workplan-"));
process.env.FILES_DIR = filesDir;
let t: TestDatabase;
let server: RunningServer;
let officials: Awaited<ReturnType<typeof createSummaryOfficials>>;
let activityId = 0;
let deliverableId = 0;
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

beforeAll(async () => {
  t = await createTestDatabase();
  await seed(t.db);
  officials = await createSummaryOfficials(t.db);
  activityId = (await t.db.selectFrom("workplan_items").select("id").where("kind", "=", "activity").orderBy("id").executeTakeFirstOrThrow()).id;
  deliverableId = (await t.db.selectFrom("workplan_items").select("id").where("kind", "=", "deliverable").orderBy("id").executeTakeFirstOrThrow()).id;
  server = await startServer({ ...t.env, FILES_DIR: filesDir });
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
  rmSync(filesDir, { recursive: true, force: true });
});

const progress = (itemId: number, party: string) =>
  t.db.selectFrom("workplan_progress").selectAll().where("item_id", "=", itemId).where("party_code", "=", party).executeTakeFirstOrThrow();
const version = async () => (await t.db.selectFrom("publication_version").select("version").executeTakeFirstOrThrow()).version;
const audits = (action: string) => t.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();

function upload(itemId: number, party: string, file: Buffer, name: string, cookie: string) {
  const form = new FormData();
  form.set("csrf", CSRF_TOKEN);
  form.set("file", new Blob([new Uint8Array(file)], { type: "application/pdf" }), name);
  return fetch(`${server.url}/en/admin/workplan?item=${itemId}&party=${party}`, {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: { Cookie: cookie },
  });
}

describe("updating the work plan", () => {
  it("lets a country's moderator update their own side, audited, and the public page shows it with the date of the update", async () => {
    const before = await version();
    const res = await postForm(
      server.url,
      "/fr/admin/workplan",
      { itemId: String(activityId), party: "CL", status: "in_progress", dueOn: "2027-03-31", tentative: "on" },
      { cookie: officials.cookies.modCL },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/fr/admin/workplan?saved=saved#item-${activityId}-CL`);
    const row = await progress(activityId, "CL");
    expect(row).toMatchObject({ status: "in_progress", due_on: "2027-03-31", updated_by_user_id: officials.actors.modCL.id });
    expect(Number(row.due_tentative)).toBe(1);
    expect(row.updated_at).not.toBeNull();
    // Canada's side is untouched.
    expect((await progress(activityId, "CA")).status).toBe("planned");
    const [audit] = await audits("workplan.progress_updated");
    expect(JSON.parse(audit!.details!)).toMatchObject({ party: "CL", before: { status: "planned" }, after: { status: "in_progress", due_on: "2027-03-31" } });
    expect(await version()).toBe(before + 1);

    const page = await (await get(server.url, "/fr/workplan")).text();
    expect(page).toContain("En cours");
    expect(page).toContain("Date\u202f: 31 mars 2027 (à confirmer)");
    expect(page).toMatch(/Dernière mise à jour le \d+ \S+ \d{4}\./);
    const es = await (await get(server.url, "/es/workplan")).text();
    expect(es).toContain("En curso");
  });

  it("saving the same values again changes nothing and records nothing", async () => {
    const before = (await audits("workplan.progress_updated")).length;
    const res = await postForm(
      server.url,
      "/en/admin/workplan",
      { itemId: String(activityId), party: "CL", status: "in_progress", dueOn: "2027-03-31", tentative: "on" },
      { cookie: officials.cookies.modCL },
    );
    expect(res.headers.get("location")).toContain("saved=unchanged");
    expect(await audits("workplan.progress_updated")).toHaveLength(before);
  });

  it("refuses another country's side (403, nothing changed) and a bad date (400, translated)", async () => {
    const res = await postForm(
      server.url,
      "/en/admin/workplan",
      { itemId: String(activityId), party: "CA", status: "done", dueOn: "" },
      { cookie: officials.cookies.modCL },
    );
    expect(res.status).toBe(403);
    expect((await progress(activityId, "CA")).status).toBe("planned");
    const bad = await postForm(
      server.url,
      "/en/admin/workplan",
      { itemId: String(activityId), party: "CL", status: "done", dueOn: "31/03/2027" },
      { cookie: officials.cookies.modCL },
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Enter a date.");
    expect((await progress(activityId, "CL")).status).toBe("in_progress");
  });

  it("lets an admin update either country; an empty date means 'to be confirmed'", async () => {
    const res = await postForm(
      server.url,
      "/es/admin/workplan",
      { itemId: String(activityId), party: "CA", status: "cancelled", dueOn: "" },
      { cookie: officials.cookies.admin },
    );
    expect(res.status).toBe(302);
    expect(await progress(activityId, "CA")).toMatchObject({ status: "cancelled", due_on: null });
    expect(await (await get(server.url, "/es/workplan")).text()).toContain("Cancelada");
  });
});

describe("attaching a deliverable", () => {
  it("refuses a file before the item is done", async () => {
    const res = await upload(deliverableId, "CA", PDF, "report.pdf", officials.cookies.modCA);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Attach the deliverable once it is marked done.");
    expect((await progress(deliverableId, "CA")).file_key).toBeNull();
  });

  it("checks the file by its content, not its name, then serves it from the public page", async () => {
    await postForm(
      server.url,
      "/en/admin/workplan",
      { itemId: String(deliverableId), party: "CA", status: "done", dueOn: "2026-11-30" },
      { cookie: officials.cookies.modCA },
    );
    const fake = await upload(deliverableId, "CA", Buffer.from("<html>not a pdf</html>"), "report.pdf", officials.cookies.modCA);
    expect(fake.status).toBe(400);
    expect(await fake.text()).toContain("PDF");
    expect((await progress(deliverableId, "CA")).file_key).toBeNull();

    const before = await version();
    const res = await upload(deliverableId, "CA", PDF, "Rapport final.pdf", officials.cookies.modCA);
    expect(res.status).toBe(302);
    const row = await progress(deliverableId, "CA");
    expect(row.file_name).toBe("Rapport final.pdf");
    expect(await version()).toBe(before + 1);
    const [audit] = await audits("workplan.deliverable_attached");
    expect(JSON.parse(audit!.details!)).toMatchObject({ party: "CA", name: "Rapport final.pdf", size: PDF.length });

    const page = await (await get(server.url, "/en/workplan")).text();
    expect(page).toContain(`/en/workplan/deliverables/${deliverableId}/CA`);
    const file = await get(server.url, `/en/workplan/deliverables/${deliverableId}/CA`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await get(server.url, `/en/workplan/deliverables/${deliverableId}/CL`)).status).toBe(404);
  });

  it("refuses another country's moderator before storing anything", async () => {
    const res = await upload(deliverableId, "CA", PDF, "x.pdf", officials.cookies.modCL);
    expect(res.status).toBe(403);
    expect((await progress(deliverableId, "CA")).file_name).toBe("Rapport final.pdf");
  });
});
