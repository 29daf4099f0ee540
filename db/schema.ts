import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * One Database interface for SQLite and PostgreSQL (see docs/decisions/002).
 * Timestamps are ISO-8601 UTC strings ("2026-03-31T23:59:00.000Z"), dates are "YYYY-MM-DD",
 * booleans are 0/1 integers: the same values on both engines.
 */
type Timestamp = string;
type CreatedAt = ColumnType<string, string | undefined, never>;

export type Locale = "en" | "fr" | "es";

export interface PartiesTable {
  code: string;
  time_zone: string;
  position: number;
  /** The official who signs off summary editions for this party. */
  signatory_user_id: ColumnType<number | null, number | null | undefined, number | null>;
}
export interface PartyTranslationsTable {
  party_code: string;
  locale: Locale;
  name: string;
  time_zone_label: string;
}
export interface RegionsTable {
  code: string;
  party_code: string;
  time_zone: string;
  position: number;
}
export interface RegionTranslationsTable {
  region_code: string;
  locale: Locale;
  name: string;
}

export interface WorkplansTable {
  id: Generated<number>;
  slug: string;
  starts_on: string;
  ends_on: string;
}
export interface WorkplanTranslationsTable {
  workplan_id: number;
  locale: Locale;
  title: string;
  introduction: string;
}
export interface WorkplanAreasTable {
  id: Generated<number>;
  workplan_id: number;
  number: number;
  article: string;
}
export interface WorkplanAreaTranslationsTable {
  area_id: number;
  locale: Locale;
  title: string;
  description: string;
}
export type WorkplanItemKind = "principle" | "objective" | "activity" | "deliverable";
export type ActivityStatus = "planned" | "to_be_confirmed" | "done";
/** Principles (area_id null), objectives, activities and deliverables of a work plan. */
export interface WorkplanItemsTable {
  id: Generated<number>;
  workplan_id: number;
  area_id: number | null;
  kind: WorkplanItemKind;
  position: number;
  /** Activities only. */
  status: ActivityStatus | null;
}
export interface WorkplanItemTranslationsTable {
  item_id: number;
  locale: Locale;
  text: string;
  /** Activities only: the timing as written, e.g. "June 2024 (to be confirmed)". */
  timing: string | null;
}
export type ProgressStatus = "planned" | "in_progress" | "done" | "cancelled";
/** Where one country stands on an activity or deliverable of the work plan (ADR 044). */
export interface WorkplanProgressTable {
  item_id: number;
  party_code: string;
  status: ProgressStatus;
  /** YYYY-MM-DD; null: no date yet. */
  due_on: string | null;
  /** 1: the date is not confirmed yet. */
  due_tentative: ColumnType<number, number | undefined, number>;
  /** The deliverable's file (PDF), public once attached. */
  file_key: string | null;
  file_name: string | null;
  file_size: number | null;
  file_sha256: string | null;
  /** Null: as seeded from the plan, never updated since. */
  updated_at: Timestamp | null;
  updated_by_user_id: number | null;
}

/** draft → published (scheduled/open/closed follow the dates) → archived; closed_early_at ends it sooner. */
export type TopicState = "draft" | "published" | "archived";
export interface TopicsTable {
  id: Generated<number>;
  party_code: string;
  area_id: number | null;
  slug: string;
  state: ColumnType<TopicState, TopicState | undefined, TopicState>;
  opens_at: Timestamp;
  closes_at: Timestamp;
  closed_early_at: Timestamp | null;
  allow_comments: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}
export interface TopicTranslationsTable {
  topic_id: number;
  locale: Locale;
  title: string;
  summary: string;
  body: string;
}
export interface TopicQuestionsTable {
  id: Generated<number>;
  topic_id: number;
  /** 0–9 in the form's order; a retired question is parked at MAX_QUESTIONS + id, after them. */
  position: number;
  /** Removed from the topic while answers point at it: no longer asked, its answers kept (ADR 014). */
  retired_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
}
export interface TopicQuestionTranslationsTable {
  question_id: number;
  locale: Locale;
  text: string;
}

