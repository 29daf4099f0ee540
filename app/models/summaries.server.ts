import { sql, type Kysely } from "kysely";
import type { Database, Locale } from "../../db/schema";
import { getT } from "~/i18next.server";
import { stakeholderTypes } from "~/schemas/submission";
import { addUpPublished, consultationGenderTables, GENDER_THRESHOLD } from "./gender-figures.server";
import { listParties, listRegions } from "./parties.server";
import { summaryEvents } from "./summary-events.server";
import { plainRedactions } from "./published-submissions.server";
import type { PartyFigures, Summary, SummaryEdition, SummaryScope, SummarySubmission } from "./summary-types";
import { pickTranslation } from "./topics.server";

/** Gender groups smaller than this are never shown (ADR 016). */
export const SUPPRESS_BELOW = GENDER_THRESHOLD;
const BATCH = 1000;
const PARTIES = ["CA", "CL"] as const;
type PartyCode = (typeof PARTIES)[number];

/** Runs `tasks` one after the other, letting the event loop turn after each; their results in order. */
async function oneAtATime<T extends readonly unknown[]>(tasks: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  const results: unknown[] = [];
  for (const task of tasks) {
    results.push(await task());
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return results as unknown as T;
}

export class SummaryScopeError extends Error {}

/** A short stable key for a scope: editions are numbered per key. */
export function scopeKey(scope: SummaryScope): string {
  switch (scope.kind) {
    case "all":
      return "all";
    case "topic":
      return `topic:${scope.topicId}`;
    case "party":
      return `party:${scope.party}:${scope.from}:${scope.to}`;
    case "bilateral-area":
      return `bilateral-area:${scope.areaNumber}`;
    case "bilateral-topics":
      return `bilateral-topics:${[...scope.topicIds].sort((a, b) => a - b).join("+")}`;
  }
}

/** The public topics (never drafts) a scope covers. */
async function scopeTopics(db: Kysely<Database>, scope: SummaryScope) {
  let query = db
    .selectFrom("topics as t")
    .leftJoin("workplan_areas as a", "a.id", "t.area_id")
    .select([
      "t.id",
      "t.slug",
      "t.party_code",
      "t.area_id",
      "a.number as area_number",
      "a.article as area_article",
      "t.opens_at",
      "t.closes_at",
      "t.closed_early_at",
    ])
    .where("t.state", "in", ["published", "archived"]);
  switch (scope.kind) {
    case "all":
      break;
    case "topic":
      query = query.where("t.id", "=", scope.topicId);
      break;
    case "party":
      query = query
        .where("t.party_code", "=", scope.party)
        .where("t.opens_at", "<=", `${scope.to}T23:59:59.999Z`)
        .where("t.closes_at", ">=", `${scope.from}T00:00:00.000Z`);
      break;
    case "bilateral-area":
      query = query.where("a.number", "=", scope.areaNumber);
      break;
    case "bilateral-topics":
      query = query.where("t.id", "in", scope.topicIds);
      break;
  }
  return query.orderBy("t.party_code").orderBy("t.opens_at").orderBy("t.id").execute();
}

/** Which submissions an edition may list: the public one only what consent allows. */
function includedCondition(edition: SummaryEdition) {
  // A copy approved by its campaign's decision is published only as its reviewed copy (docs/decisions/015).
  return edition === "public"
    ? sql<boolean>`s.status = 'approved' and s.publication in ('named', 'anonymous') and s.approved_from is null`
    : sql<boolean>`s.status = 'approved'`;
}

/**
 * Builds the summary of a scope for an edition and a language: the figures (from every approved
 * submission, officials-only ones included, since counting discloses nothing), the synthesis,
 * and the submissions the edition may list, streamed. Every format and the statistics page use it.
 */
export async function buildSummary(
  db: Kysely<Database>,
  input: {
    scope: SummaryScope;
    edition: SummaryEdition;
    locale: Locale;
    now?: Date;
    /** A frozen edition's submissions: only these are listed (figures still come from the data). */
    submissionIds?: number[];
    /** A frozen edition's synthesis texts, instead of the current ones. */
    syntheses?: Array<{ party_code: string; area_id: number; locale: Locale; text: string }>;
    /** The numbered edition being frozen; omitted for a summary built on demand (not official). */
    official?: { number: number; frozenAt: string };
  },
): Promise<Summary> {
  const { scope, edition, locale } = input;
  const t = getT(locale);
  const now = input.now ?? new Date();
  const generatedAt = now.toISOString();
  const topics = await scopeTopics(db, scope);
  if ((scope.kind === "topic" && topics.length === 0) || (scope.kind === "bilateral-topics" && topics.length !== 2)) {
    throw new SummaryScopeError("unknown topic");
  }
  const topicIds = topics.length ? topics.map((tp) => tp.id) : [0];
  const areaArticle =
    scope.kind === "bilateral-area"
      ? ((await db.selectFrom("workplan_areas").select("article").where("number", "=", scope.areaNumber).executeTakeFirst())?.article ?? null)
      : null;
  const titles = await db.selectFrom("topic_translations").select(["topic_id", "locale", "title"]).where("topic_id", "in", topicIds).execute();
  const topicTitle = (id: number) =>
    pickTranslation(
      titles.filter((x) => x.topic_id === id),
      locale,
    )?.title ?? "";
  const partyNames = new Map((await listParties(db, locale)).map((p) => [p.code, p.name]));
  const regionNames = new Map<string, string>();
  for (const party of PARTIES) for (const r of await listRegions(db, party, locale)) regionNames.set(r.code, r.name);
  const inScope = PARTIES.filter(
    (p) =>
      topics.some((tp) => tp.party_code === p) || scope.kind === "all" || scope.kind.startsWith("bilateral") || (scope.kind === "party" && scope.party === p),
  );

  const redactedLabel = `[${t("summary.redacted")}]`;
  const unredact = (text: string) => plainRedactions(text, redactedLabel);

  const scoped = () => db.selectFrom("submissions as s").where("s.topic_id", "in", topicIds);
  const approved = () => scoped().where("s.status", "=", "approved");

  // One aggregate at a time, with a turn of the event loop after each: on SQLite each blocks the
  // thread for its whole run (some 50–100 ms over 100,000 submissions), and together they would
  // keep the server from answering anyone else for half a second.
  const [statusRows, typeRows, regionRows, languageRows, womenRows, genderTables, themeRows, campaignRows, campaignNameRows, syntheses] = await oneAtATime([
    () =>
      scoped()
        .select(["s.party_code", "s.status", "s.publication", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy(["s.party_code", "s.status", "s.publication"])
        .execute(),
    () =>
      approved()
        .select(["s.party_code", "s.stakeholder_type", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy(["s.party_code", "s.stakeholder_type"])
        .execute(),
    () =>
      approved()
        .select(["s.party_code", "s.country", "s.region_code", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy(["s.party_code", "s.country", "s.region_code"])
        .execute(),
    () =>
      approved()
        .select(["s.party_code", "s.language", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy(["s.party_code", "s.language"])
        .execute(),
    () =>
      approved()
        .where("s.on_behalf", "=", "organisation")
        .select(["s.party_code", "s.women_led", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy(["s.party_code", "s.women_led"])
        .execute(),
    () => consultationGenderTables(db, topics, now),
    () =>
      approved()
        .innerJoin("submission_themes as st", "st.submission_id", "s.id")
        .innerJoin("themes as th", "th.id", "st.theme_id")
        .select(["s.party_code", "th.id", "th.label_en", "th.label_fr", "th.label_es", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy(["s.party_code", "th.id", "th.label_en", "th.label_fr", "th.label_es"])
        .execute(),
    () =>
      approved()
        .where("s.campaign_id", "is not", null)
        .select(["s.party_code", "s.campaign_id", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy(["s.party_code", "s.campaign_id"])
        .execute(),
    () => campaignNames(db, topicIds, edition),
    async () =>
      input.syntheses
        ? input.syntheses.filter((x) => x.locale === locale && topics.some((tp) => tp.area_id === x.area_id))
        : db
            .selectFrom("syntheses")
            .select(["party_code", "area_id", "text"])
            .where("locale", "=", locale)
            .where("area_id", "in", topics.length ? [...new Set(topics.map((tp) => tp.area_id ?? 0))] : [0])
            .orderBy("area_id")
            .execute(),
  ]);

  const figures = (party: PartyCode): PartyFigures => {
    const count = (rows: Array<{ party_code: string; n: number | string | bigint }>, match: (r: never) => boolean = () => true) =>
      rows.filter((r) => r.party_code === party && match(r as never)).reduce((sum, r) => sum + Number(r.n), 0);
    const status = (s: string, publication?: (p: string) => boolean) =>
      count(statusRows, (r: { status: string; publication: string }) => r.status === s && (!publication || publication(r.publication)));
    const approvedTotal = status("approved");
    const ownCampaigns = campaignRows.filter((r) => r.party_code === party);
    // Named after the earliest copy this edition may list, in its published version; a campaign
    // with no such copy (every copy for officials only, in the public edition) is counted, not listed.
    const campaigns = ownCampaigns
      .flatMap((r) => {
        const name = campaignNameRows.get(Number(r.campaign_id));
        return name ? [{ id: Number(r.campaign_id), reference: name.reference, title: unredact(name.title ?? name.reference), senders: Number(r.n) }] : [];
      })
      .sort((a, b) => b.senders - a.senders || a.reference.localeCompare(b.reference));
    const areaSyntheses = syntheses.filter((x) => x.party_code === party);
    return {
      party,
      partyName: partyNames.get(party) ?? party,
      received: count(statusRows),
      published: status("approved", (p) => p !== "officials"),
      officialsOnly: status("approved", (p) => p === "officials"),
      rejected: status("rejected"),
      withdrawn: status("withdrawn"),
      pending: status("pending"),
      byStakeholderType: Object.fromEntries(
        stakeholderTypes.map((type) => [type, count(typeRows, (r: { stakeholder_type: string }) => r.stakeholder_type === type)]),
      ),
      byRegion: regionRows
        .filter((r) => r.party_code === party)
        .map((r) => {
          const code = r.country === "other" ? "other" : (r.region_code ?? "none");
          const name = code === "other" ? t("summary.otherCountry") : code === "none" ? t("summary.notGiven") : (regionNames.get(code) ?? code);
          return { code, name, count: Number(r.n) };
        })
        .reduce<Array<{ code: string; name: string; count: number }>>((merged, r) => {
          const same = merged.find((m) => m.code === r.code);
          if (same) same.count += r.count;
          else merged.push({ ...r });
          return merged;
        }, [])
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, locale)),
      byLanguage: {
        en: count(languageRows, (r: { language: string }) => r.language === "en"),
        fr: count(languageRows, (r: { language: string }) => r.language === "fr"),
        es: count(languageRows, (r: { language: string }) => r.language === "es"),
      },
      womenLed: {
        yes: count(womenRows, (r: { women_led: string | null }) => r.women_led === "yes"),
        no: count(womenRows, (r: { women_led: string | null }) => r.women_led === "no"),
        prefer_not: count(womenRows, (r: { women_led: string | null }) => r.women_led === "prefer_not"),
        not_answered: count(womenRows, (r: { women_led: string | null }) => r.women_led === null),
      },
      // Only what each settled consultation of the party shows, added up (ADR 016).
      gender: addUpPublished(topics.filter((tp) => tp.party_code === party).flatMap((tp) => genderTables.get(tp.id) ?? [])),
      themes: themeRows
        .filter((r) => r.party_code === party)
        .map((r) => ({ id: r.id, label: r[`label_${locale}`], count: Number(r.n) }))
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, locale)),
      campaigns,
      distinctContributions: approvedTotal - ownCampaigns.reduce((sum, c) => sum + Number(c.n) - 1, 0),
      synthesis: areaSyntheses.length ? areaSyntheses.map((x) => x.text).join("\n\n") : null,
    };
  };
  const parties = inScope.map(figures);
  const add = (pick: (p: PartyFigures) => number) => parties.reduce((sum, p) => sum + pick(p), 0);
  const totals: Summary["totals"] = {
    received: add((p) => p.received),
    published: add((p) => p.published),
    officialsOnly: add((p) => p.officialsOnly),
    rejected: add((p) => p.rejected),
    withdrawn: add((p) => p.withdrawn),
    pending: add((p) => p.pending),
    distinctContributions: add((p) => p.distinctContributions),
    byStakeholderType: Object.fromEntries(stakeholderTypes.map((type) => [type, add((p) => p.byStakeholderType[type] ?? 0)])),
    byLanguage: { en: add((p) => p.byLanguage.en), fr: add((p) => p.byLanguage.fr), es: add((p) => p.byLanguage.es) },
    womenLed: {
      yes: add((p) => p.womenLed.yes),
      no: add((p) => p.womenLed.no),
      prefer_not: add((p) => p.womenLed.prefer_not),
      not_answered: add((p) => p.womenLed.not_answered),
    },
    gender: addUpPublished(parties.map((p) => p.gender)),
  };

  // The events held in the scope, from their closed registers' stored figures (ADR 045).
  const events = await summaryEvents(db, { scope, topics, parties, locale, now, regionNames });

  // Which submissions the edition lists, in both orders: ids only (8 bytes each); content streams.
  const listed = () => {
    let q = scoped().where(includedCondition(edition));
    if (input.submissionIds) q = q.where("s.id", "in", input.submissionIds.length ? input.submissionIds : [0]);
    return q;
  };
  const primaryTheme = sql<
    string | null
  >`(select min(${sql.ref(`th.label_${locale}`)}) from submission_themes st join themes th on th.id = st.theme_id where st.submission_id = s.id)`;
  const idsIn = async (order: "reference" | "grouped") => {
    const rows =
      order === "reference"
        ? await listed().select("s.id").orderBy("s.party_code").orderBy("s.reference").execute()
        : await listed()
            .select(["s.id", primaryTheme.as("primary_theme")])
            .orderBy("s.party_code")
            .orderBy(sql`case when ${primaryTheme} is null then 1 else 0 end`)
            .orderBy("primary_theme")
            .orderBy("s.stakeholder_type")
            .orderBy("s.reference")
            .execute();
    return rows.map((r) => r.id);
  };
  const submissionCount = Number(
    (
      await listed()
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const campaignSenders = new Map(campaignRows.map((r) => [Number(r.campaign_id), Number(r.n)]));
  const slugs = new Map(topics.map((tp) => [tp.id, tp.slug]));
  const stakeholderLabel = (type: string) => t(`submission.choices.stakeholderType.${type}` as never);

  // Built once per summary rather than once per row (bench:export): labels and question texts.
  const stakeholderLabels = new Map(stakeholderTypes.map((type) => [type as string, stakeholderLabel(type)]));
  let questionTexts: Map<number, string> | null = null;
  const questionText = async (ids: number[]) => {
    questionTexts ??= new Map();
    const missing = [...new Set(ids)].filter((id) => !questionTexts!.has(id));
    if (missing.length) {
      const rows = await db.selectFrom("topic_question_translations").select(["question_id", "locale", "text"]).where("question_id", "in", missing).execute();
      for (const id of missing)
        questionTexts.set(
          id,
          pickTranslation(
            rows.filter((r) => r.question_id === id),
            locale,
          )?.text ?? "",
        );
    }
    return questionTexts;
  };
  const groupBy = <T extends { submission_id: number }>(rows: T[]) => {
    const map = new Map<number, T[]>();
    for (const row of rows) {
      const list = map.get(row.submission_id);
      if (list) list.push(row);
      else map.set(row.submission_id, [row]);
    }
    return map;
  };

  async function* submissions(order: "reference" | "grouped" = "reference"): AsyncIterable<SummarySubmission> {
    const ids = await idsIn(order);
    for (let start = 0; start < ids.length; start += BATCH) {
      const batch = ids.slice(start, start + BATCH);
      const [rows, answers, themes, translations] = await Promise.all([
        db
          .selectFrom("submissions as s")
          .select([
            "s.id",
            "s.reference",
            "s.topic_id",
            "s.party_code",
            "s.kind",
            "s.stakeholder_type",
            "s.country",
            "s.region_code",
            "s.language",
            "s.publication",
            "s.contact_name",
            "s.organisation_name",
            "s.women_led",
            "s.approved_title",
            "s.approved_body",
            "s.campaign_id",
            "s.created_at",
            "s.decided_at",
          ])
          .where("s.id", "in", batch)
          .execute(),
        db
          .selectFrom("submission_answers as a")
          .innerJoin("topic_questions as q", "q.id", "a.question_id")
          .select(["a.submission_id", "a.question_id", "a.text", "a.published_text", "q.position"])
          .where("a.submission_id", "in", batch)
          .orderBy("q.position")
          .execute(),
        db
          .selectFrom("submission_themes as st")
          .innerJoin("themes as th", "th.id", "st.theme_id")
          .select(["st.submission_id", sql<string>`${sql.ref(`th.label_${locale}`)}`.as("label")])
          .where("st.submission_id", "in", batch)
          .execute(),
        db
          .selectFrom("submission_translations")
          .select(["submission_id", "title", "body"])
          .where("submission_id", "in", batch)
          .where("locale", "=", locale)
          .execute(),
      ]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const answersOf = groupBy(answers);
      const themesOf = groupBy(themes);
      const translationOf = new Map(translations.map((x) => [x.submission_id, x]));
      const questions = await questionText(answers.map((a) => a.question_id));
      for (const id of batch) {
        const r = byId.get(id);
        if (!r) continue;
        const named = r.publication === "named";
        const ownThemes = (themesOf.get(id) ?? []).map((x) => x.label).sort((a, b) => a.localeCompare(b, locale));
        const translation = translationOf.get(id);
        const region = r.country !== "other" && r.region_code ? r.region_code : null;
        yield {
          id,
          reference: r.reference,
          topicSlug: slugs.get(r.topic_id) ?? "",
          party: r.party_code as PartyCode,
          kind: r.kind,
          stakeholderType: r.stakeholder_type,
          stakeholderLabel: stakeholderLabels.get(r.stakeholder_type) ?? r.stakeholder_type,
          country: r.country,
          regionCode: region,
          regionName: region ? (regionNames.get(region) ?? region) : null,
          language: r.language,
          status: "approved",
          publication: r.publication,
          // A person's name only where they chose to publish it; contact details never.
          author: named ? r.contact_name : null,
          organisation: named || edition === "committee" ? r.organisation_name : null,
          womenLed: r.women_led,
          // The text as approved (docs/decisions/015); for the committee, a campaign copy reads as the reviewed one.
          title: r.approved_title === null ? null : unredact(r.approved_title),
          text: unredact(r.approved_body ?? ""),
          answers: (answersOf.get(id) ?? []).map((a) => ({ question: questions.get(a.question_id) ?? "", text: unredact(a.published_text ?? a.text) })),
          themes: ownThemes,
          primaryTheme: ownThemes[0] ?? null,
          translation: translation ? { title: translation.title, text: unredact(translation.body) } : null,
          campaign: r.campaign_id ? { id: r.campaign_id, senders: campaignSenders.get(r.campaign_id) ?? 1 } : null,
          submittedAt: r.created_at,
          decidedAt: r.decided_at,
        };
      }
    }
  }

  return {
    meta: {
      title: t("summary.title"),
      scopeLabel: scopeLabel(
        scope,
        topics.map((tp) => ({ ...tp, title: topicTitle(tp.id) })),
        partyNames,
        locale,
        areaArticle,
      ),
      scope,
      edition,
      locale,
      generatedAt,
      official: input.official ? { ...input.official, signatories: parties.map((p) => p.party) } : null,
      topics: topics.map((tp) => ({ id: tp.id, slug: tp.slug, party: tp.party_code as PartyCode, title: topicTitle(tp.id), areaNumber: tp.area_number })),
      labels: {
        stakeholderTypes: Object.fromEntries(stakeholderTypes.map((type) => [type, stakeholderLabel(type)])),
        languages: { en: t("languages.en"), fr: t("languages.fr"), es: t("languages.es") },
        statuses: {
          pending: t("moderation.statuses.pending"),
          approved: t("moderation.statuses.approved"),
          rejected: t("moderation.statuses.rejected"),
          withdrawn: t("moderation.statuses.withdrawn"),
        },
        kinds: { proposal: t("submission.choices.kind.proposal"), comment: t("submission.choices.kind.comment") },
      },
    },
    parties,
    totals,
    events,
    submissionCount,
    submissions,
  };
}

/**
 * Each campaign's name in an edition: the reference and published title of its earliest copy the
 * edition may list (never an officials-only copy in the public edition, never an unredacted title).
 */
async function campaignNames(db: Kysely<Database>, topicIds: number[], edition: SummaryEdition) {
  const earliest = await db
    .selectFrom("submissions as s")
    .where("s.topic_id", "in", topicIds)
    .where("s.campaign_id", "is not", null)
    .where(includedCondition(edition))
    .select(["s.campaign_id", (eb) => eb.fn.min("s.reference").as("reference")])
    .groupBy("s.campaign_id")
    .execute();
  const references = earliest.map((r) => String(r.reference));
  const rows = references.length
    ? await db.selectFrom("submissions").select(["campaign_id", "reference", "approved_title"]).where("reference", "in", references).execute()
    : [];
  // The title as approved (docs/decisions/015): what the public was shown, never a later or raw one.
  return new Map(rows.map((r) => [Number(r.campaign_id), { reference: r.reference, title: r.approved_title }]));
}

function scopeLabel(
  scope: SummaryScope,
  topics: Array<{ id: number; title: string; area_number: number | null; area_article: string | null }>,
  partyNames: Map<string, string>,
  locale: Locale,
  areaArticle: string | null,
) {
  const t = getT(locale);
  switch (scope.kind) {
    case "all":
      return t("summary.scopes.all");
    case "topic":
      return t("summary.scopes.topic", { title: topics[0]?.title ?? "" });
    case "party": {
      const day = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
      return t("summary.scopes.party", {
        party: partyNames.get(scope.party) ?? scope.party,
        from: day.format(new Date(`${scope.from}T12:00:00.000Z`)),
        to: day.format(new Date(`${scope.to}T12:00:00.000Z`)),
      });
    }
    case "bilateral-area":
      return t("summary.scopes.bilateralArea", { number: scope.areaNumber, article: areaArticle ?? "" });
    case "bilateral-topics": {
      const [first, second] = scope.topicIds.map((id) => topics.find((tp) => tp.id === id)?.title ?? "");
      return t("summary.scopes.bilateralTopics", { first, second });
    }
  }
}

/** The scope a back-office form asked for (areas are chosen by id, stored by number). */
export async function scopeFromRequest(
  db: Kysely<Database>,
  request: {
    scope: "topic" | "party" | "area" | "pair";
    topic?: number;
    party?: "CA" | "CL";
    from?: string;
    to?: string;
    area?: number;
    topicA?: number;
    topicB?: number;
  },
): Promise<SummaryScope> {
  switch (request.scope) {
    case "topic":
      return { kind: "topic", topicId: request.topic! };
    case "party":
      return { kind: "party", party: request.party!, from: request.from!, to: request.to! };
    case "pair":
      return { kind: "bilateral-topics", topicIds: [request.topicA!, request.topicB!] };
    case "area": {
      const area = await db.selectFrom("workplan_areas").select("number").where("id", "=", request.area!).executeTakeFirst();
      if (!area) throw new SummaryScopeError("unknown area");
      return { kind: "bilateral-area", areaNumber: area.number };
    }
  }
}
