import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { LanguageNotice } from "~/components/topic-bits";
import type { ProtectedTable } from "~/models/event-figures.server";
import { listParties, listRegions } from "~/models/parties.server";
import { eventClock, getPublicEvent } from "~/models/public-events.server";
import { db } from "~/utils/db.server";
import { formatNumber, formatSize } from "~/utils/format";
import { localeAndT, notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

const EVENT_BADGE = { published: "scheduled", held: "done", cancelled: "to_be_confirmed" } as const;

export async function loader({ params }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const event = await getPublicEvent(db, params.slug ?? "", locale);
  if (!event) notFound();
  const [parties, clock, regionsCA, regionsCL] = await Promise.all([
    listParties(db, locale),
    eventClock(db, locale),
    listRegions(db, "CA", locale),
    listRegions(db, "CL", locale),
  ]);
  const times = clock(event);
  const number = (n: number) => formatNumber(n, locale);
  const withheld = t("summary.fewerThan5");
  // Each table's rows as shown: a label, and the count or "not shown" for a withheld group.
  const rows = (table: ProtectedTable, label: (key: string) => string) =>
    Object.entries(table).map(([key, cell]) => ({ key, label: label(key), value: cell.suppressed || cell.value === null ? withheld : number(cell.value) }));
  const regionName = (code: string) => [...regionsCA, ...regionsCL].find((r) => r.code === code)?.name ?? code;
  // Every region of both countries is in the figures; those withheld (all alike, "not shown")
  // read as one row, so a phone does not scroll through dozens of them.
  const regionRows = (table: ProtectedTable) => {
    const shown = rows(Object.fromEntries(Object.entries(table).filter(([, cell]) => !cell.suppressed)), regionName);
    const hidden = Object.values(table).some((cell) => cell.suppressed);
    return hidden ? [...shown, { key: "other", label: t("stats.otherRegions"), value: withheld }] : shown;
  };
  const countryName = (code: string) => (code === "other" ? t("summary.otherCountry") : (parties.find((p) => p.code === code)?.name ?? code));
  const figures = event.register?.figures;
  return {
    locale,
    title: event.title,
    description: event.description.slice(0, 300),
    event: {
      slug: event.slug,
      title: event.title,
      description: event.description,
      agenda: event.agenda,
      contentLocale: event.contentLocale,
      availableLocales: event.availableLocales,
      state: event.state,
      format: event.format,
      place: event.place,
      upcoming: event.upcoming,
      registration: event.registration,
      requiresApproval: event.requiresApproval,
      capacity: event.capacity,
      placesLeft: event.placesLeft,
      recordingUrl: event.recordingUrl,
      cancellationNote: event.cancellationNote,
    },
    partyName: parties.find((p) => p.code === event.partyCode)?.name ?? event.partyCode,
    when: t(times.sameDay ? "events.whenSameDay" : "events.when", times),
    languages: event.languages.map((l) => t(`languages.${l}`)).join(", "),
    interpretation: event.interpretation.length ? event.interpretation.map((l) => t(`languages.${l}`)).join(", ") : t("events.noInterpretation"),
    places: event.capacity === null ? t("events.noLimit") : t("events.placesLeft", { capacity: number(event.capacity), left: number(event.placesLeft ?? 0) }),
    registrationWindow: t("events.registrationWindow", { opens: times.at(event.registrationOpensAt), closes: times.at(event.registrationClosesAt) }),
    opensText: t("events.registerNotYet", { date: times.at(event.registrationOpensAt) }),
    cancelledText: event.cancelledAt ? t("events.cancelledOn", { date: times.at(event.cancelledAt) }) : null,
    area: event.area ? t("events.workplanLink", { number: event.area.number, title: event.area.title ?? "" }) : null,
    areaNumber: event.area?.number ?? null,
    report: event.report ? t("events.report", { name: event.report.fileName, size: formatSize(event.report.size, locale) }) : null,
    attendance: figures
      ? {
          intro: t("events.attendanceIntro", { date: times.at(event.register!.closedAt) }),
          registered: number(figures.registered),
          attended: number(figures.attended),
          tables: [
            {
              id: "stakeholder",
              caption: t("events.captions.byStakeholderType"),
              rows: rows(figures.byStakeholderType, (k) => t(`submission.choices.stakeholderType.${k}` as never)),
            },
            { id: "country", caption: t("events.captions.byCountry"), rows: rows(figures.byCountry, countryName) },
            { id: "region", caption: t("events.captions.byRegion"), rows: regionRows(figures.byRegion) },
            { id: "women-led", caption: t("events.captions.womenLed"), rows: rows(figures.womenLed, (k) => t(`summary.womenLed.${k}` as never)) },
            { id: "gender", caption: t("events.captions.gender"), rows: rows(figures.gender, (k) => t(`summary.gender.${k}` as never)) },
          ],
        }
      : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...pageMeta(data),
  ...(data ? [{ tagName: "link", rel: "alternate", type: "text/calendar", href: `/${data.locale}/events/${data.event.slug}.ics`, title: data.title }] : []),
];

function Paragraphs({ text, lang }: { text: string; lang?: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          <p key={i} lang={lang}>
            {p}
          </p>
        ))}
    </>
  );
}

