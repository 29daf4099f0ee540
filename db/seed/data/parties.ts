// The two Parties to the Canada–Chile Free Trade Agreement, their time zones and their regions.
// Regions use ISO 3166-2 codes; Canada in code order, Chile from north to south.
import type { PartySeed } from "../types.js";

export const parties: PartySeed[] = [
  {
    code: "CA",
    name: { en: "Canada", fr: "Canada", es: "Canadá" },
    timeZone: "America/Toronto",
    timeZoneLabel: { en: "Ottawa time", fr: "heure d’Ottawa", es: "hora de Ottawa" },
    regions: [
      {
        code: "CA-AB",
        name: { en: "Alberta", fr: "Alberta", es: "Alberta" },
        timeZone: "America/Edmonton",
      },
      {
        code: "CA-BC",
        name: { en: "British Columbia", fr: "Colombie-Britannique", es: "Columbia Británica" },
        timeZone: "America/Vancouver",
      },
      {
        code: "CA-MB",
        name: { en: "Manitoba", fr: "Manitoba", es: "Manitoba" },
        timeZone: "America/Winnipeg",
      },
      {
        code: "CA-NB",
        name: { en: "New Brunswick", fr: "Nouveau-Brunswick", es: "Nuevo Brunswick" },
        timeZone: "America/Moncton",
      },
      {
        code: "CA-NL",
        name: {
          en: "Newfoundland and Labrador",
          fr: "Terre-Neuve-et-Labrador",
          es: "Terranova y Labrador",
        },
        timeZone: "America/St_Johns",
      },
      {
        code: "CA-NS",
        name: { en: "Nova Scotia", fr: "Nouvelle-Écosse", es: "Nueva Escocia" },
        timeZone: "America/Halifax",
      },
      {
        code: "CA-NT",
        name: {
          en: "Northwest Territories",
          fr: "Territoires du Nord-Ouest",
          es: "Territorios del Noroeste",
        },
        timeZone: "America/Yellowknife",
      },
      {
        code: "CA-NU",
        name: { en: "Nunavut", fr: "Nunavut", es: "Nunavut" },
        timeZone: "America/Iqaluit",
      },
      {
        code: "CA-ON",
        name: { en: "Ontario", fr: "Ontario", es: "Ontario" },
        timeZone: "America/Toronto",
      },
      {
        code: "CA-PE",
        name: {
          en: "Prince Edward Island",
          fr: "Île-du-Prince-Édouard",
          es: "Isla del Príncipe Eduardo",
        },
        timeZone: "America/Halifax",
      },
      {
        code: "CA-QC",
        name: { en: "Quebec", fr: "Québec", es: "Quebec" },
        timeZone: "America/Toronto",
      },
      {
        code: "CA-SK",
        name: { en: "Saskatchewan", fr: "Saskatchewan", es: "Saskatchewan" },
        timeZone: "America/Regina",
      },
      {
        code: "CA-YT",
        name: { en: "Yukon", fr: "Yukon", es: "Yukón" },
        timeZone: "America/Whitehorse",
      },
    ],
  },
  {
    code: "CL",
    name: { en: "Chile", fr: "Chili", es: "Chile" },
    timeZone: "America/Santiago",
    timeZoneLabel: { en: "Santiago time", fr: "heure de Santiago", es: "hora de Santiago" },
    regions: [
      {
        code: "CL-AP",
        name: { en: "Arica y Parinacota", fr: "Arica et Parinacota", es: "Arica y Parinacota" },
        timeZone: "America/Santiago",
      },
      {
        code: "CL-TA",
        name: { en: "Tarapacá", fr: "Tarapacá", es: "Tarapacá" },
        timeZone: "America/Santiago",
      },
      {
        code: "CL-AN",
        name: { en: "Antofagasta", fr: "Antofagasta", es: "Antofagasta" },
        timeZone: "America/Santiago",
      },
      {
        code: "CL-AT",
        name: { en: "Atacama", fr: "Atacama", es: "Atacama" },
        timeZone: "America/Santiago",
      },
      {
        code: "CL-CO",
        name: { en: "Coquimbo", fr: "Coquimbo", es: "Coquimbo" },
        timeZone: "America/Santiago",
      },
      {
        code: "CL-VS",
        name: { en: "Valparaíso", fr: "Valparaíso", es: "Valparaíso" },
        timeZone: "America/Santiago",
      },
      {
        code: "CL-RM",
        name: {
          en: "Santiago Metropolitan Region",
          fr: "Région métropolitaine de Santiago",
          es: "Región Metropolitana de Santiago",
        },
        timeZone: "America/Santiago",
      },
      {
        code: "CL-LI",
        name: {
          en: "Libertador General Bernardo O’Higgins",
          fr: "Libertador General Bernardo O’Higgins",
          es: "Libertador General Bernardo O’Higgins",
        },
        timeZone: "America/Santiago",
      },
      {
        code: "CL-ML",
        name: { en: "Maule", fr: "Maule", es: "Maule" },
        timeZone: "America/Santiago",
      },
      {
        code: "CL-NB",
        name: { en: "Ñuble", fr: "Ñuble", es: "Ñuble" },
        timeZone: "America/Santiago",
      },
      {
        code: "CL-BI",
        name: { en: "Biobío", fr: "Biobío", es: "Biobío" },
        timeZone: "America/Santiago",
      },
      {
        code: "CL-AR",
        name: { en: "La Araucanía", fr: "Araucanie", es: "La Araucanía" },
        timeZone: "America/Santiago",
      },
      {
        code: "CL-LR",
        name: { en: "Los Ríos", fr: "Los Ríos", es: "Los Ríos" },
        timeZone: "America/Santiago",
      },
      {
        code: "CL-LL",
        name: { en: "Los Lagos", fr: "Los Lagos", es: "Los Lagos" },
        timeZone: "America/Santiago",
      },
      {
        code: "CL-AI",
        name: {
          en: "Aysén del General Carlos Ibáñez del Campo",
          fr: "Aysén del General Carlos Ibáñez del Campo",
          es: "Aysén del General Carlos Ibáñez del Campo",
        },
        timeZone: "America/Coyhaique",
      },
      {
        code: "CL-MA",
        name: {
          en: "Magallanes and Chilean Antarctica",
          fr: "Magallanes et Antarctique chilienne",
          es: "Magallanes y de la Antártica Chilena",
        },
        timeZone: "America/Punta_Arenas",
      },
    ],
  },
];
