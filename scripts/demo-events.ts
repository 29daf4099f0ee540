// Demo events (issue 19), so that a demonstration shows the public events pages: one upcoming in
// Santiago, one in Ottawa, one online, and one held whose attendance register is closed, so its
// page shows the protected figures. Made-up attendees only (example.org), and only with
// PUENTE_DEMO (scripts/prepare-database.ts). Deterministic but for the dates, which follow the day
// it runs. Does nothing on a database that has an event already.
import { createHash } from "node:crypto";
import { fromZonedTime, formatInTimeZone } from "date-fns-tz";
import type { Kysely } from "kysely";
import type { Database, EventFormat, Locale } from "../db/schema";
import { writeFrozenRegister } from "~/models/event-attendance.server";
import { advancePublication } from "~/models/publication.server";
import { stakeholderTypes } from "~/schemas/submission-choices";

const DAY = 24 * 3_600_000;

interface DemoEvent {
  slug: string;
  party: "CA" | "CL";
  format: EventFormat;
  place: string | null;
  /** Days from now, and the local start and end times ("HH:mm"). */
  inDays: number;
  from: string;
  to: string;
  languages: string;
  interpretation: string;
  capacity: number | null;
  held?: boolean;
  texts: Record<Locale, { title: string; description: string; agenda: string }>;
}

