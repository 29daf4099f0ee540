import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { CsrfInput, ErrorSummary, Notice, SelectField, TextAreaField, TextField } from "~/components/forms";
import {
  addWalkIn,
  attachReport,
  AttendanceRefused,
  CHECK_IN_LIST_MAX,
  closeRegister,
  getAttendance,
  markPresent,
  requireReportAttachable,
  setRecording,
} from "~/models/event-attendance.server";
import { InvalidError } from "~/models/errors";
import { listRegions } from "~/models/parties.server";
import { checkInSchema, closeRegisterSchema, recordingSchema } from "~/schemas/event-attendance";
import { walkInFields, walkInSchema } from "~/schemas/event-walk-in";
import { fieldErrors } from "~/schemas/field-errors";
import { genderChoices, stakeholderTypes, womenLedChoices } from "~/schemas/submission-choices";
import { EVENT_REPORT_MAX_BYTES } from "~/utils/body-limits";
import { requireCsrf } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { discardBody, removeStored } from "~/utils/files.server";
import { formatDateTime, formatSize } from "~/utils/format";
import { pageMeta } from "~/utils/meta";
import { requireBackOffice } from "~/web/backoffice.server";
import { withDomainErrors } from "~/web/domain-errors.server";
import { closeConnection, readSingleUpload } from "~/web/single-upload.server";

// An event's attendance (issue 19, items 4 and 5; ADR 045): the check-in list on the day, walk-ins,
// closing the register, the report and the recording link, and the register's files. Every form
// is a plain POST that works without JavaScript.

const DONE = ["present", "absent", "walkIn", "closed", "report", "recording", "unchanged"] as const;