export interface TopicDocumentsTable {
  id: Generated<number>;
  topic_id: number;
  file_key: string;
  file_name: string;
  size: number;
  sha256: string;
  kind: "pdf";
  /** The document's language, when it has one. */
  locale: Locale | null;
  created_at: Timestamp;
  created_by: number | null;
}

export type SubmissionStatus = "pending" | "approved" | "rejected" | "withdrawn";
export interface SubmissionsTable {
  id: Generated<number>;
  /** e.g. "CL-2026-00042": party, year, sequence within both. */
  reference: string;
  topic_id: number;
  party_code: string;
  year: number;
  seq: number;
  kind: "proposal" | "comment";
  in_reply_to: number | null;
  on_behalf: "organisation" | "self";
  stakeholder_type: string;
  stakeholder_other: string | null;
  organisation_name: string | null;
  organisation_size: string | null;
  women_led: "yes" | "no" | "prefer_not" | null;
  country: "CA" | "CL" | "other";
  region_code: string | null;
  /** Never public. */
  contact_name: string;
  /** Never public. */
  contact_email: string;
  title: string | null;
  body: string;
  language: Locale;
  publication: "named" | "anonymous" | "officials";
  status: SubmissionStatus;
  edit_token_hash: string;
  /** SHA-256 of topic, address and text: the same letter sent twice in a day is one submission. */
  content_hash: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Raised by every change; a form carries the version it was opened at (optimistic concurrency). */
  version: ColumnType<number, number | undefined, number>;
  /** The officials' redacted title and text, published instead of the original when set ("" title: redacted to none). */
  published_title: string | null;
  published_body: string | null;
  /** 0 when officials withhold the attachments from publication. */
  attachments_public: ColumnType<number, number | undefined, number>;
  rejection_reason: RejectionReason | null;
  rejection_note: string | null;
  campaign_id: number | null;
  /** Fingerprint of the normalised text: the same letter sent by many shares it. */
  similarity_key: string | null;
  /** When it was last approved or rejected. */
  decided_at: Timestamp | null;
  /** The language of the pages the person used; null for submissions made before it was kept. */
  contact_locale: ColumnType<Locale | null, Locale | null | undefined, Locale | null>;
  /**
   * What a moderator approved (docs/decisions/015): the version they had open, and the public
   * title and text as they were then (redactions applied; a null title means none). The public
   * reads only these.
   */
  approved_version: ColumnType<number | null, number | null | undefined, number | null>;
  approved_title: ColumnType<string | null, string | null | undefined, string | null>;
  approved_body: ColumnType<string | null, string | null | undefined, string | null>;
  /** A copy approved by a campaign decision: the copy whose text was reviewed. It is counted, not published. */
  approved_from: ColumnType<number | null, number | null | undefined, number | null>;
}
export interface SubmissionAnswersTable {
  submission_id: number;
  question_id: number;
  text: string;
  /** The officials' redacted answer, published instead of the original when set. */
  published_text: ColumnType<string | null, string | null | undefined, string | null>;
}
export type RejectionReason = "off_topic" | "abusive" | "spam" | "duplicate" | "third_party_data" | "other";
export type ModerationAction =
  "approve" | "reject" | "redact" | "tag" | "translate" | "campaign" | "submitter_edit" | "submitter_withdraw" | "unpublish" | "reconsider";
