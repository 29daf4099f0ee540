import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BarChart, ColumnChart, type ChartCategory, type ChartSeries } from "~/components/bar-chart";
import { DataTable } from "~/components/data-table";
import { SelectField } from "~/components/forms";
import { statsQuerySchema, topRegions, type StatsEvents, type StatsParty, type StatsTotals } from "~/models/stats.server";
import { servedStats } from "~/models/stats-snapshots.server";
import { listAreas } from "~/models/workplan.server";
import { db } from "~/utils/db.server";
import { localeAndT } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { busyStatus, WorkBusyError } from "~/utils/work-limiter.server";

// A 503 when busy keeps its Retry-After (only the boundary's route sees its headers), and the
// page saying so stays in the site's layout; any other error goes on to the root's boundary.
export const headers: HeadersFunction = ({ errorHeaders, loaderHeaders }) => errorHeaders ?? loaderHeaders;

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (!isRouteErrorResponse(error) || error.status !== 503) throw error;
  return (
    <div className="container prose">
      <p className="eyebrow">{t("errors.status", { status: 503 })}</p>
      <h1>{t("errors.busyTitle")}</h1>
      <p>{t("errors.busyText")}</p>
    </div>
  );
}

const TOP_REGIONS = 8;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const query = statsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const areas = await listAreas(db, locale);
  // An area that does not exist is ignored, like the consultations' filters.
  const areaNumber = areas.some((a) => a.number === query.area) ? query.area : undefined;
  // From the snapshot of the current publication (ADR 027); only the first reader after a start on
  // an empty table computes it, in the bounded pool of expensive work.
  const stats = (await servedStats(db, { locale, areaNumber }, context).catch((error: unknown) => {
    if (error instanceof WorkBusyError) throw busyStatus(error);
    throw error;
  }))!;
  const generatedAt = new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(new Date(stats.generatedAt));
  // Each country's largest regions, then the others together, "another country" and "not given".
  const regions = stats.parties.map((p) => ({ party: p.party, rows: topRegions(p.byRegion, TOP_REGIONS, t("stats.otherRegions")) }));
  // The same for the writers of each country (CA, CL), whichever country's consultation they wrote to.
  const writerRegions = stats.byWriterCountry
    .filter((w) => w.country !== "other")
    .map((w) => ({ country: w.country, countryName: w.countryName, rows: topRegions(w.byRegion, TOP_REGIONS, t("stats.otherRegions")) }));
  return {
    title: t("stats.title"),
    description: t("stats.intro"),
    locale,
    areas: areas.map((a) => ({ number: a.number, title: a.title })),
    areaNumber: areaNumber ?? null,
    generatedAt,
    stats,
    regions,
    writerRegions,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

const HEADLINE = ["received", "published", "officialsOnly", "distinctContributions"] as const;
const ALL_METRICS = ["received", "published", "officialsOnly", "pending", "rejected", "withdrawn", "distinctContributions"] as const;
const WOMEN_LED = ["yes", "no", "prefer_not", "not_answered"] as const;
const GENDERS = ["woman", "man", "another", "prefer_not"] as const;
const LANGUAGES = ["en", "fr", "es"] as const;
const EVENT_METRICS = ["held", "registered", "attended"] as const;
const EVENT_BREAKDOWNS = ["byStakeholderType", "byCountry", "byRegion", "womenLed", "gender"] as const;

export default function Stats() {
  const { locale, areas, areaNumber, generatedAt, stats, regions: regionRows, writerRegions } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const number = new Intl.NumberFormat(locale);
  const fmt = (n: number) => number.format(n);
  const fewerThan5 = t("summary.fewerThan5");
  const parties = stats.parties as StatsParty[];
  const totals = stats.totals as StatsTotals;
  const series: ChartSeries[] = parties.map((p) => ({ key: p.party, label: t("stats.consultationsOf", { party: p.partyName }) }));
  // Every figure by country is by the consultation's country (the writers' countries have their own section).
  const partyColumns = parties.map((p) => t("stats.consultationsOf", { party: p.partyName }));
  const total = t("summary.total");
  const chartDescription = (title: string) => t("summary.chartAlt", { title });
  const hasApproved = totals.published + totals.officialsOnly > 0;
  const events = stats.events as StatsEvents;
  const eventColumns = events.parties.map((p) => t("stats.events.organisedBy", { party: p.partyName }));
  /** A group's attendees, or "not shown" where withheld (as the gender figures). */
  const eventCell = (table: Record<string, { value: number | null; suppressed: boolean }>, code: string) => {
    const cell = table[code];
    return !cell || cell.suppressed || cell.value === null ? fewerThan5 : fmt(cell.value);
  };

  /** A chart of one breakdown for both countries, and its table (rows: categories; columns: countries, total). */
  const byParty = (
    id: string,
    caption: string,
    firstColumn: string,
    rows: Array<{ key: string; label: string; value: (f: StatsParty | StatsTotals) => number | null }>,
  ) => {
    const categories: ChartCategory[] = rows.map((r) => ({
      key: r.key,
      label: r.label,
      values: Object.fromEntries(parties.map((p) => [p.party, r.value(p)])),
    }));
    const cell = (v: number | null) => (v === null ? fewerThan5 : fmt(v));
    return (
      <div className="stats-figure">
        <BarChart
          id={`${id}-chart`}
          title={caption}
          description={chartDescription(caption)}
          series={series}
          categories={categories}
          suppressedLabel={fewerThan5}
          formatNumber={fmt}
        />
        <DataTable id={`${id}-table`} caption={caption} columns={[firstColumn, ...partyColumns, total]}>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {parties.map((p) => (
                <td key={p.party}>{cell(r.value(p))}</td>
              ))}
              <td>{cell(r.value(totals))}</td>
            </tr>
          ))}
        </DataTable>
      </div>
    );
  };

  return (
    <div className="container stats">
      <h1>{t("stats.title")}</h1>
      <p className="lead">{t("stats.intro")}</p>

      <Form method="get" className="filters stats__filters" aria-label={t("stats.filtersLabel")}>
        <SelectField
          name="area"
          label={t("stats.area")}
          defaultValue={areaNumber ? String(areaNumber) : ""}
          options={[{ value: "", label: t("stats.allAreas") }, ...areas.map((a) => ({ value: String(a.number), label: `${a.number}. ${a.title}` }))]}
        />
        <button type="submit" className="button button--primary">
          {t("stats.apply")}
        </button>
      </Form>
      <p className="stats__scope">
        <strong>{t("summary.scope", { scope: stats.scopeLabel })}</strong>
        <br />
        <span className="muted">{t("summary.generatedAt", { date: generatedAt })}</span>
      </p>
      <p>{t("stats.countedNote")}</p>

      <section aria-labelledby="figures-title">
        <h2 id="figures-title">{t("summary.sections.figures")}</h2>
        <ul className="stats-headline">
          {HEADLINE.map((m) => (
            <li key={m} className="stat-card">
              <h3 className="stat-card__label">{t(`summary.metrics.${m}`)}</h3>
              <p className="stat-card__total">
                <span className="visually-hidden">{total}: </span>
                {fmt(totals[m])}
              </p>
              <dl className="stat-card__parties">
                {parties.map((p) => (
                  <div key={p.party}>
                    <dt>{t("stats.consultationsOf", { party: p.partyName })}</dt>
                    <dd>{fmt(p[m])}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
        <DataTable id="figures-table" caption={t("stats.captions.figures")} columns={[t("summary.columns.metric"), ...partyColumns, total]}>
          {ALL_METRICS.map((m) => (
            <tr key={m}>
              <th scope="row">{t(`summary.metrics.${m}`)}</th>
              {parties.map((p) => (
                <td key={p.party}>{fmt(p[m])}</td>
              ))}
              <td>{fmt(totals[m])}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      {!hasApproved && <p className="empty">{t("stats.noData")}</p>}

      <section aria-labelledby="stakeholders-title" id="stakeholders">
        <h2 id="stakeholders-title">{t("stats.sections.byStakeholder")}</h2>
        {byParty(
          "stakeholders",
          t("stats.captions.byStakeholder"),
          t("summary.columns.stakeholderType"),
          stats.stakeholderTypes.map((type) => ({ key: type.code, label: type.label, value: (f) => f.byStakeholderType[type.code] ?? 0 })),
        )}
      </section>

      <section aria-labelledby="over-time-title" id="over-time">
        <h2 id="over-time-title">{t("stats.sections.overTime")}</h2>
        <p>{t("stats.overTimeIntro")}</p>
        {stats.overTime.length === 0 ? (
          <p className="empty">{t("stats.noData")}</p>
        ) : (
          <div className="stats-figure">
            <ColumnChart
              id="over-time-chart"
              title={t("stats.captions.overTime")}
              description={t("stats.columnChartDesc", { title: t("stats.captions.overTime") })}
              series={series}
              months={stats.overTime.map((m) => ({ key: m.month, shortLabel: m.shortLabel, year: m.year, values: m.counts }))}
              formatNumber={fmt}
            />
            <DataTable id="over-time-table" caption={t("stats.captions.overTime")} columns={[t("stats.month"), ...partyColumns, total]}>
              {stats.overTime.map((m) => (
                <tr key={m.month}>
                  <th scope="row">
                    <time dateTime={m.month}>{m.label}</time>
                  </th>
                  {parties.map((p) => (
                    <td key={p.party}>{fmt(m.counts[p.party])}</td>
                  ))}
                  <td>{fmt(m.total)}</td>
                </tr>
              ))}
            </DataTable>
          </div>
        )}
      </section>

      <section aria-labelledby="regions-title" id="regions">
        <h2 id="regions-title">{t("stats.regionsTitle")}</h2>
        <p>{t("stats.regionIntro")}</p>
        {parties.map((p) => {
          const regions = regionRows.find((r) => r.party === p.party)?.rows ?? [];
          const caption = t("stats.captions.byRegion", { party: p.partyName });
          return (
            <section key={p.party} aria-labelledby={`regions-${p.party}-title`}>
              <h3 id={`regions-${p.party}-title`}>{t("stats.consultationsOf", { party: p.partyName })}</h3>
              {regions.length === 0 ? (
                <p className="empty">{t("stats.noData")}</p>
              ) : (
                <div className="stats-figure">
                  <BarChart
                    id={`regions-${p.party}-chart`}
                    title={caption}
                    description={chartDescription(caption)}
                    series={[{ key: p.party, label: p.partyName }]}
                    categories={regions.map((r) => ({ key: r.code, label: r.name, values: { [p.party]: r.count } }))}
                    suppressedLabel={fewerThan5}
                    formatNumber={fmt}
                  />
                  <DataTable id={`regions-${p.party}-table`} caption={caption} columns={[t("summary.columns.region"), t("summary.count")]}>
                    {regions.map((r) => (
                      <tr key={r.code}>
                        <th scope="row">{r.name}</th>
                        <td>{fmt(r.count)}</td>
                      </tr>
                    ))}
                  </DataTable>
                </div>
              )}
            </section>
          );
        })}
      </section>

      <section aria-labelledby="writer-countries-title" id="writer-countries">
        <h2 id="writer-countries-title">{t("stats.writerCountriesTitle")}</h2>
        <p>{t("stats.writerCountryIntro")}</p>
        <div className="stats-figure">
          <BarChart
            id="writer-countries-chart"
            title={t("stats.captions.byWriterCountry")}
            description={chartDescription(t("stats.captions.byWriterCountry"))}
            series={series}
            categories={stats.byWriterCountry.map((w) => ({
              key: w.country,
              label: w.countryName,
              values: Object.fromEntries(parties.map((p) => [p.party, w.byConsultationCountry[p.party]])),
            }))}
            suppressedLabel={fewerThan5}
            formatNumber={fmt}
          />
          <DataTable id="writer-countries-table" caption={t("stats.captions.byWriterCountry")} columns={[t("stats.writerCountry"), ...partyColumns, total]}>
            {stats.byWriterCountry.map((w) => (
              <tr key={w.country}>
                <th scope="row">{w.countryName}</th>
                {parties.map((p) => (
                  <td key={p.party}>{fmt(w.byConsultationCountry[p.party])}</td>
                ))}
                <td>{fmt(w.total)}</td>
              </tr>
            ))}
          </DataTable>
        </div>
        {writerRegions.map((w) => {
          const caption = t("stats.captions.writerRegions", { country: w.countryName });
          return (
            <section key={w.country} aria-labelledby={`writer-regions-${w.country}-title`}>
              <h3 id={`writer-regions-${w.country}-title`}>{t("stats.writersIn", { country: w.countryName })}</h3>
              {w.rows.length === 0 ? (
                <p className="empty">{t("stats.noData")}</p>
              ) : (
                <DataTable id={`writer-regions-${w.country}-table`} caption={caption} columns={[t("summary.columns.region"), t("summary.count")]}>
                  {w.rows.map((r) => (
                    <tr key={r.code}>
                      <th scope="row">{r.name}</th>
                      <td>{fmt(r.count)}</td>
                    </tr>
                  ))}
                </DataTable>
              )}
            </section>
          );
        })}
      </section>

      <section aria-labelledby="women-led-title" id="women-led">
        <h2 id="women-led-title">{t("summary.sections.womenLed")}</h2>
        <p>{t("stats.womenLedIntro")}</p>
        {byParty(
          "women-led",
          t("stats.captions.womenLed"),
          t("stats.answer"),
          WOMEN_LED.map((k) => ({ key: k, label: t(`summary.womenLed.${k}`), value: (f) => f.womenLed[k] })),
        )}
      </section>

      <section aria-labelledby="gender-title" id="gender">
        <h2 id="gender-title">{t("summary.sections.gender")}</h2>
        <p>{t("stats.genderIntro")}</p>
        <p className="notice">{t("summary.suppressionNote")}</p>
        {byParty(
          "gender",
          t("stats.captions.gender"),
          t("stats.gender"),
          GENDERS.map((g) => ({ key: g, label: t(`summary.gender.${g}`), value: (f) => f.gender[g].value })),
        )}
      </section>

      <section aria-labelledby="languages-title" id="languages">
        <h2 id="languages-title">{t("summary.sections.byLanguage")}</h2>
        {byParty(
          "languages",
          t("stats.captions.byLanguage"),
          t("summary.columns.language"),
          LANGUAGES.map((l) => ({ key: l, label: t(`languages.${l}`), value: (f) => f.byLanguage[l] })),
        )}
      </section>

      <section aria-labelledby="events-title" id="events">
        <h2 id="events-title">{t("stats.events.title")}</h2>
        <p>{t("stats.events.intro")}</p>
        {events.totals.held === 0 ? (
          <p className="empty">{t("stats.events.noData")}</p>
        ) : (
          <>
            <p className="notice">{t("summary.events.intro")}</p>
            <DataTable id="events-table" caption={t("stats.events.caption")} columns={[t("summary.columns.metric"), ...eventColumns, total]}>
              {EVENT_METRICS.map((m) => (
                <tr key={m}>
                  <th scope="row">{t(`summary.events.metrics.${m}`)}</th>
                  {events.parties.map((p) => (
                    <td key={p.party}>{fmt(p.figures[m])}</td>
                  ))}
                  <td>{fmt(events.totals[m])}</td>
                </tr>
              ))}
            </DataTable>
            {EVENT_BREAKDOWNS.filter((key) => events.groups[key].length > 0).map((key) => (
              <DataTable
                key={key}
                id={`events-${key}-table`}
                caption={t(`summary.events.breakdowns.${key}`)}
                columns={[t("summary.events.columns.group"), ...eventColumns, total]}
              >
                {events.groups[key].map((g) => (
                  <tr key={g.code}>
                    <th scope="row">{g.label}</th>
                    {events.parties.map((p) => (
                      <td key={p.party}>{eventCell(p.figures[key], g.code)}</td>
                    ))}
                    <td>{eventCell(events.totals[key], g.code)}</td>
                  </tr>
                ))}
              </DataTable>
            ))}
          </>
        )}
      </section>

      <p className="feed-link">
        <a href={areaNumber ? `/api/v1/stats?area=${areaNumber}` : "/api/v1/stats"}>{t("stats.openData")}</a>
      </p>
    </div>
  );
}
