// Demo themes, six or seven per Party, drawn from the 2024–2025 trade and gender work plan. Each Party
// manages its own list; officials add, rename and delete themes at /:lang/admin/themes.
import type { Localized } from "../types.js";

export const themes: Record<"CA" | "CL", Localized[]> = {
  CA: [
    {
      en: "Sex-disaggregated data",
      fr: "Données ventilées par sexe",
      es: "Datos desglosados por sexo",
    },
    {
      en: "Women in mining",
      fr: "Les femmes dans l’industrie minière",
      es: "Mujeres en la minería",
    },
    {
      en: "Care work and childcare",
      fr: "Travail de soins et services de garde",
      es: "Trabajo de cuidados y cuidado infantil",
    },
    {
      en: "Access to finance and public procurement",
      fr: "Accès au financement et aux marchés publics",
      es: "Acceso al financiamiento y a las compras públicas",
    },
    {
      en: "Clean technology",
      fr: "Technologies propres",
      es: "Tecnologías limpias",
    },
    {
      en: "Indigenous women’s entrepreneurship",
      fr: "Entrepreneuriat des femmes autochtones",
      es: "Emprendimiento de mujeres indígenas",
    },
  ],
  CL: [
    {
      en: "Sex-disaggregated trade statistics",
      fr: "Statistiques commerciales ventilées par sexe",
      es: "Estadísticas de comercio desagregadas por sexo",
    },
    {
      en: "Women in mining and lithium",
      fr: "Les femmes dans les mines et le lithium",
      es: "Mujeres en la minería y el litio",
    },
    {
      en: "Care work and childcare",
      fr: "Travail de soins et services de garde",
      es: "Trabajo de cuidados y cuidado infantil",
    },
    {
      en: "Women-led exporting SMEs",
      fr: "PME exportatrices dirigées par des femmes",
      es: "Pymes exportadoras lideradas por mujeres",
    },
    {
      en: "Access to finance and public procurement",
      fr: "Accès au financement et aux marchés publics",
      es: "Acceso al financiamiento y a las compras públicas",
    },
    {
      en: "Women in clean technology",
      fr: "Les femmes dans les technologies propres",
      es: "Mujeres en tecnologías limpias",
    },
    {
      en: "Indigenous women’s entrepreneurship",
      fr: "Entrepreneuriat des femmes autochtones",
      es: "Emprendimiento de mujeres indígenas",
    },
  ],
};
