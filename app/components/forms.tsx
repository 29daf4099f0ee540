import { useRouteLoaderData } from "@remix-run/react";
import {
  forwardRef,
  useEffect,
  useRef,
  type InputHTMLAttributes,
  type MouseEvent,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { useTranslation } from "react-i18next";

/** The hidden CSRF field every state-changing form carries. */
export function CsrfInput() {
  const data = useRouteLoaderData<{ csrfToken?: string }>("root");
  return <input type="hidden" name="csrf" value={data?.csrfToken ?? ""} />;
}

/** A field people do not see and bots fill in: a form that comes back with it filled is refused. */
export function Honeypot() {
  const { t } = useTranslation();
  return (
    <div className="hp" aria-hidden="true">
      <label htmlFor="field-website">{t("submission.honeypot")}</label>
      <input id="field-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

/**
 * Lists the form's errors at the top, each linking to its field, and takes focus so screen
 * reader and keyboard users land on it (after a server round trip too).
 */
/**
 * Moves focus to the field a summary link names without changing the address: for Remix a hash
 * change is a navigation that forgets the action's answer (remix-run/remix#8512), which would
 * erase the very messages being followed. Without JavaScript the plain link does the same job.
 */
function focusField(event: MouseEvent<HTMLAnchorElement>) {
  const target = document.getElementById(event.currentTarget.hash.slice(1));
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ block: "center" });
  target.focus();
}

export function ErrorSummary({ errors, labels, order }: { errors?: Record<string, string>; labels: Record<string, string>; order?: readonly string[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // In the order of the fields on the page (when given), a problem of the whole form first.
  const rank = (field: string) => {
    if (field === "form") return -1;
    const at = order?.indexOf(field) ?? 0;
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  const entries = Object.entries(errors ?? {}).sort(([a], [b]) => rank(a) - rank(b));
  useEffect(() => {
    if (entries.length) ref.current?.focus();
  }, [errors]); // eslint-disable-line react-hooks/exhaustive-deps
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t("forms.errorSummaryTitle")}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            {field === "form" ? (
              t(message as never)
            ) : (
              <a href={`#field-${field}`} onClick={focusField}>
                {labels[field] ? `${labels[field]}${t("forms.labelSeparator")}` : ""}
                {t(message as never)}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  /** When the same field appears in two forms of a page: "name" by default, used in the element ids. */
  idBase?: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children?: ReactNode;
}

/** A field's hint and error message, under its label or legend, with the ids its control's aria-describedby names. */
function FieldNotes({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {hint && (
        <p className="field__hint" id={`field-${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`field-${id}-error`}>
          <span className="visually-hidden">{t("forms.errorPrefix")} </span>
          {t(error as never)}
        </p>
      )}
    </>
  );
}

function FieldShell({ name, idBase, label, hint, error, children }: FieldProps) {
  name = idBase ?? name;
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={`field-${name}`}>{label}</label>
      <FieldNotes id={name} hint={hint} error={error} />
      {children}
    </div>
  );
}

function describedBy(name: string, hint: unknown, error: unknown) {
  return [hint ? `field-${name}-hint` : "", error ? `field-${name}-error` : ""].filter(Boolean).join(" ") || undefined;
}

// The fields pass their ref to the control, so that react-hook-form's register() can be spread on them.

export const TextField = forwardRef<HTMLInputElement, FieldProps & InputHTMLAttributes<HTMLInputElement>>(function TextField(
  { name, idBase, label, hint, error, ...input },
  ref,
) {
  const id = idBase ?? name;
  return (
    <FieldShell name={name} idBase={idBase} label={label} hint={hint} error={error}>
      <input ref={ref} id={`field-${id}`} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
    </FieldShell>
  );
});

export const SelectField = forwardRef<
  HTMLSelectElement,
  FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: Array<{ value: string; label: string }> }
>(function SelectField({ name, idBase, label, hint, error, options, ...select }, ref) {
  const id = idBase ?? name;
  return (
    <FieldShell name={name} idBase={idBase} label={label} hint={hint} error={error}>
      <select ref={ref} id={`field-${id}`} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
});

export const TextAreaField = forwardRef<HTMLTextAreaElement, FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>>(function TextAreaField(
  { name, idBase, label, hint, error, ...textarea },
  ref,
) {
  const id = idBase ?? name;
  return (
    <FieldShell name={name} idBase={idBase} label={label} hint={hint} error={error}>
      <textarea
        ref={ref}
        id={`field-${id}`}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...textarea}
      />
    </FieldShell>
  );
});

/**
 * Several boxes under one name (a fieldset and its legend), the hint and error described on the
 * fieldset. The first box carries the field's id, where the error summary links. The ref (react-hook-form's
 * register() callback) is given to every box.
 */
export const CheckboxGroupField = forwardRef<
  HTMLInputElement,
  Omit<FieldProps, "children"> & InputHTMLAttributes<HTMLInputElement> & { options: Array<{ value: string; label: string }>; chosen?: readonly string[] }
>(function CheckboxGroupField({ name, idBase, label, hint, error, options, chosen = [], ...input }, ref) {
  const id = idBase ?? name;
  return (
    <fieldset className={`field${error ? " field--error" : ""}`} aria-describedby={describedBy(id, hint, error)}>
      <legend>{label}</legend>
      <FieldNotes id={id} hint={hint} error={error} />
      {options.map((o, i) => {
        const boxId = i === 0 ? `field-${id}` : `field-${id}-${o.value}`;
        return (
          <div className="field__checkbox" key={o.value}>
            <input type="checkbox" id={boxId} value={o.value} defaultChecked={chosen.includes(o.value)} name={name} ref={ref} {...input} />
            <label htmlFor={boxId}>{o.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
});

/** A status message after an action (saved, sent…), announced politely. */
export function Notice({ children, tone = "success" }: { children: ReactNode; tone?: "success" | "info" | "error" }) {
  return (
    <div className={`flash flash--${tone}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}
