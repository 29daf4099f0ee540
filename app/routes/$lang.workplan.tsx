import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getWorkplan } from "~/models/workplan.server";
import { db } from "~/utils/db.server";
import { localeAndT, notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ params }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const workplan = await getWorkplan(db, locale);
  if (!workplan) notFound();
  return { title: t("workplan.pageTitle"), description: workplan.title, workplan };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export default function Workplan() {
  const { workplan } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container prose-wide">
      <p className="eyebrow">{t("workplan.eyebrow")}</p>
      <h1>{workplan.title}</h1>
      <p className="lead">{workplan.introduction}</p>

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

          <h4>{t("workplan.objectives")}</h4>
          <ul>
            {area.objectives.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>

          <h4>{t("workplan.activities")}</h4>
          <ol className="activities">
            {area.activities.map((a) => (
              <li key={a.text} className="activity">
                <p className="activity__when">
                  <span className="activity__timing">{a.timing}</span> <span className={`badge badge--${a.status}`}>{t(`workplan.status.${a.status}`)}</span>
                </p>
                <p>{a.text}</p>
              </li>
            ))}
          </ol>

          <h4>{t("workplan.deliverables")}</h4>
          <ul>
            {area.deliverables.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </section>
      ))}
      <p className="source-note">{t("workplan.sourceNote")}</p>
    </div>
  );
}
