import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TopicCard } from "~/components/topic-card";
import type { Locale } from "~/i18n";
import { listParties } from "~/models/parties.server";
import { listOpenTopics } from "~/models/topics.server";
import { db } from "~/utils/db.server";
import { localeAndT } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

const likelyCountry: Record<Locale, string> = { en: "CA", fr: "CA", es: "CL" };

export async function loader({ params }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const [parties, open] = await Promise.all([listParties(db, locale), listOpenTopics(db, locale)]);
  return {
    locale,
    title: t("home.title"),
    description: t("home.lead"),
    // The reader's likely country first (Chile on /es, Canada on /en and /fr); both always shown.
    parties: parties
      .map((p) => ({ ...p, topics: open.filter((topic) => topic.partyCode === p.code) }))
      .sort((a, b) => Number(b.code === likelyCountry[locale]) - Number(a.code === likelyCountry[locale])),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export default function Home() {
  const { locale, parties } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <section className="hero">
        <div className="container">
          <p className="eyebrow">{t("home.eyebrow")}</p>
          <h1>{t("home.title")}</h1>
          <p className="lead">{t("home.lead")}</p>
          <p>{t("home.howItWorks")}</p>
          <p className="hero__actions">
            <a className="button button--primary" href="#open-now">
              {t("home.takePart")}
            </a>
            <Link className="button button--secondary" to={`/${locale}/workplan`}>
              {t("home.readWorkplan")}
            </Link>
          </p>
        </div>
      </section>
      <div className="container">
        <h2 className="section-title" id="open-now" tabIndex={-1}>
          {t("home.openNow")}
        </h2>
        <p className="muted">{t("home.takePartHint")}</p>
        <div className="party-grid">
          {parties.map((party) => (
            <section key={party.code} id={`party-${party.code}`} aria-labelledby={`party-${party.code}-title`} className="party">
              <h3 id={`party-${party.code}-title`} className="party__title">
                <span className={`flag flag--${party.code}`} aria-hidden="true" />
                {party.name}
              </h3>
              <p className="party__intro">{t(`home.partyIntro.${party.code === "CL" ? "CL" : "CA"}`)}</p>
              {party.topics.length === 0 ? (
                <p className="empty">{t("home.noneOpen")}</p>
              ) : (
                <ul className="card-list">
                  {party.topics.map((topic) => (
                    <li key={topic.slug}>
                      <TopicCard topic={topic} locale={locale} headingLevel={4} takePart />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </div>
        <section className="principles-teaser" aria-labelledby="who-title">
          <h2 id="who-title" className="section-title">
            {t("home.whoTitle")}
          </h2>
          <p>{t("home.whoText")}</p>
          <ul className="who-list">
            {(["union", "business", "academia", "ngo", "indigenous", "other"] as const).map((k) => (
              <li key={k}>{t(`home.who.${k}`)}</li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
