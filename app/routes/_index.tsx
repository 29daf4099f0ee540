import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import i18next from "~/i18next.server";

// "/" sends each visitor to their language: the cookie of their last visit, then the browser's, then English.
export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await i18next.getLocale(request);
  return redirect(`/${locale}`, { headers: { Vary: "Accept-Language, Cookie", "Cache-Control": "no-store" } });
}