const events: DemoEvent[] = [
  {
    slug: "taller-mujeres-exportadoras-santiago",
    party: "CL",
    format: "in_person",
    place: "Teatinos 180, Santiago",
    inDays: 12,
    from: "09:30",
    to: "13:00",
    languages: "es",
    interpretation: "en",
    capacity: 40,
    texts: {
      es: {
        title: "Taller: mujeres exportadoras y el capítulo de comercio y género",
        description:
          "Un taller con organizaciones de la sociedad civil, gremios y académicas para conversar sobre cómo las empresas lideradas por mujeres aprovechan el Tratado de Libre Comercio Chile-Canadá.\n\nLas conclusiones alimentan el informe de Chile al Comité de Comercio y Género.",
        agenda: "09:30 Bienvenida\n\n10:00 Experiencias de exportadoras\n\n11:30 Trabajo en grupos\n\n12:30 Conclusiones",
      },
      en: {
        title: "Workshop: women exporters and the trade and gender chapter",
        description:
          "A workshop with civil society organisations, business associations and academics on how women-led businesses use the Canada–Chile Free Trade Agreement.\n\nIts conclusions feed Chile's report to the Trade and Gender Committee.",
        agenda: "09:30 Welcome\n\n10:00 Exporters' experiences\n\n11:30 Group work\n\n12:30 Conclusions",
      },
      fr: {
        title: "Atelier : les exportatrices et le chapitre sur le commerce et le genre",
        description:
          "Un atelier avec des organisations de la société civile, des associations d’entreprises et des universitaires sur la façon dont les entreprises dirigées par des femmes tirent parti de l’Accord de libre-échange Canada-Chili.\n\nSes conclusions alimentent le rapport du Chili au Comité sur le commerce et le genre.",
        agenda: "9 h 30 Accueil\n\n10 h Témoignages d’exportatrices\n\n11 h 30 Travail en groupes\n\n12 h 30 Conclusions",
      },
    },
  },
  {
    slug: "ottawa-roundtable-gender-based-analysis",
    party: "CA",
    format: "hybrid",
    place: "125 Sussex Drive, Ottawa",
    inDays: 19,
    from: "13:00",
    to: "16:00",
    languages: "en,fr",
    interpretation: "es",
    capacity: 60,
    texts: {
      en: {
        title: "Round table: gender-based analysis of trade agreements",
        description:
          "Officials present how gender-based analysis plus is applied to Canada's trade negotiations, and hear from unions, businesses and civil society.\n\nIn person in Ottawa and online.",
        agenda: "13:00 Opening remarks\n\n13:30 Presentation\n\n14:30 Discussion\n\n15:45 Next steps",
      },
      fr: {
        title: "Table ronde : l’analyse comparative entre les sexes des accords commerciaux",
        description:
          "Des fonctionnaires présentent l’application de l’ACS Plus aux négociations commerciales du Canada et entendent les syndicats, les entreprises et la société civile.\n\nEn personne à Ottawa et en ligne.",
        agenda: "13 h Mot d’ouverture\n\n13 h 30 Présentation\n\n14 h 30 Discussion\n\n15 h 45 Prochaines étapes",
      },
      es: {
        title: "Mesa redonda: análisis de género de los acuerdos comerciales",
        description:
          "Funcionarios presentan cómo se aplica el análisis de género plus a las negociaciones comerciales de Canadá y escuchan a sindicatos, empresas y sociedad civil.\n\nPresencial en Ottawa y en línea.",
        agenda: "13:00 Apertura\n\n13:30 Presentación\n\n14:30 Diálogo\n\n15:45 Próximos pasos",
      },
    },
  },
  {
    slug: "webinar-women-in-digital-trade",
    party: "CA",
    format: "online",
    place: null,
    inDays: 26,
    from: "11:00",
    to: "12:30",
    languages: "en,fr,es",
    interpretation: "",
    capacity: null,
    texts: {
      en: {
        title: "Webinar: women in digital trade",
        description: "A bilateral webinar on how digital trade rules can open markets to women entrepreneurs in Canada and Chile.",
        agenda: "",
      },
      fr: {
        title: "Webinaire : les femmes dans le commerce numérique",
        description:
          "Un webinaire bilatéral sur la façon dont les règles du commerce numérique peuvent ouvrir des marchés aux entrepreneures du Canada et du Chili.",
        agenda: "",
      },
      es: {
        title: "Seminario web: las mujeres en el comercio digital",
        description: "Un seminario web bilateral sobre cómo las reglas del comercio digital pueden abrir mercados a las emprendedoras de Canadá y Chile.",
        agenda: "",
      },
    },
  },
  {
    slug: "dialogo-sociedad-civil-valparaiso",
    party: "CL",
    format: "in_person",
    place: "Universidad de Valparaíso, Valparaíso",
    inDays: -20,
    from: "10:00",
    to: "13:00",
    languages: "es",
    interpretation: "",
    capacity: 80,
    held: true,
    texts: {
      es: {
        title: "Diálogo con la sociedad civil sobre comercio y género",
        description: "Un diálogo abierto con organizaciones de la sociedad civil de la Región de Valparaíso sobre el plan de trabajo 2024-2025.",
        agenda: "",
      },
      en: {
        title: "Dialogue with civil society on trade and gender",
        description: "An open dialogue with civil society organisations of the Valparaíso Region on the 2024–2025 work plan.",
        agenda: "",
      },
      fr: {
        title: "Dialogue avec la société civile sur le commerce et le genre",
        description: "Un dialogue ouvert avec des organisations de la société civile de la région de Valparaíso sur le plan de travail 2024-2025.",
        agenda: "",
      },
    },
  },
];

/** A moment on a day from now, at a local time in a zone. */
function at(now: Date, days: number, time: string, timeZone: string): string {
  const day = formatInTimeZone(new Date(now.getTime() + days * DAY), timeZone, "yyyy-MM-dd");
  return fromZonedTime(`${day}T${time}:00`, timeZone).toISOString();
}

/**
 * Closes an event's attendance register as ADR 045 says: the register's JSON and its SHA-256, and
 * the public figures protected once (countAttendance, protectAttendance); the event becomes held.
 */
export async function freezeRegister(db: Kysely<Database>, eventId: number, closedAt: Date, closedBy: number | null = null) {
  return db.transaction().execute(async (trx) => {
    const event = await trx.selectFrom("events").selectAll().where("id", "=", eventId).executeTakeFirstOrThrow();
    // The same frozen register as an official's closing writes (the exports read its shape).
    const { figures } = await writeFrozenRegister(trx, event, closedAt.toISOString(), closedBy);
    await trx.updateTable("events").set({ state: "held", updated_at: closedAt.toISOString() }).where("id", "=", eventId).execute();
    await advancePublication(trx, closedAt);
    return figures;
  });
}

