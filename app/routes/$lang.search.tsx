import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { Byline, Redactable } from "~/components/published-submission";
import { TopicCard } from "~/components/topic-card";
import { listParties } from "~/models/parties.server";
import { searchPublishedSubmissions, SITE_SEARCH_LIMIT } from "~/models/published-submissions.server";
import { searchWords } from "~/models/submission-search.server";
import { searchTopics } from "~/models/topics.server";
import { parseSiteSearch, SITE_SEARCH_MAX } from "~/schemas/site-search";
import { db } from "~/utils/db.server";
import { localeAndT } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

/** Consultations shown at most (there are few: the rest is a matter of adding words). */
const TOPIC_LIMIT = 20;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const url = new URL(request.url);
  const search = parseSiteSearch(url);
  const base = {
    locale,
    title: t("consultations.siteSearch.title"),
    description: t("consultations.siteSearch.intro"),
    max: SITE_SEARCH_MAX,
    resultLimit: SITE_SEARCH_LIMIT,
  };
  if (!search) {
    // The form comes back with the message; what was typed is not echoed (it may be anything, at any length).
    return data({ ...base, q: "", tooLong: true, searched: false, topics: null, submissions: null }, { status: 400 });
  }
  const words = searchWords(search.q);
  if (words.length === 0) return { ...base, q: search.q, tooLong: false, searched: false, topics: null, submissions: null };
  const [topics, submissions, parties] = await Promise.all([
    searchTopics(db, locale, { words, pageSize: TOPIC_LIMIT }),
    searchPublishedSubmissions(db, locale, words, search.page ?? 1),
    listParties(db, locale),
  ]);
  return {
    ...base,
    title: `${search.q} · ${base.title}`,
    q: search.q,
    tooLong: false,
    searched: true,
    topics: { total: topics.total, shown: topics.topics, partyNames: Object.fromEntries(parties.map((p) => [p.code, p.name])) },
    submissions,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export default function Search() {
  const { locale, q, max, resultLimit, tooLong, searched, topics, submissions } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const pageLink = (page: number) => `?${new URLSearchParams({ q, page: String(page) })}`;
  return (
    <div className="container">
      <h1>{t("consultations.siteSearch.title")}</h1>
      <p className="lead">{t("consultations.siteSearch.intro")}</p>
      <Form method="get" role="search" className="site-search site-search--page" aria-label={t("consultations.siteSearch.label")}>
        <label htmlFor="search-page-q" className="visually-hidden">
          {t("consultations.siteSearch.label")}
        </label>
        <input
          id="search-page-q"
          type="search"
          name="q"
          defaultValue={q}
          maxLength={max}
          aria-invalid={tooLong || undefined}
          aria-describedby={tooLong ? "search-page-error" : undefined}
        />
        <button type="submit" className="button button--primary">
          {t("consultations.siteSearch.button")}
        </button>
      </Form>
      {tooLong && (
        <p className="field__error" id="search-page-error" role="alert">
          {t("consultations.siteSearch.tooLong", { max })}
        </p>
      )}
      {!tooLong && !searched && <p className="empty">{t("consultations.siteSearch.enterWords")}</p>}
      {topics && (
        <section aria-labelledby="found-consultations">
          <h2 id="found-consultations">
            {t("consultations.siteSearch.consultations")}{" "}
            <span className="muted">({t("consultations.siteSearch.consultationsFound", { count: topics.total })})</span>
          </h2>
          {topics.shown.length === 0 ? (
            <p className="empty">{t("consultations.siteSearch.noConsultations")}</p>
          ) : (
            <ul className="card-list">
              {topics.shown.map((topic) => (
                <li key={topic.slug}>
                  <TopicCard topic={topic} locale={locale} headingLevel={3} partyName={topics.partyNames[topic.partyCode]} />
                </li>
              ))}
            </ul>
          )}
          {topics.total > topics.shown.length && <p className="muted">{t("consultations.siteSearch.moreConsultations", { max: topics.shown.length })}</p>}
        </section>
      )}
      {submissions && (
        <section aria-labelledby="found-submissions">
          <h2 id="found-submissions">
            {t("consultations.siteSearch.submissions")}{" "}
            <span className="muted">({t("consultations.siteSearch.submissionsFound", { count: submissions.total })})</span>
          </h2>
          {submissions.limited && <p className="muted">{t("consultations.siteSearch.limited", { max: resultLimit })}</p>}
          {submissions.submissions.length === 0 ? (
            <p className="empty">{t("consultations.siteSearch.noSubmissions")}</p>
          ) : (
            <ul className="card-list">
              {submissions.submissions.map((s) => {
                const topicPath = `/${locale}/consultations/${s.topicSlug}`;
                return (
                  <li key={s.reference}>
                    <article className="card published-card">
                      <p className="card__meta">
                        <span className={`badge badge--${s.kind}`}>{t(`publicSubmissions.kind.${s.kind}`)}</span>
                        <span>{s.reference}</span>
                        <span>{t("publicSubmissions.publishedOn", { date: s.publishedAtText })}</span>
                      </p>
                      <h3 className="card__title">
                        <Link to={`${topicPath}/submissions/${s.reference}`} lang={s.title ? s.language : undefined}>
                          {s.title ? <Redactable text={s.title} /> : t("publicSubmissions.untitled", { reference: s.reference })}
                        </Link>
                      </h3>
                      <p className="published-card__byline">
                        <Byline byline={s.byline} />
                      </p>
                      <p className="published-card__topic">
                        {t("consultations.siteSearch.inConsultation")}{" "}
                        <Link to={topicPath} lang={s.topicLocale === locale ? undefined : s.topicLocale}>
                          {s.topicTitle}
                        </Link>
                      </p>
                      {s.excerpt && (
                        <p className="published-card__excerpt" lang={s.language}>
                          <Redactable text={s.excerpt} />
                        </p>
                      )}
                      {s.campaignSenders !== null && <p className="campaign-note">{t("publicSubmissions.sentBy", { count: s.campaignSenders })}</p>}
                    </article>
                  </li>
                );
              })}
            </ul>
          )}
          <Pagination label={t("consultations.siteSearch.pagination")} page={submissions.page} pages={submissions.pages} pageLink={pageLink} />
        </section>
      )}
    </div>
  );
}
