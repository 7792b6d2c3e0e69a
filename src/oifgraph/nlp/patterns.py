"""French lexicons that drive typing and relation extraction: data, not code.

Every entry is a lemma (lower case) as spaCy's French lemmatizer gives it. The matchers in
``components.py`` and ``extract.py`` are generic; to teach oifgraph a new trigger, add it here.
"""

from __future__ import annotations

# Words after a company's name that make another company of the group, not a way of writing the
# same one: "Venkerhof France", "Verdalys Ventures", "Orange Business" are not "Venkerhof"...
BRANCH_WORDS = frozenset(
    [
        "ventures",
        "capital",
        "business",
        "digital",
        "conseil",
        "consulting",
        "services",
        "invest",
        "france",
        "europe",
        "international",
        "deutschland",
        "benelux",
        "iberia",
        "ibérica",
        "iberica",
        "españa",
        "italia",
        "belgique",
        "belgium",
        "nederland",
        "suisse",
        "schweiz",
        "nordics",
        "uk",
        "usa",
        "cloud",
        "pro",
    ]
)

# Nouns that introduce a part of a company under a name of its own: "sa filiale espagnole X",
# "la division X", "X, la branche ...": that name is not the company's, however alike.
BRANCH_NOUNS = frozenset(["filiale", "filiales", "division", "branche", "entité", "pôle", "coentreprise"])

# Head nouns that introduce or describe a name: "la société X", "X, la start-up ...", "le projet X".
TYPE_NOUNS: dict[str, frozenset[str]] = {
    "Organization": frozenset(
        [
            "société",
            "entreprise",
            # young companies by sector, and the press's words for a company's size or form
            "fintech",
            "insurtech",
            "biotech",
            "medtech",
            "healthtech",
            "foodtech",
            "legaltech",
            "proptech",
            "edtech",
            "scale-up",
            "pépite",
            "pme",
            "eti",
            "esn",
            "coentreprise",
            "joint-venture",
            "cluster",
            # trades, as in "le chimiste X", "le papetier Y"
            "chimiste",
            "papetier",
            "fromager",
            "négociant",
            "bailleur",
            "sidérurgiste",
            "cimentier",
            "brasseur",
            "verrier",
            "armateur",
            "motoriste",
            "avionneur",
            "semencier",
            "groupe",
            "éditeur",
            "start-up",
            "startup",
            "pousse",
            "jeune pousse",
            "jeunes pousses",
            "fondation",
            "association",
            "opérateur",
            "constructeur",
            "fabricant",
            "fournisseur",
            "hébergeur",
            "cabinet",
            "banque",
            "fonds",
            "studio",  # a game or design studio
            "courtier",
            "exploitant",
            "aménageur",
            "confédération",
            "consortium",
            "organisation",
            "organisme",
            "agence",
            "laboratoire",
            "institut",
            "université",
            "école",
            "ministère",
            "firme",
            "intégrateur",
            "distributeur",
            "équipementier",
            "fondeur",
            "licorne",
            "filiale",
            "maison-mère",
            "holding",
            "coopérative",
            "alliance",
            "fédération",
            "syndicat",
            "gouvernement",
            "régulateur",
            "autorité",
            "assureur",
            "enseigne",
            "néobanque",
            "mutuelle",
            "transporteur",
            "détaillant",
            "chaîne",
            "prestataire",
            "industriel",
            "géant",
            "spécialiste",
            "acteur",
            "client",
            "investisseur",
            "partenaire",
            "concurrent",
            "rival",
            "pure-player",
            "éditrice",
            "mutuelle",
            "collectivité",
            "logisticien",
            "énergéticien",
            "infogéreur",
            "sous-traitant",
            "grossiste",
            "loueur",
            "armateur",
            "pétrolier",
            "cimentier",
            "motoriste",
            "avionneur",
            "conglomérat",
            "incubateur",
            "accélérateur",
            "groupement",
        ]
    ),
    "Project": frozenset(
        [
            "projet",
            "logiciel",
            "plateforme",
            "outil",
            "solution",
            "produit",
            "framework",
            "bibliothèque",
            "librairie",
            "distribution",
            "application",
            "service",
            "modèle",
            "langage",
            "système",
            "suite",
            "moteur",
            "puce",
            "processeur",
            "api",
            "noyau",
            "protocole",
            "standard",
            "assistant",
            "chatbot",
            "navigateur",
            "orchestrateur",
            "environnement",
            "appliance",
            "offre",
            "gamme",
            "infrastructure",
            "base",
            "ide",
            "format",
            "pile",
            "technologie",
            "programme",
            "module",
            "extension",
            "agent",
            "llm",
            "serveur",
            "superordinateur",
            "supercalculateur",
            "robot",
            "capteur",
            "véhicule",
            "satellite",
        ]
    ),
    "Place": frozenset(
        ["ville", "pays", "région", "capitale", "commune", "département", "métropole", "province", "état"]
    ),
    "Event": frozenset(
        [
            "salon",
            "conférence",
            "sommet",
            "événement",
            "évènement",
            "forum",
            "festival",
            "congrès",
            "hackathon",
            "summit",
            "rencontres",
            "rendez-vous",
            "colloque",
            "symposium",
            "exposition",
            "keynote",
            "édition",
            "journée",
            "journées",
            "assises",
            "session",
            "atelier",
            "webinaire",
        ]
    ),
}

