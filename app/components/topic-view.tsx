import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n";
import type { TopicPage } from "~/models/topics.server";
import { formatSize } from "~/utils/format";
import { RichText } from "./rich-text";
import { LanguageNotice, StatusBadge } from "./topic-bits";

/** A consultation as the public sees it (also the officials' preview). */
export function TopicView({ locale, topic, partyName }: { locale: Locale; topic: TopicPage; partyName: string }) {
  const { t } = useTranslation();
  const contentLang = topic.contentLocale === locale ? undefined : topic.contentLocale;
  return (
    <article className="container prose">
      <p className="eyebrow">
        {partyName}
        {topic.areaNumber !== null && ` · ${t("topics.areaShort", { number: topic.areaNumber })} · ${topic.areaTitle ?? ""}`}
      </p>
      <h1 lang={contentLang}>{topic.title}</h1>
      <LanguageNotice available={topic.availableLocales} pageLocale={locale} />
      <dl className="facts">
        <div>
          <dt>{t("topics.statusLabel")}</dt>
          <dd>
            <StatusBadge status={topic.status} />
          </dd>
        </div>
        <div>
          <dt>{t("topics.opens")}</dt>
          <dd>{t("topics.dateInZone", { date: topic.opensAtText, zone: topic.timeZoneLabel })}</dd>
        </div>
        <div>
          <dt>{t("topics.closes")}</dt>
          <dd>{t("topics.dateInZone", { date: topic.closesAtText, zone: topic.timeZoneLabel })}</dd>
        </div>
        {topic.areaArticle && (
          <div>
            <dt>{t("topics.articleLabel")}</dt>
            <dd>{topic.areaArticle}</dd>
          </div>
        )}
      </dl>
      <p className={`call call--${topic.status}`}>
        {topic.status === "open"
          ? t("topics.callOpen", { date: topic.closesAtText, zone: topic.timeZoneLabel })
          : topic.status === "scheduled"
            ? t("topics.callScheduled", { date: topic.opensAtText, zone: topic.timeZoneLabel })
            : t("topics.callClosed")}
      </p>
      {topic.status === "open" && (
        <p>
          <Link className="button button--primary" to={`/${locale}/consultations/${topic.slug}/submit`}>
            {t("topics.takePart")}
          </Link>
        </p>
      )}
      <p className="muted">{t("topics.publishedCount", { count: topic.publishedCount })}</p>
      <p className="lead" lang={contentLang}>
        {topic.summary}
      </p>
      <RichText text={topic.body} lang={contentLang} />
      {topic.documents.length > 0 && (
        <section aria-labelledby="documents-title" className="documents">
          <h2 id="documents-title">{t("topics.documents")}</h2>
          <ul>
            {topic.documents.map((d) => (
              <li key={d.id}>
                <a href={`/${locale}/consultations/${topic.slug}/documents/${d.id}`} download>
                  {d.name}
                </a>{" "}
                <span className="muted">
                  ({t("topics.documentMeta", { size: formatSize(d.size, locale) })}
                  {d.locale && d.locale !== locale ? ` · ${t(`languages.${d.locale}`)}` : ""})
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {topic.questions.length > 0 && (
        <section aria-labelledby="questions-title" className="questions">
          <h2 id="questions-title">{t("topics.guidingQuestions")}</h2>
          <ol>
            {topic.questions.map((q, i) => (
              <li key={i} lang={q.locale === locale ? undefined : q.locale}>
                {q.text}
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}
