import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { CsrfInput, ErrorSummary, Notice, SelectField } from "~/components/forms";
import { SummaryScopeFields } from "~/components/summary-scope";
import { docxMaxSubmissions } from "~/exports/formats.server";
import { EditionRefused, listEditionsPage, setSignatory, signOff, startCompilation, verifyEdition } from "~/models/editions.server";
import { listSignatories, listSignatoryCandidates, signatoryParties } from "~/models/signatories.server";
import { scopeFromRequest, SummaryScopeError } from "~/models/summaries.server";
import { listAreas } from "~/models/workplan.server";
import { fieldErrors } from "~/schemas/field-errors";
import { summaryRequestSchema } from "~/schemas/summary";
import { backOfficeClock, requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";
import { describeScope } from "~/web/edition-scope";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { formatSize } from "~/utils/format";
import { pageMeta } from "~/utils/meta";
import { can } from "~/utils/permissions";
import { listPublicTopicTitles } from "~/models/topics.server";

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "summaries.read");
  const clock = await backOfficeClock(db, user.actor, locale);
  const url = new URL(request.url);
  const before = Number(url.searchParams.get("before")) || undefined;
  const [{ editions, nextBefore }, areas, topics, parties, signatories, mine] = await Promise.all([
    listEditionsPage(db, user.actor, { before: before && Number.isInteger(before) && before > 0 ? before : undefined }),
    listAreas(db, locale),
    listPublicTopicTitles(db, locale),
    listSignatories(db),
    listSignatoryCandidates(db, user.actor),
    signatoryParties(db, user.actor),
  ]);
  // Only a designation the person still validly holds (an official of that country) can sign.
  const mySignature = mine[0] ?? null;
  return {
    locale,
    title: t("summaries.title"),
    mayCompile: can(user.actor, "summaries.compile"),
    isAdmin: user.actor.role === "admin",
    mySignature,
    notice: url.searchParams.get("notice"),
    // The download form's first step (without JavaScript) comes back here with what it holds.
    downloadValues: url.searchParams.get("step") === "download" ? downloadFields(url.searchParams) : null,
    verified: url.searchParams.get("verified"),
    areas: areas.map((a) => ({ id: a.id, label: `${a.number}. ${a.title}` })),
    topics,
    parties,
    signatories,
    compiling: editions.some((e) => e.status === "compiling"),
    olderHref: nextBefore ? `/${locale}/admin/summaries?before=${nextBefore}` : null,
    newestHref: before ? `/${locale}/admin/summaries` : null,
    docxLimit: docxMaxSubmissions().toLocaleString(locale),
    editions: editions.map((e) => ({
      ...e,
      createdAt: clock(e.created_at),
      scopeLabel: describeScope(e.scope, topics, t),
      files: e.files.map((f) => ({ ...f, sizeText: formatSize(f.size, locale) })),
      withoutDocx: e.files.length > 0 && !e.files.some((f) => f.format === "docx"),
    })),
  };
}

const DOWNLOAD_FIELDS = ["scope", "topic", "party", "from", "to", "area", "topicA", "topicB", "edition", "locale", "format"];
const downloadFields = (query: URLSearchParams) =>
  Object.fromEntries(DOWNLOAD_FIELDS.flatMap((name) => (query.has(name) ? [[name, String(query.get(name)).slice(0, 100)]] : [])));

// No refresh of this page while an edition compiles: it would lose what the person is typing in
// its forms. The progress is read in place (LiveProgress), or followed on the edition's own page.
export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

/**
 * A compiling edition's progress, read from its own page's data every two seconds without
 * reloading this one, and announced politely; once it is done, this page's data is read again
 * (its forms keep what was typed). The link leads to that page, which follows it without JavaScript.
 */
