// An edition's manifest as a download: JSON for machines, text for people. The text ends with
// the files' SHA-256 in the format `sha256sum -c` reads, so anyone holding the files can check them.
import type { Locale } from "../../db/schema";
import { getT } from "~/i18next.server";
import type { EditionManifest } from "~/models/editions.server";
import { formatDateTime } from "~/utils/format";

export function manifestJson(manifest: EditionManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function manifestText(manifest: EditionManifest, locale: Locale): string {
  const t = getT(locale);
  const when = (iso: string) => `${formatDateTime(iso, locale, "UTC")} UTC (${iso})`;
  const { edition } = manifest;
  const lines = [
    t("summaries.manifestText.title", { number: edition.number, edition: t(`summary.editions.${edition.edition}`) }),
    t("summaries.manifestText.frozenAt", { date: when(edition.frozenAt) }),
    t("summaries.manifestText.status", { status: t(`summaries.statuses.${edition.status}`) }),
    ...manifest.signOffs.map((s) =>
      t("summaries.manifestText.signOff", {
        party: t(`admin.parties.${s.party as "CA" | "CL"}`),
        state: s.signed ? t("summaries.manifestText.signed", { name: s.signedBy ?? "", date: when(s.signedAt!) }) : t("summaries.manifestText.notSigned"),
      }),
    ),
    ...(edition.dataHash ? [t("summaries.manifestText.dataHash", { hash: edition.dataHash })] : []),
    "",
    t("summaries.manifestText.files"),
    ...manifest.files.map((f) => `${f.sha256}  ${f.fileName}`),
  ];
  return `${lines.join("\n")}\n`;
}

/** The manifest's file name, after its files': puente-<scope>-<edition>-edition-<n>-manifest.<ext>. */
export function manifestFileName(manifest: EditionManifest, ext: "json" | "txt"): string {
  const base = manifest.files[0]?.fileName.replace(/-(?:en|fr|es)-\d{8}T\d{6}Z\.\w+$/, "") ?? `puente-edition-${manifest.edition.number}`;
  return `${base}-manifest.${ext}`;
}