# Verbs whose object is an event held by their subject: "X organise un hackathon à Y".
EVENT_VERBS = frozenset(["organiser", "tenir", "réunir", "accueillir", "proposer", "lancer", "animer"])

# Nouns whose "X, NOUN" apposition or "NOUN X" prefix says X is a person.
ROLE_NOUNS = frozenset(
    [
        "pdg",
        "président",
        "présidente",
        "vice-président",
        "vice-présidente",
        "directeur",
        "directrice",
        "fondateur",
        "fondatrice",
        "cofondateur",
        "cofondatrice",
        "co-fondateur",
        "co-fondatrice",
        "dirigeant",
        "dirigeante",
        "responsable",
        "patron",
        "patronne",
        "cto",
        "ceo",
        "cfo",
        "coo",
        "cio",
        "ciso",
        "cso",
        "cmo",
        "cpo",
        "dsi",
        "rssi",
        "chef",
        "cheffe",
        "ingénieur",
        "ingénieure",
        "architecte",
        "porte-parole",
        "associé",
        "associée",
        "analyste",
        "chercheur",
        "chercheuse",
        "développeur",
        "développeuse",
        "mainteneur",
        "mainteneuse",
        "administrateur",
        "administratrice",
        "manager",
        "head",
        "vp",
        "svp",
        "evp",
        "secrétaire",
        "trésorier",
        "trésorière",
        "délégué",
        "déléguée",
        "gérant",
        "gérante",
        "chairman",
        "évangéliste",
        "économiste",
        "avocat",
        "avocate",
        "consultant",
        "consultante",
        "conseiller",
        "conseillère",
        "ministre",
        "commissaire",
        "député",
        "députée",
        "sénateur",
        "sénatrice",
        "maire",
        "professeur",
        "professeure",
        "expert",
        "experte",
        "leader",
        "lead",
        "product",
        "officer",
    ]
)

# Role nouns that also say the person created the organization.
FOUNDER_NOUNS = frozenset(
    [
        "fondateur",
        "fondatrice",
        "cofondateur",
        "cofondatrice",
        "co-fondateur",
        "co-fondatrice",
        "créateur",
        "créatrice",
    ]
)

