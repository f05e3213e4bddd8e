// The benchmark's Danish vocabulary: municipalities, councils, people, organisations, council words
// and sentence templates. All invented; nothing here is a real person. No digit runs at all: the
// generator supplies numbers, and never more than four digits in a row (no CPR-like numbers).

export interface KommuneSpec {
  slug: string;
  name: string;
  domain: string;
  /** #rrggbb with at least 4.5:1 contrast against white (checked by the test). */
  colour: string;
  /** Relative size: how large a share of the archive's meetings this municipality holds. */
  weight: number;
  address: string;
}

export const KOMMUNER: readonly KommuneSpec[] = [
  { slug: "noerreaa", name: "Nørreå Kommune", domain: "noerreaa", colour: "#1d4f7a", weight: 3, address: "Rådhustorvet 1, 8830 Nørreå" },
  { slug: "soeholm", name: "Søholm Kommune", domain: "soeholm", colour: "#7a1d2e", weight: 2.2, address: "Søvej 2, 4180 Søholm" },
  { slug: "aablik", name: "Åblik Kommune", domain: "aablik", colour: "#1f5e3a", weight: 1.8, address: "Åboulevarden 5, 6200 Åblik" },
  { slug: "aeblerup", name: "Æblerup Kommune", domain: "aeblerup", colour: "#5a2d82", weight: 1.5, address: "Torvet 3, 5750 Æblerup" },
  { slug: "bjergsoe", name: "Bjergsø Kommune", domain: "bjergsoe", colour: "#8a3b00", weight: 1.2, address: "Bakkegade 9, 7100 Bjergsø" },
  { slug: "fjordby", name: "Fjordby Kommune", domain: "fjordby", colour: "#00586b", weight: 1, address: "Havnegade 12, 9990 Fjordby" },
  { slug: "kaerhavn", name: "Kærhavn Kommune", domain: "kaerhavn", colour: "#6b3e26", weight: 0.8, address: "Strandvejen 40, 3390 Kærhavn" },
  { slug: "moellebro", name: "Møllebro Kommune", domain: "moellebro", colour: "#2b3a67", weight: 0.6, address: "Møllegade 4, 4700 Møllebro" },
  { slug: "vestaas", name: "Vestås Kommune", domain: "vestaas", colour: "#7a2155", weight: 0.5, address: "Vestergade 17, 6800 Vestås" },
  { slug: "hedelund", name: "Hedelund Kommune", domain: "hedelund", colour: "#3d5a1e", weight: 0.4, address: "Hedevej 8, 7400 Hedelund" },
];

export interface CouncilSpec {
  slug: string;
  name: string;
  description: string;
  organisations: readonly string[];
  /** Council-specific compounds and topics. */
  topics: readonly string[];
  weight: number;
}

