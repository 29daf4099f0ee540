import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getEdition } from "~/models/editions.server";
import { listPublicTopicTitles } from "~/models/topics.server";
import { backOfficeClock, requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";
import { describeScope } from "~/web/edition-scope";
import { db } from "~/utils/db.server";
import { formatSize } from "~/utils/format";
import { notFound } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";

// One edition in one place (issue 18, item 7): its number, scope, status and compile progress,
// each country's sign-off and every file's fingerprint. Without JavaScript it is where a
// compilation is followed (it refreshes itself while compiling, having no form to lose); with
// JavaScript the summaries page reads its data to show the progress in place.
export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "summaries.read");
  const edition = await getEdition(db, user.actor, Number(params.id));
  if (!edition) notFound();
  const [topics, clock] = await Promise.all([listPublicTopicTitles(db, locale), backOfficeClock(db, user.actor, locale)]);
  const status = t(`summaries.statuses.${edition.status}`);
  return {
    locale,
    title: t("summaries.editionPage.title", { number: edition.number }),
    id: edition.id,
    number: edition.number,
    kind: t(`summary.editions.${edition.edition}`),
    status: edition.status,
    statusText: status,
    progress: edition.progress,
    live: t("summaries.live", { number: edition.number, status, progress: edition.progress }),
    scope: describeScope(edition.scope, topics, t),
    createdAt: clock(edition.created_at),
    dataHash: edition.data_hash,
    signatures: edition.parties.map((party) => {
      const signed = edition.signoffs.find((s) => s.party_code === party);
      return {
        party,
        text: signed ? t("summaries.editionPage.signedOn", { name: signed.display_name, date: clock(signed.signed_at) }) : t("summaries.notSigned"),
      };
    }),
    files: edition.files.map((f) => ({ format: f.format, locale: f.locale, sha256: f.sha256, size: formatSize(f.size, locale) })),
    downloadable: edition.downloadable,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...pageMeta(data),
  ...(data?.status === "compiling" ? [{ httpEquiv: "refresh", content: "2" } as const] : []),
];

export default function EditionProgress() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/${data.locale}/admin/summaries`}>{t("summaries.editionPage.back")}</Link>
      </p>
      <h1>{t("summaries.editionPage.title", { number: data.number })}</h1>
      <dl className="edition-facts">
        <dt>{t("summaries.editionPage.scope")}</dt>
        <dd>{data.scope}</dd>
        <dt>{t("summaries.editionPage.kind")}</dt>
        <dd>{data.kind}</dd>
        <dt>{t("summaries.editionPage.created")}</dt>
        <dd>{data.createdAt}</dd>
        <dt>{t("summaries.editionPage.status")}</dt>
        <dd>
          <div role="status" aria-live="polite">
            {data.status === "compiling" ? data.live : data.statusText}
          </div>
          {data.status === "compiling" && (
            <>
              <progress max={100} value={data.progress} aria-label={t("summaries.progress")}>
                {data.progress}%
              </progress>
              <p className="muted">{t("summaries.editionPage.refreshing")}</p>
            </>
          )}
        </dd>
        <dt>{t("summaries.editionPage.signatures")}</dt>
        <dd>
          <ul className="plain">
            {data.signatures.map((s) => (
              <li key={s.party}>
                {t(`admin.parties.${s.party === "CL" ? "CL" : "CA"}`)}: {s.text}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <h2>{t("summaries.editionPage.files")}</h2>
      {data.files.length === 0 ? (
        <p>{t("summaries.editionPage.noFiles")}</p>
      ) : (
        <ul className="plain">
          {data.files.map((f) => (
            <li key={`${f.format}-${f.locale}`}>
              {data.downloadable ? (
                <a href={`/${data.locale}/admin/summaries/editions/${data.id}/${f.format}/${f.locale}`}>
                  {f.format.toUpperCase()} · {t(`languages.${f.locale}`)}
                </a>
              ) : (
                <>
                  {f.format.toUpperCase()} · {t(`languages.${f.locale}`)}
                </>
              )}{" "}
              <span className="muted">({f.size})</span>
              <br />
              <code className="hash">{f.sha256}</code>
            </li>
          ))}
        </ul>
      )}
      {data.dataHash && (
        <>
          <h2>{t("summaries.editionPage.dataHash")}</h2>
          <p>
            <code className="hash">{data.dataHash}</code>
          </p>
        </>
      )}
    </>
  );
}
