import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { LanguageNotice } from "~/components/topic-bits";
import { listParties } from "~/models/parties.server";
import { eventClock, listPublicEvents } from "~/models/public-events.server";
import { listAreas } from "~/models/workplan.server";
import { eventSearchSchema } from "~/schemas/event-search";
import { db } from "~/utils/db.server";
import { localeAndT } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

const EVENT_BADGE = { published: "scheduled", held: "done", cancelled: "to_be_confirmed" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const filters = eventSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [result, parties, areas, clock] = await Promise.all([
    listPublicEvents(db, locale, filters),
    listParties(db, locale),
    listAreas(db, locale),
    eventClock(db, locale),
  ]);
  const events = result.events.map((e) => ({
    slug: e.slug,
    title: e.title,
    description: e.description,
    contentLocale: e.contentLocale,
    availableLocales: e.availableLocales,
    partyName: parties.find((p) => p.code === e.partyCode)?.name ?? e.partyCode,
    state: e.state,
    format: e.format,
    place: e.place,
    upcoming: e.upcoming,
    registration: e.registration,
    hasReport: e.report !== null || e.recordingUrl !== null,
    when: (({ sameDay, ...when }) => t(sameDay ? "events.whenSameDay" : "events.when", when))(clock(e)),
  }));
  return {
    locale,
    title: t("events.title"),
    description: t("events.intro"),
    filters,
    events,
    total: result.total,
    page: result.page,
    pages: result.pages,
    parties: parties.map((p) => ({ code: p.code, name: p.name })),
    areas: areas.map((a) => ({ number: a.number, title: a.title })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...pageMeta(data),
  ...(data ? [{ tagName: "link", rel: "alternate", type: "text/calendar", href: "/api/v1/events.ics", title: data.title }] : []),
];

export default function Events() {
  const { locale, filters, events, total, page, pages, parties, areas } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const location = useLocation();
  const pageLink = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `?${params}`;
  };
  const foreign = (l: string) => (l === locale ? undefined : l);
  return (
    <div className="container">
      <h1>{t("events.title")}</h1>
      <p className="lead">{t("events.intro")}</p>
      <Form method="get" className="filters" role="search" aria-label={t("events.filtersLabel")}>
        <SelectField
          name="country"
          label={t("events.country")}
          defaultValue={filters.country ?? ""}
          options={[{ value: "", label: t("events.allCountries") }, ...parties.map((p) => ({ value: p.code, label: p.name }))]}
        />
        <SelectField
          name="area"
          label={t("events.area")}
          defaultValue={filters.area ? String(filters.area) : ""}
          options={[{ value: "", label: t("events.allAreas") }, ...areas.map((a) => ({ value: String(a.number), label: `${a.number}. ${a.title}` }))]}
        />
        <SelectField
          name="format"
          label={t("events.format")}
          defaultValue={filters.format ?? ""}
          options={[
            { value: "", label: t("events.anyFormat") },
            ...(["in_person", "online", "hybrid"] as const).map((f) => ({ value: f, label: t(`events.formats.${f}`) })),
          ]}
        />
        <button type="submit" className="button button--primary">
          {t("events.apply")}
        </button>
      </Form>
      <p role="status" className="results-count">
        {t("events.results", { count: total })}
      </p>
      {events.length === 0 ? (
        <p className="empty">{t("events.none")}</p>
      ) : (
        <ul className="card-list">
          {events.map((e) => (
            <li key={e.slug}>
              <article className="card event-card">
                <p className="card__meta">
                  <span className={`badge badge--${EVENT_BADGE[e.state]}`}>{t(`events.states.${e.state}`)}</span>{" "}
                  <span>{e.upcoming ? t("events.upcoming") : t("events.past")}</span> · <span className="card__party">{e.partyName}</span> ·{" "}
                  <span>{t(`events.formats.${e.format}`)}</span>
                </p>
                <h2 className="card__title">
                  <Link to={`/${locale}/events/${e.slug}`} lang={foreign(e.contentLocale)}>
                    {e.title}
                  </Link>
                </h2>
                <LanguageNotice available={e.availableLocales} pageLocale={locale} />
                <p className="card__dates">{e.when}</p>
                {e.place && <p>{e.place}</p>}
                {e.registration === "open" && (
                  <p className="card__action">
                    <Link to={`/${locale}/events/${e.slug}/register`}>
                      {t("events.register")}
                      <span className="visually-hidden" lang={foreign(e.contentLocale)}>
                        {" "}
                        ({e.title})
                      </span>
                    </Link>
                  </p>
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
      <Pagination label={t("events.pagination")} page={page} pages={pages} pageLink={pageLink} />
      <p className="feed-link">
        <a href="/api/v1/events.ics">{t("events.feed")}</a>
        {parties.map((p) => (
          <span key={p.code}>
            {" "}
            · <a href={`/api/v1/events.ics?country=${p.code}`}>{t("events.feedCountry", { country: p.name })}</a>
          </span>
        ))}{" "}
        · <a href="/api/v1/events">{t("events.openData")}</a>
      </p>
    </div>
  );
}
