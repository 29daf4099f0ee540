import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Byline, PublishedText, Redactable } from "~/components/published-submission";
import { Pagination } from "~/components/pagination";
import { getPublishedSubmission, listCommentsOn, plainRedactions } from "~/models/published-submissions.server";
import { db } from "~/utils/db.server";
import { formatSize } from "~/utils/format";
import { localeAndT, notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

// One published submission; anything not public (pending, rejected, withdrawn, officials only,
// another topic's, a draft topic's) is the same 404 as an unknown reference.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const submission = await getPublishedSubmission(db, params.slug ?? "", params.reference ?? "", locale);
  if (!submission) notFound();
  const heading = submission.title ?? t("publicSubmissions.untitled", { reference: submission.reference });
  // A proposal's conversation: the published comments answering it, oldest first.
  const commentsPage = Number(new URL(request.url).searchParams.get("commentsPage") ?? 1);
  const comments = submission.kind === "proposal" ? await listCommentsOn(db, submission.topic.slug, submission.reference, locale, commentsPage) : null;
  return {
    locale,
    title: `${plainRedactions(heading, t("publicSubmissions.redacted"))} · ${submission.topic.title}`,
    submission,
    comments,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export default function PublishedSubmissionPage() {
  const { locale, submission: s, comments } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const topicPath = `/${locale}/consultations/${s.topic.slug}`;
  return (
    <article className="container prose published-page">
      <p className="eyebrow">
        <Link to={`${topicPath}#published-submissions`} lang={s.topic.locale === locale ? undefined : s.topic.locale}>
          {s.topic.title}
        </Link>
      </p>
      <h1 lang={s.title ? s.language : undefined}>{s.title ? <Redactable text={s.title} /> : t("publicSubmissions.untitled", { reference: s.reference })}</h1>
      <dl className="facts">
        <div>
          <dt>{t("publicSubmissions.reference")}</dt>
          <dd>{s.reference}</dd>
        </div>
        <div>
          <dt>{t("publicSubmissions.kindLabel")}</dt>
          <dd>
            {t(`publicSubmissions.kind.${s.kind}`)}
            {s.inReplyTo && (
              <>
                {" · "}
                {t("publicSubmissions.inReplyTo")} <Link to={`${topicPath}/submissions/${s.inReplyTo}`}>{s.inReplyTo}</Link>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t("publicSubmissions.from")}</dt>
          <dd>
            <Byline byline={s.byline} />
          </dd>
        </div>
        <div>
          <dt>{t("publicSubmissions.publishedLabel")}</dt>
          <dd>{s.publishedAtText}</dd>
        </div>
        {s.campaignSenders !== null && (
          <div>
            <dt>{t("publicSubmissions.campaignLabel")}</dt>
            <dd>{t("publicSubmissions.sentBy", { count: s.campaignSenders })}</dd>
          </div>
        )}
      </dl>
      {s.themes.length > 0 && (
        <section aria-labelledby="themes-title">
          <h2 id="themes-title" className="visually-hidden">
            {t("publicSubmissions.themes")}
          </h2>
          <ul className="theme-list">
            {s.themes.map((theme) => (
              <li key={theme}>{theme}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="original-title">
        <h2 id="original-title">{t("publicSubmissions.original", { language: t(`languages.${s.language}`) })}</h2>
        <PublishedText text={s.text} lang={s.language} />
      </section>
      {s.answers.length > 0 && (
        <section aria-labelledby="answers-title" className="published-answers">
          <h2 id="answers-title">{t("publicSubmissions.answers")}</h2>
          {s.answers.map((a) => (
            <div key={a.questionId} className="published-answer">
              <h3 lang={a.questionLocale === locale ? undefined : a.questionLocale}>{a.question}</h3>
              <PublishedText text={a.text} lang={s.language} />
            </div>
          ))}
        </section>
      )}
      {s.attachments.length > 0 && (
        <section aria-labelledby="attachments-title" className="documents">
          <h2 id="attachments-title">{t("publicSubmissions.attachments")}</h2>
          <ul>
            {s.attachments.map((f) => (
              <li key={f.id}>
                <a href={`${topicPath}/submissions/${s.reference}/attachments/${f.id}`} download>
                  {f.name}
                </a>{" "}
                <span className="muted">
                  ({f.kind.toUpperCase()}, {formatSize(f.size, locale)})
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {s.translations.map((tr) => (
        <section key={tr.locale} aria-labelledby={`translation-${tr.locale}`} className="published-translation">
          <h2 id={`translation-${tr.locale}`}>{t("publicSubmissions.translation", { language: t(`languages.${tr.locale}`) })}</h2>
          {tr.title && (
            <p className="published-translation__title" lang={tr.locale}>
              <strong>
                <Redactable text={tr.title} />
              </strong>
            </p>
          )}
          <PublishedText text={tr.text} lang={tr.locale} />
        </section>
      ))}
      {comments && (
        <section aria-labelledby="comments-title" className="comments" id="comments">
          <h2 id="comments-title">{t("publicSubmissions.comments.title", { count: comments.total })}</h2>
          {comments.total === 0 && <p className="muted">{t("publicSubmissions.comments.none")}</p>}
          {comments.comments.length > 0 && (
            <ol className="comment-list">
              {comments.comments.map((c) => (
                <li key={c.reference}>
                  <article className="comment" aria-labelledby={`comment-${c.reference}`}>
                    <h3 id={`comment-${c.reference}`} className="comment__title">
                      <Link to={`${topicPath}/submissions/${c.reference}`} lang={c.title ? c.language : undefined}>
                        {c.title ? <Redactable text={c.title} /> : t("publicSubmissions.untitled", { reference: c.reference })}
                      </Link>
                    </h3>
                    <p className="comment__meta">
                      <Byline byline={c.byline} /> · {t("publicSubmissions.publishedOn", { date: c.publishedAtText })}
                      {c.campaignSenders !== null && ` · ${t("publicSubmissions.sentBy", { count: c.campaignSenders })}`}
                    </p>
                    <PublishedText text={c.text} lang={c.language} />
                  </article>
                </li>
              ))}
            </ol>
          )}
          <Pagination
            label={t("publicSubmissions.comments.pagination")}
            page={comments.page}
            pages={comments.pages}
            pageLink={(page) => `${topicPath}/submissions/${s.reference}${page > 1 ? `?commentsPage=${page}` : ""}#comments`}
          />
          {s.commentsOpen && (
            <p>
              <Link
                className="button button--primary"
                to={`/${locale}/consultations/${s.topic.slug}/submit?${new URLSearchParams({ kind: "comment", inReplyTo: s.reference })}`}
              >
                {t("publicSubmissions.comments.commentOn")}
              </Link>
            </p>
          )}
        </section>
      )}
      <p>
        <Link to={`${topicPath}#published-submissions`}>{t("publicSubmissions.backToTopic")}</Link>
      </p>
    </article>
  );
}