export const COUNCILS: readonly CouncilSpec[] = [
  {
    slug: "udsatteraadet",
    name: "Udsatterådet",
    description: "Rådet rådgiver byrådet om forhold for socialt udsatte borgere.",
    organisations: ["Kirkens Korshær", "Værestedet Broen", "SAND", "Blå Kors", "Projekt Udenfor", "Brugerrepræsentant", "Reden", "Frelsens Hær", "Herberget Søhuset", "Gadejuristen"],
    topics: ["socialtandplejen", "hjemløseudspil", "natcaféen", "herbergspladserne", "gadeplansindsatsen", "misbrugsbehandlingen", "væresteder", "vinternatvarme", "sprøjterummet", "bostøtten", "udsattepolitikken", "housing first", "gadesygeplejen", "akuttilbuddet", "skæve boliger"],
    weight: 1.3,
  },
  {
    slug: "handicapraadet",
    name: "Handicaprådet",
    description: "Rådet rådgiver byrådet i spørgsmål, der vedrører borgere med handicap.",
    organisations: ["DH Lokalafdeling", "Dansk Blindesamfund", "Scleroseforeningen", "LEV", "Autismeforeningen", "SIND", "Høreforeningen", "Muskelsvindfonden", "Spastikerforeningen"],
    topics: ["tilgængelighedspolitikken", "hjælpemiddelområdet", "handicapparkering", "ledsageordningen", "bostøtten", "botilbuddene", "specialundervisningen", "kørselsordningen", "handicappolitikken", "aflastningstilbuddet", "BPA-ordningen", "tilgængelighedsrevisionen", "beskæftigelsesudvalget"],
    weight: 1.1,
  },
  {
    slug: "aeldreraadet",
    name: "Ældrerådet",
    description: "Det folkevalgte ældreråd rådgiver byrådet om ældrepolitikken.",
    organisations: ["Ældre Sagen", "Pensionistforeningen", "Valgt ved ældrerådsvalget", "Faglige Seniorer", "Ældre Mobilisten", "Danske Seniorer", "Pårørendeforeningen"],
    topics: ["hjemmeplejen", "plejeboligerne", "madservicen", "demensindsatsen", "genoptræningen", "ældrepolitikken", "plejehjemmene", "rehabiliteringsforløbene", "værdighedsmidlerne", "klippekortet", "aktivitetscentrene", "sundhedshusene", "ældremilliarden"],
    weight: 1.4,
  },
  {
    slug: "integrationsraadet",
    name: "Integrationsrådet",
    description: "Rådet rådgiver byrådet om integrationsindsatsen.",
    organisations: ["Dansk Flygtningehjælp", "Røde Kors", "Foreningen Nydansker", "Indvandrerrådgivningen", "Integrationshuset", "Sprogcentret", "Kvindernes Netværk", "Ungdomsklubben Nordlyset"],
    topics: ["sprogcentret", "integrationsprogrammet", "lektiecaféerne", "boligplaceringen", "beskæftigelsesindsatsen", "mentorordningen", "integrationspolitikken", "foreningsbroen", "tolkebistanden", "medborgerskabsdagen", "integrationsgrunduddannelsen", "modersmålsundervisningen"],
    weight: 0.9,
  },
];

export const FIRST_NAMES = [
  "Anna", "Bo", "Carla", "Dennis", "Eva", "Frederik", "Gitte", "Hans", "Ida", "Jens", "Karen", "Lars",
  "Mette", "Niels", "Ole", "Pia", "Rasmus", "Signe", "Søren", "Tove", "Ulla", "Vibeke", "Åse", "Øjvind",
  "Birthe", "Jørgen", "Bjørn", "Bente", "Mads", "Line", "Jesper", "Henrik", "Lise", "Torben", "Kirsten",
  "Anders", "Inger", "Poul", "Merete", "Ærtebjørg", "Grethe", "Sørine", "Amir", "Fatima", "Yasmin",
  "Mustafa", "Leila", "Ahmed", "Mikkel", "Sofie", "Kasper", "Camilla", "Thor", "Astrid", "Malthe",
];

export const LAST_NAMES = [
  "Holm", "Lund", "Dahl", "Berg", "Møller", "Aagaard", "Sørensen", "Jørgensen", "Kjær", "Bæk",
  "Nørgaard", "Østergaard", "Thomsen", "Mikkelsen", "Frølund", "Skovgård", "Kristensen", "Rasmussen",
  "Søndergaard", "Ærenlund", "Hjørnholm", "Brøndum", "Kjærsgaard", "Dæhnfeldt", "Ågesen", "Vestergaard",
  "Løkke", "Præstholm", "Mølgaard", "Hansen", "Nielsen", "Pedersen", "Ali", "Yilmaz", "Hussein", "Bøgh",
];

export const ROLES = ["formand", "næstformand", "medlem", "suppleant"];

export const POLITICIANS = [
  "Byrådsmedlem (Socialdemokratiet)", "Byrådsmedlem (Venstre)", "Byrådsmedlem (SF)",
  "Byrådsmedlem (Det Konservative Folkeparti)", "Byrådsmedlem (Enhedslisten)", "Byrådsmedlem (Radikale Venstre)",
];

export const STAFF_ORGS = [
  "Socialforvaltningen", "Sundheds- og Omsorgsforvaltningen", "Beskæftigelsesforvaltningen",
  "Børne- og Ungeforvaltningen", "Teknik- og Miljøforvaltningen", "Borgerservice",
];
export const STAFF_ROLES = ["konsulent", "chefkonsulent", "afdelingsleder", "sekretariatschef", "specialkonsulent", "fuldmægtig"];
export const GUEST_ROLES = ["gadesygeplejerske", "oplægsholder", "projektleder", "forsker", "socialrådgiver", "tandlæge", "demenskoordinator"];