export default function EventPage() {
  const data = useLoaderData<typeof loader>();
  const { locale, event } = data;
  const { t } = useTranslation();
  const lang = event.contentLocale === locale ? undefined : event.contentLocale;
  return (
    <div className="container prose-wide">
      <p>
        <Link to={`/${locale}/events`}>{t("events.back")}</Link>
      </p>
      <p className="eyebrow">
        <span className={`badge badge--${EVENT_BADGE[event.state]}`}>{t(`events.states.${event.state}`)}</span>{" "}
        {t("events.organisedBy", { party: data.partyName })}
      </p>
      <h1 lang={lang}>{event.title}</h1>
      <LanguageNotice available={event.availableLocales} pageLocale={locale} />
      {event.state === "cancelled" && (
        <div className="notice" role="note">
          <p>
            <strong>{t("events.cancelled")}</strong> {data.cancelledText}
          </p>
          {event.cancellationNote && <p lang={lang}>{event.cancellationNote}</p>}
        </div>
      )}
      <p className="lead">{data.when}</p>

      <section aria-labelledby="details-title">
        <h2 id="details-title">{t("events.details")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("events.date")}</dt>
            <dd>{data.when}</dd>
          </div>
          <div>
            <dt>{t("events.format")}</dt>
            <dd>{t(`events.formats.${event.format}`)}</dd>
          </div>
          {event.place && (
            <div>
              <dt>{t("events.place")}</dt>
              <dd>{event.place}</dd>
            </div>
          )}
          <div>
            <dt>{t("events.languages")}</dt>
            <dd>{data.languages}</dd>
          </div>
          <div>
            <dt>{t("events.interpretation")}</dt>
            <dd>{data.interpretation}</dd>
          </div>
          {event.state === "published" && event.upcoming && (
            <div>
              <dt>{t("events.places")}</dt>
              <dd>{data.places}</dd>
            </div>
          )}
          {event.state === "published" && event.upcoming && (
            <div>
              <dt>{t("events.registration")}</dt>
              <dd>{data.registrationWindow}</dd>
            </div>
          )}
          {data.area && (
            <div>
              <dt>{t("events.area")}</dt>
              <dd>
                <Link to={`/${locale}/workplan#area-${data.areaNumber}`}>{data.area}</Link>
              </dd>
            </div>
          )}
        </dl>
        {event.format !== "in_person" && event.state === "published" && <p className="muted">{t("events.onlineNote")}</p>}
        {event.state === "published" && event.upcoming && (
          <div className="card__action">
            {event.registration === "open" ? (
              <>
                {event.capacity !== null && event.placesLeft === 0 && <p>{t("events.full")}</p>}
                {event.requiresApproval && <p>{t("events.requiresApproval")}</p>}
                <p>
                  <Link className="button button--primary" to={`/${locale}/events/${event.slug}/register`}>
                    {t("events.register")}
                  </Link>
                </p>
              </>
            ) : event.registration === "not_yet" ? (
              <p>{data.opensText}</p>
            ) : (
              <p>{t("events.registrationClosed")}</p>
            )}
          </div>
        )}
        <p>
          <a href={`/${locale}/events/${event.slug}.ics`}>{t("events.addToCalendar")}</a>
        </p>
      </section>

      <section aria-labelledby="about-title">
        <h2 id="about-title">{t("events.about")}</h2>
        <Paragraphs text={event.description} lang={lang} />
      </section>
      {event.agenda.trim() && (
        <section aria-labelledby="agenda-title">
          <h2 id="agenda-title">{t("events.agenda")}</h2>
          <Paragraphs text={event.agenda} lang={lang} />
        </section>
      )}

      {(event.state === "held" || data.report || event.recordingUrl) && (
        <section aria-labelledby="report-title">
          <h2 id="report-title">{t("events.reportTitle")}</h2>
          {data.report || event.recordingUrl ? (
            <ul>
              {data.report && (
                <li>
                  <a href={`/${locale}/events/${event.slug}/report`}>{data.report}</a>
                </li>
              )}
              {event.recordingUrl && (
                <li>
                  <a href={event.recordingUrl} rel="noopener noreferrer">
                    {t("events.recording")}
                  </a>
                </li>
              )}
            </ul>
          ) : (
            <p>{t("events.noReport")}</p>
          )}
        </section>
      )}

      {event.state === "held" && (
        <section aria-labelledby="attendance-title">
          <h2 id="attendance-title">{t("events.attendanceTitle")}</h2>
          {data.attendance ? (
            <>
              <p>{data.attendance.intro}</p>
              <dl className="facts">
                <div>
                  <dt>{t("events.registered")}</dt>
                  <dd>{data.attendance.registered}</dd>
                </div>
                <div>
                  <dt>{t("events.attended")}</dt>
                  <dd>{data.attendance.attended}</dd>
                </div>
              </dl>
              <p className="notice">{t("events.suppressionNote")}</p>
              {data.attendance.tables.map((table) => (
                <DataTable key={table.id} id={`attendance-${table.id}`} caption={table.caption} columns={[t("events.group"), t("events.count")]}>
                  {table.rows.map((r) => (
                    <tr key={r.key}>
                      <th scope="row">{r.label}</th>
                      <td>{r.value}</td>
                    </tr>
                  ))}
                </DataTable>
              ))}
            </>
          ) : (
            <p>{t("events.noFigures")}</p>
          )}
        </section>
      )}
    </div>
  );
}