# Words a French NER model often tags as names although they are common terms.
GENERIC_TERMS = frozenset(
    [
        # abbreviations of common nouns, not names
        "esn",
        "ssii",
        "dpi",
        "caas",
        "erp",
        "crm",
        "pdg",
        "dg",
        "dsi",
        "rh",
        "pme",
        "eti",
        "tpe",
        "gpu",
        "cpu",
        "api",
        "saas",
        "paas",
        "iaas",
        # categories of software and security products: "une plateforme XDR", "son SIEM"
        "xdr",
        "edr",
        "ndr",
        "siem",
        "soc",
        "iot",
        "vpn",
        "sdk",
        "llm",
        "cms",
        "sirh",
        "iam",
        "waf",
        "cdn",
        "ocr",
        "rpa",
        "ue",
        "ca",
        "tva",
        "ht",
        "ttc",
        "r&d",
        "it",
        "si",
        "bpi",
        "drh",
        "daf",
        "rssi",
        "btp",
        "b2b",
        "b2c",
        "kwh",
        "mwh",
        "gwh",
        "twh",
        "mw",
        "gw",
        "cto",
        "ceo",
        "cfo",
        "rgpd",
        "hsm",
        "cloud",
        "internet",
        "web",
        "ia",
        "ai",
        "intelligence",
        "artificielle",
        "open",
        "source",
        "opensource",
        "saas",
        "paas",
        "iaas",
        "devops",
        "api",
        "edge",
        "big",
        "data",
        "datacenter",
        "data",
        "center",
        "blockchain",
        "metaverse",
        "covid",
        "quantique",
        "digital",
        "numérique",
        "linux-like",
        "kubernetes-like",
        "ceo",
        "cto",
        "pdg",
        "dsi",
        "europe-like",
        "startup",
        "start-up",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
)

# Name endings that say what a name is.
ORG_SUFFIXES = frozenset(
    [
        "sa",
        "sas",
        "sasu",
        "sarl",
        "inc",
        "inc.",
        "ltd",
        "ltd.",
        "llc",
        "gmbh",
        "ag",
        "plc",
        "corp",
        "corp.",
        "corporation",
        "company",
        "co.",
        "group",
        "groupe",
        "foundation",
        "fondation",
        "labs",
        "lab",
        "technologies",
        "technology",
        "systems",
        "systèmes",
        "software",
        "networks",
        "capital",
        "ventures",
        "partners",
        "partenaires",
        "logiciel",
        "logiciels",
        "informatique",
        "digital",
        "bank",
        "telecom",
        "telecoms",
        "télécom",
        "consulting",
        "solutions",
        "industries",
        "holding",
        "association",
        "institute",
        "institut",
        "université",
        "university",
        "alliance",
        "consortium",
        "cloud",
        "pay",
        "angels",
        "métropole",
        # sector words a company's name ends with ("Kevrenn Numérique", "Tromeur Construction")
        "numérique",
        "construction",
        "constructions",
        "security",
        "sécurité",
        "industrie",
        "énergies",
        "robotique",
        "robotics",
        "mobility",
        "mobilité",
        "énergie",
        "energy",
        "electric",
        "électrique",
        "électronique",
        "electronics",
        "steel",
        "aciers",
        "hydraulique",
        "hydraulik",
        "hydrogène",
        "automation",
        "automatismes",
        "logistique",
        "logistics",
        "transports",
        "immobilier",
        "assurances",
        "chimie",
        "pharma",
        "aerospace",
        "engineering",
        "ingénierie",
        "datacenters",
        "hosting",
        "conseil",
        "services",
        "studios",
        "games",
        "médias",
        "traiteur",
        "mobile",
    ]
)
EVENT_SUFFIXES = frozenset(
    [
        "summit",
        "con",
        "conf",
        "conference",
        "conférence",
        "days",
        "day",
        "expo",
        "forum",
        "world",
        "week",
        "fest",
        "festival",
        "meetup",
        "hackathon",
    ]
)

# Nouns of two words that the parser reads as a subject and a verb ("la jeune pousse française X"
# parsed as "la jeune | pousse(VERB)"), which derails the sentence; they are made one token.
MULTIWORD_NOUNS = frozenset([("jeune", "pousse"), ("jeunes", "pousses")])

# Hyphenated nouns that spaCy's French tokenizer splits in three ("start - up"), which derails the
# parse of the whole sentence; they are kept as one token.
HYPHENATED_NOUNS = frozenset(
    [
        "start-up",
        "start-ups",
        "scale-up",
        "scale-ups",
        "spin-off",
        "spin-offs",
        "joint-venture",
        "joint-ventures",
        "co-fondateur",
        "co-fondatrice",
        "co-fondateurs",
        "maison-mère",
        "pure-player",
    ]
)

# Contracted and elided prepositions, reduced to the plain one: "au" → "à", "du" → "de".
PREPOSITION_FORMS = {"au": "à", "aux": "à", "du": "de", "des": "de", "d'": "de", "auprès": "auprès"}

# "l'américain Workday", "le finlandais Aiven": in business news a nationality before a name
# introduces a company.
NATIONALITY_NOUNS = frozenset(
    [
        "allemand",
        "américain",
        "anglais",
        "australien",
        "autrichien",
        "belge",
        "brésilien",
        "britannique",
        "canadien",
        "chinois",
        "coréen",
        "danois",
        "espagnol",
        "estonien",
        "européen",
        "finlandais",
        "français",
        "indien",
        "irlandais",
        "israélien",
        "italien",
        "japonais",
        "luxembourgeois",
        "néerlandais",
        "norvégien",
        "polonais",
        "portugais",
        "russe",
        "singapourien",
        "suédois",
        "suisse",
        "taïwanais",
        "tchèque",
        "californien",
        "new-yorkais",
        "parisien",
        "lyonnais",
        "nantais",
        "toulousain",
        "bordelais",
        "lillois",
        "marseillais",
        "grenoblois",
        "rennais",
        "montpelliérain",
        "niçois",
        "strasbourgeois",
        "breton",
        "alsacien",
    ]
)


def _feminine(word: str) -> str:
    """'française', 'allemande', 'italienne', 'bretonne': 'la française X' is a company too."""
    if word.endswith("e"):
        return word
    return word + ("ne" if word.endswith(("ien", "éen", "on")) else "e")


NATIONALITY_NOUNS = NATIONALITY_NOUNS | frozenset(_feminine(w) for w in NATIONALITY_NOUNS)

# Prepositions that attach an organization to a role: "directeur technique chez X", "PDG de X".
ORG_PREPOSITIONS = frozenset(["de", "d'", "du", "des", "chez", "dans", "à", "au", "pour", "auprès"])

# Verb triggers: lemma → (predicate, prepositions that introduce the object; "" = direct object).
# The subject of the verb is the relation's subject; passives and participles are turned around by
# the matcher ("Y racheté par X" gives X acquired Y).
VERB_TRIGGERS: dict[str, tuple[str, frozenset[str]]] = {
    # acquisitions
    "racheter": ("acquired", frozenset({""})),
    "acquérir": ("acquired", frozenset({""})),
    "absorber": ("acquired", frozenset({""})),
    "reprendre": ("acquired", frozenset({""})),
    "offrir": ("acquired", frozenset({""})),  # only reflexive: "X s'offre Y" (checked by the matcher)
    "avaler": ("acquired", frozenset({""})),
    # membership
    "rejoindre": ("memberOf", frozenset({""})),
    "entrer": ("memberOf", frozenset({"dans", "à", "au"})),
    "adhérer": ("memberOf", frozenset({"à", "au"})),
    "siéger": ("memberOf", frozenset({"à", "au", "dans"})),
    "intégrer": ("memberOf", frozenset({""})),
    # hosting
    "héberger": ("hosts", frozenset({""})),
    "accueillir": ("hosts", frozenset({""})),
    "transférer": ("hosts", frozenset({"à", "au"})),  # "Y est transféré à la fondation X"
    "confier": ("hosts", frozenset({"à", "au"})),
    "gouverner": ("hosts", frozenset({""})),
    # contribution
    "contribuer": ("contributesTo", frozenset({"à", "au", "aux"})),
    "participer": ("contributesTo", frozenset({"à", "au", "aux"})),
    "reverser": ("contributesTo", frozenset({"à", "au", "aux"})),  # "reverse ses correctifs à X"
    "maintenir": ("contributesTo", frozenset({""})),
    # partnership
    "associer": ("partnerOf", frozenset({"avec", "à", "au"})),
    "allier": ("partnerOf", frozenset({"avec", "à", "au"})),
    "collaborer": ("partnerOf", frozenset({"avec"})),
    "travailler": ("partnerOf", frozenset({"avec"})),
    "coopérer": ("partnerOf", frozenset({"avec"})),
    "s'associer": ("partnerOf", frozenset({"avec", "à"})),
    "nouer": ("partnerOf", frozenset({"avec"})),
    "signer": ("partnerOf", frozenset({"avec"})),
    # sponsoring
    "sponsoriser": ("sponsors", frozenset({""})),
    "parrainer": ("sponsors", frozenset({""})),
    "soutenir": ("sponsors", frozenset({""})),
    "subventionner": ("sponsors", frozenset({""})),
    # investment
    "investir": ("investsIn", frozenset({"dans", "en", "sur"})),
    "injecter": ("investsIn", frozenset({"dans"})),  # "injecte 45 millions d'euros dans X"
    "joindre": ("memberOf", frozenset({"à", "au", "aux"})),  # "un consortium auquel se joint X"
    "financer": ("investsIn", frozenset({""})),
    "détenir": ("investsIn", frozenset({""})),  # "la coentreprise détenue par X et Y"
    # creation
    "fonder": ("created", frozenset({""})),
    "cofonder": ("created", frozenset({""})),
    "co-fonder": ("created", frozenset({""})),
    "créer": ("created", frozenset({""})),
    "lancer": ("created", frozenset({""})),
    "développer": ("created", frozenset({""})),
    "concevoir": ("created", frozenset({""})),
    "mettre au point": ("created", frozenset({""})),
    "dévoiler": ("created", frozenset({""})),
    "publier": ("created", frozenset({""})),
    "initier": ("created", frozenset({""})),
    "éditer": ("created", frozenset({""})),
    # competition
    "concurrencer": ("competesWith", frozenset({""})),
    "rivaliser": ("competesWith", frozenset({"avec"})),
    "affronter": ("competesWith", frozenset({""})),
    "mesurer": ("competesWith", frozenset({"à", "au"})),  # only reflexive: "X se mesure à Y"
    # subsidiaries
    "appartenir": ("subsidiaryOf", frozenset({"à", "au"})),
    # renaming
    "devenir": ("renamedTo", frozenset({""})),
    "rebaptiser": ("renamedTo", frozenset({"en", ""})),
    "renommer": ("renamedTo", frozenset({"en", ""})),
    # use
    "utiliser": ("uses", frozenset({""})),
    "adopter": ("uses", frozenset({""})),
    "déployer": ("uses", frozenset({""})),
    "choisir": ("uses", frozenset({""})),
    "retenir": ("uses", frozenset({""})),
    "exploiter": ("uses", frozenset({""})),
    "migrer": ("uses", frozenset({"vers", "sur"})),
    "s'appuyer": ("uses", frozenset({"sur"})),
    "appuyer": ("uses", frozenset({"sur"})),
    "reposer": ("uses", frozenset({"sur"})),
    # "L'association fédère soixante entreprises, dont A et B": the members, named (reversed)
    "fédérer": ("memberOf", frozenset({""})),
    "regrouper": ("memberOf", frozenset({""})),
    "rassembler": ("memberOf", frozenset({""})),
    "réunir": ("memberOf", frozenset({""})),
    "bâtir": ("uses", frozenset({"sur"})),  # "a bâti sa plateforme sur X"
    "construire": ("uses", frozenset({"sur"})),
    "basculer": ("uses", frozenset({"sur", "vers"})),
    "opter": ("uses", frozenset({"pour"})),
    "recourir": ("uses", frozenset({"à"})),
    # location
    "baser": ("locatedIn", frozenset({"à", "en", "dans", "au"})),
    "installer": ("locatedIn", frozenset({"à", "en", "dans", "au"})),
    "implanter": ("locatedIn", frozenset({"à", "en", "dans", "au"})),
    "situer": ("locatedIn", frozenset({"à", "en", "dans", "au"})),
    "domicilier": ("locatedIn", frozenset({"à", "en", "dans", "au"})),
    "tenir": ("locatedIn", frozenset({"à", "en", "dans", "au"})),  # "se tenir à": events
    "dérouler": ("locatedIn", frozenset({"à", "en", "dans", "au"})),
    "employer": ("locatedIn", frozenset({"à", "en", "dans", "au"})),  # "emploie 60 personnes à Lille"
    # organization of events
    "organiser": ("organizedBy", frozenset({""})),  # X organise E → E organizedBy X (reversed)
    # people at organizations
    "diriger": ("worksFor", frozenset({""})),
    "présider": ("worksFor", frozenset({""})),
    "piloter": ("worksFor", frozenset({""})),
}

# Predicates whose verb-trigger direction is object → subject.
REVERSED_VERBS = frozenset({"organiser", "fédérer", "regrouper", "rassembler", "réunir"})

# Verb triggers that need a reflexive clitic ("s'offrir", "s'associer" read as "associer" + se).
REFLEXIVE_ONLY = frozenset({"offrir", "mesurer", "joindre"})

# Nouns naming a part of a project: "contribuer au code de X", "participer au développement de X"
# reach X through them.
PART_NOUNS = frozenset(["code", "développement", "maintenance", "noyau", "sources"])

# Parts of an organization that are organizations of their own: "la branche européenne de X" is
# not X.
SUBDIVISION_NOUNS = frozenset(["branche", "division", "filiale", "antenne", "chapitre", "pôle", "section"])

# Nouns that stand for the event they are a part of: "la troisième édition du Sommet X se tiendra".
EDITION_NOUNS = frozenset(["édition", "session"])

# Prepositions that place an event or an organization: "à Lyon", "en Bretagne", "dans la ville".
PLACE_PREPOSITIONS = frozenset({"à", "en", "dans", "au"})

# People who stand for the organization they work in: "les équipes de X ont reversé ...".
STAFF_NOUNS = frozenset(["équipes", "équipe", "ingénieurs", "développeurs", "chercheurs", "salariés"])

# Governing bodies of an organization: "siéger au conseil d'administration de X" reaches X.
BODY_NOUNS = frozenset(["conseil", "comité", "directoire", "bureau"])

# Prepositions that carry a relation between the clause's subject and their object.
PREPOSITION_TRIGGERS = {"face": "competesWith"}

# Fund-raising: "X a levé 10 M€ auprès de Y", "une levée de fonds menée par Y": Y investsIn X.
FUNDING_TRIGGERS = frozenset({"lever", "levée", "tour", "financement", "série"})
INVESTOR_PREPOSITIONS = frozenset({"auprès", "par"})
# "X a mené / a participé au tour (de Y)": the verb's subject is the investor.
INVESTING_VERBS = frozenset(
    ["mener", "conduire", "piloter", "codiriger", "participer", "souscrire", "abonder"]
)

# Grants: "une subvention de 2 M€ de la Région X", "la Région a accordé une aide de 900 000 euros à
# Y", "Y a bénéficié d'une avance remboursable de Z": the giver sponsors the recipient. A verb of
# receiving makes its subject the recipient; any other verb, the giver.
GRANT_NOUNS = frozenset(["subvention", "subventions", "dotation", "aide", "avance"])
RECEIVING_VERBS = frozenset(["recevoir", "obtenir", "bénéficier", "décrocher", "toucher", "percevoir"])

# Nouns that introduce a name of no entity type: a label, a standard, a law ("la qualification
# SecNumCloud", "la loi Informatique et libertés"); and the last word of a law's English name.
NON_ENTITY_NOUNS = frozenset(
    ["qualification", "certification", "label", "norme", "référentiel", "loi", "règlement", "directive"]
)
LAW_SUFFIXES = frozenset(["act"])

# Selling: "X cède Y à Z", "la cession de Y à Z", "Y, vendue à Z": the buyer acquired Y.
SELLING_VERBS = frozenset({"céder", "vendre", "revendre"})
SELLING_NOUNS = frozenset({"cession", "vente", "revente"})

# Possessive determiners: "son directeur général", "sa filiale" point back to an organization.
POSSESSIVES = frozenset({"son", "sa", "ses", "leur", "leurs"})

# Subject/object types each predicate accepts; anything else is dropped.
SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "worksFor": (frozenset({"Person"}), frozenset({"Organization"})),
    "memberOf": (frozenset({"Organization", "Person"}), frozenset({"Organization"})),
    "hosts": (frozenset({"Organization"}), frozenset({"Project"})),
    "contributesTo": (frozenset({"Organization", "Person"}), frozenset({"Project"})),
    "partnerOf": (frozenset({"Organization"}), frozenset({"Organization"})),
    "sponsors": (frozenset({"Organization"}), frozenset({"Organization", "Project", "Event"})),
    "acquired": (frozenset({"Organization"}), frozenset({"Organization", "Project"})),
    "investsIn": (frozenset({"Organization", "Person"}), frozenset({"Organization", "Project"})),
    "created": (frozenset({"Organization", "Person"}), frozenset({"Organization", "Project", "Event"})),
    "competesWith": (frozenset({"Organization", "Project"}), frozenset({"Organization", "Project"})),
    "subsidiaryOf": (frozenset({"Organization"}), frozenset({"Organization"})),
    "locatedIn": (frozenset({"Organization", "Event", "Place"}), frozenset({"Place"})),
    "renamedTo": (
        frozenset({"Organization", "Project", "Event", "Place"}),
        frozenset({"Organization", "Project", "Event", "Place"}),
    ),
    "organizedBy": (frozenset({"Event"}), frozenset({"Organization"})),
    "eventIn": (frozenset({"Organization"}), frozenset({"Place"})),
    "uses": (frozenset({"Organization"}), frozenset({"Project"})),
}

