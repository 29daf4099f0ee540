import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/forms";

export interface ClaimShown {
  holder: string;
  mine: boolean;
  /** Already written in the reader's time zone. */
  since: string;
  until: string;
}

/** "I am reviewing this": who holds the submission, and the button to claim or release it (ADR 042). */
export function SubmissionClaim({ claim }: { claim: ClaimShown | null }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="claim-title" className="claim card">
      <h2 id="claim-title">{t("moderation.claim.title")}</h2>
      <p>
        {claim === null
          ? t("moderation.claim.nobody")
          : claim.mine
            ? t("moderation.claim.mine", { since: claim.since, until: claim.until })
            : t("moderation.claim.other", { name: claim.holder, since: claim.since, until: claim.until })}
      </p>
      {claim === null && (
        <Form method="post" className="inline-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="claim" />
          <button type="submit" className="button" id="claim-button">
            {t("moderation.claim.claim")}
          </button>
        </Form>
      )}
      {claim?.mine && (
        <Form method="post" className="inline-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="release" />
          <button type="submit" className="button" id="claim-button">
            {t("moderation.claim.release")}
          </button>
        </Form>
      )}
      <p className="field__hint">{t("moderation.claim.hint")}</p>
    </section>
  );
}
