// The outbox and the audit trail on a phone (issue 18, item 10): each row a card, each field under
// its heading, nothing wider than the screen; axe-clean, with screenshots in French and Spanish.
import { describe, expect, it } from "vitest";
import { recordAudit } from "~/models/audit.server";
import { moderate } from "~/models/moderation.server";
import { createReplyTemplate } from "~/models/reply-templates.server";
import { createSubmissionFor, createTopic, createUser } from "../factories";
import { expectAxeClean, signedIn, useE2E } from "./browser";

const e2e = useE2E();

describe.each(["fr", "es"] as const)("outbox and audit trail on a phone in %s", (locale) => {
  it("lay each row out as a card that fits the screen", async () => {
    const admin = await createUser(e2e.t.db, { role: "admin", locale });
    const actor = { id: admin.id, role: "admin" as const, partyCode: null };
    const topic = await createTopic(e2e.t.db, { party: "CA" });
    // An email to a long address, and audit entries with several details.
    const s = await createSubmissionFor(e2e.t.db, {
      topicSlug: topic.slug,
      locale,
      values: { contactEmail: "a.very.long.address.for.a.small.screen@organisation-example-with-a-long-name.org" },
    });
    await moderate(e2e.t.db, actor, s.reference, { intent: "approve", version: 1, applyToCampaign: false });
    await createReplyTemplate(e2e.t.db, actor, "CL", {
      kind: "note",
      locale: "es",
      reason: null,
      name: "Gracias",
      body: "Gracias por su aporte a la consulta.",
    });
    await recordAudit(e2e.t.db, {
      actor: { id: admin.id, email: admin.email },
      action: "user.role_changed",
      subject: { type: "user", id: admin.id },
      details: { before: { role: "moderator", party: "CA" }, after: { role: "admin", party: null }, reason: "A long reason that must wrap on a small screen" },
    });

    const { context, page, errors } = await signedIn(e2e, locale, admin, { phone: true });
    for (const [path, id] of [
      ["outbox", "outbox"],
      ["audit", "audit"],
    ] as const) {
      await page.goto(`${e2e.server.url}/${locale}/admin/${path}`);
      const firstRow = page.locator(`table[aria-labelledby="${id}-caption"] tbody tr, #${id}-caption ~ tbody tr`).first();
      await expect.poll(() => firstRow.evaluate((tr) => getComputedStyle(tr).display)).toBe("block");
      // Each cell says what it is (the column's heading above its value).
      expect(await firstRow.locator("td[data-label]").count()).toBeGreaterThanOrEqual(4);
      const overflow = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth - window.innerWidth,
        table: [...document.querySelectorAll(".table-wrap")].map((w) => w.scrollWidth - w.clientWidth),
      }));
      expect(overflow.page, path).toBeLessThanOrEqual(0);
      for (const extra of overflow.table) expect(extra, path).toBeLessThanOrEqual(0);
      await expectAxeClean(page, `${path}-${locale}-phone`);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