function LiveProgress({ locale, id, number, progress }: { locale: string; id: number; number: number; progress: number }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ status: string; progress: number; live: string }>();
  const revalidator = useRevalidator();
  const status = fetcher.data?.status ?? "compiling";
  useEffect(() => {
    if (status !== "compiling") {
      revalidator.revalidate();
      return;
    }
    const timer = setTimeout(() => fetcher.load(`/${locale}/admin/summaries/progress/${id}`), 2000);
    return () => clearTimeout(timer);
  }, [fetcher.data, status]); // eslint-disable-line react-hooks/exhaustive-deps
  const value = fetcher.data?.progress ?? progress;
  return (
    <>
      {" "}
      <progress max={100} value={value} aria-label={t("summaries.progress")}>
        {value}%
      </progress>{" "}
      <span role="status" aria-live="polite">
        {fetcher.data ? fetcher.data.live : `${value}%`}
      </span>
      <br />
      <a href={`/${locale}/admin/summaries/progress/${id}`}>{t("summaries.follow", { number })}</a>
    </>
  );
}

export const action = (args: ActionFunctionArgs) => withDomainErrors(act, args);
async function act({ request, params }: ActionFunctionArgs) {
  const { locale, user } = await requireBackOffice(request, params, "summaries.read");
  const form = await request.formData();
  requireCsrf(request, form);
  const intent = String(form.get("intent") ?? "");
  const back = (query: string) => redirect(`/${locale}/admin/summaries?${query}`);
  try {
    // Without JavaScript, the first step: the compile form again, with the chosen scope's fields.
    if (intent === "compile" && form.has("step")) return Response.json({ values: Object.fromEntries(form) });
    if (intent === "compile") {
      const parsed = summaryRequestSchema.safeParse(Object.fromEntries(form));
      if (!parsed.success) return Response.json({ errors: fieldErrors(parsed.error), values: Object.fromEntries(form) }, { status: 400 });
      await startCompilation(db, user.actor, { scope: await scopeFromRequest(db, parsed.data), edition: parsed.data.edition });
      return back("notice=compiling");
    }
    const editionId = Number(form.get("edition"));
    if (intent === "sign") {
      const { exchanged } = await signOff(db, user.actor, editionId);
      return back(`notice=${exchanged ? "exchanged" : "signed"}`);
    }
    if (intent === "verify") {
      const result = await verifyEdition(db, user.actor, editionId);
      return back(`verified=${result.ok ? "ok" : "mismatch"}`);
    }
    if (intent === "signatory") {
      const party = form.get("party") === "CL" ? "CL" : "CA";
      const userId = Number(form.get("user")) || null;
      await setSignatory(db, user.actor, party, userId);
      return back("notice=signatory");
    }
  } catch (error) {
    if (error instanceof EditionRefused)
      return Response.json({ errors: { form: `summaries.errors.${error.reason}` } }, { status: error.reason === "forbidden" ? 403 : 409 });
    if (error instanceof SummaryScopeError) return Response.json({ errors: { form: "summaries.errors.empty_scope" } }, { status: 400 });
    throw error;
  }
  throw new Response("Bad Request", { status: 400, statusText: "Bad Request" });
}