export const loader = (args: LoaderFunctionArgs) => withDomainErrors(load, args);
async function load({ request, params }: LoaderFunctionArgs) {
  const { locale, user, t } = await requireBackOffice(request, params, "events.manage");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const view = await getAttendance(db, user.actor, Number(params.id), locale, { q });
  const [regionsCA, regionsCL] = await Promise.all([listRegions(db, "CA", locale), listRegions(db, "CL", locale)]);
  const zone = view.event.timeZone;
  return {
    locale,
    title: t("eventAttendance.title", { title: view.event.title }),
    q,
    done: DONE.find((d) => d === url.searchParams.get("done")) ?? null,
    view,
    startsText: formatDateTime(view.event.startsAt, locale, zone),
    closedText: view.register ? formatDateTime(view.register.closedAt, locale, zone) : null,
    reportText: view.event.report ? `${view.event.report.name} (${formatSize(view.event.report.size, locale)})` : null,
    started: Date.now() >= Date.parse(view.event.startsAt),
    regions: { CA: regionsCA.map((r) => ({ code: r.code, name: r.name })), CL: regionsCL.map((r) => ({ code: r.code, name: r.name })) },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

type Section = "list" | "walkIn" | "close" | "report" | "recording";
type ActionAnswer = { section: Section; errors: Record<string, string>; values?: Record<string, string> };

type By = Parameters<typeof markPresent>[1];

async function uploadReport(request: Request, locale: string, by: By, eventId: number) {
  try {
    await requireReportAttachable(db, by.actor, eventId); // 404/403/not started before storing anything
  } catch (error) {
    await discardBody(request, EVENT_REPORT_MAX_BYTES + 1_000_000);
    if (error instanceof AttendanceRefused) return data<ActionAnswer>({ section: "report", errors: { report: error.messageKey } }, { status: 409 });
    throw error;
  }
  const upload = await readSingleUpload(request, "report", { maxBytes: EVENT_REPORT_MAX_BYTES, accept: ["pdf"] });
  if (!upload.ok) return data<ActionAnswer>({ section: "report", errors: { report: upload.errorKey } }, { status: upload.status, headers: closeConnection });
  const { form, file } = upload;
  try {
    requireCsrf(request, form);
    if (!file) return data<ActionAnswer>({ section: "report", errors: { report: "validation.fileEmpty" } }, { status: 400 });
    const { replacedKey } = await attachReport(db, by, eventId, file);
    if (replacedKey) await removeStored(replacedKey);
  } catch (error) {
    // A refused key is another record's: never delete it.
    if (error instanceof AttendanceRefused && error.reason === "fileTaken") {
      return data<ActionAnswer>({ section: "report", errors: { report: "validation.fileEmpty" } }, { status: 400 });
    }
    if (file) await removeStored(file.key);
    if (error instanceof AttendanceRefused) return data<ActionAnswer>({ section: "report", errors: { report: error.messageKey } }, { status: 409 });
    throw error;
  }
  return redirect(`/${locale}/admin/events/${eventId}/attendance?done=report#report`);
}

export const action = (args: ActionFunctionArgs) => withDomainErrors(act, args);
async function act({ request, params }: ActionFunctionArgs) {
  const { locale, user } = await requireBackOffice(request, params, "events.manage");
  const by = { id: user.id, email: user.email, actor: user.actor };
  const eventId = Number(params.id);
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return uploadReport(request, locale, by, eventId);
  const form = await request.formData();
  requireCsrf(request, form);
  const raw = Object.fromEntries([...form].filter(([k, v]) => k !== "csrf" && typeof v === "string")) as Record<string, string>;
  const here = (done: (typeof DONE)[number], anchor: string, q = "") =>
    `/${locale}/admin/events/${eventId}/attendance?${new URLSearchParams({ ...(q ? { q } : {}), done })}#${anchor}`;
  const intent = raw.intent;
  const section: Section = intent === "walkIn" ? "walkIn" : intent === "close" ? "close" : intent === "recording" ? "recording" : "list";
  try {
    switch (intent) {
      case "present":
      case "absent": {
        const parsed = checkInSchema.safeParse(raw);
        if (!parsed.success) throw new Response("Bad request", { status: 400 });
        await markPresent(db, by, eventId, parsed.data.registrationId, parsed.data.intent === "present");
        return redirect(here(parsed.data.intent, `row-${parsed.data.registrationId}`, (raw.q ?? "").slice(0, 100)));
      }
      case "walkIn": {
        const parsed = walkInSchema.safeParse(raw);
        if (!parsed.success) return data<ActionAnswer>({ section, errors: fieldErrors(parsed.error), values: raw }, { status: 400 });
        try {
          await addWalkIn(db, by, eventId, parsed.data, locale);
        } catch (error) {
          if (error instanceof InvalidError)
            return data<ActionAnswer>({ section, errors: { region: "validation.regionCountry" }, values: raw }, { status: 400 });
          throw error;
        }
        return redirect(here("walkIn", "check-in"));
      }
      case "close": {
        const parsed = closeRegisterSchema.safeParse(raw);
        if (!parsed.success) return data<ActionAnswer>({ section, errors: { confirm: "eventAttendance.errors.confirmClose" } }, { status: 400 });
        await closeRegister(db, by, eventId);
        return redirect(here("closed", "register"));
      }
      case "recording": {
        const parsed = recordingSchema.safeParse(raw);
        if (!parsed.success) return data<ActionAnswer>({ section, errors: fieldErrors(parsed.error), values: raw }, { status: 400 });
        const changed = await setRecording(db, by, eventId, parsed.data.recordingUrl || null);
        return redirect(here(changed ? "recording" : "unchanged", "report"));
      }
      default:
        throw new Response("Bad request", { status: 400 });
    }
  } catch (error) {
    if (error instanceof AttendanceRefused) return data<ActionAnswer>({ section, errors: { form: error.messageKey }, values: raw }, { status: 409 });
    throw error;
  }
}

export default function EventAttendance() {
  const { locale, title, q, done, view, startsText, closedText, reportText, started, regions } = useLoaderData<typeof loader>();
  const answer = useActionData<ActionAnswer>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errorsOf = (section: Section) => (answer?.section === section ? answer.errors : undefined);
  const valuesOf = (section: Section) => (answer?.section === section ? (answer.values ?? {}) : {});
  const base = `/${locale}/admin/events/${view.event.id}`;
  const busy = navigation.state !== "idle";
  const walkErrors = errorsOf("walkIn");
  const walkValues = valuesOf("walkIn");
  const walkLabels = {
    name: t("eventAttendance.walkIn.name"),
    email: t("eventAttendance.walkIn.email"),
    organisationName: t("eventAttendance.walkIn.organisation"),
    stakeholderType: t("submission.fields.stakeholderType"),
    stakeholderOther: t("submission.fields.stakeholderOther"),
    womenLed: t("submission.fields.womenLed"),
    country: t("submission.fields.country"),
    region: t("submission.fields.region"),
    needs: t("eventAttendance.walkIn.needs"),
    gender: t("eventAttendance.walkIn.gender"),
    consent: t("eventAttendance.walkIn.consent"),
  };
  const none = { value: "", label: "—" };
  const choiceOptions = (name: "stakeholderType" | "womenLed" | "gender", choices: readonly string[]) => [
    none,
    ...choices.map((c) => ({ value: c, label: t(`submission.choices.${name}.${c}` as never) })),
  ];
  // Spread last, so the attributes come in the order they always had.
  const walkField = (name: keyof typeof walkLabels) => ({ name, label: walkLabels[name], defaultValue: walkValues[name] ?? "", error: walkErrors?.[name] });
  return (
    <>
      <p>
        <Link to={`/${locale}/admin/events`}>{t("eventAttendance.allEvents")}</Link> ·{" "}
        <Link to={`${base}/registrations`}>{t("eventAttendance.registrations")}</Link>
      </p>
      <h1>{title}</h1>
      <p>{t("eventAttendance.intro")}</p>
      <p>{t("eventAttendance.startsAt", { date: startsText })}</p>
      {done && <Notice>{t(`eventAttendance.done.${done}`)}</Notice>}
      {/* A refusal of the register (closed, not started…), whichever form asked. */}
      {answer?.errors.form && <Notice tone="error">{t(answer.errors.form as never)}</Notice>}
      {view.event.state !== "published" && view.event.state !== "held" && <Notice tone="info">{t("eventAttendance.notOpen")}</Notice>}
      {view.event.state === "published" && !view.open && <Notice tone="info">{t("eventAttendance.notYet")}</Notice>}
      {view.register && closedText && (
        <div id="register">
          <Notice tone="info">{t("eventAttendance.closedNotice", { date: closedText })}</Notice>
          <p className="muted">
            <code>{t("eventAttendance.sha256", { sha256: view.register.sha256 })}</code>
          </p>
        </div>
      )}

      <section aria-labelledby="check-in" className="panel">
        <h2 id="check-in">{t("eventAttendance.listTitle")}</h2>
        <p>{t("eventAttendance.totals", view.totals)}</p>
        <Form method="get" role="search" className="inline-form">
          <TextField name="q" type="search" label={t("eventAttendance.search")} defaultValue={q} maxLength={100} />
          <button type="submit" className="button button--secondary">
            {t("eventAttendance.searchButton")}
          </button>
          {q && <Link to={`${base}/attendance`}>{t("eventAttendance.showAll")}</Link>}
        </Form>
        {view.more && <p>{t("eventAttendance.more", { max: CHECK_IN_LIST_MAX })}</p>}
        {view.rows.length === 0 ? (
          <p>{t("eventAttendance.none")}</p>
        ) : (
          <DataTable
            id="check-in-table"
            caption={t("eventAttendance.listTitle")}
            stack
            columns={[
              t("eventAttendance.columns.name"),
              t("eventAttendance.columns.organisation"),
              t("eventAttendance.columns.type"),
              t("eventAttendance.columns.status"),
              ...(view.open ? [t("eventAttendance.columns.action")] : []),
            ]}
          >
            {view.rows.map((row) => (
              <tr key={row.id} id={`row-${row.id}`} role="row">
                <td role="cell" data-label={t("eventAttendance.columns.name")}>
                  <strong>{row.name}</strong> {row.walkIn && <span className="badge">{t("eventAttendance.walkInBadge")}</span>}
                </td>
                <td role="cell" data-label={t("eventAttendance.columns.organisation")}>
                  {row.organisation ?? ""}
                </td>
                <td role="cell" data-label={t("eventAttendance.columns.type")}>
                  {t(`submission.choices.stakeholderType.${row.stakeholderType}` as never, { defaultValue: row.stakeholderType })}
                </td>
                <td role="cell" data-label={t("eventAttendance.columns.status")}>
                  {row.attendedAt ? t("eventAttendance.present") : t("eventAttendance.notPresent")}
                </td>
                {view.open && (
                  <td role="cell" data-label={t("eventAttendance.columns.action")}>
                    <CheckInForm registrationId={row.id} name={row.name} present={!!row.attendedAt} q={q} busy={busy} />
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      {view.open && (
        <section aria-labelledby="walk-in" className="panel">
          <h2 id="walk-in">{t("eventAttendance.walkIn.title")}</h2>
          <p>{t("eventAttendance.walkIn.intro")}</p>
          <ErrorSummary errors={walkErrors} labels={walkLabels} order={walkInFields} />
          <Form method="post" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="walkIn" />
            <TextField required autoComplete="off" maxLength={200} {...walkField("name")} />
            <TextField type="email" autoComplete="off" maxLength={254} {...walkField("email")} />
            <TextField maxLength={200} {...walkField("organisationName")} />
            <SelectField required options={choiceOptions("stakeholderType", stakeholderTypes)} {...walkField("stakeholderType")} />
            <TextField maxLength={200} {...walkField("stakeholderOther")} />
            <SelectField options={choiceOptions("womenLed", womenLedChoices)} {...walkField("womenLed")} />
            <SelectField
              required
              options={[
                none,
                ...(["CA", "CL", "other"] as const).map((c) => ({ value: c, label: c === "other" ? t("submission.otherCountry") : t(`admin.parties.${c}`) })),
              ]}
              {...walkField("country")}
            />
            <div className={`field${walkErrors?.region ? " field--error" : ""}`}>
              <label htmlFor="field-region">{walkLabels.region}</label>
              {walkErrors?.region && (
                <p className="field__error" id="field-region-error">
                  {t(walkErrors.region as never)}
                </p>
              )}
              <select
                id="field-region"
                name="region"
                defaultValue={walkValues.region ?? ""}
                aria-invalid={walkErrors?.region ? true : undefined}
                aria-describedby={walkErrors?.region ? "field-region-error" : undefined}
              >
                <option value="">{t("submission.noRegion")}</option>
                {(["CA", "CL"] as const).map((country) => (
                  <optgroup key={country} label={t(`admin.parties.${country}`)}>
                    {regions[country].map((r) => (
                      <option key={r.code} value={r.code}>
                        {r.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <TextAreaField rows={2} maxLength={2000} {...walkField("needs")} />
            <SelectField hint={t("eventAttendance.walkIn.genderHint")} options={choiceOptions("gender", genderChoices)} {...walkField("gender")} />
            <div className="choice">
              <input type="checkbox" id="field-consent" name="consent" defaultChecked={walkValues.consent === "on"} />
              <label htmlFor="field-consent">{walkLabels.consent}</label>
            </div>
            <button type="submit" className="button" disabled={busy}>
              {t("eventAttendance.walkIn.add")}
            </button>
          </Form>
        </section>
      )}

      {view.closable && (
        <section aria-labelledby="close-register" className="panel">
          <h2 id="close-register">{t("eventAttendance.close.title")}</h2>
          <p>{t("eventAttendance.close.intro")}</p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="close" />
            <div className={`choice${errorsOf("close")?.confirm ? " field--error" : ""}`}>
              <input
                type="checkbox"
                id="field-confirm"
                name="confirm"
                required
                aria-invalid={errorsOf("close")?.confirm ? true : undefined}
                aria-describedby={errorsOf("close")?.confirm ? "field-confirm-error" : undefined}
              />
              <label htmlFor="field-confirm">{t("eventAttendance.close.confirm")}</label>
            </div>
            {errorsOf("close")?.confirm && (
              <p className="field__error" id="field-confirm-error" role="alert">
                {t(errorsOf("close")!.confirm as never)}
              </p>
            )}
            <button type="submit" className="button button--danger" disabled={busy}>
              {t("eventAttendance.close.button")}
            </button>
          </Form>
        </section>
      )}

      <section aria-labelledby="report" className="panel">
        <h2 id="report">{t("eventAttendance.report.title")}</h2>
        {!started || (view.event.state !== "published" && view.event.state !== "held") ? (
          <p>{t("eventAttendance.report.notYet")}</p>
        ) : (
          <>
            {reportText && (
              <p>
                <a href={`/${locale}/events/${view.event.slug}/report`}>{t("eventAttendance.report.current", { name: reportText })}</a>
              </p>
            )}
            <Form method="post" encType="multipart/form-data">
              <CsrfInput />
              <div className={`field${errorsOf("report")?.report ? " field--error" : ""}`}>
                <label htmlFor="field-report">{t("eventAttendance.report.file")}</label>
                <p className="field__hint" id="field-report-hint">
                  {t("eventAttendance.report.fileHint")}
                </p>
                {errorsOf("report")?.report && (
                  <p className="field__error" id="field-report-error" role="alert">
                    {t(errorsOf("report")!.report as never)}
                  </p>
                )}
                <input
                  type="file"
                  id="field-report"
                  name="report"
                  accept="application/pdf,.pdf"
                  required
                  aria-invalid={errorsOf("report")?.report ? true : undefined}
                  aria-describedby={`field-report-hint${errorsOf("report")?.report ? " field-report-error" : ""}`}
                />
              </div>
              <button type="submit" className="button button--secondary" disabled={busy}>
                {t("eventAttendance.report.attach")}
              </button>
            </Form>
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="recording" />
              <TextField
                name="recordingUrl"
                type="url"
                label={t("eventAttendance.report.recording")}
                hint={t("eventAttendance.report.recordingHint")}
                maxLength={500}
                defaultValue={valuesOf("recording").recordingUrl ?? view.event.recordingUrl ?? ""}
                error={errorsOf("recording")?.recordingUrl}
              />
              <button type="submit" className="button button--secondary" disabled={busy}>
                {t("eventAttendance.report.saveRecording")}
              </button>
            </Form>
          </>
        )}
      </section>

      <section aria-labelledby="downloads" className="panel">
        <h2 id="downloads">{t("eventAttendance.exports.title")}</h2>
        <ul>
          <li>
            <a href={`${base}/sign-in-sheet.pdf`} download>
              {t("eventAttendance.exports.signInSheet")}
            </a>
          </li>
          {view.register &&
            (["pdf", "xlsx", "csv"] as const).map((format) => (
              <li key={format}>
                <a href={`${base}/register/${format}`} download>
                  {t(`eventAttendance.exports.${format}`)}
                </a>
              </li>
            ))}
        </ul>
        <p className="muted">{view.register ? t("eventAttendance.exports.intro") : t("eventAttendance.exports.afterClosing")}</p>
      </section>
    </>
  );
}

/** One person's check-in button on the day: marks them present, or undoes it; the search stays as it was. */
function CheckInForm({ registrationId, name, present, q, busy }: { registrationId: number; name: string; present: boolean; q: string; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <Form method="post" preventScrollReset>
      <CsrfInput />
      <input type="hidden" name="registrationId" value={registrationId} />
      <input type="hidden" name="q" value={q} />
      <button
        type="submit"
        name="intent"
        value={present ? "absent" : "present"}
        className={present ? "button button--secondary" : "button"}
        disabled={busy}
        aria-label={present ? t("eventAttendance.undoFor", { name }) : t("eventAttendance.markPresentFor", { name })}
      >
        {present ? t("eventAttendance.undo") : t("eventAttendance.markPresent")}
      </button>
    </Form>
  );
}