export interface CampaignsTable {
  id: Generated<number>;
  topic_id: number;
  similarity_key: string;
  created_by_user_id: number | null;
  created_at: Timestamp;
  /** The copy an official reviewed for the campaign: a later copy joins on arrival only with the same text. */
  reviewed_submission_id: ColumnType<number | null, number | null | undefined, number | null>;
}
export interface ThemesTable {
  id: Generated<number>;
  party_code: string;
  label_en: string;
  label_fr: string;
  label_es: string;
  created_at: Timestamp;
}
export interface SubmissionThemesTable {
  submission_id: number;
  theme_id: number;
}
export interface SubmissionTranslationsTable {
  submission_id: number;
  locale: Locale;
  title: string | null;
  body: string;
  translated_by_user_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface ModerationEventsTable {
  id: Generated<number>;
  submission_id: number;
  actor_user_id: number | null;
  action: ModerationAction;
  reason: string | null;
  note: string | null;
  /** JSON text of the fields the action changed, before and after. */
  before: string | null;
  after: string | null;
  created_at: Timestamp;
}
/** "I am reviewing this": one per submission; older than 30 minutes counts as released (ADR 042). */
export interface SubmissionClaimsTable {
  submission_id: number;
  user_id: number;
  claimed_at: Timestamp;
}
/** Officials' internal notes on a submission: append-only, never public (ADR 042). */
export interface SubmissionNotesTable {
  id: Generated<number>;
  submission_id: number;
  author_user_id: number | null;
  body: string;
  created_at: Timestamp;
}
export interface SubmissionAttachmentsTable {
  id: Generated<number>;
  submission_id: number;
  file_key: string;
  file_name: string;
  size: number;
  sha256: string;
  kind: "pdf" | "docx" | "odt" | "txt";
  created_at: Timestamp;
}
export interface ParticipantProfilesTable {
  id: Generated<number>;
  submission_id: number | null;
  topic_id: number;
  gender: "woman" | "man" | "another" | "prefer_not";
  created_at: Timestamp;
}

export type Role = "admin" | "moderator" | "committee";
export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string | null;
  role: Role;
  /** Required for moderators; a committee member may belong to either party; admins have none. */
  party_code: string | null;
  locale: ColumnType<Locale, Locale | undefined, Locale>;
  disabled_at: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}
export interface SessionsTable {
  id_hash: string;
  user_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}
