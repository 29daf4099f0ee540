import { describe, expect, it } from "vitest";
import { createEvent, createRegistration, createUser } from "../factories";
import { expectAxeClean, keepScreenshot, signedIn, useE2E, viewports, waitForHydration } from "./browser";

// On the event's day (ADR 045): an official searches the check-in list and checks people in
// (without JavaScript in French, with it in Spanish), adds a walk-in, closes the register and
// attaches the report; every page axe-clean, the page looked at on a phone in English.

const e2e = useE2E();
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

async function eventToday(title: string) {
  const event = await createEvent(e2e.t.db, {
    party: "CA",
    startsAt: new Date(Date.now() - 3600_000),
    translations: { en: { title }, fr: { title }, es: { title } },
  });
  const ana = await createRegistration(e2e.t.db, event.id, { name: "Ana Arrival", consent: true });
  const zed = await createRegistration(e2e.t.db, event.id, { name: "Zed Zamora", consent: false });
  return { event, ana, zed };
}

describe("attendance on the day", () => {
  it("without JavaScript (fr): search, check in, add a walk-in", async () => {
    const official = await createUser(e2e.t.db, { role: "moderator", party: "CA", locale: "fr" });
    const { event, ana } = await eventToday("Atelier sans JS");
    const { context, page } = await signedIn(e2e, "fr", official, { javaScriptEnabled: false });
    const url = `${e2e.server.url}/fr/admin/events/${event.id}/attendance`;
    await page.goto(url);
    await page.getByLabel("Rechercher par nom").fill("ana");
    await page.getByRole("button", { name: "Rechercher", exact: true }).click();
    await page.waitForURL(/q=ana/);
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    await page.getByRole("button", { name: "Marquer Ana Arrival présent" }).click();
    await page.waitForURL(/done=present/);
    await expect.poll(() => page.locator(`#row-${ana.id}`).textContent()).toContain("Présent");
    // axe needs JavaScript in the page: the same page is checked with it in the next test.
    await keepScreenshot(page, "event-attendance-nojs-fr");

    await page.locator("#field-name").fill("Walt Walkin");
    await page.locator("#field-stakeholderType").selectOption("academic");
    await page.locator("#field-country").selectOption("CA");
    await page.locator("#field-region").selectOption("CA-QC");
    await page.locator("#field-consent").check();
    await page.getByRole("button", { name: "Ajouter et marquer présente" }).click();
    await page.waitForURL(/done=walkIn/);
    await expect.poll(() => page.locator(".flash").first().textContent()).toContain("Personne ajoutée et marquée présente.");
    await expect(page.locator("tbody").textContent()).resolves.toContain("Walt Walkin");
    await context.close();
  });

  it("with JavaScript (es): check in, close the register, attach the report", async () => {
    const official = await createUser(e2e.t.db, { role: "moderator", party: "CA", locale: "es" });
    const { event, zed } = await eventToday("Taller con JS");
    const { context, page, errors } = await signedIn(e2e, "es", official);
    await page.goto(`${e2e.server.url}/es/admin/events/${event.id}/attendance`);
    await waitForHydration(page);
    await page.getByRole("button", { name: "Marcar presente a Zed Zamora" }).click();
    await page.getByRole("button", { name: "Deshacer la asistencia de Zed Zamora" }).waitFor();
    await expect(page.locator(`#row-${zed.id}`).textContent()).resolves.toContain("Presente");

    await page.locator("#field-confirm").check();
    await page.getByRole("button", { name: "Cerrar el registro" }).click();
    await page.waitForURL(/done=closed/);
    await expect.poll(() => page.locator("#register").textContent()).toContain("SHA-256");
    await expect.poll(() => page.getByRole("link", { name: "Registro (PDF)" }).count()).toBe(1);

    await page.locator("#field-report").setInputFiles({ name: "informe.pdf", mimeType: "application/pdf", buffer: PDF });
    await page.getByRole("button", { name: "Adjuntar el informe" }).click();
    await page.waitForURL(/done=report/);
    await expect.poll(() => page.locator("#report").locator("..").textContent()).toContain("informe.pdf");
    await expectAxeClean(page, "event-attendance-closed-es");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("is usable on a phone (en)", async () => {
    const official = await createUser(e2e.t.db, { role: "moderator", party: "CA", locale: "en" });
    const { event } = await eventToday("Phone workshop");
    const { context, page } = await signedIn(e2e, "en", official);
    await page.setViewportSize(viewports.phone);
    await page.goto(`${e2e.server.url}/en/admin/events/${event.id}/attendance`);
    await waitForHydration(page);
    await expectAxeClean(page, "event-attendance-phone-en");
    await keepScreenshot(page, "event-attendance-phone-en");
    await context.close();
  });
});