export const VENUES = [
  "Rådhuset, mødelokale 2", "Medborgerhuset, Torvet 3", "Biblioteket, Store Sal", "Værestedet Broen, Havnegade 12",
  "Sundhedshuset, lokale 1.14", "Aktivitetscentret Solgården", "Rådhuset, byrådssalen", "Kulturhuset, Salen",
  "Plejecentret Åbrinken, Cafeen", "Borgerservice, mødelokale Ø3",
];
export const ONLINE = ["Teams", "Zoom", "Skype for Business"];

export const MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

/** First halves of council compounds (with the linking -s where Danish has it). */
export const PREFIXES = [
  "social", "sundheds", "beskæftigelses", "misbrugs", "bolig", "handicap", "ældre", "integrations", "hjemløse",
  "værested", "tandpleje", "gadeplans", "bruger", "pårørende", "frivilligheds", "rehabiliterings",
  "tilgængeligheds", "hjælpemiddel", "plejehjems", "hjemmepleje", "sprog", "uddannelses", "fritids",
  "velfærds", "budget", "kvalitets", "handle", "forebyggelses", "trivsels", "døgn", "akut", "nattevagt",
  "ungdoms", "familie", "psykiatri", "bostøtte", "kontanthjælps", "førtidspensions", "jobcenter", "kommune",
];
/** Second halves (definite forms, as council minutes write them). */
export const SUFFIXES = [
  "udvalget", "strategien", "politikken", "indsatsen", "planen", "tilbuddet", "området", "rådet", "centret",
  "puljen", "udspillet", "rapporten", "aftalen", "forløbet", "midlerne", "ydelsen", "pladserne", "tilsynet",
  "høringen", "modellen", "netværket", "budgettet", "evalueringen", "projektet", "konferencen",
];

export const ADJECTIVES = [
  "gode", "positive", "blandede", "første", "nye", "vigtige", "konkrete", "samlede", "foreløbige", "lokale",
  "økonomiske", "faglige", "særlige", "længerevarende", "forebyggende", "tværgående", "sårbare", "udsatte",
  "ældre", "yngre", "flere", "færre", "større", "mindre", "nødvendige", "relevante", "væsentlige",
];
export const NOUNS = [
  "borgere", "brugere", "medarbejdere", "pårørende", "frivillige", "foreninger", "tilbud", "erfaringer",
  "udfordringer", "anbefalinger", "ressourcer", "løsninger", "ventelister", "boliger", "aftaler", "målgrupper",
  "ønsker", "bekymringer", "forslag", "resultater", "tal", "henvendelser", "klager", "høringssvar", "midler",
];
export const VERBS_PAST = [
  "orienterede om", "fremlagde", "redegjorde for", "præsenterede", "gennemgik", "drøftede", "understregede",
  "spurgte til", "pegede på", "efterlyste", "roste", "kritiserede", "foreslog", "bakkede op om",
];
export const ACTORS = [
  "Forvaltningen", "Formanden", "Rådet", "Næstformanden", "Sekretariatet", "Direktøren", "Chefkonsulenten",
  "Et medlem", "Flere medlemmer", "Brugerrepræsentanten", "Projektlederen",
];

/**
 * Sentence templates. Slots: {C} compound or council topic, {A} adjective, {N} noun, {P} person,
 * {O} organisation, {Y} year, {Y2} the next year, {n} a small number, {M} month, {V} past-tense verb,
 * {X} actor. Each template is split once at load into literal and slot parts.
 */