# Premises, a trigger with a possessive ("ses usines de Saint-Nazaire", "son campus de Turin") or
# with a verb or noun of PREMISES_VERBS / PREMISES_OPENINGS below.
PREMISES_NOUNS = frozenset(
    [
        "usine",
        "site",
        "campus",
        "installation",
        "agence",
        "bureau",
        "établissement",
        "locaux",
        "centre",
        "entrepôt",
    ]
)
# Verbs and nouns by which an organization opens, runs or builds premises: "X ouvre un bureau à Y",
# "l'ouverture d'un centre de données à Y", "le site que X exploite à Y".
PREMISES_VERBS = frozenset(
    [
        "ouvrir",
        "exploiter",
        "construire",
        "inaugurer",
        "implanter",
        "installer",
        "bâtir",
        "disposer",
        "posséder",
        "garder",
        "conserver",
        "gérer",
        "déménager",
        "transférer",
        "agrandir",
    ]
)
PREMISES_OPENINGS = frozenset(["ouverture", "construction", "inauguration", "implantation", "création"])

# Nouns that carry a relation: "le rachat de Y par X", "partenariat avec X", "X, filiale de Y".
# noun → (predicate, preposition of the object, preposition of the subject or "" when the subject
# comes from the clause / apposition).
NOUN_TRIGGERS: dict[str, tuple[str, frozenset[str], frozenset[str]]] = {
    "rachat": ("acquired", frozenset({"de", "d'", "du", "des"}), frozenset({"par"})),
    # "A et B annoncent la création de X": the subjects of the governing verb created X
    "création": ("created", frozenset({"de", "d'", "du", "des"}), frozenset({"par"})),
    "acquisition": ("acquired", frozenset({"de", "d'", "du", "des"}), frozenset({"par"})),
    "reprise": ("acquired", frozenset({"de", "d'", "du", "des"}), frozenset({"par"})),
    "partenariat": ("partnerOf", frozenset({"avec", "entre"}), frozenset({"de", "d'", "du"})),
    "alliance": ("partnerOf", frozenset({"avec", "entre"}), frozenset({"de", "d'", "du"})),
    "accord": ("partnerOf", frozenset({"avec", "entre"}), frozenset({"de", "d'", "du"})),
    "collaboration": ("partnerOf", frozenset({"avec", "entre"}), frozenset({"de", "d'", "du"})),
    "partenaire": ("partnerOf", frozenset({"de", "d'", "du"}), frozenset()),
    "filiale": ("subsidiaryOf", frozenset({"de", "d'", "du"}), frozenset()),
    "membre": ("memberOf", frozenset({"de", "d'", "du"}), frozenset()),
    "concurrent": ("competesWith", frozenset({"de", "d'", "du"}), frozenset()),
    "rival": ("competesWith", frozenset({"de", "d'", "du"}), frozenset()),
    "contributeur": ("contributesTo", frozenset({"de", "d'", "du", "à"}), frozenset()),
    "contributrice": ("contributesTo", frozenset({"de", "d'", "du", "à"}), frozenset()),
    "mainteneur": ("contributesTo", frozenset({"de", "d'", "du"}), frozenset()),
    "mainteneuse": ("contributesTo", frozenset({"de", "d'", "du"}), frozenset()),
    # "X prend la tête de Y", "X conserve la présidence de Y", "X prendra la direction de Y"
    "tête": ("worksFor", frozenset({"de", "d'", "du"}), frozenset()),
    "présidence": ("worksFor", frozenset({"de", "d'", "du"}), frozenset()),
    "direction": ("worksFor", frozenset({"de", "d'", "du"}), frozenset()),
    "adhésion": ("memberOf", frozenset({"à", "au"}), frozenset({"de", "d'", "du"})),
    "adhérent": ("memberOf", frozenset({"de", "d'", "du"}), frozenset()),
    "concurrence": ("competesWith", frozenset({"avec", "à", "au"}), frozenset({"de", "d'", "du"})),
    "sponsor": ("sponsors", frozenset({"de", "d'", "du"}), frozenset()),
    "client": ("uses", frozenset({"de", "d'", "du"}), frozenset()),
    "utilisateur": ("uses", frozenset({"de", "d'", "du"}), frozenset()),
    "soutien": ("sponsors", frozenset(), frozenset({"de", "d'", "du"})),
    "contrôle": ("acquired", frozenset(), frozenset({"de", "d'", "du"})),  # "passe sous le contrôle de X"
    "appui": ("sponsors", frozenset(), frozenset({"de", "d'", "du"})),
    "mécène": ("sponsors", frozenset({"de", "d'", "du"}), frozenset()),
    "actionnaire": ("investsIn", frozenset({"de", "d'", "du"}), frozenset()),
    "investisseur": ("investsIn", frozenset({"de", "d'", "du"}), frozenset()),
    "participation": ("investsIn", frozenset({"dans", "de", "d'", "au"}), frozenset({"de", "d'", "du"})),
    "investissement": ("investsIn", frozenset({"dans"}), frozenset({"de", "d'", "du"})),
    "capital": ("investsIn", frozenset({"de", "d'", "du"}), frozenset()),
    "siège": ("locatedIn", frozenset({"à", "en", "au"}), frozenset()),
    # "ses usines de Saint-Nazaire", "son campus de Turin": where the possessor has premises
    **{noun: ("locatedIn", frozenset({"de", "d'", "à", "en"}), frozenset()) for noun in PREMISES_NOUNS},
    "créateur": ("created", frozenset({"de", "d'", "du"}), frozenset()),
    "origine": ("created", frozenset({"de", "d'", "du"}), frozenset()),  # "X, à l'origine de Y"
    "éditeur": ("created", frozenset({"de", "d'", "du"}), frozenset()),  # "X, l'éditeur de Y"
    "fondateur": ("created", frozenset({"de", "d'", "du"}), frozenset()),
    "cofondateur": ("created", frozenset({"de", "d'", "du"}), frozenset()),
}

# Pronouns that refer back to the last person named.
PERSON_PRONOUNS = frozenset({"il", "elle", "lui"})


# Renaming by a name: 'prend le nom de X', 'sera connue sous le nom de X', 'rebaptisée du nom de X'.
RENAMING_BY_NAME = frozenset(["prendre", "adopter", "connaître", "rebaptiser", "renommer"])
