import { describe, expect, it } from "vitest";
import { createSubmissionFor, createTopic, createUser } from "../factories";
import { expectAxeClean, signedIn, useE2E, viewports, waitForHydration } from "./browser";

// The dashboard and the work plan kept current (ADR 044), in French and Spanish, on a phone and a
// desktop: axe-clean, with screenshots kept for people to look at.
const e2e = useE2E();
const DAY = 24 * 60 * 60 * 1000;

const texts = {
  fr: { queue: "Contributions à examiner", save: "Enregistrer", saved: "Enregistré.", inProgress: "En cours", updated: /Dernière mise à jour le/ },
  es: { queue: "Aportes por revisar", save: "Guardar", saved: "Guardado.", inProgress: "En curso", updated: /Última actualización el/ },
} as const;

async function someData() {
  const topic = await createTopic(e2e.t.db, { party: "CA", opensAt: new Date(Date.now() - 40 * DAY), closesAt: new Date(Date.now() + 6 * DAY) });
  await createTopic(e2e.t.db, { party: "CL", opensAt: new Date(Date.now() + 2 * DAY), closesAt: new Date(Date.now() + 30 * DAY) });
  for (const daysAgo of [25, 9, 9, 4, 1, 0]) await createSubmissionFor(e2e.t.db, { topicSlug: topic.slug, now: new Date(Date.now() - daysAgo * DAY) });
}

describe.each(["fr", "es"] as const)("dashboard and work plan in %s", (locale) => {
  const x = texts[locale];
  it("shows the dashboard and the work plan on a phone and a desktop, axe-clean; a moderator updates an activity and the public page shows it", async () => {
    if (locale === "fr") await someData();
    const moderator = await createUser(e2e.t.db, { role: "moderator", party: "CA", locale });
    const admin = await createUser(e2e.t.db, { role: "admin", locale });
    for (const [who, user] of [
      ["moderator", moderator],
      ["admin", admin],
    ] as const) {
      for (const phone of [false, true]) {
        const { context, page, errors } = await signedIn(e2e, locale, user, { phone });
        await waitForHydration(page);
        await expect.poll(() => page.getByRole("heading", { name: x.queue }).count()).toBe(1);
        await expectAxeClean(page, `dashboard-${who}-${locale}-${phone ? "phone" : "desktop"}`);
        if (who === "moderator" && !phone) {
          await page.goto(`${e2e.server.url}/${locale}/admin/workplan?overdue=1`);
          await waitForHydration(page);
          await expectAxeClean(page, `admin-workplan-${locale}-desktop`);
          // The first activity still planned, past its date: now in progress, its date to be confirmed.
          const form = page.locator(".workplan-progress form").first();
          await form.locator("select[name=status]").selectOption("in_progress");
          await form.locator("input[name=dueOn]").fill("");
          await form.getByRole("button", { name: x.save }).click();
          await expect.poll(() => page.getByText(x.saved, { exact: true }).count()).toBe(1);
        }
        expect(errors).toEqual([]);
        await context.close();
      }
    }
    for (const viewport of ["phone", "desktop"] as const) {
      const context = await e2e.browser.newContext({ locale, viewport: viewports[viewport] });
      const page = await context.newPage();
      await page.goto(`${e2e.server.url}/${locale}/workplan`);
      await waitForHydration(page);
      expect(await page.getByText(x.updated).count()).toBe(1);
      expect(await page.getByText(x.inProgress, { exact: true }).count()).toBeGreaterThan(0);
      await expectAxeClean(page, `workplan-${locale}-${viewport}`);
      await context.close();
    }
  });
});
