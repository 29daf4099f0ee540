// Demo consultation topics, four per Party, following the 2024–2025 trade and gender work plan.
// Dates are in days from the moment of seeding. In the whole set exactly one topic is closed
// (women-in-mining-canada), exactly one is scheduled (women-in-clean-technology-chile) and exactly
// one is published in Spanish only (dialogo-intersectorial-chile).
import type { TopicSeed } from "../types.js";

export const topics: TopicSeed[] = [
  // ---------------------------------------------------------------- Canada
  {
    slug: "women-in-mining-canada",
    party: "CA",
    areaNumber: 3,
    opensInDays: -120,
    closesInDays: -30,
    allowComments: true,
    translations: {
      en: {
        title: "Women in mining: Canadian input for the Canada–Chile event",
        summary:
          "Global Affairs Canada is seeking views to prepare Canada’s contribution to the Canada–Chile event on women in mining planned under the 2024–2025 trade and gender work plan.",
        body:
          "Under Chapter N bis (Trade and Gender) of the Canada–Chile Free Trade Agreement (CCFTA), Canada and Chile carry out cooperative activities to improve the capacity and conditions for women, including workers, business owners and entrepreneurs, to access and fully benefit from the opportunities created by the Agreement (Article N bis-03.2).\n\n" +
          "The 2024–2025 work plan provides for an event on women in mining, with women’s associations, companies in the sector, academics and other stakeholders from both countries. The event is to present public and private policies, cases and best practices that have supported the inclusion of women in the sector.\n\n" +
          "To prepare Canada’s contribution, we invite written proposals and comments on:\n\n" +
          "- programs, policies or workplace practices that have increased the hiring, retention and advancement of women in mining\n" +
          "- initiatives that support women-owned businesses in the mining supply chain\n" +
          "- the participation of Indigenous women and women in northern and remote communities\n" +
          "- barriers that remain, and the role trade policy could play in reducing them\n" +
          "- organizations or experts who could take part in the event\n\n" +
          "Submissions may be published in accordance with the consent you give on the submission form. A summary of what we heard will be shared with the Trade and Gender Committee.",
      },
      fr: {
        title: "Les femmes dans l’industrie minière : contribution canadienne à l’événement Canada-Chili",
        summary:
          "Affaires mondiales Canada sollicite des avis afin de préparer la contribution du Canada à l’événement Canada-Chili sur les femmes dans l’industrie minière prévu au plan de travail 2024-2025 sur le commerce et le genre.",
        body:
          "En vertu du chapitre N bis (Commerce et genre) de l’Accord de libre-échange Canada-Chili (ALECC), le Canada et le Chili mènent des activités de coopération visant à améliorer la capacité et les conditions d’accès des femmes, notamment des travailleuses, des femmes d’affaires et des entrepreneuses, aux possibilités offertes par l’Accord et à leur permettre d’en tirer pleinement parti (article N bis-03.2).\n\n" +
          "Le plan de travail 2024-2025 prévoit un événement sur les femmes dans l’industrie minière, avec la participation d’associations de femmes, d’entreprises du secteur, d’universitaires et d’autres parties prenantes des deux pays. L’événement doit présenter les politiques publiques et privées, les cas et les pratiques exemplaires qui ont favorisé l’inclusion des femmes dans ce secteur.\n\n" +
          "Afin de préparer la contribution du Canada, nous vous invitons à soumettre des propositions et des commentaires écrits sur les points suivants :\n\n" +
          "- les programmes, politiques ou pratiques en milieu de travail qui ont favorisé l’embauche, le maintien en poste et l’avancement des femmes dans l’industrie minière\n" +
          "- les initiatives qui soutiennent les entreprises appartenant à des femmes dans la chaîne d’approvisionnement minière\n" +
          "- la participation des femmes autochtones et des femmes des collectivités nordiques et éloignées\n" +
          "- les obstacles qui subsistent et le rôle que la politique commerciale pourrait jouer pour les réduire\n" +
          "- les organismes ou les spécialistes qui pourraient participer à l’événement\n\n" +
          "Les soumissions pourront être publiées conformément au consentement que vous donnerez dans le formulaire. Un résumé de ce que nous avons entendu sera communiqué au Comité sur le commerce et le genre.",
      },
      es: {
        title: "Mujeres en la minería: aporte de Canadá al evento Canadá-Chile",
        summary:
          "Asuntos Globales Canadá solicita opiniones para preparar el aporte de Canadá al evento Canadá-Chile sobre mujeres en la minería previsto en el plan de trabajo 2024-2025 sobre comercio y género.",
        body:
          "En virtud del capítulo N bis (Comercio y Género) del Tratado de Libre Comercio Canadá-Chile, Canadá y Chile realizan actividades de cooperación destinadas a mejorar la capacidad y las condiciones de las mujeres, incluidas trabajadoras, empresarias y emprendedoras, para acceder a las oportunidades que ofrece el Tratado y beneficiarse plenamente de ellas (artículo N bis-03.2).\n\n" +
          "El plan de trabajo 2024-2025 contempla un evento sobre mujeres en la minería, con la participación de asociaciones de mujeres, empresas del sector, personas del ámbito académico y otras partes interesadas de ambos países. El evento presentará políticas públicas y privadas, casos y buenas prácticas que han favorecido la inclusión de las mujeres en este sector.\n\n" +
          "Para preparar el aporte de Canadá, invitamos a presentar propuestas y comentarios por escrito sobre los siguientes puntos:\n\n" +
          "- programas, políticas o prácticas laborales que han aumentado la contratación, la permanencia y el ascenso de mujeres en la minería\n" +
          "- iniciativas que apoyan a empresas de propiedad de mujeres en la cadena de suministro minera\n" +
          "- la participación de mujeres indígenas y de mujeres de comunidades del norte y de zonas remotas\n" +
          "- los obstáculos que persisten y el papel que podría cumplir la política comercial para reducirlos\n" +
          "- organizaciones o especialistas que podrían participar en el evento\n\n" +
          "Las contribuciones podrán publicarse según el consentimiento que usted indique en el formulario. Se compartirá un resumen de lo recibido con el Comité de Comercio y Género.",
      },
    },
    guidingQuestions: [
      {
        en: "Which programs or practices have been most effective in increasing the participation of women in mining in Canada, and why?",
        fr: "Quels programmes ou pratiques ont été les plus efficaces pour accroître la participation des femmes dans l’industrie minière au Canada, et pourquoi?",
        es: "¿Qué programas o prácticas han sido más eficaces para aumentar la participación de las mujeres en la minería en Canadá, y por qué?",
      },
      {
        en: "What barriers do women-owned businesses face when supplying the mining sector or doing business with Chile?",
        fr: "À quels obstacles les entreprises appartenant à des femmes se heurtent-elles lorsqu’elles approvisionnent le secteur minier ou font affaire avec le Chili?",
        es: "¿Qué obstáculos enfrentan las empresas de propiedad de mujeres al abastecer al sector minero o al hacer negocios con Chile?",
      },
      {
        en: "Which experiences from Chile would be most useful for Canadian stakeholders to learn about?",
        fr: "Quelles expériences du Chili seraient les plus utiles à connaître pour les parties prenantes canadiennes?",
        es: "¿Qué experiencias de Chile serían más útiles para las partes interesadas canadienses?",
      },
      {
        en: "Which topics should the bilateral event cover, and which types of organizations should take part?",
        fr: "Quels sujets l’événement bilatéral devrait-il aborder, et quels types d’organismes devraient y participer?",
        es: "¿Qué temas debería abordar el evento bilateral y qué tipos de organizaciones deberían participar?",
      },
    ],
  },
  {
    slug: "sex-disaggregated-trade-data-canada",
    party: "CA",
    areaNumber: 1,
    opensInDays: -20,
    closesInDays: 45,
    allowComments: false,
    translations: {
      en: {
        title: "Sex-disaggregated trade data: what information would be useful to you?",
        summary:
          "Canada and Chile are sharing experiences on collecting trade data disaggregated by sex. Tell us which information would help your organization and where you see gaps.",
        body:
          "Article N bis-03.1 of the Canada–Chile Free Trade Agreement (CCFTA) provides for the sharing of experiences in designing, implementing, monitoring and strengthening policies and programs that encourage women’s participation in national and international economies. Under the 2024–2025 work plan, Canada and Chile exchange on the technical aspects of collecting sex-disaggregated data on trade and women, including examples and good practices.\n\n" +
          "Reliable data helps governments understand who takes part in trade, who benefits and where barriers remain. Available sources, such as business surveys and administrative records, each have their limits.\n\n" +
          "We would like to hear from the people and organizations who produce or use these data, including businesses, business associations, researchers, trade unions and community organizations, about:\n\n" +
          "- the indicators on women and trade that would be most useful to you\n" +
          "- gaps or limitations in the data currently available\n" +
          "- ways of collecting information on business ownership and leadership that protect privacy\n" +
          "- ways to make results easier to find and use\n\n" +
          "This consultation accepts written proposals only. Published proposals can be read by everyone but are not open to comments.",
      },
      fr: {
        title: "Données commerciales ventilées par sexe : quelles informations vous seraient utiles?",
        summary:
          "Le Canada et le Chili mettent en commun leurs expériences de collecte de données commerciales ventilées par sexe. Dites-nous quelles informations aideraient votre organisme et quelles lacunes vous constatez.",
        body:
          "L’article N bis-03.1 de l’Accord de libre-échange Canada-Chili (ALECC) prévoit la mise en commun d’expériences en matière de conception, de mise en œuvre, de suivi et de renforcement des politiques et des programmes visant à encourager la participation des femmes aux économies nationale et internationale. Dans le cadre du plan de travail 2024-2025, le Canada et le Chili échangent sur les aspects techniques de la collecte de données ventilées par sexe sur le commerce et les femmes, y compris des exemples et de bonnes pratiques.\n\n" +
          "Des données fiables aident les gouvernements à comprendre qui participe au commerce, qui en profite et quels obstacles subsistent. Les sources disponibles, comme les enquêtes auprès des entreprises et les données administratives, ont chacune leurs limites.\n\n" +
          "Nous aimerions entendre les personnes et les organismes qui produisent ou utilisent ces données, notamment les entreprises, les associations d’entreprises, les chercheurs, les syndicats et les organismes communautaires, sur les points suivants :\n\n" +
          "- les indicateurs sur les femmes et le commerce qui vous seraient les plus utiles\n" +
          "- les lacunes ou les limites des données actuellement disponibles\n" +
          "- les façons de recueillir des renseignements sur la propriété et la direction des entreprises qui protègent la vie privée\n" +
          "- les moyens de rendre les résultats plus faciles à trouver et à utiliser\n\n" +
          "Cette consultation n’accepte que des propositions écrites. Les propositions publiées peuvent être consultées par tous, mais ne peuvent pas faire l’objet de commentaires.",
      },
      es: {
        title: "Datos comerciales desglosados por sexo: ¿qué información le sería útil?",
        summary:
          "Canadá y Chile intercambian experiencias sobre la recopilación de datos comerciales desglosados por sexo. Indíquenos qué información ayudaría a su organización y qué vacíos observa.",
        body:
          "El artículo N bis-03.1 del Tratado de Libre Comercio Canadá-Chile prevé el intercambio de experiencias en el diseño, la implementación, el seguimiento y el fortalecimiento de políticas y programas que fomenten la participación de las mujeres en la economía nacional e internacional. En el marco del plan de trabajo 2024-2025, Canadá y Chile intercambian sobre los aspectos técnicos de la recopilación de datos desglosados por sexo sobre comercio y mujeres, incluidos ejemplos y buenas prácticas.\n\n" +
          "Contar con datos confiables ayuda a los gobiernos a comprender quién participa en el comercio, quién se beneficia y qué obstáculos persisten. Las fuentes disponibles, como las encuestas a empresas y los registros administrativos, tienen cada una sus limitaciones.\n\n" +
          "Queremos conocer la opinión de las personas y organizaciones que producen o utilizan estos datos, entre ellas empresas, asociaciones empresariales, personas investigadoras, sindicatos y organizaciones comunitarias, sobre:\n\n" +
          "- los indicadores sobre mujeres y comercio que le serían más útiles\n" +
          "- los vacíos o limitaciones de los datos disponibles actualmente\n" +
          "- formas de recopilar información sobre la propiedad y la dirección de las empresas que protejan la privacidad\n" +
          "- maneras de facilitar el acceso a los resultados y su uso\n\n" +
          "Esta consulta solo acepta propuestas escritas. Las propuestas publicadas pueden ser leídas por cualquier persona, pero no admiten comentarios.",
      },
    },
    guidingQuestions: [
      {
        en: "Which indicators on women’s participation in trade would be most useful for your work?",
        fr: "Quels indicateurs sur la participation des femmes au commerce seraient les plus utiles à votre travail?",
        es: "¿Qué indicadores sobre la participación de las mujeres en el comercio serían más útiles para su trabajo?",
      },
      {
        en: "What gaps have you found in existing data on women-owned or women-led businesses that export or import?",
        fr: "Quelles lacunes avez-vous constatées dans les données existantes sur les entreprises appartenant à des femmes ou dirigées par des femmes qui exportent ou importent?",
        es: "¿Qué vacíos ha encontrado en los datos existentes sobre empresas de propiedad de mujeres o dirigidas por mujeres que exportan o importan?",
      },
      {
        en: "How should information on the gender of business owners, managers or workers be collected while protecting privacy?",
        fr: "Comment recueillir des renseignements sur le genre des propriétaires, des gestionnaires ou des travailleurs des entreprises tout en protégeant la vie privée?",
        es: "¿Cómo debería recopilarse la información sobre el género de las personas propietarias, directivas o trabajadoras de las empresas, protegiendo al mismo tiempo la privacidad?",
      },
      {
        en: "What could Canada learn from Chile’s experience on this subject, or share with Chile?",
        fr: "Que pourrait apprendre le Canada de l’expérience du Chili à ce sujet, ou partager avec lui?",
        es: "¿Qué podría aprender Canadá de la experiencia de Chile en esta materia, o compartir con Chile?",
      },
    ],
  },
  {
    slug: "cross-sector-proposals-canada",
    party: "CA",
    areaNumber: 2,
    opensInDays: -10,
    closesInDays: 50,
    allowComments: true,
    translations: {
      en: {
        title: "Priorities for Canada–Chile cooperation on trade and gender: proposals and comments",
        summary:
          "Canada invites proposals on issues and topics of mutual interest to pursue with Chile under the trade and gender chapter of the CCFTA, and comments on the proposals published here.",
        body:
          "Article N bis-03.3 of the Canada–Chile Free Trade Agreement (CCFTA) provides that the Parties agree on issues and topics of mutual interest through interaction among government institutions, businesses, trade unions, education and research organizations, other non-governmental organizations and their representatives, as appropriate.\n\n" +
          "The 2024–2025 work plan provides for a written exchange of proposals and comments following engagement with stakeholders in each country. This consultation is Canada’s part of that exchange. The proposals and comments received will help the Trade and Gender Committee choose topics for future cooperative activities.\n\n" +
          "You can submit a proposal, or comment on a proposal already published on this page. Proposals could address, for example:\n\n" +
          "- sectors or value chains where cooperation with Chile could benefit women\n" +
          "- barriers that women workers, business owners and entrepreneurs face in trade between Canada and Chile\n" +
          "- joint activities, such as events, exchanges or studies\n" +
          "- ways to involve organizations that represent diverse women, including Indigenous women\n\n" +
          "Proposals and comments are published after review, in accordance with the consent you give on the submission form.",
      },
      fr: {
        title: "Coopération Canada-Chili sur le commerce et le genre : propositions et commentaires",
        summary:
          "Le Canada sollicite des propositions sur des questions et des sujets d’intérêt mutuel à approfondir avec le Chili au titre du chapitre sur le commerce et le genre de l’ALECC, ainsi que des commentaires sur les propositions publiées ici.",
        body:
          "L’article N bis-03.3 de l’Accord de libre-échange Canada-Chili (ALECC) prévoit que les Parties conviennent de questions et de sujets d’intérêt mutuel au moyen d’interactions entre les institutions gouvernementales, les entreprises, les syndicats, les organismes d’éducation et de recherche, d’autres organisations non gouvernementales et leurs représentants, le cas échéant.\n\n" +
          "Le plan de travail 2024-2025 prévoit un échange écrit de propositions et de commentaires à la suite des interactions avec les parties prenantes dans chaque pays. La présente consultation constitue la contribution du Canada à cet échange. Les propositions et les commentaires reçus aideront le Comité sur le commerce et le genre à choisir les sujets des futures activités de coopération.\n\n" +
          "Vous pouvez soumettre une proposition ou commenter une proposition déjà publiée sur cette page. Les propositions pourraient porter, par exemple, sur :\n\n" +
          "- les secteurs ou les chaînes de valeur où la coopération avec le Chili pourrait profiter aux femmes\n" +
          "- les obstacles auxquels se heurtent les travailleuses, les propriétaires d’entreprise et les entrepreneuses dans le commerce entre le Canada et le Chili\n" +
          "- des activités conjointes, comme des événements, des échanges ou des études\n" +
          "- les moyens de faire participer les organismes qui représentent des femmes de divers horizons, y compris les femmes autochtones\n\n" +
          "Les propositions et les commentaires sont publiés après examen, conformément au consentement que vous donnez dans le formulaire.",
      },
      es: {
        title: "Prioridades de cooperación Canadá-Chile en comercio y género: propuestas y comentarios",
        summary:
          "Canadá invita a presentar propuestas sobre cuestiones y temas de interés mutuo para trabajar con Chile en el marco del capítulo sobre comercio y género del Tratado, así como comentarios sobre las propuestas publicadas aquí.",
        body:
          "El artículo N bis-03.3 del Tratado de Libre Comercio Canadá-Chile dispone que las Partes acuerden cuestiones y temas de interés mutuo mediante la interacción entre instituciones gubernamentales, empresas, sindicatos, organizaciones de educación e investigación, otras organizaciones no gubernamentales y sus representantes, según corresponda.\n\n" +
          "El plan de trabajo 2024-2025 prevé un intercambio escrito de propuestas y comentarios tras las actividades con partes interesadas en cada país. Esta consulta constituye la parte canadiense de ese intercambio. Las propuestas y los comentarios recibidos ayudarán al Comité de Comercio y Género a elegir los temas de futuras actividades de cooperación.\n\n" +
          "Puede presentar una propuesta o comentar una propuesta ya publicada en esta página. Las propuestas podrían referirse, por ejemplo, a:\n\n" +
          "- sectores o cadenas de valor en los que la cooperación con Chile podría beneficiar a las mujeres\n" +
          "- obstáculos que enfrentan las trabajadoras, empresarias y emprendedoras en el comercio entre Canadá y Chile\n" +
          "- actividades conjuntas, como eventos, intercambios o estudios\n" +
          "- formas de incluir a organizaciones que representan a mujeres diversas, incluidas las mujeres indígenas\n\n" +
          "Las propuestas y los comentarios se publican después de su revisión, de acuerdo con el consentimiento que usted indique en el formulario.",
      },
    },
    guidingQuestions: [
      {
        en: "Which issue of mutual interest should Canada and Chile work on first, and why?",
        fr: "Sur quelle question d’intérêt mutuel le Canada et le Chili devraient-ils travailler en priorité, et pourquoi?",
        es: "¿En qué cuestión de interés mutuo deberían trabajar primero Canadá y Chile, y por qué?",
      },
      {
        en: "What concrete activity would you propose, and who should take part in it?",
        fr: "Quelle activité concrète proposeriez-vous, et qui devrait y participer?",
        es: "¿Qué actividad concreta propondría y quiénes deberían participar en ella?",
      },
      {
        en: "How could your organization contribute to this work?",
        fr: "Comment votre organisme pourrait-il contribuer à ces travaux?",
        es: "¿Cómo podría contribuir su organización a este trabajo?",
      },
    ],
  },
  {
    slug: "women-in-clean-technology-canada",
    party: "CA",
    areaNumber: 3,
    opensInDays: -5,
    closesInDays: 60,
    allowComments: true,
    translations: {
      en: {
        title: "Women in clean technology: preparing a Canada–Chile event",
        summary:
          "Canada invites input to help shape the Canada–Chile event on women in the clean technology sector set out in the 2024–2025 trade and gender work plan.",
        body:
          "Under Article N bis-03.2 of the Canada–Chile Free Trade Agreement (CCFTA), Canada and Chile carry out cooperative activities, with the active participation of women, so that women can take full advantage of the opportunities created by the Agreement.\n\n" +
          "The work plan includes an event on women in the clean technology sector, with women’s associations, companies, universities and other stakeholders from both countries. The event is to present public and private policies, cases and best practices that have supported the inclusion of women in this field.\n\n" +
          "We invite proposals and comments on:\n\n" +
          "- the experience of women-led clean technology businesses in exporting, including to Chile\n" +
          "- programs that support women in science, engineering and the skilled trades related to clean technology\n" +
          "- access to financing, public procurement and international partnerships\n" +
          "- themes, format and participants for the event\n\n" +
          "A report on the event will be published, along with a recording if the event is held virtually.",
      },
      fr: {
        title: "Les femmes dans les technologies propres : préparation d’un événement Canada-Chili",
        summary:
          "Le Canada sollicite des idées pour orienter l’événement Canada-Chili sur les femmes dans le secteur des technologies propres prévu au plan de travail 2024-2025 sur le commerce et le genre.",
        body:
          "En vertu de l’article N bis-03.2 de l’Accord de libre-échange Canada-Chili (ALECC), le Canada et le Chili mènent des activités de coopération, avec la participation active des femmes, afin que celles-ci puissent tirer pleinement parti des possibilités offertes par l’Accord.\n\n" +
          "Le plan de travail prévoit un événement sur les femmes dans le secteur des technologies propres, avec des associations de femmes, des entreprises, des universités et d’autres parties prenantes des deux pays. L’événement doit présenter les politiques publiques et privées, les cas et les pratiques exemplaires qui ont favorisé l’inclusion des femmes dans ce domaine.\n\n" +
          "Nous sollicitons des propositions et des commentaires sur :\n\n" +
          "- l’expérience des entreprises de technologies propres dirigées par des femmes en matière d’exportation, y compris vers le Chili\n" +
          "- les programmes qui soutiennent les femmes en sciences, en génie et dans les métiers spécialisés liés aux technologies propres\n" +
          "- l’accès au financement, aux marchés publics et aux partenariats internationaux\n" +
          "- les thèmes, la formule et les participants de l’événement\n\n" +
          "Un rapport sur l’événement sera publié, ainsi qu’un enregistrement si l’événement se tient en mode virtuel.",
      },
      es: {
        title: "Mujeres en tecnologías limpias: preparación de un evento Canadá-Chile",
        summary:
          "Canadá invita a aportar ideas para orientar el evento Canadá-Chile sobre mujeres en el sector de las tecnologías limpias previsto en el plan de trabajo 2024-2025 sobre comercio y género.",
        body:
          "En virtud del artículo N bis-03.2 del Tratado de Libre Comercio Canadá-Chile, Canadá y Chile realizan actividades de cooperación, con la participación activa de las mujeres, para que estas puedan aprovechar plenamente las oportunidades que ofrece el Tratado.\n\n" +
          "El plan de trabajo incluye un evento sobre mujeres en el sector de las tecnologías limpias, con asociaciones de mujeres, empresas, universidades y otras partes interesadas de ambos países. El evento presentará políticas públicas y privadas, casos y buenas prácticas que han favorecido la inclusión de las mujeres en este ámbito.\n\n" +
          "Invitamos a presentar propuestas y comentarios sobre:\n\n" +
          "- la experiencia exportadora de empresas de tecnologías limpias dirigidas por mujeres, incluso hacia Chile\n" +
          "- programas que apoyan a las mujeres en ciencias, ingeniería y oficios especializados vinculados a las tecnologías limpias\n" +
          "- el acceso al financiamiento, a las compras públicas y a alianzas internacionales\n" +
          "- temas, formato y participantes del evento\n\n" +
          "Se publicará un informe del evento y, si se realiza en modalidad virtual, su grabación.",
      },
    },
    guidingQuestions: [
      {
        en: "What has helped, or held back, women-led clean technology businesses in reaching international markets?",
        fr: "Qu’est-ce qui a aidé ou freiné les entreprises de technologies propres dirigées par des femmes dans l’accès aux marchés internationaux?",
        es: "¿Qué ha ayudado o frenado a las empresas de tecnologías limpias dirigidas por mujeres en su acceso a los mercados internacionales?",
      },
      {
        en: "Which programs or practices have best supported women’s careers in clean technology?",
        fr: "Quels programmes ou pratiques ont le mieux soutenu la carrière des femmes dans les technologies propres?",
        es: "¿Qué programas o prácticas han apoyado mejor las trayectorias profesionales de las mujeres en las tecnologías limpias?",
      },
      {
        en: "Where do you see opportunities for cooperation between Canadian and Chilean organizations in this sector?",
        fr: "Où voyez-vous des possibilités de coopération entre des organismes canadiens et chiliens dans ce secteur?",
        es: "¿Dónde ve oportunidades de cooperación entre organizaciones canadienses y chilenas en este sector?",
      },
      {
        en: "What format would make the event most useful and accessible to you?",
        fr: "Quelle formule rendrait l’événement le plus utile et le plus accessible pour vous?",
        es: "¿Qué formato haría que el evento le resultara más útil y accesible?",
      },
    ],
  },

  // ----------------------------------------------------------------- Chile
  {
    slug: "women-in-mining-chile",
    party: "CL",
    areaNumber: 3,
    opensInDays: -20,
    closesInDays: 45,
    allowComments: true,
    translations: {
      es: {
        title: "Mujeres en la minería: experiencias y buenas prácticas en Chile",
        summary:
          "La SUBREI invita a compartir políticas, casos y buenas prácticas que hayan favorecido la inclusión de las mujeres en la minería, como insumo para la cooperación con Canadá en el marco del Tratado de Libre Comercio Chile-Canadá.",
        body:
          "El Capítulo N bis sobre Comercio y Género del Tratado de Libre Comercio Chile-Canadá establece que las Partes realizarán actividades de cooperación para mejorar la capacidad y las condiciones de las mujeres, incluidas trabajadoras, empresarias y emprendedoras, para acceder a las oportunidades del Tratado y beneficiarse plenamente de ellas (artículo N bis-03.2).\n\n" +
          "El plan de trabajo 2024-2025 considera un evento sobre mujeres en la industria minera, con la participación de asociaciones de mujeres, empresas del sector, la academia y otros actores de ambos países. La minería es un sector relevante en la relación económica entre Chile y Canadá, y ambos países cuentan con experiencias que pueden compartirse.\n\n" +
          "La Subsecretaría de Relaciones Económicas Internacionales invita a personas, empresas, gremios, sindicatos, universidades y organizaciones de la sociedad civil a enviar propuestas y comentarios sobre:\n\n" +
          "- políticas públicas y privadas que hayan aumentado la participación de mujeres en la minería\n" +
          "- experiencias de empresas proveedoras de la minería lideradas por mujeres\n" +
          "- condiciones laborales, de seguridad y de conciliación de la vida laboral y familiar en faenas mineras\n" +
          "- la participación de mujeres de pueblos indígenas y de comunidades de zonas mineras\n" +
          "- obstáculos que persisten y propuestas para abordarlos en la cooperación con Canadá\n\n" +
          "Las contribuciones serán sistematizadas y compartidas con el Comité de Comercio y Género.",
      },
      en: {
        title: "Women in mining: experiences and good practices in Chile",
        summary:
          "SUBREI invites you to share policies, cases and good practices that have supported the inclusion of women in mining, as input for cooperation with Canada under the Chile–Canada Free Trade Agreement.",
        body:
          "Chapter N bis on Trade and Gender of the Chile–Canada Free Trade Agreement provides that the Parties will carry out cooperative activities to improve the capacity and conditions for women, including workers, businesswomen and entrepreneurs, to access and fully benefit from the opportunities of the Agreement (Article N bis-03.2).\n\n" +
          "The 2024–2025 work plan includes an event on women in the mining industry, with women’s associations, companies in the sector, academia and other stakeholders from both countries. Mining is an important sector in the economic relationship between Chile and Canada, and both countries have experiences to share.\n\n" +
          "The Undersecretariat of International Economic Relations invites individuals, companies, business associations, trade unions, universities and civil society organizations to send proposals and comments on:\n\n" +
          "- public and private policies that have increased the participation of women in mining\n" +
          "- experiences of women-led suppliers to the mining industry\n" +
          "- working conditions, safety and work–family balance at mining sites\n" +
          "- the participation of Indigenous women and women from mining communities\n" +
          "- remaining barriers and proposals to address them through cooperation with Canada\n\n" +
          "Contributions will be compiled and shared with the Trade and Gender Committee.",
      },
      fr: {
        title: "Les femmes dans l’industrie minière : expériences et bonnes pratiques au Chili",
        summary:
          "Le SUBREI invite à faire part des politiques, des cas et des bonnes pratiques qui ont favorisé l’inclusion des femmes dans l’industrie minière, en vue de la coopération avec le Canada dans le cadre de l’Accord de libre-échange Chili-Canada.",
        body:
          "Le chapitre N bis sur le commerce et le genre de l’Accord de libre-échange Chili-Canada prévoit que les Parties mènent des activités de coopération destinées à améliorer la capacité et les conditions d’accès des femmes, notamment des travailleuses, des femmes d’affaires et des entrepreneuses, aux possibilités offertes par l’Accord et à leur permettre d’en tirer pleinement parti (article N bis-03.2).\n\n" +
          "Le plan de travail 2024-2025 prévoit un événement sur les femmes dans l’industrie minière, avec la participation d’associations de femmes, d’entreprises du secteur, du milieu universitaire et d’autres parties prenantes des deux pays. L’industrie minière occupe une place importante dans la relation économique entre le Chili et le Canada, et les deux pays ont des expériences à partager.\n\n" +
          "Le Sous-secrétariat aux relations économiques internationales invite les particuliers, les entreprises, les associations professionnelles, les syndicats, les universités et les organisations de la société civile à transmettre des propositions et des commentaires sur :\n\n" +
          "- les politiques publiques et privées qui ont accru la participation des femmes dans l’industrie minière\n" +
          "- l’expérience des entreprises fournisseuses de l’industrie minière dirigées par des femmes\n" +
          "- les conditions de travail, la sécurité et la conciliation travail-famille sur les sites miniers\n" +
          "- la participation des femmes autochtones et des femmes des communautés minières\n" +
          "- les obstacles qui subsistent et les propositions pour les surmonter grâce à la coopération avec le Canada\n\n" +
          "Les contributions seront compilées et communiquées au Comité sur le commerce et le genre.",
      },
    },
    guidingQuestions: [
      {
        es: "¿Qué políticas o prácticas han sido más efectivas para incorporar y retener a mujeres en la minería en Chile?",
        en: "Which policies or practices have been most effective in bringing women into mining in Chile and keeping them there?",
        fr: "Quelles politiques ou pratiques ont été les plus efficaces pour attirer et retenir les femmes dans l’industrie minière au Chili?",
      },
      {
        es: "¿Qué dificultades enfrentan las empresas proveedoras lideradas por mujeres para participar en la cadena de valor minera?",
        en: "What difficulties do women-led suppliers face in joining the mining value chain?",
        fr: "À quelles difficultés se heurtent les entreprises fournisseuses dirigées par des femmes pour s’intégrer à la chaîne de valeur minière?",
      },
      {
        es: "¿Qué experiencias canadienses le interesaría conocer en esta materia?",
        en: "Which Canadian experiences in this area would you like to learn about?",
        fr: "Quelles expériences canadiennes dans ce domaine aimeriez-vous connaître?",
      },
    ],
  },
  {
    slug: "dialogo-intersectorial-chile",
    party: "CL",
    areaNumber: 2,
    opensInDays: -15,
    closesInDays: 40,
    allowComments: true,
    translations: {
      es: {
        title: "Diálogo intersectorial: propuestas para la agenda de comercio y género con Canadá",
        summary:
          "Consulta dirigida a actores nacionales para identificar temas de interés mutuo con Canadá en comercio y género. Las propuestas recibidas formarán parte del intercambio escrito previsto en el plan de trabajo 2024-2025.",
        body:
          "El artículo N bis-03.3 del Tratado de Libre Comercio Chile-Canadá dispone que las Partes acordarán cuestiones y temas de interés mutuo mediante la interacción entre instituciones de gobierno, empresas, sindicatos, instituciones de educación e investigación, otras organizaciones no gubernamentales y sus representantes, según corresponda.\n\n" +
          "En el marco del plan de trabajo 2024-2025, cada país realiza actividades de diálogo con sus actores nacionales, cuyos resultados se comparten luego mediante un intercambio escrito de propuestas y comentarios. Esta consulta recoge los aportes de Chile para ese intercambio.\n\n" +
          "Puede enviar una propuesta nueva o comentar las propuestas ya publicadas. Algunos temas posibles son:\n\n" +
          "- sectores exportadores con potencial para una mayor participación de mujeres\n" +
          "- acceso de empresas lideradas por mujeres a mercados, financiamiento y redes en Canadá\n" +
          "- condiciones de trabajo de las mujeres en sectores vinculados al comercio exterior\n" +
          "- experiencias y necesidades de las regiones\n\n" +
          "Esta consulta se publica solo en español, ya que está dirigida a actores nacionales. La SUBREI revisará las contribuciones antes de su publicación.",
      },
    },
    guidingQuestions: [
      {
        es: "¿Qué tema de interés mutuo con Canadá debería priorizarse en materia de comercio y género, y por qué?",
      },
      {
        es: "¿Qué actividad concreta de cooperación propondría y qué actores deberían participar?",
      },
      {
        es: "¿Qué obstáculos enfrentan las mujeres de su sector o región para aprovechar el Tratado de Libre Comercio Chile-Canadá?",
      },
      {
        es: "¿Cómo podría su organización contribuir a este trabajo?",
      },
    ],
  },
  {
    slug: "sharing-experiences-chile",
    party: "CL",
    areaNumber: 1,
    opensInDays: -25,
    closesInDays: 35,
    allowComments: true,
    translations: {
      es: {
        title: "Intercambio de experiencias: ¿qué debería difundirse sobre comercio y género?",
        summary:
          "La SUBREI consulta qué experiencias chilenas de apoyo a la participación de las mujeres en el comercio conviene compartir con Canadá y cómo difundir los resultados de las actividades del plan de trabajo 2024-2025.",
        body:
          "El artículo N bis-03.1 del Tratado de Libre Comercio Chile-Canadá contempla el intercambio de experiencias en el diseño, la implementación, el seguimiento y el fortalecimiento de políticas y programas que fomenten la participación de las mujeres en la economía nacional e internacional.\n\n" +
          "El plan de trabajo 2024-2025 incluye la publicación de las actividades realizadas en los sitios web de ambos países. Para que esa información sea útil, queremos conocer la opinión de quienes la utilizarán.\n\n" +
          "Le invitamos a enviar propuestas y comentarios sobre:\n\n" +
          "- programas o instrumentos chilenos de apoyo a mujeres exportadoras que valga la pena dar a conocer en Canadá\n" +
          "- el tipo de información que le gustaría encontrar, como informes, grabaciones, datos o contactos\n" +
          "- formatos y canales de difusión accesibles, también para personas de regiones\n" +
          "- experiencias canadienses sobre las que le gustaría saber más\n\n" +
          "Los aportes recibidos servirán para preparar los materiales de difusión y serán compartidos con el Comité de Comercio y Género.",
      },
      en: {
        title: "Sharing experiences: what should be published on trade and gender?",
        summary:
          "SUBREI asks which Chilean experiences in supporting women’s participation in trade should be shared with Canada, and how the results of the 2024–2025 work plan activities should be published.",
        body:
          "Article N bis-03.1 of the Chile–Canada Free Trade Agreement provides for the sharing of experiences in designing, implementing, monitoring and strengthening policies and programs that encourage women’s participation in the national and international economy.\n\n" +
          "The 2024–2025 work plan includes publishing the activities carried out on the websites of both countries. To make that information useful, we want to hear from the people who will use it.\n\n" +
          "We invite proposals and comments on:\n\n" +
          "- Chilean programs or instruments supporting women exporters that are worth making known in Canada\n" +
          "- the kind of information you would like to find, such as reports, recordings, data or contacts\n" +
          "- accessible formats and channels, including for people outside the capital\n" +
          "- Canadian experiences you would like to know more about\n\n" +
          "The contributions received will be used to prepare outreach materials and will be shared with the Trade and Gender Committee.",
      },
      fr: {
        title: "Mise en commun des expériences : que faudrait-il publier sur le commerce et le genre?",
        summary:
          "Le SUBREI demande quelles expériences chiliennes de soutien à la participation des femmes au commerce devraient être partagées avec le Canada, et comment publier les résultats des activités du plan de travail 2024-2025.",
        body:
          "L’article N bis-03.1 de l’Accord de libre-échange Chili-Canada prévoit la mise en commun d’expériences en matière de conception, de mise en œuvre, de suivi et de renforcement des politiques et des programmes visant à encourager la participation des femmes aux économies nationale et internationale.\n\n" +
          "Le plan de travail 2024-2025 prévoit la publication des activités réalisées sur les sites web des deux pays. Pour que cette information soit utile, nous souhaitons connaître l’avis des personnes qui l’utiliseront.\n\n" +
          "Nous vous invitons à transmettre des propositions et des commentaires sur :\n\n" +
          "- les programmes ou instruments chiliens de soutien aux exportatrices qu’il vaudrait la peine de faire connaître au Canada\n" +
          "- le type d’information que vous aimeriez trouver, comme des rapports, des enregistrements, des données ou des contacts\n" +
          "- des formats et des canaux de diffusion accessibles, y compris pour les personnes vivant hors de la capitale\n" +
          "- les expériences canadiennes que vous aimeriez mieux connaître\n\n" +
          "Les contributions reçues serviront à préparer le matériel de diffusion et seront communiquées au Comité sur le commerce et le genre.",
      },
    },
    guidingQuestions: [
      {
        es: "¿Qué programa o experiencia chilena de apoyo a mujeres en el comercio debería conocerse en Canadá, y por qué?",
        en: "Which Chilean program or experience supporting women in trade should be known in Canada, and why?",
        fr: "Quel programme ou quelle expérience du Chili en matière de soutien aux femmes dans le commerce devrait être connu au Canada, et pourquoi?",
      },
      {
        es: "¿Qué información sobre las actividades del plan de trabajo le sería más útil y en qué formato?",
        en: "What information on the work plan activities would be most useful to you, and in what format?",
        fr: "Quelle information sur les activités du plan de travail vous serait la plus utile, et sous quelle forme?",
      },
      {
        es: "¿Por qué canales suele informarse su organización sobre oportunidades de comercio internacional?",
        en: "Through which channels does your organization usually learn about international trade opportunities?",
        fr: "Par quels canaux votre organisation s’informe-t-elle habituellement des possibilités de commerce international?",
      },
    ],
  },
  {
    slug: "women-in-clean-technology-chile",
    party: "CL",
    areaNumber: 3,
    opensInDays: 14,
    closesInDays: 75,
    allowComments: true,
    translations: {
      es: {
        title: "Mujeres en tecnologías limpias: aportes para el evento Chile-Canadá",
        summary:
          "La SUBREI recogerá propuestas para el evento sobre mujeres en el sector de tecnologías limpias previsto en el plan de trabajo 2024-2025, con la participación de asociaciones, empresas y universidades de ambos países.",
        body:
          "En el marco del artículo N bis-03.2 del Tratado de Libre Comercio Chile-Canadá, las Partes realizan actividades de cooperación con la participación activa de las mujeres, para que estas puedan aprovechar plenamente las oportunidades del Tratado.\n\n" +
          "El plan de trabajo 2024-2025 contempla un evento sobre mujeres en el sector de tecnologías limpias, en el que se presentarán políticas públicas y privadas, casos y buenas prácticas que han favorecido su inclusión. Áreas como las energías renovables, el hidrógeno verde y la electromovilidad ofrecen oportunidades de cooperación con Canadá.\n\n" +
          "Esta consulta recibirá propuestas y comentarios sobre:\n\n" +
          "- empresas y emprendimientos liderados por mujeres en energías renovables, hidrógeno verde, eficiencia energética y economía circular\n" +
          "- programas de formación de mujeres en ciencia, tecnología, ingeniería y matemáticas vinculados a estas industrias\n" +
          "- barreras de acceso a financiamiento, certificaciones y mercados internacionales\n" +
          "- temas, formato y participantes sugeridos para el evento\n\n" +
          "El evento contará con registro de asistencia e informe y, si se realiza en modalidad virtual, con su grabación.",
      },
      en: {
        title: "Women in clean technology: input for the Chile–Canada event",
        summary:
          "SUBREI will gather proposals for the event on women in the clean technology sector set out in the 2024–2025 work plan, with associations, companies and universities from both countries.",
        body:
          "Under Article N bis-03.2 of the Chile–Canada Free Trade Agreement, the Parties carry out cooperative activities with the active participation of women, so that women can take full advantage of the opportunities of the Agreement.\n\n" +
          "The 2024–2025 work plan includes an event on women in the clean technology sector, which will present public and private policies, cases and good practices that have supported their inclusion. Areas such as renewable energy, green hydrogen and electric mobility offer opportunities for cooperation with Canada.\n\n" +
          "This consultation will receive proposals and comments on:\n\n" +
          "- women-led companies and ventures in renewable energy, green hydrogen, energy efficiency and the circular economy\n" +
          "- training programs for women in science, technology, engineering and mathematics related to these industries\n" +
          "- barriers to accessing financing, certifications and international markets\n" +
          "- suggested themes, format and participants for the event\n\n" +
          "The event will have an attendance record and a report and, if held virtually, a recording.",
      },
      fr: {
        title: "Les femmes dans les technologies propres : contributions à l’événement Chili-Canada",
        summary:
          "Le SUBREI recueillera des propositions pour l’événement sur les femmes dans le secteur des technologies propres prévu au plan de travail 2024-2025, avec des associations, des entreprises et des universités des deux pays.",
        body:
          "Dans le cadre de l’article N bis-03.2 de l’Accord de libre-échange Chili-Canada, les Parties mènent des activités de coopération avec la participation active des femmes, afin que celles-ci puissent tirer pleinement parti des possibilités offertes par l’Accord.\n\n" +
          "Le plan de travail 2024-2025 prévoit un événement sur les femmes dans le secteur des technologies propres, qui présentera les politiques publiques et privées, les cas et les bonnes pratiques ayant favorisé leur inclusion. Des domaines comme les énergies renouvelables, l’hydrogène vert et l’électromobilité offrent des possibilités de coopération avec le Canada.\n\n" +
          "Cette consultation recevra des propositions et des commentaires sur :\n\n" +
          "- les entreprises dirigées par des femmes dans les énergies renouvelables, l’hydrogène vert, l’efficacité énergétique et l’économie circulaire\n" +
          "- les programmes de formation des femmes en sciences, technologie, ingénierie et mathématiques liés à ces industries\n" +
          "- les obstacles à l’accès au financement, aux certifications et aux marchés internationaux\n" +
          "- les thèmes, la formule et les participants suggérés pour l’événement\n\n" +
          "L’événement fera l’objet d’un registre des présences et d’un rapport et, s’il se tient en mode virtuel, d’un enregistrement.",
      },
    },
    guidingQuestions: [
      {
        es: "¿Qué experiencias de empresas lideradas por mujeres en tecnologías limpias deberían presentarse en el evento?",
        en: "Which experiences of women-led clean technology companies should be presented at the event?",
        fr: "Quelles expériences d’entreprises de technologies propres dirigées par des femmes devraient être présentées lors de l’événement?",
      },
      {
        es: "¿Qué barreras enfrentan las mujeres para ingresar y desarrollarse en estas industrias en Chile?",
        en: "What barriers do women face in entering and advancing in these industries in Chile?",
        fr: "À quels obstacles les femmes se heurtent-elles pour entrer et progresser dans ces industries au Chili?",
      },
      {
        es: "¿En qué áreas ve oportunidades de cooperación con Canadá?",
        en: "In which areas do you see opportunities for cooperation with Canada?",
        fr: "Dans quels domaines voyez-vous des possibilités de coopération avec le Canada?",
      },
    ],
  },
];
