// Canada–Chile work plan on trade and gender, 2024–2025 (CCFTA Chapter N bis).
// French text as published; English and Spanish are translations of it.
import type { WorkplanSeed } from "../types.js";

export const workplan: WorkplanSeed = {
  slug: "2024-2025",
  startsOn: "2024-01-01",
  endsOn: "2025-12-31",
  title: {
    en: "Canada-Chile work plan for the implementation of activities on trade and gender",
    fr: "Plan de travail Canada-Chili pour la mise en œuvre des activités sur le commerce et le genre",
    es: "Plan de trabajo Canadá-Chile para la implementación de las actividades sobre comercio y género",
  },
  introduction: {
    en: "This updated work plan covers a 24-month period (January 2024 - December 2025) and will be updated regularly. The activities listed below will support the following principles:",
    fr: "Ce plan de travail actualisé couvre une période de 24 mois (janvier 2024 - décembre 2025) et sera régulièrement mis à jour. Les activités énumérées ci-dessous soutiendront les principes suivants :",
    es: "Este plan de trabajo actualizado abarca un período de 24 meses (enero de 2024 - diciembre de 2025) y se actualizará periódicamente. Las actividades que se enumeran a continuación apoyarán los siguientes principios:",
  },
  principles: [
    {
      en: "gender balance",
      fr: "équilibre entre les genres",
      es: "equilibrio de género",
    },
    {
      en: "accountability",
      fr: "responsabilisation",
      es: "rendición de cuentas",
    },
    {
      en: "transparency",
      fr: "transparence",
      es: "transparencia",
    },
    {
      en: "flexibility and pragmatism",
      fr: "souplesse et pragmatisme",
      es: "flexibilidad y pragmatismo",
    },
    {
      en: "openness to the participation of civil society and to taking its expertise into account",
      fr: "ouverture à la participation de la société civile et à la prise en compte de son expertise",
      es: "apertura a la participación de la sociedad civil y a la consideración de sus conocimientos especializados",
    },
    {
      en: "a commitment to “make best efforts”, by being proactive and results-oriented",
      fr: "un engagement à « faire le maximum d’efforts », en étant proactif et axé sur les résultats",
      es: "un compromiso de «realizar los mayores esfuerzos», actuando de manera proactiva y orientada a los resultados",
    },
  ],
  areas: [
    {
      number: 1,
      article: "N bis-03.1",
      title: {
        en: "Sharing of experiences",
        fr: "Mise en commun des expériences",
        es: "Intercambio de experiencias",
      },
      description: {
        en: "Sharing of experiences in designing, implementing, monitoring and strengthening policies and programs to encourage women’s participation in national and international economies.",
        fr: "Mise en commun d’expériences en matière de conception, de mise en œuvre, de suivi et de renforcement des politiques et des programmes visant à encourager la participation des femmes aux économies nationale et internationale.",
        es: "Intercambio de experiencias en materia de diseño, implementación, seguimiento y fortalecimiento de políticas y programas destinados a fomentar la participación de las mujeres en las economías nacional e internacional.",
      },
      objectives: [
        {
          en: "To benefit from sharing the various experiences",
          fr: "Tirer parti de la mise en commun des différentes expériences",
          es: "Aprovechar el intercambio de las distintas experiencias",
        },
        {
          en: "To raise awareness of the link between trade and gender under the Free Trade Agreement",
          fr: "Faire prendre conscience du lien qui existe entre le commerce et le genre dans le cadre de l’Accord de libre-échange",
          es: "Crear conciencia sobre el vínculo que existe entre el comercio y el género en el marco del Tratado de Libre Comercio",
        },
      ],
      activities: [
        {
          description: {
            en: "Meeting between gender focal points, Committee members or representatives of both Parties who will participate in developing the implementation plan for the Trade and Gender Chapter of the Canada-Chile Free Trade Agreement (CCFTA)",
            fr: "Réunion entre les coordonnateurs spécialisés dans les questions de genre, les membres du comité ou des représentants des deux parties qui participeront à l’élaboration du plan de mise en œuvre du chapitre sur le genre et le commerce de l’Accord de libre-échange Canada-Chili (ALECC)",
            es: "Reunión entre los puntos focales de género, los miembros del Comité o representantes de ambas Partes que participarán en la elaboración del plan de implementación del Capítulo de Género y Comercio del Tratado de Libre Comercio Chile-Canadá (TLCCC)",
          },
          timing: {
            en: "February to April 2024",
            fr: "février à avril 2024",
            es: "febrero a abril de 2024",
          },
          status: "planned",
        },
        {
          description: {
            en: "Dialogue with other committees to coordinate joint initiatives, with the aim of integrating gender and trade issues into the implementation of the CCFTA",
            fr: "Dialogue avec d’autres comités pour coordonner des initiatives conjointes, dans le but d’intégrer les questions de genre et de commerce dans la mise en œuvre de l’ALECC",
            es: "Diálogo con otros comités para coordinar iniciativas conjuntas, con el fin de integrar las cuestiones de género y comercio en la implementación del TLCCC",
          },
          timing: {
            en: "June 2024 (to be confirmed)",
            fr: "juin 2024 (à confirmer)",
            es: "junio de 2024 (por confirmar)",
          },
          status: "to_be_confirmed",
        },
        {
          description: {
            en: "Sharing of experiences and technical cooperation on the collection of gender-disaggregated data on trade and women in Canada and Chile, with exchanges on, among other things, the technical aspects of data collection, as well as examples and good practices in this area",
            fr: "Mise en commun d’expériences et coopération technique concernant la collecte de données ventilées par le genre sur le commerce et les femmes au Canada et au Chili, avec échanges concernant notamment les aspects techniques de la collecte de données et des exemples et des bonnes pratiques en la matière",
            es: "Intercambio de experiencias y cooperación técnica en materia de recopilación de datos desagregados por género sobre comercio y mujeres en Canadá y Chile, con intercambios relativos, entre otros, a los aspectos técnicos de la recopilación de datos, así como a ejemplos y buenas prácticas en la materia",
          },
          timing: {
            en: "August 2024 (to be confirmed)",
            fr: "août 2024 (à confirmer)",
            es: "agosto de 2024 (por confirmar)",
          },
          status: "to_be_confirmed",
        },
        {
          description: {
            en: "Publication of the activities carried out on the respective websites",
            fr: "Publication des activités réalisées sur les différents sites web",
            es: "Publicación de las actividades realizadas en los respectivos sitios web",
          },
          timing: {
            en: "December 2025 (to be confirmed)",
            fr: "décembre 2025 (à confirmer)",
            es: "diciembre de 2025 (por confirmar)",
          },
          status: "to_be_confirmed",
        },
      ],
      deliverables: [
        {
          en: "Publication of a work plan",
          fr: "Publication d’un plan de travail",
          es: "Publicación de un plan de trabajo",
        },
        {
          en: "Documents summarizing the meeting",
          fr: "Documents résumant la réunion",
          es: "Documentos que resumen la reunión",
        },
        {
          en: "Preparation of a virtual or in-person event, with the participation of the technical teams of each country",
          fr: "Préparation d’un événement virtuel ou en personne, avec la participation des équipes techniques de chaque pays",
          es: "Preparación de un evento virtual o presencial, con la participación de los equipos técnicos de cada país",
        },
      ],
    },
    {
      number: 2,
      article: "N bis-03.3",
      title: {
        en: "National cross-sectoral collaboration",
        fr: "Collaboration intersectorielle nationale",
        es: "Colaboración intersectorial nacional",
      },
      description: {
        en: "Agreeing on issues and topics of mutual interest, through interactions among the various government institutions, businesses, labour unions, education and research organizations, other non-governmental organizations and their representatives, as appropriate, in order to carry out the planned activities",
        fr: "Convenir de questions et de sujets d’intérêt mutuel, au moyen d’interactions entre les différentes institutions gouvernementales, les entreprises, les syndicats, les organismes d’éducation et de recherche, d’autres organisations non gouvernementales et leurs représentants, le cas échéant, pour mener à bien les activités prévues",
        es: "Acordar cuestiones y temas de interés mutuo, mediante interacciones entre las distintas instituciones gubernamentales, las empresas, los sindicatos, las instituciones de educación e investigación, otras organizaciones no gubernamentales y sus representantes, según corresponda, para llevar a cabo las actividades previstas",
      },
      objectives: [
        {
          en: "To agree on issues and topics of mutual interest through cross-sectoral interaction and collaboration at the national level in order to carry out the planned activities",
          fr: "Convenir de questions et de sujets d’intérêt mutuel au moyen d’une interaction et d’une collaboration intersectorielles à l’échelle nationale afin de mener à bien les activités prévues",
          es: "Acordar cuestiones y temas de interés mutuo mediante la interacción y la colaboración intersectoriales a nivel nacional a fin de llevar a cabo las actividades previstas",
        },
      ],
      activities: [
        {
          description: {
            en: "Interaction activities conducted by each Party with local stakeholders",
            fr: "Activités d’interaction menées par chaque partie avec les parties prenantes locales",
            es: "Actividades de interacción realizadas por cada Parte con las partes interesadas locales",
          },
          // The source reads "Chili; mars 2023, au Canada (à déterminer)"; the 2023 date is as published.
          timing: {
            en: "Chile: March 2023; Canada: to be determined",
            fr: "Chili : mars 2023; Canada : à déterminer",
            es: "Chile: marzo de 2023; Canadá: por determinar",
          },
          status: "to_be_confirmed",
        },
      ],
      deliverables: [
        {
          en: "Written exchange of proposals and comments following the interactions at the national level",
          fr: "Échange écrit de propositions et de commentaires après les interactions au niveau national",
          es: "Intercambio por escrito de propuestas y comentarios tras las interacciones a nivel nacional",
        },
      ],
    },
    {
      number: 3,
      article: "N bis-03.2",
      title: {
        en: "Carrying out cooperation activities",
        fr: "Réalisation d’activités de coopération",
        es: "Realización de actividades de cooperación",
      },
      description: {
        en: "Carrying out of cooperation activities by the Parties, designed to improve the capacity and conditions of access of women, including women workers, businesswomen and women entrepreneurs, to the opportunities offered by the CCFTA and to enable them to benefit fully from those opportunities; these activities must be carried out with the active participation of women",
        fr: "Réalisation d’activités de coopération par les parties, destinées à améliorer la capacité et les conditions d’accès des femmes, notamment des travailleuses, des femmes d’affaires et des entrepreneuses, aux possibilités offertes par l’ALECC et à leur permettre d’en tirer pleinement parti; ces activités doivent être menées avec la participation active des femmes",
        es: "Realización de actividades de cooperación por las Partes, destinadas a mejorar la capacidad y las condiciones de acceso de las mujeres, incluidas las trabajadoras, las empresarias y las emprendedoras, a las oportunidades que ofrece el TLCCC y a permitirles aprovecharlas plenamente; estas actividades deben llevarse a cabo con la participación activa de las mujeres",
      },
      objectives: [
        {
          en: "To ensure that women benefit fully from the opportunities offered by the CCFTA through cooperation activities",
          fr: "Veiller à ce que les femmes bénéficient pleinement des possibilités offertes par l’ALECC grâce à des activités de coopération",
          es: "Velar por que las mujeres se beneficien plenamente de las oportunidades que ofrece el TLCCC mediante actividades de cooperación",
        },
      ],
      activities: [
        {
          description: {
            en: "Event on women in the mining industry, with the participation of women’s associations, companies in the sector, academics and other stakeholders from both countries, to present the public and private policies, cases and best practices that have fostered the inclusion of women in this sector",
            fr: "Événement sur les femmes dans l’industrie minière, avec la participation d’associations de femmes, d’entreprises du secteur, d’universitaires et d’autres parties prenantes des deux pays, afin de présenter les politiques publiques et privées, les cas et les meilleures pratiques qui ont favorisé l’inclusion des femmes dans ce secteur",
            es: "Evento sobre las mujeres en la industria minera, con la participación de asociaciones de mujeres, empresas del sector, académicos y otras partes interesadas de ambos países, a fin de presentar las políticas públicas y privadas, los casos y las mejores prácticas que han favorecido la inclusión de las mujeres en este sector",
          },
          timing: {
            en: "November 2024 or March 2025 (to be confirmed)",
            fr: "novembre 2024 ou mars 2025 (à confirmer)",
            es: "noviembre de 2024 o marzo de 2025 (por confirmar)",
          },
          status: "to_be_confirmed",
        },
        {
          description: {
            en: "Event on women in the clean technology sector, with the participation of women’s associations, companies in the sector, universities and other stakeholders from both countries, to present the public and private policies, cases and best practices that have fostered the inclusion of women in this field",
            fr: "Événement sur les femmes dans le secteur des technologies propres, avec la participation d’associations de femmes, d’entreprises du secteur, d’universités et d’autres parties prenantes des deux pays, afin de présenter les politiques publiques et privées, les cas et les meilleures pratiques qui ont favorisé l’inclusion des femmes dans ce domaine",
            es: "Evento sobre las mujeres en el sector de las tecnologías limpias, con la participación de asociaciones de mujeres, empresas del sector, universidades y otras partes interesadas de ambos países, a fin de presentar las políticas públicas y privadas, los casos y las mejores prácticas que han favorecido la inclusión de las mujeres en este ámbito",
          },
          timing: {
            en: "November 2025 (to be confirmed)",
            fr: "novembre 2025 (à confirmer)",
            es: "noviembre de 2025 (por confirmar)",
          },
          status: "to_be_confirmed",
        },
      ],
      deliverables: [
        {
          en: "Event attendance record, event report and recording after the event if it is virtual",
          fr: "Registre des présences à l’événement, rapport d’événement et enregistrement après l’événement s’il est virtuel",
          es: "Registro de asistencia al evento, informe del evento y grabación posterior al evento si este es virtual",
        },
      ],
    },
  ],
};