export const SENTENCES = [
  "{X} {V} status på {C}, og rådet drøftede de {A} erfaringer fra {Y}.",
  "{P} spurgte til, hvordan {C} hænger sammen med {C}.",
  "Rådet anbefaler, at {C} styrkes, så flere {N} får hjælp i tide.",
  "Der er afsat {n} mio. kr. til {C} i perioden {Y}–{Y2}.",
  "Ventetiden på {C} er nedbragt til {n} uger, men der er fortsat {A} {N} på venteliste.",
  "{X} {V} de {A} {N} og gjorde opmærksom på, at {C} skal evalueres i {M}.",
  "Rådet ønsker at blive inddraget tidligt i arbejdet med {C}.",
  "{P} fra {O} fortalte om de {A} {N} i forbindelse med {C}.",
  "Det blev aftalt, at sekretariatet indkalder til et temamøde om {C} i {M} {Y}.",
  "Flere medlemmer pegede på, at {N} i {C} har brug for mere stabile rammer.",
  "Forvaltningen oplyste, at {n} {N} har benyttet {C} i løbet af det seneste år.",
  "Rådet bad om, at {C} bliver koordineret med {C} og med {O}.",
  "{X} {V} høringsudkastet til {C} og fremhævede de {A} {N}.",
  "Der var enighed om, at de {A} {N} skal have større indflydelse på {C}.",
  "Rådet noterede sig, at {C} ikke er omfattet af budgetforliget for {Y}.",
  "{P} understregede, at {N} skal kunne få hjælp både dag og nat, også i weekenden.",
  "Forvaltningen vender tilbage med en skriftlig orientering om {C} på næste møde.",
  "Der blev spurgt til økonomien i {C}, og forvaltningen svarede, at der er et mindreforbrug på {n} procent.",
  "Rådet drøftede, om {C} kan ligge tættere på bymidten, så det bliver lettere for {N} at komme dertil.",
  "Det er rådets vurdering, at {C} har haft en positiv effekt for de {A} {N}.",
  "{X} {V} en ny model for {C}, som bygger på erfaringerne fra {O}.",
  "Medlemmerne udvekslede erfaringer fra {O} og {O}.",
  "Rådet ser frem til at følge arbejdet med {C} og ønsker en status i {M}.",
  "Det blev oplyst, at {C} forventes at træde i kraft den {d}. {M} {Y}.",
  "{P} gjorde opmærksom på, at ældre og handicappede borgere ofte har svært ved at finde rundt i {C}.",
  "Forvaltningen har modtaget {n} høringssvar, og de {A} temaer er samlet i et notat.",
  "Rådet takkede for oplægget og for et godt samarbejde om {C}.",
  "Der blev efterlyst flere {N} og bedre information om {C} på kommunens hjemmeside.",
];

export const DECISIONS = [
  "Rådet tog orienteringen til efterretning.",
  "Rådet godkendte indstillingen.",
  "Rådet anbefaler byrådet at godkende forslaget.",
  "Rådet afgiver høringssvar i overensstemmelse med drøftelsen.",
  "Formanden og næstformanden formulerer et høringssvar på rådets vegne.",
  "Punktet genoptages på næste møde.",
  "Rådet besluttede at nedsætte en arbejdsgruppe.",
  "Dagsordenen blev godkendt.",
  "Referatet blev godkendt uden bemærkninger.",
];

export const OPENING_TITLES = ["Godkendelse af dagsorden", "Godkendelse af referat fra sidste møde"];
export const CLOSING_TITLES = ["Meddelelser fra formanden", "Nyt fra forvaltningen", "Eventuelt", "Punkter til næste møde"];
export const TITLE_PATTERNS = [
  "Høring om {C}", "Orientering om {C}", "Budget {Y}: {C}", "Drøftelse af {C}", "Opfølgning på {C}",
  "Temadrøftelse om {C}", "Status på {C}", "Evaluering af {C}", "Forslag til {C}", "Årsberetning for {C}",
  "Henvendelse fra {O}", "Kvalitetsstandard for {C}", "Dialogmøde med {O}",
];
export const CLOSED_TITLES = ["Ansættelsessag", "Personsag", "Klage over afgørelse", "Sag om tilskud til forening", "Udpegning til arbejdsgruppe", "Sag om enkeltperson"];
export const PUBLIC_DECISIONS = ["Rådet tiltrådte indstillingen.", "Rådet godkendte indstillingen.", "Sagen blev drøftet.", "Rådet besluttede at udsætte sagen."];
export const CORRECTIONS = [
  "En stavefejl i punkt {i} er rettet.",
  "Navnet på en deltager er rettet.",
  "Beslutningen under punkt {i} er præciseret efter rådets godkendelse.",
  "Et bilag til punkt {i} var ved en fejl ikke vedhæftet; det er nu tilføjet.",
];
