import type { Kysely } from "kysely";
import type { Database, Locale } from "../../db/schema";
import { getT } from "~/i18next.server";
import { stakeholderTypes } from "~/schemas/submission";
import { addUpEventFigures, type EventFigures } from "./event-figures.server";
import { GENDERS } from "./gender-figures.server";
import type { EventBreakdownKey, SummaryEvent, SummaryEventFigures, SummaryEvents, SummaryScope, SuppressibleCount } from "./summary-types";
import { pickTranslation } from "./topics.server";

/*
 * The events part of a summary (ADR 045, issue 19 item 6). An event counts when it was held in the
 * scope and its attendance register was closed by the summary's time (`now`: a frozen edition's
 * time, so compiling it later gives the same files). Its figures are those stored when the
 * register was closed, added up (`addUpEventFigures`): never counted afresh from registrations.
 *
 * Which events a scope covers: every one for the whole plan; those of the area for a bilateral
 * area; for a party over dates, its events starting within them; for one or two consultations,
 * the events of each consultation's country in that consultation's area.
 */

type PartyCode = "CA" | "CL";
const BREAKDOWNS: EventBreakdownKey[] = ["byStakeholderType", "byCountry", "byRegion", "womenLed", "gender"];
const withheld: SuppressibleCount = { value: null, suppressed: true };

export async function summaryEvents(
  db: Kysely<Database>,
  input: {
    scope: SummaryScope;
    /** The scope's topics (for the consultations' scopes). */
    topics: Array<{ party_code: string; area_id: number | null }>;
    parties: Array<{ party: PartyCode; partyName: string }>;
    locale: Locale;
    now: Date;
    regionNames: Map<string, string>;
  },
): Promise<SummaryEvents> {
  const { scope, locale } = input;
  const t = getT(locale);
  const partyCodes = input.parties.map((p) => p.party);
  const pairs = input.topics.filter((tp) => tp.area_id !== null).map((tp) => ({ party: tp.party_code, area: tp.area_id! }));
  const byTopics = scope.kind === "topic" || scope.kind === "bilateral-topics";

  const rows =
    partyCodes.length === 0 || (byTopics && pairs.length === 0)
      ? []
      : await (() => {
          let q = db
            .selectFrom("events as e")
            .innerJoin("event_registers as r", "r.event_id", "e.id")
            .leftJoin("workplan_areas as a", "a.id", "e.area_id")
            .select(["e.id", "e.slug", "e.party_code", "e.starts_at", "e.time_zone", "e.format", "r.figures"])
            .where("e.state", "=", "held")
            .where("r.closed_at", "<=", input.now.toISOString())
            .where("e.party_code", "in", partyCodes);
          if (scope.kind === "bilateral-area") q = q.where("a.number", "=", scope.areaNumber);
          if (scope.kind === "party") q = q.where("e.starts_at", ">=", `${scope.from}T00:00:00.000Z`).where("e.starts_at", "<=", `${scope.to}T23:59:59.999Z`);
          if (byTopics) q = q.where((eb) => eb.or(pairs.map((p) => eb.and([eb("e.party_code", "=", p.party), eb("e.area_id", "=", p.area)]))));
          return q.orderBy("e.party_code").orderBy("e.starts_at").orderBy("e.id").execute();
        })();

  const ids = rows.length ? rows.map((r) => r.id) : [0];
  const titles = await db.selectFrom("event_translations").select(["event_id", "locale", "title"]).where("event_id", "in", ids).execute();
  const figuresOf = new Map(rows.map((r) => [r.id, JSON.parse(r.figures) as EventFigures]));

  const list: SummaryEvent[] = rows.map((r) => {
    const f = figuresOf.get(r.id)!;
    return {
      id: r.id,
      slug: r.slug,
      party: r.party_code as PartyCode,
      title:
        pickTranslation(
          titles.filter((x) => x.event_id === r.id),
          locale,
        )?.title ?? r.slug,
      startsAt: r.starts_at,
      timeZone: r.time_zone,
      format: r.format,
      registered: f.registered,
      attended: f.attended,
    };
  });

  const partyNames = new Map(input.parties.map((p) => [p.party, p.partyName]));
  const all = [...figuresOf.values()];
  const regionCodes = [...new Set(all.flatMap((f) => Object.keys(f.byRegion ?? {})))];
  const regionLabel = (code: string) => (code === "other" ? t("summary.otherCountry") : (input.regionNames.get(code) ?? code));
  const groups: SummaryEvents["groups"] = {
    byStakeholderType: [...new Set([...stakeholderTypes, ...all.flatMap((f) => Object.keys(f.byStakeholderType ?? {}))])].map((code) => ({
      code,
      label: t(`submission.choices.stakeholderType.${code}` as never, { defaultValue: code }),
    })),
    byCountry: (["CA", "CL", "other"] as const).map((code) => ({
      code,
      label: code === "other" ? t("summary.otherCountry") : (partyNames.get(code) ?? t(`admin.parties.${code}`)),
    })),
    byRegion: regionCodes.map((code) => ({ code, label: regionLabel(code) })).sort((a, b) => a.label.localeCompare(b.label, locale)),
    womenLed: (["yes", "no", "prefer_not"] as const).map((code) => ({ code, label: t(`summary.womenLed.${code}`) })),
    gender: GENDERS.map((code) => ({ code, label: t(`summary.gender.${code}`) })),
  };

  /** The sums over `events`, every group of every table present: 0 when there is no event, withheld when none shows it. */
  const over = (events: EventFigures[]): SummaryEventFigures => {
    const sum = addUpEventFigures(events);
    const table = (key: EventBreakdownKey) =>
      Object.fromEntries(
        groups[key].map(({ code }) => [
          code,
          events.length === 0 ? { value: 0, suppressed: false } : ((sum[key] as Record<string, SuppressibleCount>)[code] ?? withheld),
        ]),
      );
    return {
      held: events.length,
      registered: sum.registered,
      attended: sum.attended,
      ...(Object.fromEntries(BREAKDOWNS.map((key) => [key, table(key)])) as Pick<SummaryEventFigures, EventBreakdownKey>),
    };
  };

  return {
    list,
    parties: input.parties.map((p) => ({
      party: p.party,
      partyName: p.partyName,
      figures: over(rows.filter((r) => r.party_code === p.party).map((r) => figuresOf.get(r.id)!)),
    })),
    totals: over(all),
    groups,
    formats: { in_person: t("summary.events.formats.in_person"), online: t("summary.events.formats.online"), hybrid: t("summary.events.formats.hybrid") },
  };
}
