import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, Notice } from "~/components/forms";
import { getOwnSubmission, getSubmissionStatus } from "~/models/submissions.server";
import { partyClocks } from "~/models/parties.server";
import { receiptView, type ReceiptFact } from "~/models/receipts.server";
import { db } from "~/utils/db.server";
import { localeAndT, notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

// The receipt: anyone with the reference sees its status; the secret link shows what was sent
// and leads its author to edit it (while pending) or to withdraw it (after a confirmation page).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, t } = await localeAndT(params);
  const reference = params.reference ?? "";
  const status = await getSubmissionStatus(db, reference);
  if (!status) notFound();
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  const own = token ? await getOwnSubmission(db, reference, token) : null;
  return {
    locale,
    title: t("receipt.title", { reference }),
    reference,
    status: status.status,
    topicSlug: status.slug,
    // In the consultation's country's time zone, as its dates are shown.
    receivedAt: (await partyClocks(db, locale))(status.party_code)(status.created_at),
    notice: url.searchParams.get("notice"),
    token: own ? token : null,
    // A proposal's author may subscribe to the comments published on it (ADR 039).
    canSubscribeReplies: !!own && own.submission.kind === "proposal" && own.submission.status !== "withdrawn",
    badToken: !!token && !own,
    // Everything the person sent, for the holder of the private link only (issue 17, item 2).
    submission: own && (await receiptView(db, reference, locale)),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [...pageMeta(data), { name: "robots", content: "noindex" }];

function Fact({ fact }: { fact: ReceiptFact }) {
  return (
    <>
      <dt>{fact.label}</dt>
      <dd lang={fact.lang}>{fact.value}</dd>
    </>
  );
}

export default function Receipt() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container prose">
      <h1>{t("receipt.heading")}</h1>
      {d.notice === "received" && <Notice>{t("receipt.received")}</Notice>}
      {d.notice === "duplicate" && <Notice tone="info">{t("receipt.duplicate")}</Notice>}
      {d.notice === "updated" && <Notice>{t("receipt.updated")}</Notice>}
      {d.notice === "withdrawn" && <Notice>{t("receipt.withdrawn")}</Notice>}
      {d.badToken && <Notice tone="error">{t("receipt.badToken")}</Notice>}
      <dl className="facts receipt">
        <div>
          <dt>{t("receipt.reference")}</dt>
          <dd>
            <strong>{d.reference}</strong>
          </dd>
        </div>
        <div>
          <dt>{t("receipt.status")}</dt>
          <dd>{t(`receipt.statuses.${d.status}`)}</dd>
        </div>
        <div>
          <dt>{t("receipt.receivedAt")}</dt>
          <dd>{d.receivedAt}</dd>
        </div>
      </dl>
      <p>{t(`receipt.explain.${d.status}`)}</p>
      {d.submission && (
        <section aria-labelledby="what-title">
          <h2 id="what-title">{t("receipt.whatYouSent")}</h2>
          <dl className="sent">
            <dt>{t("receipt.fields.consultation")}</dt>
            <dd>
              <Link to={`/${d.locale}/consultations/${d.topicSlug}`}>{d.submission.consultation}</Link>
            </dd>
            {d.submission.facts.map((f) => (
              <Fact key={f.label} fact={f} />
            ))}
            {d.submission.title && <Fact fact={d.submission.title} />}
          </dl>
          <h3>{d.submission.text.label}</h3>
          <div className="sent-text" lang={d.submission.text.lang}>
            {d.submission.text.value.split(/\n{2,}/).map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </div>
          {d.submission.answers.length > 0 && (
            <>
              <h3>{t("receipt.answers")}</h3>
              <dl className="sent sent-answers">
                {d.submission.answers.map((a, i) => (
                  <Fragment key={i}>
                    <dt>{a.question}</dt>
                    <dd lang={a.lang}>{a.text}</dd>
                  </Fragment>
                ))}
              </dl>
            </>
          )}
          {d.submission.attachments.length > 0 && (
            <>
              <h3>{t("receipt.attachments")}</h3>
              <ul>
                {d.submission.attachments.map((a) => (
                  <li key={a.name + a.size}>
                    {a.name} <span className="muted">({a.size})</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {d.status === "pending" && d.token && (
            <div className="state-actions">
              <Link className="button button--secondary" to={`/${d.locale}/submissions/${d.reference}/edit?${new URLSearchParams({ token: d.token })}`}>
                {t("receipt.edit")}
              </Link>
              {/* Final, so it asks first, on a page of its own: nothing here withdraws in one tap. */}
              <Link
                className="button button--secondary button--danger"
                to={`/${d.locale}/submissions/${d.reference}/withdraw?${new URLSearchParams({ token: d.token })}`}
              >
                {t("receipt.withdraw")}
              </Link>
            </div>
          )}
          {d.token && (
            <p>
              {/* A plain link: the browser downloads the file (no client-side navigation). */}
              <a href={`/${d.locale}/submissions/${d.reference}/receipt.pdf?${new URLSearchParams({ token: d.token })}`} download>
                {t("receipt.pdf")}
              </a>
            </p>
          )}
          {d.token && d.canSubscribeReplies && (
            <Form method="post" action={`/${d.locale}/subscriptions`} className="inline-form">
              <CsrfInput />
              <input type="hidden" name="kinds" value="replies" />
              <input type="hidden" name="submission" value={d.reference} />
              <input type="hidden" name="token" value={d.token} />
              <button type="submit" name="intent" value="subscribe" className="button button--secondary">
                {t("subscriptions.subscribeReplies")}
              </button>
            </Form>
          )}
          {d.token && <p className="muted">{t("receipt.keepLink")}</p>}
        </section>
      )}
      <p>
        <Link to={`/${d.locale}/consultations/${d.topicSlug}`}>{t("submission.backToTopic")}</Link>
      </p>
      {!d.token && (
        <p>
          <Link to={`/${d.locale}/submissions/links`}>{t("receipt.linksTitle")}</Link>
        </p>
      )}
    </div>
  );
}
