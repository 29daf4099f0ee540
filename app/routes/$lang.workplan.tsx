import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { eventClock, listEventsByWorkplanItem } from "~/models/public-events.server";
import { getWorkplan, type WorkplanItemView } from "~/models/workplan.server";
import { db } from "~/utils/db.server";
import { formatDay, formatSize } from "~/utils/format";
import { localeAndT, notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ params }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const [workplan, eventsByItem, clock] = await Promise.all([getWorkplan(db, locale), listEventsByWorkplanItem(db, locale), eventClock(db, locale)]);
  if (!workplan) notFound();
  // Dates written here, in the page's language: the component only lays them out.
  const item = (i: WorkplanItemView) => ({
    ...i,
    // The events delivering this item (ADR 045), with their register and report once delivered.
    events: (eventsByItem.get(i.id) ?? []).map((e) => {
      const when = clock({ startsAt: e.startsAt, endsAt: e.startsAt, timeZone: e.timeZone });
      return { ...e, whenText: t("topics.dateInZone", { date: when.start, zone: when.zone }) };
    }),
    progress: i.progress.map((p) => ({
      ...p,
      dueText: p.dueOn ? t(p.tentative ? "workplan.dueTentative" : "workplan.dueOn", { date: formatDay(p.dueOn, locale) }) : t("workplan.dueUnknown"),
      updatedText: p.updatedAt ? t("workplan.updatedOn", { date: formatDay(p.updatedAt, locale) }) : null,
      fileText: p.file ? t("workplan.deliverableFile", { name: p.file.name, size: formatSize(p.file.size, locale) }) : null,
    })),
  });
  return {
    locale,
    title: t("workplan.pageTitle"),
    description: workplan.title,
    workplan: { ...workplan, areas: workplan.areas.map((a) => ({ ...a, activities: a.activities.map(item), deliverables: a.deliverables.map(item) })) },
    lastUpdated: workplan.lastUpdatedAt ? t("workplan.lastUpdated", { date: formatDay(workplan.lastUpdatedAt, locale) }) : t("workplan.neverUpdated"),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

type ItemProgress = ReturnType<typeof useLoaderData<typeof loader>>["workplan"]["areas"][number]["activities"][number]["progress"];

function Progress({ progress, itemId, locale, label }: { progress: ItemProgress; itemId: number; locale: string; label: string }) {
  const { t } = useTranslation();
  return (
    <ul className="progress-list" aria-label={label}>
      {progress.map((p) => (
        <li key={p.party}>
          <strong>{t(`admin.parties.${p.party}` as never)}</strong> <span className={`badge badge--${p.status}`}>{t(`workplan.status.${p.status}`)}</span>{" "}
          <span>{p.dueText}</span>
          {p.updatedText && <span className="muted"> · {p.updatedText}</span>}
          {p.fileText && (
            <>
              {" "}
              · <a href={`/${locale}/workplan/deliverables/${itemId}/${p.party}`}>{p.fileText}</a>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

type ItemEventsData = ReturnType<typeof useLoaderData<typeof loader>>["workplan"]["areas"][number]["activities"][number]["events"];
const EVENT_BADGE = { published: "scheduled", held: "done", cancelled: "to_be_confirmed" } as const;

/** The events delivering an item: link, date, state, and the register and report once delivered. */
function ItemEvents({ events, locale }: { events: ItemEventsData; locale: string }) {
  const { t } = useTranslation();
  if (events.length === 0) return null;
  return (
    <ul className="progress-list" aria-label={t("events.inWorkplan")}>
      {events.map((e) => (
        <li key={e.slug}>
          <a href={`/${locale}/events/${e.slug}`}>{e.title}</a> <span className={`badge badge--${EVENT_BADGE[e.state]}`}>{t(`events.states.${e.state}`)}</span>{" "}
          <span>{e.whenText}</span>
          {e.registerClosed && (
            <span>
              {" "}
              · <span className="badge badge--done">{t("events.registerDelivered")}</span>
            </span>
          )}
          {e.reportAttached && (
            <span>
              {" "}
              · <a href={`/${locale}/events/${e.slug}/report`}>{t("events.reportDelivered")}</a>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

export default function Workplan() {
  const { workplan, lastUpdated, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container prose-wide">
      <p className="eyebrow">{t("workplan.eyebrow")}</p>
      <h1>{workplan.title}</h1>
      <p className="lead">{workplan.introduction}</p>
      <p className="workplan__updated">{lastUpdated}</p>

      <section aria-labelledby="principles-title">
        <h2 id="principles-title">{t("workplan.principles")}</h2>
        <ul className="principles">
          {workplan.principles.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </section>

      <h2>{t("workplan.areas")}</h2>
      <nav aria-label={t("workplan.areasNav")} className="toc">
        <ol>
          {workplan.areas.map((area) => (
            <li key={area.id}>
              <a href={`#area-${area.number}`}>{area.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      {workplan.areas.map((area) => (
        <section key={area.id} id={`area-${area.number}`} className="area" aria-labelledby={`area-${area.number}-title`}>
          <h3 id={`area-${area.number}-title`}>
            <span className="area__number">{area.number}</span> {area.title}
          </h3>
          <p className="area__article">{t("topics.article", { article: area.article })}</p>
          <p>{area.description}</p>
          <p>
            {area.consultations > 0 ? (
              <a href={`/${locale}/consultations?area=${area.number}`}>{t("workplan.consultations", { count: area.consultations })}</a>
            ) : (
              t("workplan.noConsultations")
            )}
          </p>

          <h4>{t("workplan.objectives")}</h4>
          <ul>
            {area.objectives.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>

          <h4>{t("workplan.activities")}</h4>
          <ol className="activities">
            {area.activities.map((a) => (
              <li key={a.id} className="activity">
                <p>{a.text}</p>
                <p className="activity__when muted">{t("workplan.asWritten", { timing: a.timing })}</p>
                <Progress progress={a.progress} itemId={a.id} locale={locale} label={t("workplan.progressLabel")} />
                <ItemEvents events={a.events} locale={locale} />
              </li>
            ))}
          </ol>

          <h4>{t("workplan.deliverables")}</h4>
          <ul className="activities">
            {area.deliverables.map((d) => (
              <li key={d.id} className="activity">
                <p>{d.text}</p>
                <Progress progress={d.progress} itemId={d.id} locale={locale} label={t("workplan.progressLabel")} />
                <ItemEvents events={d.events} locale={locale} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p className="source-note">{t("workplan.sourceNote")}</p>
    </div>
  );
}
