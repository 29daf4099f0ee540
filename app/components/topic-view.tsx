import { useListNavigation } from "./list-navigation";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n";
import type { PublicOutcome } from "~/models/outcomes.server";
import type { PublishedListItem } from "~/models/published-submissions.server";
import type { TopicPage } from "~/models/topics.server";
import type { PublishedSubmissionSearch } from "~/schemas/published-submission-search";
import { stakeholderTypes } from "~/schemas/submission-choices";
import { formatSize } from "~/utils/format";
import { SelectField, TextField } from "./forms";
import { Byline, Redactable } from "./published-submission";
import { RichText } from "./rich-text";
import { Pagination } from "./pagination";
import { LanguageNotice, StatusBadge } from "./topic-bits";
import { TopicOutcome } from "./topic-outcome";

/**
 * A consultation as the public sees it (also the officials' preview). `children` come after the
 * topic, inside the article: the public page puts its published submissions there.
 */
export function TopicView({
  locale,
  topic,
  partyName,
  outcome,
  children,
}: {
  locale: Locale;
  topic: TopicPage;
  partyName: string;
  /** The published response to a closed consultation ("what we heard"): it leads the page. */
  outcome?: PublicOutcome | null;
  children?: ReactNode;
}) {
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
      {outcome && <TopicOutcome outcome={outcome} locale={locale} />}
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
        {topic.status === "closed" && !outcome && ` ${t("topics.outcome.preparing")}`}
      </p>
      {topic.status === "open" && (
        <p>
          <Link className="button button--primary" to={`/${locale}/consultations/${topic.slug}/submit`}>
            {t("topics.takePart")}
          </Link>
        </p>
      )}
      <p className="muted">{t("topics.publishedCount", { count: topic.publishedCount })}</p>
      {topic.status !== "archived" && topic.status !== "draft" && (
        <p className="subscribe-link">
          <Link to={`/${locale}/subscriptions?${new URLSearchParams({ topic: topic.slug })}`}>{t("subscriptions.subscribeTopic")}</Link>
        </p>
      )}
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
      {children}
    </article>
  );
}

export interface PublishedSubmissionsData {
  total: number;
  page: number;
  pages: number;
  pageSize: number;
  submissions: PublishedListItem[];
  filters: PublishedSubmissionSearch;
  countries: Array<{ code: string; name: string }>;
}

const SECTION_ID = "published-submissions";

