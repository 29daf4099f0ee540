import type { Migration, MigrationProvider } from "kysely";
import * as m20261129T0100 from "./2026-11-29T01-00_parties-and-regions";
import * as m20261129T0110 from "./2026-11-29T01-10_workplan";
import * as m20261129T0120 from "./2026-11-29T01-20_topics";
import * as m20261129T0200 from "./2026-11-29T02-00_accounts-audit-outbox";
import * as m20261129T0300 from "./2026-11-29T03-00_topic-documents";
import * as m20261129T0400 from "./2026-11-29T04-00_submissions";
import * as m20261129T0500 from "./2026-11-29T05-00_submission-attachments";
import * as m20261129T0600 from "./2026-11-29T06-00_moderation";
import * as m20261129T0700 from "./2026-11-29T07-00_summaries";
import * as m20261205T1000 from "./2026-12-05T10-00_question-retirement";
import * as m20261205T1100 from "./2026-12-05T11-00_approved-text";
import * as m20261205T1200 from "./2026-12-05T12-00_gender-snapshots";
import * as m20261205T1300 from "./2026-12-05T13-00_mask-outbox-links";
import * as m20261205T1600 from "./2026-12-05T16-00_edition-leases";
import * as m20261205T1700 from "./2026-12-05T17-00_used-form-stamps";
import * as m20261206T1000 from "./2026-12-06T10-00_publication-version";
import * as m20261206T1100 from "./2026-12-06T11-00_jobs";
import * as m20261206T1200 from "./2026-12-06T12-00_submission-rate-limits";
import * as m20261206T1300 from "./2026-12-06T13-00_topic-outcomes";
import * as m20261206T1500 from "./2026-12-06T15-00_public-summary-files";
import * as m20261206T1700 from "./2026-12-06T17-00_submission-drafts";
import * as m20261207T1000 from "./2026-12-07T10-00_public-list-index";
import * as m20261207T1100 from "./2026-12-07T11-00_subscriptions";
import * as m20261207T1200 from "./2026-12-07T12-00_draft-attachments";
import * as m20261207T1400 from "./2026-12-07T14-00_claims-notes-unpublish";
import * as m20261207T1500 from "./2026-12-07T15-00_reply-templates";
import * as m20261207T1600 from "./2026-12-07T16-00_workplan-progress";
import * as m20261208T1000 from "./2026-12-08T10-00_events";

/**
 * Every migration, by its file name. Listed statically (not read from the folder) so the same
 * list works under tsx, vitest and the bundled server; a test checks it matches the folder.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-29T01-00_parties-and-regions": m20261129T0100,
  "2026-11-29T01-10_workplan": m20261129T0110,
  "2026-11-29T01-20_topics": m20261129T0120,
  "2026-11-29T02-00_accounts-audit-outbox": m20261129T0200,
  "2026-11-29T03-00_topic-documents": m20261129T0300,
  "2026-11-29T04-00_submissions": m20261129T0400,
  "2026-11-29T05-00_submission-attachments": m20261129T0500,
  "2026-11-29T06-00_moderation": m20261129T0600,
  "2026-11-29T07-00_summaries": m20261129T0700,
  "2026-12-05T10-00_question-retirement": m20261205T1000,
  "2026-12-05T11-00_approved-text": m20261205T1100,
  "2026-12-05T12-00_gender-snapshots": m20261205T1200,
  "2026-12-05T13-00_mask-outbox-links": m20261205T1300,
  "2026-12-05T16-00_edition-leases": m20261205T1600,
  "2026-12-05T17-00_used-form-stamps": m20261205T1700,
  "2026-12-06T10-00_publication-version": m20261206T1000,
  "2026-12-06T11-00_jobs": m20261206T1100,
  "2026-12-06T12-00_submission-rate-limits": m20261206T1200,
  "2026-12-06T13-00_topic-outcomes": m20261206T1300,
  "2026-12-06T15-00_public-summary-files": m20261206T1500,
  "2026-12-06T17-00_submission-drafts": m20261206T1700,
  "2026-12-07T10-00_public-list-index": m20261207T1000,
  "2026-12-07T11-00_subscriptions": m20261207T1100,
  "2026-12-07T12-00_draft-attachments": m20261207T1200,
  "2026-12-07T14-00_claims-notes-unpublish": m20261207T1400,
  "2026-12-07T15-00_reply-templates": m20261207T1500,
  "2026-12-07T16-00_workplan-progress": m20261207T1600,
  "2026-12-08T10-00_events": m20261208T1000,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
