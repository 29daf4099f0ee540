import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n";
import type { TopicCard as TopicCardData } from "~/models/topics.server";
import { LanguageNotice, StatusBadge } from "./topic-bits";

export function TopicCard({
  topic,
  locale,
  headingLevel = 3,
  partyName,
  takePart,
}: {
  topic: TopicCardData;
  locale: Locale;
  headingLevel?: 2 | 3 | 4;
  /** Shown when the list mixes both countries. */
  partyName?: string;
  /** A "Take part" link to the form while the consultation is open. */
  takePart?: boolean;
}) {
  const { t } = useTranslation();
  const Heading = `h${headingLevel}` as const;
  return (
    <article className="card topic-card">
      <p className="card__meta">
        <StatusBadge status={topic.status} />
        {partyName && <span className="card__party">{partyName}</span>}
        {topic.areaNumber !== null && (
          <span>
            {t("topics.areaShort", { number: topic.areaNumber })} · {t("topics.article", { article: topic.areaArticle })}
          </span>
        )}
      </p>
      <Heading className="card__title">
        <Link to={`/${locale}/consultations/${topic.slug}`} lang={topic.contentLocale === locale ? undefined : topic.contentLocale}>
          {topic.title}
        </Link>
      </Heading>
      <LanguageNotice available={topic.availableLocales} pageLocale={locale} />
      <p lang={topic.contentLocale === locale ? undefined : topic.contentLocale}>{topic.summary}</p>
      <p className="card__dates">
        {topic.status === "scheduled"
          ? t("topics.opensOn", { date: topic.opensAtText, zone: topic.timeZoneLabel })
          : topic.status === "open"
            ? t("topics.closesOn", { date: topic.closesAtText, zone: topic.timeZoneLabel })
            : t("topics.closedOn", { date: topic.closesAtText, zone: topic.timeZoneLabel })}
      </p>
      {takePart && topic.status === "open" && (
        <p className="card__action">
          <Link to={`/${locale}/consultations/${topic.slug}/submit`}>
            {t("home.takePart")}
            <span className="visually-hidden" lang={topic.contentLocale === locale ? undefined : topic.contentLocale}>
              {" "}
              ({topic.title})
            </span>
          </Link>
        </p>
      )}
    </article>
  );
}
