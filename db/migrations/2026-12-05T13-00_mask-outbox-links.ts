import type { Kysely } from "kysely";

// Frozen: never edit a migration that has run anywhere; add a new one.
// Emails with a one-time link (receipts' private links, invitations, password resets) used to be
// kept in clear in the outbox, where every admin could read and use them (issue 13). This masks
// the token in those stored messages and keeps the rest of each message as it was; the outbox
// can send such a link again, as a new one. Data only: there is nothing to undo.
const MASKED_TOKEN = "••••••••";
const KINDS = ["submission_receipt", "invitation", "password_reset"];

function maskTokens(body: string): string {
  return body.replace(/([?&](?:amp;)?token=)[A-Za-z0-9_-]+/g, (_, prefix: string) => prefix + MASKED_TOKEN);
}

export async function up(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom("outbox").select(["id", "text_body", "html_body"]).where("kind", "in", KINDS).execute();
  for (const row of rows as Array<{ id: number; text_body: string; html_body: string }>) {
    const text = maskTokens(row.text_body);
    const html = maskTokens(row.html_body);
    if (text !== row.text_body || html !== row.html_body) {
      await db.updateTable("outbox").set({ text_body: text, html_body: html }).where("id", "=", row.id).execute();
    }
  }
}

export async function down(): Promise<void> {
  // The tokens are gone on purpose; the masked messages stay.
}
