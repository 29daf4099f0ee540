import type { Kysely } from "kysely";
import { checkIn, engineOf, withId } from "../portable";

// Frozen: never edit a migration that has run anywhere; add a new one.
// Events of the work plan (ADR 045): webinars, workshops and meetings each country's officials
// hold, the people who register for them (without an account), who attended, and the frozen
// attendance register. Gender answers are kept apart from registrations, as for submissions
// (participant_profiles), and only ever read as counts.
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);

  await withId(db.schema.createTable("events"), engine)
    .addColumn("party_code", "varchar(2)", (c) => c.notNull().references("parties.code"))
    .addColumn("slug", "varchar(120)", (c) => c.notNull().unique())
    // The work-plan activity the event delivers, and its area (kept for the public filters).
    .addColumn("workplan_item_id", "integer", (c) => c.references("workplan_items.id"))
    .addColumn("area_id", "integer", (c) => c.references("workplan_areas.id"))
    .addColumn("format", "varchar(10)", (c) => c.notNull().check(checkIn("format", ["in_person", "online", "hybrid"])))
    .addColumn("place", "text")
    // Sent to registered people only; never on a public surface.
    .addColumn("online_url", "text")
    .addColumn("starts_at", "varchar(30)", (c) => c.notNull())
    .addColumn("ends_at", "varchar(30)", (c) => c.notNull())
    // The IANA zone the times are shown in (the country's, unless chosen otherwise).
    .addColumn("time_zone", "varchar(40)", (c) => c.notNull())
    // Comma-separated locales: the event's languages and those interpreted into.
    .addColumn("languages", "varchar(20)", (c) => c.notNull())
    .addColumn("interpretation", "varchar(20)", (c) => c.notNull().defaultTo(""))
    // Null: no limit.
    .addColumn("capacity", "integer")
    .addColumn("registration_opens_at", "varchar(30)", (c) => c.notNull())
    .addColumn("registration_closes_at", "varchar(30)", (c) => c.notNull())
    .addColumn("requires_approval", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("state", "varchar(10)", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(checkIn("state", ["draft", "published", "cancelled", "held"])),
    )
    .addColumn("published_at", "varchar(30)")
    .addColumn("cancelled_at", "varchar(30)")
    .addColumn("cancellation_note", "text")
    .addColumn("recording_url", "text")
    .addColumn("report_file_key", "varchar(40)")
    .addColumn("report_file_name", "varchar(200)")
    .addColumn("report_size", "integer")
    .addColumn("report_sha256", "varchar(64)")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(30)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("events_party_starts").on("events").columns(["party_code", "starts_at"]).execute();
  await db.schema.createIndex("events_item").on("events").column("workplan_item_id").execute();

  await db.schema
    .createTable("event_translations")
    .addColumn("event_id", "integer", (c) => c.notNull().references("events.id"))
    .addColumn("locale", "varchar(2)", (c) => c.notNull().check(checkIn("locale", ["en", "fr", "es"])))
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("agenda", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("event_translations_pk", ["event_id", "locale"])
    .execute();

  await withId(db.schema.createTable("event_registrations"), engine)
    .addColumn("event_id", "integer", (c) => c.notNull().references("events.id"))
    // Never public.
    .addColumn("name", "varchar(200)", (c) => c.notNull())
    // Never public; null for a walk-in who gave none.
    .addColumn("email", "varchar(254)")
    .addColumn("organisation_name", "varchar(200)")
    .addColumn("stakeholder_type", "varchar(40)", (c) => c.notNull())
    .addColumn("stakeholder_other", "varchar(200)")
    .addColumn("women_led", "varchar(12)", (c) => c.check(checkIn("women_led", ["yes", "no", "prefer_not"])))
    .addColumn("country", "varchar(5)", (c) => c.notNull().check(checkIn("country", ["CA", "CL", "other"])))
    .addColumn("region_code", "varchar(6)")
    // Accessibility or interpretation needs: officials only, never public.
    .addColumn("needs", "text")
    // 1: agreed to be named on the attendance register.
    .addColumn("register_consent", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locale", "varchar(2)", (c) => c.notNull().check(checkIn("locale", ["en", "fr", "es"])))
    .addColumn("status", "varchar(12)", (c) => c.notNull().check(checkIn("status", ["pending", "confirmed", "waitlisted", "cancelled", "declined"])))
    // 1: came on the day without registering (added at check-in).
    .addColumn("walk_in", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("attended_at", "varchar(30)")
    .addColumn("checked_in_by_user_id", "integer", (c) => c.references("users.id"))
    // SHA-256 of the private link's token (cancel, see one's registration); null for walk-ins.
    .addColumn("token_hash", "varchar(64)", (c) => c.unique())
    .addColumn("created_at", "varchar(30)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(30)", (c) => c.notNull())
    .addColumn("cancelled_at", "varchar(30)")
    .addColumn("promoted_at", "varchar(30)")
    .addColumn("reminded_at", "varchar(30)")
    .execute();
  await db.schema.createIndex("event_registrations_event_status").on("event_registrations").columns(["event_id", "status", "id"]).execute();

  // Apart from the registration, as participant_profiles is from the submission: read as counts only.
  await db.schema
    .createTable("event_registration_genders")
    .addColumn("registration_id", "integer", (c) => c.primaryKey().references("event_registrations.id"))
    .addColumn("event_id", "integer", (c) => c.notNull().references("events.id"))
    .addColumn("gender", "varchar(12)", (c) => c.notNull().check(checkIn("gender", ["woman", "man", "another", "prefer_not"])))
    .execute();
  await db.schema.createIndex("event_registration_genders_event").on("event_registration_genders").column("event_id").execute();

  // The closed attendance register: frozen once, like a summary edition (never updated).
  await db.schema
    .createTable("event_registers")
    .addColumn("event_id", "integer", (c) => c.primaryKey().references("events.id"))
    .addColumn("closed_at", "varchar(30)", (c) => c.notNull())
    .addColumn("closed_by_user_id", "integer", (c) => c.references("users.id"))
    // JSON of the register as closed (officials only).
    .addColumn("register", "text", (c) => c.notNull())
    // SHA-256 of `register`.
    .addColumn("sha256", "varchar(64)", (c) => c.notNull())
    // JSON of the public figures (EventFigures), suppressed once at closing.
    .addColumn("figures", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("event_registers").execute();
  await db.schema.dropTable("event_registration_genders").execute();
  await db.schema.dropTable("event_registrations").execute();
  await db.schema.dropTable("event_translations").execute();
  await db.schema.dropTable("events").execute();
}