export default function Summaries() {
  const data = useLoaderData<typeof loader>();
  const { locale } = data;
  const actionData = useActionData<{ errors?: Record<string, string>; values?: Record<string, string> }>();
  const { t } = useTranslation();
  const columns = [
    t("summaries.columns.edition"),
    t("summaries.columns.scope"),
    t("summaries.columns.status"),
    t("summaries.columns.signoffs"),
    t("summaries.columns.files"),
  ];
  // Only the compile form posts here: its errors and values go to its fields (ids "field-cp-…"),
  // not to the download form's, and the summary links to those ids.
  const errors = actionData?.errors;
  const compileErrors = errors && !errors.form ? errors : undefined;
  const summaryErrors = useMemo(
    () => (compileErrors ? Object.fromEntries(Object.entries(compileErrors).map(([field, message]) => [`cp-${field}`, message])) : undefined),
    [compileErrors],
  );
  const labels = {
    scope: t("summaries.scope"),
    topic: t("summaries.topic"),
    party: t("summaries.party"),
    to: t("summaries.to"),
    area: t("summaries.area"),
    topicB: t("summaries.topicB"),
    edition: t("summaries.edition"),
  };
  const topicOptions = data.topics.map((tp) => ({ value: String(tp.id), label: `${tp.party} — ${tp.title}` }));
  const compileValues = actionData?.values ?? {};
  const downloadValues = data.downloadValues ?? {};
  return (
    <>
      <h1>{t("summaries.title")}</h1>
      <p>{t("summaries.intro")}</p>
      {data.notice && data.notice in { compiling: 1, signed: 1, exchanged: 1, signatory: 1 } && (
        <Notice>{t(`summaries.notices.${data.notice as "signed"}`)}</Notice>
      )}
      {data.notice === "scopeFields" && <Notice tone="error">{t("summaries.notices.scopeFields")}</Notice>}
      {data.notice === "docxTooLarge" && <Notice tone="error">{t("errors.summaryTooLargeText", { limit: data.docxLimit })}</Notice>}
      {data.verified && (
        <Notice tone={data.verified === "ok" ? "success" : "error"}>{t(data.verified === "ok" ? "summaries.verifiedOk" : "summaries.verifiedMismatch")}</Notice>
      )}
      {errors?.form && <Notice tone="error">{t(errors.form as never)}</Notice>}
      <ErrorSummary errors={summaryErrors} labels={Object.fromEntries(Object.entries(labels).map(([field, label]) => [`cp-${field}`, label]))} />
      {data.isAdmin || data.mayCompile ? null : <p>{t("summaries.committeeNote")}</p>}

      <section aria-labelledby="download-title">
        <h2 id="download-title">{t("summaries.downloadTitle")}</h2>
        <p>{t("summaries.downloadIntro")}</p>
        <Form method="get" action={`/${locale}/admin/summaries/download`} reloadDocument>
          <SummaryScopeFields
            key={JSON.stringify(downloadValues)}
            form="dl"
            values={downloadValues}
            areas={data.areas}
            topics={topicOptions}
            step={{ name: "step", value: "download", formAction: `/${locale}/admin/summaries#download-title`, formMethod: "get" }}
          />
          <div className="filters">
            <SelectField
              name="locale"
              label={t("summaries.language")}
              defaultValue={downloadValues.locale ?? locale}
              options={(["en", "fr", "es"] as const).map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            />
            <SelectField
              name="format"
              label={t("summaries.format")}
              hint={t("summaries.docxLimitHint", { limit: data.docxLimit })}
              defaultValue={downloadValues.format ?? "pdf"}
              options={(["pdf", "docx", "xlsx", "csv", "json"] as const).map((f) => ({ value: f, label: t(`summaries.formats.${f}`) }))}
            />
          </div>
          <button type="submit" className="button button--primary">
            {t("summaries.download")}
          </button>
        </Form>
      </section>

      {data.mayCompile && (
        <section aria-labelledby="compile-title">
          <h2 id="compile-title">{t("summaries.compileTitle")}</h2>
          <p>{t("summaries.compileIntro")}</p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="compile" />
            <SummaryScopeFields
              key={JSON.stringify(compileValues)}
              form="cp"
              values={compileValues}
              errors={compileErrors}
              areas={data.areas}
              topics={topicOptions}
              step={{ name: "step", value: "compile", formAction: `/${locale}/admin/summaries?index#compile-title` }}
            />
            <button type="submit" className="button">
              {t("summaries.compile")}
            </button>
          </Form>
          <p>
            <Link to={`/${locale}/admin/summaries/syntheses`}>{t("summaries.synthesesLink")}</Link>
          </p>
        </section>
      )}

      <section aria-labelledby="editions-title">
        <h2 id="editions-title">{t("summaries.editionsTitle")}</h2>
        <DataTable
          id="editions"
          caption={t("summaries.editionsCaption")}
          columns={columns}
          empty={data.editions.length === 0 && t("summaries.noEditions")}
          stack
        >
          {data.editions.map((e) => (
            <tr key={e.id} role="row">
              <td role="cell" data-label={columns[0]}>
                {t("summaries.editionNumber", { number: e.number })}
                <br />
                <span className="muted">
                  {t(`summary.editions.${e.edition}`)} · {e.createdAt}
                  {e.created_by ? ` · ${e.created_by}` : ""}
                </span>
              </td>
              <td role="cell" data-label={columns[1]}>
                {e.scopeLabel}
              </td>
              <td role="cell" data-label={columns[2]}>
                {t(`summaries.statuses.${e.status}`)}
                {e.status === "compiling" && <LiveProgress locale={locale} id={e.id} number={e.number} progress={e.progress} />}
                {e.data_hash && (
                  <>
                    <br />
                    <code className="hash" title={e.data_hash}>
                      SHA-256 {e.data_hash.slice(0, 16)}…
                    </code>
                  </>
                )}
              </td>
              <td role="cell" data-label={columns[3]}>
                <ul className="plain">
                  {e.parties.map((p) => {
                    const signed = e.signoffs.find((s) => s.party_code === p);
                    return (
                      <li key={p}>
                        {t(`admin.parties.${p === "CL" ? "CL" : "CA"}`)}:{" "}
                        {signed ? t("summaries.signedBy", { name: signed.display_name }) : t("summaries.notSigned")}
                      </li>
                    );
                  })}
                </ul>
                {data.mySignature &&
                  e.status === "compiled" &&
                  e.parties.includes(data.mySignature) &&
                  !e.signoffs.some((s) => s.party_code === data.mySignature) && (
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="sign" />
                      <input type="hidden" name="edition" value={e.id} />
                      <button type="submit" className="button">
                        {t("summaries.signOff", { number: e.number })}
                      </button>
                    </Form>
                  )}
              </td>
              <td role="cell" data-label={columns[4]}>
                {e.downloadable && e.files.length > 0 ? (
                  <details>
                    <summary>{t("summaries.filesCount", { count: e.files.length })}</summary>
                    <ul className="plain">
                      {e.files.map((f) => (
                        <li key={`${f.format}-${f.locale}`}>
                          <a href={`/${locale}/admin/summaries/editions/${e.id}/${f.format}/${f.locale}`}>
                            {f.format.toUpperCase()} · {t(`languages.${f.locale}`)}
                          </a>{" "}
                          <span className="muted">({f.sizeText})</span>
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : (
                  e.status !== "compiling" && <span className="muted">{t("summaries.notYetExchanged")}</span>
                )}
                {e.withoutDocx && <p className="muted">{t("summaries.noDocx", { limit: data.docxLimit })}</p>}
                {e.files.length > 0 && e.status !== "compiling" && e.status !== "failed" && (
                  <p>
                    <a href={`/${locale}/admin/summaries/editions/${e.id}/manifest/txt`}>{t("summaries.manifest")}</a>{" "}
                    <span className="muted">
                      (<a href={`/${locale}/admin/summaries/editions/${e.id}/manifest/json`}>JSON</a>)
                    </span>
                  </p>
                )}
                {e.files.length > 0 && (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="verify" />
                    <input type="hidden" name="edition" value={e.id} />
                    <button type="submit" className="link-button">
                      {t("summaries.verify", { number: e.number })}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
        {(data.newestHref || data.olderHref) && (
          <p className="pagination">
            {data.newestHref && <Link to={data.newestHref}>{t("summaries.newestEditions")}</Link>}
            {data.newestHref && data.olderHref && " · "}
            {data.olderHref && <Link to={data.olderHref}>{t("summaries.olderEditions")}</Link>}
          </p>
        )}
      </section>

      {data.isAdmin && (
        <section aria-labelledby="signatories-title">
          <h2 id="signatories-title">{t("summaries.signatoriesTitle")}</h2>
          <p>{t("summaries.signatoriesIntro")}</p>
          {data.parties.map((p) => (
            <Form method="post" key={p.code} className="filters">
              <CsrfInput />
              <input type="hidden" name="intent" value="signatory" />
              <input type="hidden" name="party" value={p.code} />
              <SelectField
                idBase={`signatory-${p.code}`}
                name="user"
                label={t("summaries.signatoryFor", { party: t(`admin.parties.${p.code === "CL" ? "CL" : "CA"}`) })}
                defaultValue={String(p.signatory_user_id ?? "")}
                options={[
                  { value: "", label: t("summaries.nobody") },
                  ...data.signatories.filter((u) => u.role === "admin" || u.party_code === p.code).map((u) => ({ value: String(u.id), label: u.display_name })),
                ]}
              />
              <button type="submit" className="button">
                {t("summaries.saveSignatory")}
              </button>
            </Form>
          ))}
        </section>
      )}
    </>
  );
}