export type TokenPurpose = "invitation" | "password_reset";
export interface UserTokensTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  purpose: TokenPurpose;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}
export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Timestamp | null;
}
/** The public form's rate limit: accepted submissions per client address in the current window. */
export interface SubmissionRateLimitsTable {
  key: string;
  hits: number;
  window_started_at: Timestamp;
}
/** Nonces of form stamps already used for a submission (one stamp, one submission). */
export interface UsedFormStampsTable {
  nonce: string;
  expires_at: Timestamp;
}
/** The embedded job runner's queue (SQLite; pg-boss keeps its own on PostgreSQL). ADR 029. */
export interface JobsTable {
  id: Generated<number>;
  name: string;
  /** JSON. Never shown: a payload may name a person (the admin jobs page shows none of it). */
  payload: string;
  state: "created" | "retry" | "active" | "completed" | "failed";
  attempts: Generated<number>;
  retry_limit: number;
  retry_delay_seconds: number;
  retry_backoff: number;
  timeout_seconds: number;
  singleton_key: string | null;
  run_after: Timestamp;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  last_error: string | null;
  locked_by: string | null;
}
export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_user_id: number | null;
  actor_label: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  /** JSON text. */
  details: string | null;
}
export type OutboxStatus = "stored" | "sent" | "failed";
export interface OutboxTable {
  id: Generated<number>;
  created_at: Timestamp;
  kind: string;
  to_address: string;
  locale: Locale;
  subject: string;
  text_body: string;
  html_body: string;
  status: OutboxStatus;
  sent_at: Timestamp | null;
  error: string | null;
  /** JSON object of extra headers (List-Unsubscribe…), one-time links masked like the body. */
  headers: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SynthesesTable {
  party_code: string;
  area_id: number;
  locale: Locale;
  text: string;
  updated_by_user_id: number | null;
  updated_at: Timestamp;
}
export type OutcomeState = "draft" | "published";
/** "What we heard": the officials' response to a closed consultation (ADR 031). */
export interface TopicOutcomesTable {
  id: Generated<number>;
  topic_id: number;
  state: OutcomeState;
  /** The frozen summary edition linked in the draft. */
  edition_id: number | null;
  /** The edition linked when it was last published: what the public reads. */
  published_edition_id: number | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by_user_id: number | null;
  published_at: Timestamp | null;
  published_by_user_id: number | null;
}
/** An outcome's texts in one language: the officials' draft, or the copy published. */
export interface TopicOutcomeTextsTable {
  outcome_id: number;
  stage: OutcomeState;
  locale: Locale;
  heard: string;
  actions: string;
  next_steps: string;
}
export type EditionStatus = "compiling" | "compiled" | "exchanged" | "superseded" | "failed";
export interface SummaryEditionsTable {
  id: Generated<number>;
  /** What was compiled, e.g. "bilateral-area:3"; numbers run per scope and edition. */
  scope_key: string;
  number: number;
  /** JSON of the SummaryScope. */
  scope: string;
  edition: "public" | "committee";
  status: EditionStatus;
  progress: ColumnType<number, number | undefined, number>;
  /** JSON array of the included submission ids. */
  submission_ids: string | null;
  /** JSON of the synthesis texts as compiled, by party and language. */
  syntheses: string | null;
  /** SHA-256 over the files' hashes: one value to compare. */
  data_hash: string | null;
  error: string | null;
  superseded_by: number | null;
  created_by_user_id: number | null;
  created_at: Timestamp;
  completed_at: Timestamp | null;
  /** The server process compiling it ("host:pid:random"), while it compiles. */
  lease_owner: ColumnType<string | null, string | null | undefined, string | null>;
  /** Renewed while it compiles: older than the lease, the compilation is taken as dead. */
  heartbeat_at: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface SummaryEditionFilesTable {
  edition_id: number;
  format: "pdf" | "docx" | "xlsx" | "csv" | "json";
  locale: Locale;
  file_key: string;
  file_name: string;
  size: number;
  sha256: string;
}
/** A consultation's gender counts, taken once when it is first settled (ADR 016); never updated. */
export interface GenderSnapshotsTable {
  topic_id: number;
  woman: number;
  man: number;
  another: number;
  prefer_not: number;
  respondents: number;
  taken_at: Timestamp;
}
/** One row (id 1): advanced by every change to what the public can see (ADR 027). */
export interface PublicationVersionTable {
  id: number;
  version: number;
  changed_at: Timestamp;
}
/** The public statistics of one scope and language, computed at one publication key (ADR 027). */
export interface StatsSnapshotsTable {
  key: string;
  publication_key: string;
  data: string;
  computed_at: Timestamp;
}

/** A saved form of the public submission form (ADR 036): reachable only by its emailed link. */
export interface SubmissionDraftsTable {
  id: Generated<number>;
  topic_id: number;
  /** SHA-256 of the private link's token. */
  token_hash: string;
  /** What was typed, as a JSON object of field name to text, bounded like the form. */
  values_json: string;
  contact_email: string;
  locale: Locale;
  /** The consultation's closing time: the draft cannot be opened after it and is then removed. */
  expires_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A file attached to a saved draft (ADR 040): it becomes the submission's when the draft is sent. */
export interface SubmissionDraftAttachmentsTable {
  id: Generated<number>;
  draft_id: number;
  file_key: string;
  file_name: string;
  size: number;
  sha256: string;
  kind: "pdf" | "docx" | "odt" | "txt";
  created_at: Timestamp;
}

/** A country's wording for a rejection (with its reason) or a note to the person, in one language (ADR 043). */
export interface ReplyTemplatesTable {
  id: Generated<number>;
  party_code: string;
  kind: "rejection" | "note";
  locale: Locale;
  /** The rejection reason the template goes with (rejection templates only). */
  reason: RejectionReason | null;
  name: string;
  body: string;
  updated_by_user_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The stored public summary files of a consultation (ADR 033): a set per build, one current. */
export interface PublicSummaryFilesTable {
  id: Generated<number>;
  topic_id: number;
  build_id: string;
  /** 1 for the set being served; 0 while a set is being built (or left by a build that stopped). */
  current: number;
  format: "pdf" | "docx" | "xlsx" | "csv" | "json";
  locale: Locale;
  file_key: string;
  file_name: string;
  size: number;
  sha256: string;
  built_at: Timestamp;
  /** The publication key the set was last checked against (ADR 027). */
  publication_key: string;
  /** A hash of what the set shows, whatever its generation time: an unchanged topic is not rebuilt. */
  signature: string;
}

export type SubscriptionKind = "new_consultations" | "reminders" | "digest" | "replies";
/** A subscription by email, without an account (ADR 039): pending until confirmed. Never public. */
export interface SubscriptionsTable {
  id: Generated<number>;
  email: string;
  locale: Locale;
  kind: SubscriptionKind;
  party_code: string | null;
  area_id: number | null;
  topic_id: number | null;
  submission_id: number | null;
  status: "pending" | "active" | "unsubscribed";
  /** SHA-256 of the confirmation link's token; cleared once confirmed. */
  confirm_token_hash: string | null;
  confirm_expires_at: Timestamp | null;
  token_salt: string;
  watermark: Timestamp | null;
  last_sent_at: Timestamp | null;
  created_at: Timestamp;
  confirmed_at: Timestamp | null;
  unsubscribed_at: Timestamp | null;
}
/** One email sent (or an event marked known) per address and event: what makes every notice once-only. */
export interface SubscriptionDeliveriesTable {
  id: Generated<number>;
  subscription_id: number;
  email: string;
  event_key: string;
  outbox_id: number | null;
  created_at: Timestamp;
}

export interface SummarySignoffsTable {
  edition_id: number;
  party_code: string;
  user_id: number;
  signed_at: Timestamp;
}

export type EventFormat = "in_person" | "online" | "hybrid";
/** draft → published → held (or cancelled); ADR 045. */
export type EventState = "draft" | "published" | "cancelled" | "held";
export interface EventsTable {
  id: Generated<number>;
  party_code: string;
  slug: string;
  /** The work-plan activity the event delivers. */
  workplan_item_id: number | null;
  area_id: number | null;
  format: EventFormat;
  place: string | null;
  /** Sent to registered people only; never public. */
  online_url: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  /** IANA zone the times are shown in. */
  time_zone: string;
  /** Comma-separated locales, e.g. "en,es". */
  languages: string;
  /** Comma-separated locales interpreted into ("" none). */
  interpretation: ColumnType<string, string | undefined, string>;
  /** Null: no limit. */
  capacity: number | null;
  registration_opens_at: Timestamp;
  registration_closes_at: Timestamp;
  requires_approval: ColumnType<number, number | undefined, number>;
  state: ColumnType<EventState, EventState | undefined, EventState>;
  published_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  cancellation_note: string | null;
  recording_url: string | null;
  report_file_key: string | null;
  report_file_name: string | null;
  report_size: number | null;
  report_sha256: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_by_user_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface EventTranslationsTable {
  event_id: number;
  locale: Locale;
  title: string;
  description: string;
  agenda: ColumnType<string, string | undefined, string>;
}
export type RegistrationStatus = "pending" | "confirmed" | "waitlisted" | "cancelled" | "declined";
export interface EventRegistrationsTable {
  id: Generated<number>;
  event_id: number;
  /** Never public. */
  name: string;
  /** Never public; null for a walk-in who gave none. */
  email: string | null;
  organisation_name: string | null;
  stakeholder_type: string;
  stakeholder_other: string | null;
  women_led: "yes" | "no" | "prefer_not" | null;
  country: "CA" | "CL" | "other";
  region_code: string | null;
  /** Accessibility or interpretation needs: officials only. */
  needs: string | null;
  /** 1: agreed to be named on the attendance register. */
  register_consent: ColumnType<number, number | undefined, number>;
  locale: Locale;
  status: RegistrationStatus;
  walk_in: ColumnType<number, number | undefined, number>;
  attended_at: Timestamp | null;
  checked_in_by_user_id: number | null;
  /** SHA-256 of the private link's token; null for walk-ins. */
  token_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  cancelled_at: Timestamp | null;
  promoted_at: Timestamp | null;
  reminded_at: Timestamp | null;
}
/** A registrant's gender answer, apart from the registration; read as counts only. */
export interface EventRegistrationGendersTable {
  registration_id: number;
  event_id: number;
  gender: "woman" | "man" | "another" | "prefer_not";
}
/** The closed attendance register, frozen once (never updated). */
export interface EventRegistersTable {
  event_id: number;
  closed_at: Timestamp;
  closed_by_user_id: number | null;
  /** JSON of the register as closed (officials only). */
  register: string;
  /** SHA-256 of `register`. */
  sha256: string;
  /** JSON of the public figures (EventFigures, app/models/event-figures.server.ts). */
  figures: string;
}

export interface Database {
  parties: PartiesTable;
  party_translations: PartyTranslationsTable;
  regions: RegionsTable;
  region_translations: RegionTranslationsTable;
  workplans: WorkplansTable;
  workplan_translations: WorkplanTranslationsTable;
  workplan_areas: WorkplanAreasTable;
  workplan_area_translations: WorkplanAreaTranslationsTable;
  workplan_items: WorkplanItemsTable;
  workplan_item_translations: WorkplanItemTranslationsTable;
  workplan_progress: WorkplanProgressTable;
  topics: TopicsTable;
  topic_translations: TopicTranslationsTable;
  topic_questions: TopicQuestionsTable;
  topic_question_translations: TopicQuestionTranslationsTable;
  topic_documents: TopicDocumentsTable;
  submissions: SubmissionsTable;
  submission_answers: SubmissionAnswersTable;
  submission_attachments: SubmissionAttachmentsTable;
  participant_profiles: ParticipantProfilesTable;
  gender_snapshots: GenderSnapshotsTable;
  campaigns: CampaignsTable;
  themes: ThemesTable;
  submission_themes: SubmissionThemesTable;
  submission_translations: SubmissionTranslationsTable;
  moderation_events: ModerationEventsTable;
  submission_claims: SubmissionClaimsTable;
  submission_notes: SubmissionNotesTable;
  syntheses: SynthesesTable;
  topic_outcomes: TopicOutcomesTable;
  topic_outcome_texts: TopicOutcomeTextsTable;
  summary_editions: SummaryEditionsTable;
  summary_edition_files: SummaryEditionFilesTable;
  summary_signoffs: SummarySignoffsTable;
  users: UsersTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  login_throttle: LoginThrottleTable;
  used_form_stamps: UsedFormStampsTable;
  submission_rate_limits: SubmissionRateLimitsTable;
  publication_version: PublicationVersionTable;
  stats_snapshots: StatsSnapshotsTable;
  public_summary_files: PublicSummaryFilesTable;
  submission_drafts: SubmissionDraftsTable;
  submission_draft_attachments: SubmissionDraftAttachmentsTable;
  reply_templates: ReplyTemplatesTable;
  subscriptions: SubscriptionsTable;
  subscription_deliveries: SubscriptionDeliveriesTable;
  events: EventsTable;
  event_translations: EventTranslationsTable;
  event_registrations: EventRegistrationsTable;
  event_registration_genders: EventRegistrationGendersTable;
  event_registers: EventRegistersTable;
  jobs: JobsTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
}

export type Party = Selectable<PartiesTable>;
export type Region = Selectable<RegionsTable>;
export type Topic = Selectable<TopicsTable>;
export type NewTopic = Insertable<TopicsTable>;
export type TopicUpdate = Updateable<TopicsTable>;
export type TopicTranslation = Selectable<TopicTranslationsTable>;
export type WorkplanItem = Selectable<WorkplanItemsTable>;
export type User = Selectable<UsersTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type OutboxMessage = Selectable<OutboxTable>;
export type Submission = Selectable<SubmissionsTable>;
export type Theme = Selectable<ThemesTable>;
export type ModerationEvent = Selectable<ModerationEventsTable>;
export type Event = Selectable<EventsTable>;
export type EventRegistration = Selectable<EventRegistrationsTable>;
