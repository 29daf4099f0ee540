import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RichText } from "~/components/rich-text";
import { LanguageNotice, StatusBadge } from "~/components/topic-bits";
import { listParties } from "~/models/parties.server";
import { getPublicTopic } from "~/models/topics.server";
import { db } from "~/utils/db.server";
import { localeAndT, notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ params }: LoaderFunctionArgs) {
  const { locale } = await localeAndT(params);
  const topic = await getPublicTopic(db, params.slug ?? "", locale);
  if (!topic) notFound();
  const party = (await listParties(db, locale)).find((p) => p.code === topic.partyCode);
  return { locale, title: topic.title, description: topic.summary, topic, partyName: party?.name ?? topic.partyCode };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export default function TopicPage() {
  const { locale, topic, partyName } = useLoaderData<typeof loader>();
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
      <p className="lead" lang={contentLang}>
        {topic.summary}
      </p>
      <RichText text={topic.body} lang={contentLang} />
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
