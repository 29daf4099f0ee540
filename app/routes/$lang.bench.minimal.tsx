import type { LoaderFunctionArgs } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { env } from "~/utils/env.server";
import { localeAndT } from "~/utils/locale.server";

// bench:public's baseline: one heading through the same server, layout and i18n as every page.
// Absent (404) unless PUENTE_BENCH=1.
export async function loader({ params }: LoaderFunctionArgs) {
  if (env().PUENTE_BENCH !== "1") throw new Response(null, { status: 404 });
  await localeAndT(params);
  return null;
}

export default function BenchMinimal() {
  const { t } = useTranslation();
  return (
    <div className="container">
      <h1>{t("layout.tagline")}</h1>
    </div>
  );
}
