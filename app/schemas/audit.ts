import * as z from "zod";

// Shared by the audit page (filters) and the audit module (what may be recorded).
export const auditActions = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_throttled",
  "auth.sign_out",
  "auth.password_reset_requested",
  "auth.password_set",
  "user.created",
  "user.invited",
  "user.role_changed",
  "user.disabled",
  "user.enabled",
  "outbox.resent",
  "submission.claimed",
  "submission.claim_released",
  "submission.note_added",
  "topic.created",
  "topic.updated",
  "topic.published",
  "topic.closed",
  "topic.archived",
  "topic.document_added",
  "topic.document_removed",
  "workplan.progress_updated",
  "workplan.deliverable_attached",
  "event.created",
  "event.updated",
  "event.published",
  "event.cancelled",
  "event.held",
  "event.attendance_marked",
  "event.attendance_unmarked",
  "event.walk_in_added",
  "event.register_closed",
  "event.report_attached",
  "event.recording_set",
  "outcome.updated",
  "outcome.published",
  "event_registration.approved",
  "event_registration.declined",
  "theme.created",
  "theme.updated",
  "theme.deleted",
  "template.created",
  "template.updated",
  "template.deleted",
  "synthesis.updated",
  "edition.compiled",
  "edition.superseded",
  "edition.signed_off",
  "edition.signatory_changed",
] as const;

export type AuditAction = (typeof auditActions)[number];

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

/** Audit page filters from the query string; anything malformed is ignored rather than an error. */
export const auditFiltersSchema = z.object({
  action: z.enum(auditActions).optional().catch(undefined),
  actor: z.string().trim().max(254).optional().catch(undefined),
  from: day,
  to: day,
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