/** A topic's published submissions: a GET filter form (works without JavaScript), the list, pages. */
export function PublishedSubmissions({
  locale,
  topicSlug,
  data,
  summaryFormats,
}: {
  locale: Locale;
  topicSlug: string;
  data: PublishedSubmissionsData;
  /** The formats the summary is offered in (a very large one has no DOCX). */
  summaryFormats: ReadonlyArray<"pdf" | "docx" | "xlsx" | "csv" | "json">;
}) {
  const { t } = useTranslation();
  const navigateInList = useListNavigation();
  const { filters } = data;
  const filtered = !!(filters.stakeholderType || filters.country || filters.q);
  const base = `/${locale}/consultations/${topicSlug}`;
  const pageLink = (page: number) => {
    const params = new URLSearchParams();
    if (filters.stakeholderType) params.set("stakeholderType", filters.stakeholderType);
    if (filters.country) params.set("country", filters.country);
    if (filters.q) params.set("q", filters.q);
    if (page > 1) params.set("page", String(page));
    const search = params.toString();
    return `${base}${search ? `?${search}` : ""}#${SECTION_ID}`;
  };
  return (
    <section aria-labelledby={`${SECTION_ID}-title`} className="published" id={SECTION_ID}>
      <h2 id={`${SECTION_ID}-title`}>{t("publicSubmissions.title")}</h2>
      <p className="muted">{t("publicSubmissions.intro")}</p>
      <Form method="get" action={base} preventScrollReset className="filters published__filters" role="search" aria-label={t("publicSubmissions.filtersLabel")}>
        <SelectField
          name="stakeholderType"
          label={t("publicSubmissions.stakeholderType")}
          defaultValue={filters.stakeholderType ?? ""}
          options={[
            { value: "", label: t("publicSubmissions.anyStakeholderType") },
            ...stakeholderTypes.map((type) => ({ value: type, label: t(`submission.choices.stakeholderType.${type}`) })),
          ]}
        />
        <SelectField
          name="country"
          label={t("publicSubmissions.country")}
          defaultValue={filters.country ?? ""}
          options={[
            { value: "", label: t("publicSubmissions.anyCountry") },
            ...data.countries.map((c) => ({ value: c.code, label: c.name })),
            { value: "other", label: t("publicSubmissions.anotherCountry") },
          ]}
        />
        <TextField name="q" type="search" label={t("publicSubmissions.search")} defaultValue={filters.q ?? ""} />
        <button type="submit" className="button button--primary">
          {t("publicSubmissions.apply")}
        </button>
      </Form>
      <p role="status" className="results-count">
        {t("publicSubmissions.results", { count: data.total })}
        {filtered && (
          <>
            {" · "}
            <Link to={`${base}#${SECTION_ID}`} preventScrollReset>
              {t("publicSubmissions.clearFilters")}
            </Link>
          </>
        )}
      </p>
      {data.submissions.length === 0 ? (
        <p className="empty">{filtered || data.total > 0 ? t("publicSubmissions.noneMatch") : t("publicSubmissions.none")}</p>
      ) : (
        // The links inside are plain anchors; clicks on them navigate in the app (ADR 049).
        // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions
        <ul className="card-list published__list" onClick={navigateInList}>
          {data.submissions.map((s) => (
            <li key={s.reference}>
              <article className="card published-card">
                <p className="card__meta">
                  <span className={`badge badge--${s.kind}`}>{t(`publicSubmissions.kind.${s.kind}`)}</span>
                  <span>{s.reference}</span>
                  <span>{t("publicSubmissions.publishedOn", { date: s.publishedAtText })}</span>
                </p>
                <h3 className="card__title">
                  <a data-discover="true" href={`${base}/submissions/${s.reference}`} lang={s.title ? s.language : undefined}>
                    {s.title ? <Redactable text={s.title} /> : t("publicSubmissions.untitled", { reference: s.reference })}
                  </a>
                </h3>
                <p className="published-card__byline">
                  <Byline byline={s.byline} />
                </p>
                {s.kind === "proposal" && (
                  <p className="published-card__comments">
                    <a data-discover="true" href={`${base}/submissions/${s.reference}#comments`}>
                      {t("publicSubmissions.comments.count", { count: s.commentCount })}
                    </a>
                  </p>
                )}
                {s.inReplyTo && (
                  <p className="published-card__reply">
                    {t("publicSubmissions.inReplyTo")}{" "}
                    <a data-discover="true" href={`${base}/submissions/${s.inReplyTo}`}>
                      {s.inReplyTo}
                    </a>
                  </p>
                )}
                {s.excerpt && (
                  <p className="published-card__excerpt" lang={s.language}>
                    <Redactable text={s.excerpt} />
                  </p>
                )}
                {s.campaignSenders !== null && <p className="campaign-note">{t("publicSubmissions.sentBy", { count: s.campaignSenders })}</p>}
                {s.themes.length > 0 && (
                  <ul className="theme-list" aria-label={t("publicSubmissions.themes")}>
                    {s.themes.map((theme) => (
                      <li key={theme}>{theme}</li>
                    ))}
                  </ul>
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
      <Pagination label={t("publicSubmissions.pagination")} page={data.page} pages={data.pages} pageLink={pageLink} preventScrollReset />
      <p className="feed-link">
        <a href={`/api/v1/topics/${topicSlug}/submissions`}>{t("publicSubmissions.openData")}</a>
      </p>
      <h3 id={`${SECTION_ID}-summary`}>{t("publicSubmissions.summaryTitle")}</h3>
      <p className="muted">{t("publicSubmissions.summaryIntro")}</p>
      <ul className="downloads" aria-labelledby={`${SECTION_ID}-summary`}>
        {summaryFormats.map((format) => (
          <li key={format}>
            <a href={`/${locale}/consultations/${topicSlug}/summary/${format}`} download>
              {t(`summaries.formats.${format}`)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