const ATTENDEES: Array<{
  type: (typeof stakeholderTypes)[number];
  region: string;
  womenLed: "yes" | "no" | null;
  gender: "woman" | "man" | "another" | "prefer_not" | null;
}> = [
  ...Array.from({ length: 9 }, (_, i) => ({
    type: "ngo" as const,
    region: "CL-VS",
    womenLed: "yes" as const,
    gender: i % 4 === 3 ? ("man" as const) : ("woman" as const),
  })),
  ...Array.from({ length: 6 }, (_, i) => ({
    type: "union" as const,
    region: i < 4 ? "CL-VS" : "CL-RM",
    womenLed: "no" as const,
    gender: i % 2 ? ("man" as const) : ("woman" as const),
  })),
  ...Array.from({ length: 5 }, (_, i) => ({ type: "academic" as const, region: "CL-VS", womenLed: null, gender: i === 0 ? null : ("woman" as const) })),
  { type: "company", region: "CL-RM", womenLed: "yes", gender: "woman" },
  { type: "public_body", region: "CL-VS", womenLed: null, gender: "prefer_not" },
];

/** On a database without any event, the demo events; returns how many were added. */
export async function seedDemoEvents(db: Kysely<Database>, now: Date = new Date()): Promise<number> {
  const any = await db.selectFrom("events").select("id").limit(1).executeTakeFirst();
  if (any) return 0;
  // The work plan's "interaction activities conducted by each Party with local stakeholders" (area 2).
  const item = await db
    .selectFrom("workplan_items as i")
    .innerJoin("workplan_areas as a", "a.id", "i.area_id")
    .select(["i.id", "i.area_id"])
    .where("a.number", "=", 2)
    .where("i.kind", "=", "activity")
    .orderBy("i.position")
    .executeTakeFirst();
  const parties = await db.selectFrom("parties").select(["code", "time_zone"]).execute();
  let added = 0;
  for (const [n, e] of events.entries()) {
    const zone = parties.find((p) => p.code === e.party)?.time_zone;
    if (!zone) continue;
    const startsAt = at(now, e.inDays, e.from, zone);
    const stamp = new Date(Math.min(now.getTime(), Date.parse(startsAt) - 30 * DAY)).toISOString();
    const { id } = await db
      .insertInto("events")
      .values({
        party_code: e.party,
        slug: e.slug,
        workplan_item_id: item?.id ?? null,
        area_id: item?.area_id ?? null,
        format: e.format,
        place: e.place,
        online_url: e.format === "in_person" ? null : `https://meet.example.org/puente-demo-${n + 1}`,
        starts_at: startsAt,
        ends_at: at(now, e.inDays, e.to, zone),
        time_zone: zone,
        languages: e.languages,
        interpretation: e.interpretation,
        capacity: e.capacity,
        registration_opens_at: stamp,
        registration_closes_at: at(now, e.inDays - 1, "23:59", zone),
        requires_approval: 0,
        state: "published",
        published_at: stamp,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("event_translations")
      .values((["en", "fr", "es"] as const).map((locale) => ({ event_id: id, locale, ...e.texts[locale] })))
      .execute();
    added++;
    if (!e.held) continue;
    for (const [i, a] of ATTENDEES.entries()) {
      const { id: registrationId } = await db
        .insertInto("event_registrations")
        .values({
          event_id: id,
          name: `Demo attendee ${i + 1}`,
          email: `demo-attendee-${i + 1}@example.org`,
          organisation_name: `Demo organisation ${i + 1}`,
          stakeholder_type: a.type,
          women_led: a.womenLed,
          country: "CL",
          region_code: a.region,
          register_consent: i % 3 === 0 ? 0 : 1,
          locale: "es",
          status: "confirmed",
          attended_at: i % 7 === 6 ? null : startsAt,
          token_hash: createHash("sha256").update(`demo-event-${id}-${i}`).digest("hex"),
          created_at: stamp,
          updated_at: stamp,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (a.gender) await db.insertInto("event_registration_genders").values({ registration_id: registrationId, event_id: id, gender: a.gender }).execute();
    }
    await freezeRegister(db, id, new Date(Date.parse(startsAt) + DAY));
  }
  if (added) await advancePublication(db, now);
  return added;
}
