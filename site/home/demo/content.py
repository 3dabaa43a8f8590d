"""The Dutch demo content: every page, snippet, setting and image of the demo site, as plain data.

Facts, names, numbers and structure come from the seed pages in `../shared/seeds/` (the Urban
Professional programme, the business partner track at gemeente Utrecht, the reflective article
with former participants, the case of a middelgrote gemeente); the sentences are our own.

How to read it:
- A page is a dict of model field values plus lists of child rows (`theme_links`,
  `programme_steps`, ...), each row a dict of that row model's fields.
- Pages, images, people and methods are referred to with the markers from `refs`; the builder
  swaps them for the real objects.
- StreamField values are lists built with the helpers from `streams`.
- `PAGES_UNDER_HOME` (the index pages and the contact page) and `CHILD_PAGES` list the pages in
  the order they are built: an index page before its children, and whatever a page points at
  before the page itself.
"""

import datetime

from .images import HERO_SIZE, PORTRAIT_SIZE, describe
from .refs import ImageRef, MethodRef, PageRef, PersonRef
from .streams import call_to_action, facts, goal, goals, heading, paragraph, quote

# ---------------------------------------------------------------------------------------------
# Shorthand for references and child rows


def theme(slug):
    return PageRef(f"themas/{slug}")


def module(slug):
    return PageRef(f"modules/{slug}")


def track(slug):
    return PageRef(f"leertrajecten/{slug}")


def theme_links(*slugs):
    return [{"theme": theme(slug)} for slug in slugs]


def method_links(*names):
    return [{"method": MethodRef(name)} for name in names]


def person_links(*names):
    return [{"person": PersonRef(name)} for name in names]


def track_links(*slugs):
    return [{"track": track(slug)} for slug in slugs]


def module_step(label, slug, note="", *, intro="", goals=()):
    """A programme step that is a module (a day or a series of meetings); `intro` and `goals`
    adapt the module to this track (else the track shows the module's own)."""
    return {
        "kind": "module",
        "label": label,
        "module": module(slug),
        "note": note,
        "intro": intro,
        "goals": list(goals),
    }


def interlude(kind, note="", *, label="", title=""):
    """A programme step between modules: "opdracht", "toepassen", "interview" or "pitch"."""
    return {"kind": kind, "label": label, "title": title, "note": note}


def alongside(title, note="", *, slug=None):
    """A step that runs alongside the whole programme (intervisie, coaching), optionally one of
    the modules."""
    return {
        "kind": "doorlopend",
        "title": title,
        "note": note,
        "module": module(slug) if slug else None,
    }


# ---------------------------------------------------------------------------------------------
# Images, drawn by `images.render_jpeg`. The title is also the alt text, so it says what is shown.

DEMO_COLLECTION_NAME = "Demo-afbeeldingen"


def hero_image(subject, style, palette):
    return {
        "title": f"Abstracte illustratie {subject}: {describe(style, palette)}",
        "style": style,
        "palette": palette,
        "size": HERO_SIZE,
    }


def portrait_image(name, palette):
    return {
        "title": f"Portretillustratie van {name}: {describe('portrait', palette)}",
        "style": "portrait",
        "palette": palette,
        "size": PORTRAIT_SIZE,
    }


IMAGES = {
    "home": hero_image("op de homepagina", "circles", "petrol"),
    "track-urban-professional": hero_image(
        "bij het leertraject Urban Professional", "waves", "nacht"
    ),
    "track-business-partner": hero_image("bij het leertraject Business Partner", "blocks", "oker"),
    "track-omgevingsprofessional": hero_image(
        "bij het leertraject Omgevingsprofessional", "waves", "mos"
    ),
    "case-utrecht": hero_image("bij de case gemeente Utrecht", "circles", "aubergine"),
    "case-middelgrote-gemeente": hero_image("bij de case middelgrote gemeente", "blocks", "mos"),
    "article-terugblik": hero_image("bij het artikel over business partners", "arcs", "aubergine"),
    "article-pitch": hero_image("bij het artikel over de persoonlijke pitch", "circles", "nacht"),
    "theme-flexibele-organisatie": hero_image(
        "bij het thema Flexibele organisatie", "blocks", "petrol"
    ),
    "theme-persoonlijk-leiderschap": hero_image(
        "bij het thema Persoonlijk leiderschap", "arcs", "oker"
    ),
    "theme-samenwerken-in-netwerken": hero_image(
        "bij het thema Samenwerken in netwerken", "circles", "mos"
    ),
    "theme-eigentijdse-bedrijfsvoering": hero_image(
        "bij het thema Eigentijdse bedrijfsvoering", "blocks", "nacht"
    ),
    "module-samen-op-pad": hero_image("bij de module Samen op pad", "circles", "oker"),
    "module-werken-in-een-netwerk": hero_image(
        "bij de module Werken in een netwerk", "arcs", "petrol"
    ),
    "module-kracht-van-het-gesprek": hero_image(
        "bij de module Kracht van het gesprek", "waves", "aubergine"
    ),
    "module-communiceren-met-aandacht": hero_image(
        "bij de module Communiceren met aandacht", "waves", "petrol"
    ),
    "module-samenwerken": hero_image("bij de module Samenwerken", "blocks", "aubergine"),
    "module-oogsten": hero_image("bij de module Oogsten in het nieuwe werken", "arcs", "mos"),
    "module-visie-op-bedrijfsvoering": hero_image(
        "bij de module Visie op bedrijfsvoering", "arcs", "nacht"
    ),
    "module-adviesvaardigheden": hero_image("bij de module Adviesvaardigheden", "waves", "oker"),
    "module-persoonlijk-leiderschap": hero_image(
        "bij de module Persoonlijk leiderschap", "circles", "aubergine"
    ),
    "module-intervisie": hero_image("bij de module Intervisie", "blocks", "oker"),
    "module-participatie": hero_image("bij de module Participatie organiseren", "circles", "nacht"),
    "portrait-marc": portrait_image("Marc de Haas Van Dorsser", "petrol"),
    "portrait-nienke": portrait_image("Nienke Janssen", "aubergine"),
    "portrait-ruben": portrait_image("Ruben Mulder", "mos"),
    "portrait-sanne": portrait_image("Sanne Verhoef", "oker"),
}


# ---------------------------------------------------------------------------------------------
# Snippets: working methods and people (trainers and authors)

METHODS = [
    {
        "name": "Insights Discovery",
        "description": "Kleurenmodel dat met een persoonlijk profiel laat zien welke gedrags"
        "voorkeuren je hebt en hoe je die van anderen herkent.",
    },
    {
        "name": "Covey (7 eigenschappen)",
        "description": "De zeven eigenschappen van Stephen Covey als kader om na te denken over "
        "je eigen effectiviteit en invloed.",
    },
    {
        "name": "Intervisie",
        "description": "In een vaste kleine groep bespreken collega's volgens een vaste structuur "
        "een vraagstuk uit de praktijk.",
    },
    {
        "name": "Trainingsacteurs",
        "description": "Een acteur speelt situaties uit je eigen werk na, zodat je veilig kunt "
        "oefenen met een andere aanpak.",
    },
    {
        "name": "Mindfulness-oefeningen",
        "description": "Korte aandachtsoefeningen, afgeleid van mindfulness en meditatie, om "
        "bewust te kiezen hoe je reageert.",
    },
    {
        "name": "Co-creatie werkvormen",
        "description": "Werkvormen waarmee je met collega's en partners samen tot ideeën en "
        "oplossingen komt, van klein overleg tot grote bijeenkomst.",
    },
    {
        "name": "Persoonlijke pitch",
        "description": "Deelnemers sluiten af door zelf te vertellen wat het traject hun heeft "
        "gebracht, in een vorm die bij hen past.",
    },
    {
        "name": "Digitaal leerportaal",
        "description": "Online leeromgeving met materiaal, opdrachten en een forum, voor iedere "
        "deelnemer bereikbaar met een persoonlijke code.",
    },
    {
        "name": "Gaming",
        "description": "Spel- en simulatievormen waarin deelnemers in korte tijd veel "
        "praktijksituaties doorlopen.",
    },
    {
        "name": "Individuele coaching",
        "description": "Persoonlijke gesprekken met een coach voor wie in de groep even vastloopt "
        "of extra verdieping zoekt.",
    },
    {
        "name": "Assessment en persoonlijk leerplan",
        "description": "Een korte meting aan het begin, die deelnemers vertalen naar hun eigen "
        "leerdoelen en met de groep delen.",
    },
]

PEOPLE = [
    {
        "name": "Marc de Haas Van Dorsser",
        "role": "Trainer en adviseur leren & ontwikkelen",
        "photo": ImageRef("portrait-marc"),
        "bio": "<p>Marc begeleidt leertrajecten voor professionals in publieke organisaties. "
        "Samen met Nienke Janssen leidde hij het leertraject business partner bij de gemeente "
        "Utrecht. In zijn bijeenkomsten wisselen theorie, reflectie en oefenen met casussen uit "
        "de eigen praktijk elkaar af.</p>",
    },
    {
        "name": "Nienke Janssen",
        "role": "Trainer en coach",
        "photo": ImageRef("portrait-nienke"),
        "bio": "<p>Nienke begeleidt groepen en individuele deelnemers in leertrajecten voor "
        "gemeenten. Met Marc de Haas Van Dorsser verzorgde ze het leertraject business partner "
        "bij de gemeente Utrecht, met persoonlijk leiderschap als rode draad.</p>",
    },
    {
        "name": "Ruben Mulder",
        "role": "Trainer en procesbegeleider",
        "photo": ImageRef("portrait-ruben"),
        "bio": "<p>Ruben werkt met professionals in het fysieke domein aan samenwerking en "
        "participatie. Met simulatiespellen en trainingsacteurs maakt hij lastige situaties "
        "oefenbaar.</p>",
    },
    {
        "name": "Sanne Verhoef",
        "role": "Adviseur leren & ontwikkelen",
        "photo": ImageRef("portrait-sanne"),
        "bio": "<p>Sanne spreekt deelnemers en opdrachtgevers over hun ervaringen en vertaalt "
        "wat ze hoort naar verbeteringen in onze leertrajecten. Ze schrijft over leren en "
        "ontwikkelen in publieke organisaties.</p>",
    },
]


# ---------------------------------------------------------------------------------------------
# Site-wide settings and the footer of the Dutch site

# Where `make demo` serves, so absolute URLs (sitemap, share links) work in the demo.
SITE = {"hostname": "127.0.0.1", "port": 8000}

SITE_SETTINGS = {
    "organisation_name": "Leertrajecten",
    "email": "info@leertrajecten.example",
    "phone": "030 123 45 67",
    "address": "Voorbeeldstraat 1\n3511 AA Utrecht",
    "linkedin_url": "https://www.linkedin.com/company/leertrajecten-demo/",
}

FOOTER_TEXT = (
    "<p>Wij ontwerpen en begeleiden <b>leertrajecten</b> voor gemeenten en andere publieke "
    "organisaties: in-company, op maat of met open inschrijving.</p>"
)


# ---------------------------------------------------------------------------------------------
# The home page. Built first as a shell (its children need a parent), completed last (it points
# at tracks and index pages).

HOME = {
    "slug": "home",
    "title": "Home",
    "seo_title": "Leertrajecten voor professionals in publieke organisaties",
    "search_description": "Leertrajecten, modules en cases voor gemeenten en andere publieke "
    "organisaties, van Urban Professional tot Business Partner.",
    "hero_title": "Leren waar het werk gebeurt",
    "hero_text": "Wij ontwerpen en begeleiden leertrajecten voor gemeenten en andere publieke "
    "organisaties. Voor professionals die met inwoners en partners aan de opgaven van de stad "
    "werken, en voor adviseurs die van de bedrijfsvoering een partner van het primair proces "
    "maken.",
    "hero_image": ImageRef("home"),
    "hero_link": PageRef("leertrajecten"),
    "hero_link_label": "Bekijk de leertrajecten",
    "featured_track_links": track_links("urban-professional", "business-partner"),
    "call_to_action": [
        call_to_action(
            "Hoe pakten andere gemeenten het aan?",
            "Bekijk de cases",
            page=PageRef("cases"),
            text="In onze cases leest u hoe een leertraject in de praktijk verliep: van de "
            "eerste vraag van de opdrachtgever tot de laatste bijeenkomst.",
        )
    ],
}


# ---------------------------------------------------------------------------------------------
# Index pages directly under home, in menu order

INDEX_PAGES = [
    (
        "trajecten.LeertrajectIndexPage",
        {
            "slug": "leertrajecten",
            "title": "Leertrajecten",
            "show_in_menus": True,
            "intro": "Een leertraject combineert modules, opdrachten in de eigen praktijk en "
            "reflectie tot een programma van enkele maanden. Sommige trajecten bieden we "
            "in-company aan, andere stellen we samen met de opdrachtgever volledig op maat "
            "samen. Filter op thema of vorm.",
        },
    ),
    (
        "trajecten.ModuleIndexPage",
        {
            "slug": "modules",
            "title": "Modules",
            "show_in_menus": True,
            "intro": "De bouwstenen van onze leertrajecten: een dag of een reeks bijeenkomsten "
            "met een eigen onderwerp en eigen werkvormen. Dezelfde module komt in verschillende "
            "trajecten terug, steeds afgestemd op de groep.",
        },
    ),
    (
        "themes.ThemeIndexPage",
        {
            "slug": "themas",
            "title": "Thema's",
            "show_in_menus": True,
            "intro": "De vraagstukken waar publieke organisaties nu mee bezig zijn, en waar onze "
            "leertrajecten, cases en artikelen over gaan.",
        },
    ),
    (
        "cases.CaseIndexPage",
        {
            "slug": "cases",
            "title": "Cases",
            "show_in_menus": True,
            "intro": "Zo zag een leertraject er bij onze opdrachtgevers uit: de vraag, de aanpak "
            "en wat het opleverde.",
        },
    ),
    (
        "articles.ArticleIndexPage",
        {
            "slug": "artikelen",
            "title": "Artikelen",
            "show_in_menus": True,
            "intro": "Reflecties uit onze praktijk: wat we leren van deelnemers, opdrachtgevers "
            "en trainers.",
        },
    ),
]


# ---------------------------------------------------------------------------------------------
# The contact page, beside the index pages under home. Not in the menu: the footer, the home
# page, the theme pages and every track page lead to it (their calls to action).

CONTACT_PAGE = (
    "contact.ContactPage",
    {
        "slug": "contact",
        "title": "Contact",
        "search_description": "Stel een vraag of vraag een intake aan voor een leertraject voor "
        "uw organisatie.",
        "intro": [
            paragraph(
                "<p>Wilt u weten wat een leertraject voor uw organisatie kan betekenen, of heeft "
                "u een vraag over een van onze trajecten? Stel hieronder uw vraag, of vraag "
                "direct een intake aan.</p>"
            ),
            paragraph(
                "<p>In een intake bespreken we met u wie er gaan leren, wat zij nodig hebben en "
                "wanneer het traject het beste past. Voor een traject op maat kiest u alvast de "
                "modules die u aanspreken. Binnen twee werkdagen nemen we contact met u op.</p>"
            ),
        ],
        "privacy_text": [
            heading("Wat wij met uw gegevens doen"),
            paragraph(
                "<p>We gebruiken wat u hier invult alleen om uw vraag of intake te behandelen: "
                "om contact met u op te nemen en een voorstel voor een leertraject te maken. We "
                "delen uw gegevens met niemand buiten ons bureau.</p>"
            ),
            paragraph(
                "<p>We bewaren uw aanvraag ten hoogste 24 maanden en verwijderen haar daarna. "
                "Wilt u weten wat we van u hebben vastgelegd, of wilt u dat we het eerder "
                "verwijderen? Stuur dan een e-mail naar het adres onderaan deze pagina.</p>"
            ),
        ],
        "thank_you_text": [
            heading("Bedankt voor uw aanvraag"),
            paragraph(
                "<p>We hebben uw aanvraag goed ontvangen en sturen u een bevestiging per e-mail. "
                "Binnen twee werkdagen neemt een van onze adviseurs contact met u op.</p>"
            ),
            paragraph(
                "<p>Intussen kunt u alvast verder lezen over onze leertrajecten en cases.</p>"
            ),
        ],
    },
)

# Every page directly under home, in build order.
PAGES_UNDER_HOME = [*INDEX_PAGES, CONTACT_PAGE]


# ---------------------------------------------------------------------------------------------
# Themes ("Flexibele organisatie" first: the cases use it for their "next case" link)

THEMES = [
    {
        "slug": "flexibele-organisatie",
        "title": "Flexibele organisatie",
        "listing_image": ImageRef("theme-flexibele-organisatie"),
        "intro": "Overheden werken in steeds wisselende samenstellingen en rollen. Een "
        "flexibele organisatie vraagt professionals die snel kunnen schakelen, belangen weten "
        "te verbinden en regie nemen waar dat nodig is.",
        "body": [
            heading("Waarom dit thema"),
            paragraph(
                "<p>Veel ambtelijk werk verschuift van het bureau naar de samenleving. "
                "Adviseurs en projectleiders zitten aan tafel met bewoners, ondernemers en "
                "maatschappelijke organisaties, elk met hun eigen belangen, en niet al die "
                "belangen worden hardop uitgesproken. Wie daar goed in wil zijn, moet zijn stijl "
                "kunnen aanpassen aan de situatie.</p>"
            ),
            paragraph(
                "<p>In de trajecten rond dit thema oefenen deelnemers met situaties uit hun eigen "
                "werk. Zo is wat ze leren de volgende dag al bruikbaar.</p>"
            ),
        ],
    },
    {
        "slug": "persoonlijk-leiderschap",
        "title": "Persoonlijk leiderschap",
        "listing_image": ImageRef("theme-persoonlijk-leiderschap"),
        "intro": "Wie regie wil voeren op samenwerking, begint bij zichzelf: bij de eigen "
        "waarden, kwaliteiten en voorkeuren.",
        "body": [
            paragraph(
                "<p>Persoonlijk leiderschap hangt niet aan een functie. Het gaat om de keuze om "
                "verantwoordelijkheid te nemen voor je werk, je samenwerking en je eigen "
                "ontwikkeling. Modellen als Insights Discovery en de zeven eigenschappen van "
                "Covey helpen deelnemers om scherp te krijgen waar hun invloed ligt.</p>"
            ),
        ],
    },
    {
        "slug": "samenwerken-in-netwerken",
        "title": "Samenwerken in netwerken",
        "listing_image": ImageRef("theme-samenwerken-in-netwerken"),
        "intro": "Maatschappelijke opgaven los je niet op als één organisatie. Professionals "
        "werken in netwerken van inwoners, bedrijven, maatschappelijke partners en collega's.",
        "body": [
            paragraph(
                "<p>In een netwerk heeft niemand alle touwtjes in handen. Dat vraagt om een "
                "overheid die soms stuurt, soms faciliteert en soms vooral meedoet, en om "
                "professionals die weten welke rol wanneer past. We werken met co-creatie, "
                "gesprekstraining en praktijkinterviews om die rollen te leren kennen.</p>"
            ),
        ],
    },
    {
        "slug": "eigentijdse-bedrijfsvoering",
        "title": "Eigentijdse bedrijfsvoering",
        "listing_image": ImageRef("theme-eigentijdse-bedrijfsvoering"),
        "intro": "Financiën, HR, juridische zaken, informatievoorziening en inkoop: een "
        "bedrijfsvoering die meedenkt en meebeweegt met het primair proces, in plaats van "
        "erachteraan te lopen.",
        "body": [
            paragraph(
                "<p>Systemen en procedures houden verandering vaak juist tegen waar die nodig is. "
                "Een gedeelde visie geeft dan meer houvast dan een kant-en-klare oplossing. Wij "
                "werken met vijf uitgangspunten:</p>"
                "<ul><li>vertalen</li><li>vooroplopen en versnellen</li>"
                "<li>de kunst van het weglaten</li><li>kaders stellen en concentreren</li>"
                "<li>flexibiliseren</li></ul>"
            ),
        ],
    },
]


# ---------------------------------------------------------------------------------------------
# Module library. The six Urban Professional days first, titled as in that programme.

MODULES = [
    {
        "slug": "samen-op-pad",
        "title": "Samen op pad",
        "subtitle": "Ik in relatie tot de ander",
        "listing_image": ImageRef("module-samen-op-pad"),
        "summary": "Wie zijn eigen gedrag en dat van anderen begrijpt, werkt makkelijker samen. "
        "Op deze eerste dag ontdek je je sterke kanten en valkuilen, in relatie tot collega's "
        "en externe partners.",
        "duration": "1 dag",
        "body": [
            paragraph(
                "<p>We beginnen met kennismaken: met elkaar en met het gedachtegoed achter de "
                "Urban Professional. Daarna gaan we aan de slag met Insights Discovery. Iedere "
                "deelnemer krijgt een persoonlijk profiel, dat we samen bespreken en vertalen "
                "naar de eigen werkpraktijk.</p>"
            ),
            facts(
                [
                    (
                        "Onderdelen",
                        "kennismaking, gedachtegoed Urban Professional, Insights Discovery, "
                        "persoonlijke profielen",
                    ),
                    (
                        "Na afloop",
                        "je weet waar je kracht ligt en wat jouw gedrag met de ander doet",
                    ),
                ],
                heading="Deze dag",
            ),
        ],
        "method_links": method_links("Insights Discovery"),
        "theme_links": theme_links("persoonlijk-leiderschap", "samenwerken-in-netwerken"),
    },
    {
        "slug": "werken-in-een-netwerk",
        "title": "Werken in een netwerk",
        "subtitle": "",
        "listing_image": ImageRef("module-werken-in-een-netwerk"),
        "summary": "Verdieping op werken vanuit opgaven: welke vormen van overheidssturing zijn "
        "er, en wat vraagt de verschuivende rol van de overheid van jou?",
        "duration": "1 dag",
        "body": [
            paragraph(
                "<p>We verkennen de verschillende manieren waarop een overheid kan sturen, onder "
                "meer aan de hand van het model van Martijn van der Steen. Daarna kijken we naar "
                "je eigen netwerk: wie heb je nodig voor jouw opgave, en hoe beweeg je je daarin "
                "effectiever?</p>"
            ),
        ],
        "method_links": [],
        "theme_links": theme_links("samenwerken-in-netwerken", "flexibele-organisatie"),
    },
    {
        "slug": "kracht-van-het-gesprek",
        "title": "Kracht van het gesprek",
        "subtitle": "",
        "listing_image": ImageRef("module-kracht-van-het-gesprek"),
        "summary": "Met partners, collega's en bestuurders samen tot een resultaat komen: je "
        "oefent met realistische gesprekken onder begeleiding van trainingsacteurs.",
        "duration": "1 dag",
        "body": [
            paragraph(
                "<p>Ambtenaren voeren elke dag gesprekken waarin belangen, verwachtingen en "
                "emoties samenkomen. Op deze dag probeer je een andere aanpak uit in scènes uit "
                "je eigen praktijk, gespeeld door een trainingsacteur. Je merkt wat er verandert "
                "als je iets anders doet dan je gewend bent, en hoe je proces en inhoud allebei "
                "in het oog houdt.</p>"
            ),
        ],
        "method_links": method_links("Trainingsacteurs"),
        "theme_links": theme_links("samenwerken-in-netwerken", "persoonlijk-leiderschap"),
    },
    {
        "slug": "communiceren-met-aandacht",
        "title": "Communiceren met aandacht",
        "subtitle": "",
        "listing_image": ImageRef("module-communiceren-met-aandacht"),
        "summary": "Je aandacht richten, regie houden en het verschil zien tussen emotie, ratio "
        "en gevoel. In de middag: feedback geven en ontvangen.",
        "duration": "1 dag",
        "body": [
            paragraph(
                "<p>In de ochtend doen we korte oefeningen die zijn afgeleid van mindfulness en "
                "meditatie. Ze helpen je om bewust te kiezen hoe je reageert, in plaats van op de "
                "automatische piloot. In de middag staat feedback centraal: hoe geef je die zo "
                "dat de ander er iets mee kan, en hoe ontvang je die zonder in de verdediging te "
                "schieten?</p>"
            ),
        ],
        "method_links": method_links("Mindfulness-oefeningen"),
        "theme_links": theme_links("persoonlijk-leiderschap"),
    },
    {
        "slug": "samenwerken",
        "title": "Samenwerken",
        "subtitle": "",
        "listing_image": ImageRef("module-samenwerken"),
        "summary": "Over co-creatie en je eigen bijdrage daaraan: werkvormen om samen met anderen "
        "tot resultaat te komen, binnen en buiten de organisatie.",
        "duration": "1 dag",
        "body": [
            paragraph(
                "<p>We proberen verschillende werkvormen voor co-creatie uit, van een korte sessie "
                "met twee collega's tot een bijeenkomst met tientallen partners. Steeds staat "
                "dezelfde vraag centraal: wat is mijn rol hierin, en wat breng ik mee?</p>"
            ),
        ],
        "method_links": method_links("Co-creatie werkvormen"),
        "theme_links": theme_links("samenwerken-in-netwerken", "flexibele-organisatie"),
    },
    {
        "slug": "oogsten-in-het-nieuwe-werken",
        "title": "Oogsten in het nieuwe werken",
        "subtitle": "",
        "listing_image": ImageRef("module-oogsten"),
        "summary": "De slotdag: terugkijken op wat het traject persoonlijk en inhoudelijk heeft "
        "opgeleverd, en vooruitkijken naar wat je ermee gaat doen.",
        "duration": "1 dag",
        "body": [
            paragraph(
                "<p>Iedere deelnemer presenteert wat het traject hem of haar heeft gebracht. "
                "Daarna evalueren we samen wat werkte en wat beter kan, en sluiten we het traject "
                "gezamenlijk af.</p>"
            ),
        ],
        "method_links": method_links("Persoonlijke pitch"),
        "theme_links": theme_links("flexibele-organisatie"),
    },
    {
        "slug": "visie-op-bedrijfsvoering",
        "title": "Visie op bedrijfsvoering",
        "subtitle": "Van ondersteunen naar partnerschap",
        "listing_image": ImageRef("module-visie-op-bedrijfsvoering"),
        "summary": "Wat verandert er als de bedrijfsvoering niet volgt, maar meebeweegt met de "
        "opgaven van de organisatie? Deelnemers verkennen en oefenen met uitgangspunten voor een "
        "eigentijdse bedrijfsvoering.",
        "duration": "3 bijeenkomsten",
        "body": [
            paragraph(
                "<p>Deelnemers gaan in gesprek met mensen die verantwoordelijk zijn in het primair "
                "proces: aan welke opgaven werken zij, wat vragen inwoners van hen en hoe geven ze "
                "daar antwoord op? Vanuit die opgaven werken we aan een gedeelde visie op "
                "bedrijfsvoering, met uitgangspunten als vertalen, vooroplopen en versnellen, en "
                "de kunst van het weglaten.</p>"
            ),
        ],
        "method_links": [],
        "theme_links": theme_links("eigentijdse-bedrijfsvoering"),
    },
    {
        "slug": "adviesvaardigheden",
        "title": "Adviesvaardigheden",
        "subtitle": "Luisteren voorbij je eigen vakgebied",
        "listing_image": ImageRef("module-adviesvaardigheden"),
        "summary": "Een goede adviseur luistert eerst. Deelnemers oefenen met gesprekken waarin "
        "ze over de grenzen van hun eigen vak heen kijken.",
        "duration": "4 bijeenkomsten",
        "body": [
            paragraph(
                "<p>Juristen, controllers, HR-adviseurs en inkopers zijn gewend om vanuit hun "
                "vakkennis te reageren. In deze module oefenen we met een andere houding: "
                "nieuwsgierig doorvragen, de vraag achter de vraag zoeken en pas daarna "
                "adviseren. We werken met casussen van de deelnemers en met een "
                "trainingsacteur.</p>"
            ),
        ],
        "method_links": method_links("Trainingsacteurs"),
        "theme_links": theme_links("eigentijdse-bedrijfsvoering", "samenwerken-in-netwerken"),
    },
    {
        "slug": "persoonlijk-leiderschap",
        "title": "Persoonlijk leiderschap",
        "subtitle": "Effectief vanuit je eigen kwaliteiten",
        "listing_image": ImageRef("module-persoonlijk-leiderschap"),
        "summary": "Inzicht in je eigen voorkeuren en waarden als basis om regie te nemen: op je "
        "werk, in samenwerking en op je eigen ontwikkeling.",
        "goals": [
            goal("Je eigen voorkeuren en die van anderen herkennen"),
            goal("Zien waar je invloed ligt en daar regie nemen"),
            goal("Keuzes maken die je volhoudt als het spannend wordt"),
        ],
        "duration": "1 dag",
        "body": [
            paragraph(
                "<p>We combineren Insights Discovery met de zeven eigenschappen van Covey. "
                "Deelnemers brengen in kaart waar hun invloed ligt, welke keuzes ze maken en wat "
                "ze nodig hebben om die keuzes vol te houden als het spannend wordt.</p>"
            ),
        ],
        "method_links": method_links("Insights Discovery", "Covey (7 eigenschappen)"),
        "theme_links": theme_links("persoonlijk-leiderschap"),
    },
    {
        "slug": "intervisie",
        "title": "Intervisie",
        "subtitle": "Leren van elkaars praktijk",
        "listing_image": ImageRef("module-intervisie"),
        "summary": "In vaste kleine groepen bespreken deelnemers vraagstukken uit hun werk volgens "
        "een vaste structuur, en leren ze van elkaars aanpak.",
        "goals": [
            goal("Een vraagstuk uit je eigen werk helder inbrengen"),
            goal("Doorvragen voordat je advies geeft"),
        ],
        "duration": "1 dagdeel per bijeenkomst",
        "body": [
            paragraph(
                "<p>Een intervisiegroep telt vier tot zes deelnemers met verschillende functies. "
                "Elke bijeenkomst brengt iemand een casus in; de anderen stellen vragen, delen "
                "ervaringen en denken mee over een volgende stap. Zo leren deelnemers problemen "
                "zelf en samen te analyseren, ook als het traject voorbij is.</p>"
            ),
        ],
        "method_links": method_links("Intervisie"),
        "theme_links": theme_links("persoonlijk-leiderschap", "flexibele-organisatie"),
    },
    {
        "slug": "participatie-organiseren",
        "title": "Participatie organiseren",
        "subtitle": "Inwoners en initiatiefnemers aan tafel",
        "listing_image": ImageRef("module-participatie"),
        "summary": "Hoe betrek je inwoners, ondernemers en initiatiefnemers vroeg bij plannen voor "
        "de leefomgeving? In een simulatiespel ervaar je wat er in zo'n proces gebeurt.",
        "duration": "1 dag",
        "body": [
            paragraph(
                "<p>We spelen een ruimtelijk vraagstuk na in een simulatiespel. Deelnemers nemen "
                "de rol aan van bewoner, ondernemer, ambtenaar of bestuurder. Daarna vertalen we "
                "de ervaringen naar werkvormen voor participatie in de eigen praktijk.</p>"
            ),
        ],
        "method_links": method_links("Gaming", "Co-creatie werkvormen"),
        "theme_links": theme_links("samenwerken-in-netwerken"),
    },
]


# ---------------------------------------------------------------------------------------------
# Tracks

URBAN_PROFESSIONAL = {
    "slug": "urban-professional",
    "title": "Urban Professional",
    "subtitle": "Gemeentelijke professional in beweging",
    "hero_image": ImageRef("track-urban-professional"),
    "intro": "Een leertraject van zes dagen voor gemeentelijke professionals die hun werk steeds "
    "vaker in de stad doen, samen met inwoners en partners. Tussen de dagen door pas je het "
    "geleerde toe in je eigen werk en interview je mensen uit je netwerk.",
    "audience": "<p>Beleidsmedewerkers, adviseurs, projectleiders en gebiedsregisseurs bij "
    "gemeenten die meer naar buiten gericht gaan werken. Het traject werkt het best met een "
    "groep uit verschillende afdelingen.</p>",
    "goals_intro": "Na het traject kunnen deelnemers, vandaag en later:",
    "goals": [
        goal(
            "De maatschappelijke opgave voorop blijven zetten",
            "De leefwereld van inwoners gaat voor de logica van het systeem, ook als dat systeem "
            "taai is. Je laat je niet afschrikken door complexiteit, ziet wat er nu nodig is en "
            "handelt daarnaar. Is de opgave nog vaag, dan help je haar scherp te krijgen en te "
            "vertalen naar je eigen werk en dat van anderen.",
        ),
        goal(
            "Samenwerken met partners buiten én collega's binnen het huis",
            "De netwerksamenleving vraagt een ander soort ambtelijk vakmanschap: een blik naar "
            "buiten en oog voor samenhang binnen. Je leert omgaan met complexe samenwerkingen en "
            "tegengestelde belangen, en grijpt op het goede moment in, zodat de relatie goed "
            "blijft en er toch resultaat komt.",
        ),
        goal(
            "Regie voeren vanuit een stevig persoonlijk fundament",
            "Je voert regie op samenwerkingen en hun resultaten. Daarvoor ken je je eigen "
            "gedragsvoorkeuren, herken je die van anderen en zoek je naar oplossingen waar alle "
            "partijen beter van worden. Je eigen waarden en kwaliteiten zijn het vertrekpunt: zo "
            "ben je dienstbaar zonder jezelf voorbij te lopen.",
        ),
    ],
    "body": [
        heading("Van het stadhuis naar de stad"),
        paragraph(
            "<p>Gemeenten veranderen van een hiërarchische organisatie die vooral bewaakt wat "
            "rechtmatig is, naar een partner in een breed netwerk die regisseert en faciliteert. "
            "Voor de professional betekent dat minder tijd achter het bureau en meer tijd in de "
            "wijk, aan tafel met inwoners, ondernemers en maatschappelijke organisaties.</p>"
        ),
        paragraph(
            "<p>In die steeds andere rollen draait het om gedrag: hoe je samenwerking aangaat "
            "en hoe je belangen weegt. Daarom ontwikkelen we de Urban Professional "
            "telkens samen met de gemeente, zodat het traject past bij haar ambities en "
            "waarden.</p>"
        ),
    ],
    "quotes": [
        quote(
            "Ik dacht dat ik goed kon samenwerken, tot ik mijn profiel naast dat van mijn "
            "collega's legde. Dat gesprek hadden we jaren eerder moeten voeren.",
            "Deelnemer",
            "beleidsadviseur, gemeente",
        ),
        quote(
            "De interviews tussen de dagen door waren voor mij het waardevolst. Je hoort van "
            "partners hoe zij de gemeente zien, en dat is niet altijd wat je verwacht.",
            "Deelnemer",
            "gebiedsregisseur",
        ),
    ],
    "programme_intro": "Een voorbeeld van het programma: zes trainingsdagen, met daartussen "
    "opdrachten in je eigen werk en interviews met mensen uit je netwerk. De precieze inhoud "
    "stemmen we af op de gemeente.",
    "programme_steps": [
        module_step("Dag 1", "samen-op-pad"),
        interlude(
            "opdracht",
            "Je brengt in kaart met wie je samenwerkt en waar het schuurt, als voorbereiding op "
            "dag 2.",
        ),
        module_step("Dag 2", "werken-in-een-netwerk"),
        interlude(
            "toepassen",
            "Je kiest een lopende opgave en probeert uit wat je over sturing in netwerken hebt "
            "geleerd.",
        ),
        interlude("interview", "Je vraagt een externe partner hoe hij of zij de gemeente ervaart."),
        module_step("Dag 3", "kracht-van-het-gesprek"),
        interlude(
            "toepassen",
            "Je voert een gesprek dat je eerder uit de weg ging, met de geoefende aanpak.",
        ),
        interlude("interview", "Je vraagt een collega om feedback op jouw rol in een overleg."),
        module_step("Dag 4", "communiceren-met-aandacht"),
        interlude(
            "toepassen", "Je gebruikt een van de aandachtsoefeningen in een drukke werkweek."
        ),
        interlude(
            "interview",
            "Je spreekt een bestuurder of leidinggevende over wat regie voor hem of haar betekent.",
        ),
        module_step("Dag 5", "samenwerken"),
        interlude("toepassen", "Je organiseert een korte co-creatiesessie rond je eigen opgave."),
        interlude("interview", "Je vraagt een deelnemer aan die sessie wat het heeft opgeleverd."),
        module_step("Dag 6", "oogsten-in-het-nieuwe-werken"),
    ],
    "form": "in_company",
    "meeting_count": 6,
    "meeting_unit": "dagen",
    "duration": "circa zes maanden",
    "client_name": "",
    "trainer_links": person_links("Nienke Janssen", "Ruben Mulder"),
    "method_links": method_links(
        "Insights Discovery", "Trainingsacteurs", "Mindfulness-oefeningen", "Co-creatie werkvormen"
    ),
    "theme_links": theme_links(
        "flexibele-organisatie", "samenwerken-in-netwerken", "persoonlijk-leiderschap"
    ),
    "call_to_action": [
        call_to_action(
            "Urban Professional in uw gemeente?",
            "Bekijk de cases",
            page=PageRef("cases"),
            text="Lees hoe we een vergelijkbaar ontwikkeltraject voor een middelgrote gemeente "
            "opzetten.",
        )
    ],
}

BUSINESS_PARTNER = {
    "slug": "business-partner",
    "title": "Business Partner",
    "subtitle": "Van ondersteunen naar partner van het primair proces",
    "hero_image": ImageRef("track-business-partner"),
    "intro": "Een leertraject voor professionals uit de bedrijfsvoering die willen uitgroeien "
    "tot partner van het primair proces. Bij de gemeente Utrecht rondde inmiddels de vierde "
    "groep deelnemers het traject af.",
    "audience": "<p>Adviseurs en specialisten uit de bedrijfsvoering van gemeenten en andere "
    "publieke organisaties: HR, financiën, juridische zaken, informatievoorziening, inkoop. We "
    "stellen het traject samen met de opdrachtgever en stemmen het af op de omvang en "
    "samenstelling van de groep.</p>",
    "goals_intro": "Na het traject kan een business partner beter:",
    "goals": [
        goal("Vragen uit het primair proces omzetten in ondersteuning die echt helpt"),
        goal("Aanvoelen wat er in de omgeving speelt"),
        goal("Regie en verantwoordelijkheid nemen om samen resultaat te halen"),
        goal("Een vraagstuk vanuit verschillende perspectieven en opgaven bekijken"),
        goal("Collega's laagdrempelig laten meedenken"),
        goal("Werken vanuit de visie, bedoeling en opgaven van de organisatie"),
        goal("Gedeelde behoeften koppelen aan nieuwe, gezamenlijke standaarden"),
        goal("Vertrouwen op zichzelf en op anderen"),
        goal("De eigen kwaliteiten inzetten en anderen de ruimte geven voor de hunne"),
        goal("Kritisch blijven en doorvragen als iets niet helder is"),
        goal("Durven experimenteren en blijven leren"),
        goal("Vertrouwde zekerheden loslaten om de organisatie vooruit te helpen"),
    ],
    "body": [
        heading("Op maat voor de gemeente Utrecht"),
        paragraph(
            "<p>Hoe het traject eruitziet, hangt af van de wensen van de opdrachtgever en van de "
            "groep. In Utrecht lag het accent op de verbinding tussen de onderdelen van de "
            "bedrijfsvoering onderling en met het primair proces, met het persoonlijk leiderschap "
            "van de deelnemers als rode draad.</p>"
        ),
        paragraph(
            "<p>Van de zomer van 2017 tot april 2018 kwam de vierde groep zeventien keer "
            "samen. Theorie, onder meer van Covey, wisselde af met reflectie, intervisie, het "
            "bespreken van praktijkcasussen en vooral veel zelf doen. Met Insights Discovery "
            "kreeg iedereen zicht op de eigen voorkeuren.</p>"
        ),
        facts(
            [
                ("Opdrachtgever", "gemeente Utrecht"),
                ("Groep", "vierde lichting deelnemers"),
                ("Bijeenkomsten", "17"),
                ("Periode", "zomer 2017 tot april 2018"),
            ],
            heading="In het kort",
        ),
    ],
    "quotes": [
        quote(
            "Pas toen we hoorden waar het primair proces mee bezig is, zagen we hoeveel opgaven "
            "we niet kenden. Dat was voor ons allemaal een openbaring.",
            "Oud-deelnemer",
            "leertraject business partner",
        ),
        quote(
            "Als bedrijfsvoering wil je niet de rem zijn, maar de motor die de organisatie helpt "
            "haar werk goed te doen.",
            "Oud-deelnemer",
            "leertraject business partner",
        ),
    ],
    "programme_intro": "Zeventien bijeenkomsten rond drie modules, met daarnaast intervisie in vaste "
    "groepen, afgesloten met een persoonlijke pitch van iedere deelnemer.",
    "programme_steps": [
        module_step(
            "Bijeenkomst 1-4",
            "persoonlijk-leiderschap",
            "De start: ieders voorkeuren in beeld met Insights Discovery, en de zeven "
            "eigenschappen van Covey als kader.",
        ),
        module_step("Bijeenkomst 5-8", "visie-op-bedrijfsvoering"),
        interlude(
            "interview",
            "Deelnemers spreken verantwoordelijken uit het primair proces over de opgaven waar zij "
            "voor staan.",
            title="In gesprek met het primair proces",
        ),
        module_step("Bijeenkomst 9-16", "adviesvaardigheden"),
        interlude(
            "toepassen",
            "Deelnemers nemen een eigen adviesvraag onder handen en werken die uit in hun "
            "dagelijkse praktijk.",
        ),
        interlude(
            "pitch",
            "Iedere deelnemer vertelt collega's en leidinggevenden wat het traject heeft "
            "opgeleverd en waar het hem of haar brengt: met een presentatie, een metafoor, een "
            "gedicht of alleen het gesproken woord.",
            label="Bijeenkomst 17",
            title="Persoonlijke pitch",
        ),
        alongside(
            "Intervisiegroepen",
            "Van de eerste tot de laatste bijeenkomst bespreken deelnemers in vaste groepen "
            "casussen uit hun werk.",
            slug="intervisie",
        ),
    ],
    "form": "op_maat",
    "meeting_count": 17,
    "meeting_unit": "bijeenkomsten",
    "duration": "zomer 2017 tot april 2018",
    "client_name": "gemeente Utrecht",
    "trainer_links": person_links("Marc de Haas Van Dorsser", "Nienke Janssen"),
    "method_links": method_links(
        "Covey (7 eigenschappen)", "Insights Discovery", "Intervisie", "Persoonlijke pitch"
    ),
    "theme_links": theme_links(
        "eigentijdse-bedrijfsvoering", "persoonlijk-leiderschap", "flexibele-organisatie"
    ),
    "call_to_action": [
        call_to_action(
            "Een business-partnertraject voor uw organisatie?",
            "Bekijk de cases",
            page=PageRef("cases"),
            text="Lees hoe het traject bij de gemeente Utrecht verliep.",
        )
    ],
}

OMGEVINGSPROFESSIONAL = {
    "slug": "omgevingsprofessional",
    "title": "Omgevingsprofessional",
    "subtitle": "Samen werken aan de fysieke leefomgeving",
    "hero_image": ImageRef("track-omgevingsprofessional"),
    "intro": "Een leertraject voor professionals die werken aan ruimte, wonen, mobiliteit en "
    "milieu. Plannen ontstaan steeds vaker samen met inwoners, initiatiefnemers en andere "
    "overheden. Dit traject helpt je om integraal te kijken, participatie goed te organiseren "
    "en het gesprek te voeren als belangen botsen.",
    "audience": "<p>Vergunningverleners, planologen, beleidsadviseurs en projectleiders in het "
    "fysieke domein van gemeenten, provincies en waterschappen. In de open groep leren "
    "deelnemers ook van de werkwijze van andere organisaties.</p>",
    "goals_intro": "Deelnemers leren om:",
    "goals": [
        goal(
            "Integraal naar de leefomgeving te kijken",
            "Een initiatief raakt aan wonen, natuur, verkeer en gezondheid tegelijk. Je leert die "
            "verbanden te zien en andere disciplines op tijd te betrekken.",
        ),
        goal(
            "Participatie vroeg en zorgvuldig te organiseren",
            "Je weet welke vorm van participatie bij een vraagstuk past en hoe je inwoners en "
            "initiatiefnemers echt laat meedenken.",
        ),
        goal(
            "Het gesprek te voeren als belangen botsen",
            "Je houdt het proces vast, ook als de emoties oplopen, en zoekt naar een uitkomst "
            "waarmee alle partijen verder kunnen.",
        ),
    ],
    "body": [
        heading("Een traject in ontwikkeling"),
        paragraph(
            "<p>Net als de Urban Professional en de Business Partner ontwikkelen we dit traject "
            "steeds verder, op basis van gesprekken met deelnemers, opdrachtgevers en vakgenoten. "
            "Elke groep brengt eigen praktijkvoorbeelden mee, en die verwerken we in het "
            "programma.</p>"
        ),
    ],
    "quotes": [
        quote(
            "In het simulatiespel voelde ik hoe het is om als bewoner pas aan het eind van een "
            "plan gehoord te worden. Dat vergeet ik niet meer.",
            "Deelnemer",
            "vergunningverlener",
        ),
    ],
    "programme_intro": "Vier dagen, met tussen de dagen een opdracht in je eigen werk of een "
    "interview.",
    "programme_steps": [
        module_step(
            "Dag 1",
            "persoonlijk-leiderschap",
            intro="In het fysieke domein werk je met inwoners, initiatiefnemers en andere "
            "overheden tegelijk. Deze dag onderzoek je hoe jij in zo'n dossier regie neemt, "
            "vanuit je eigen voorkeuren en waarden.",
            goals=[
                goal("Je rol kiezen in een dossier met veel partijen"),
                goal("Je eigen voorkeuren bewust inzetten als belangen botsen"),
            ],
        ),
        interlude("toepassen", "Je kiest een lopend dossier waarin je bewust regie wilt nemen."),
        module_step("Dag 2", "participatie-organiseren"),
        interlude(
            "interview", "Je interviewt een initiatiefnemer of bewoner over een lopend project."
        ),
        module_step("Dag 3", "kracht-van-het-gesprek"),
        interlude("toepassen", "Je bereidt een lastig overleg voor met de geoefende aanpak."),
        module_step(
            "Dag 4",
            "intervisie",
            "Op de laatste dag vormen deelnemers intervisiegroepen die na het traject doorgaan.",
        ),
    ],
    "form": "open",
    "meeting_count": 4,
    "meeting_unit": "dagen",
    "duration": "vier dagen in drie maanden",
    "start_dates": [
        {"start_date": datetime.date(2027, 2, 4), "end_date": datetime.date(2027, 4, 29)},
        {"start_date": datetime.date(2027, 9, 9), "end_date": datetime.date(2027, 12, 2)},
    ],
    "client_name": "",
    "trainer_links": person_links("Ruben Mulder"),
    "method_links": method_links(
        "Gaming", "Co-creatie werkvormen", "Trainingsacteurs", "Intervisie"
    ),
    "theme_links": theme_links("samenwerken-in-netwerken", "flexibele-organisatie"),
    "call_to_action": [
        call_to_action(
            "Meer lezen over leren in de praktijk?",
            "Naar de artikelen",
            page=PageRef("artikelen"),
            text="In onze artikelen vertellen deelnemers en trainers wat een leertraject hun "
            "bracht.",
        )
    ],
}

TRACKS = [URBAN_PROFESSIONAL, BUSINESS_PARTNER, OMGEVINGSPROFESSIONAL]


# ---------------------------------------------------------------------------------------------
# Cases (both tagged "Flexibele organisatie" first, so each links to the other as next case)

CASES = [
    {
        "slug": "business-partner-gemeente-utrecht",
        "title": "Business partner bij de gemeente Utrecht",
        "hero_image": ImageRef("case-utrecht"),
        "intro": "Vier groepen bedrijfsvoeringsprofessionals van de gemeente Utrecht "
        "volgden het leertraject business partner. De vierde groep sloot af met persoonlijke "
        "pitches voor collega's en leidinggevenden.",
        "client_name": "gemeente Utrecht",
        "sector": "gemeente",
        "period": "zomer 2017 – april 2018",
        "session_count": 17,
        "track": track("business-partner"),
        "challenge": [
            paragraph(
                "<p>Publieke organisaties werken in een omgeving die snel verandert, en dat vraagt "
                "om leren en ontwikkelen op meer dan één niveau. De gemeente Utrecht wilde dat "
                "professionals in de bedrijfsvoering beter aansluiten bij de vragen van het "
                "primair proces: niet alleen uitvoeren wat gevraagd wordt, maar als partner "
                "meedenken over wat nodig is.</p>"
            ),
            paragraph(
                "<p>Het accent lag op de verbinding tussen de onderdelen van de bedrijfsvoering "
                "en met de afdelingen die de stad bedienen. Het persoonlijk leiderschap van de "
                "deelnemers stond daarbij centraal.</p>"
            ),
        ],
        "approach": [
            paragraph(
                "<p>Marc de Haas Van Dorsser en Nienke Janssen begeleidden de groep in zeventien "
                "bijeenkomsten, van de zomer van 2017 tot begin april 2018. Elke bijeenkomst "
                "combineerde een stuk theorie met oefenen en reflectie:</p>"
                "<ul><li>theorie over persoonlijke effectiviteit, onder meer de zeven "
                "eigenschappen van Covey;</li>"
                "<li>inzicht in de eigen voorkeuren met Insights Discovery;</li>"
                "<li>intervisie en het bespreken van casussen uit de eigen praktijk;</li>"
                "<li>veel oefenen in de eigen praktijk: leren door te doen.</li></ul>"
            ),
        ],
        "result": [
            paragraph(
                "<p>Het traject eindigde met een persoonlijke pitch van iedere deelnemer. "
                "Collega's en leidinggevenden hoorden wat het traject had opgeleverd en waar het "
                "de deelnemer bracht. Sommigen hielden een presentatie, anderen kozen een metafoor "
                "of een gedicht, een enkeling had genoeg aan het gesproken woord.</p>"
            ),
            paragraph(
                "<p>Zo'n slotbijeenkomst is voor deelnemers én trainers steeds een bijzonder "
                "moment, en een mooie afronding van de vierde groep in Utrecht.</p>"
            ),
        ],
        "quotes": [
            quote(
                "Ik dacht dat mijn pitch over mijn vak zou gaan, maar hij ging over de manier "
                "waarop ik nu naar de organisatie kijk.",
                "Deelnemer",
                "vierde groep business partners",
            ),
        ],
        "trainer_links": person_links("Marc de Haas Van Dorsser", "Nienke Janssen"),
        "theme_links": theme_links(
            "flexibele-organisatie", "eigentijdse-bedrijfsvoering", "persoonlijk-leiderschap"
        ),
    },
    {
        "slug": "training-en-opleiding-middelgrote-gemeente",
        "title": "Training en opleiding voor een middelgrote gemeente",
        "hero_image": ImageRef("case-middelgrote-gemeente"),
        "intro": "Adviseurs van de afdeling Strategie & Bestuur en het projectmanagementbureau van "
        "een middelgrote gemeente werken steeds meer samen met de samenleving. Een "
        "ontwikkeltraject hielp hen om belangen te verbinden vanuit een regierol.",
        "client_name": "middelgrote gemeente",
        "sector": "gemeente",
        "period": "ongeveer een jaar",
        "session_count": 10,
        "track": None,
        "challenge": [
            paragraph(
                "<p>Het werk van deze adviseurs speelde zich lange tijd vooral achter het bureau "
                "af. Nu staan ze midden in de samenleving en werken ze niet meer voor, maar met "
                "allerlei groepen, georganiseerd of niet. De opgave: alle belangen zo erkennen dat "
                "besluiten zoveel mogelijk gedragen worden.</p>"
            ),
            paragraph(
                "<p>Strategisch adviseurs moesten daarnaast breder gaan adviseren, los van één "
                "beleidsdomein. En voor iedereen werd het belangrijker om om te gaan met de "
                "onderstroom: de minder zichtbare belangen en gevoelens die bij groepen spelen.</p>"
            ),
        ],
        "approach": [
            heading("Assessment en persoonlijk leerplan", "h3"),
            paragraph(
                "<p>Na een gezamenlijke start deed iedere deelnemer een kort assessment en maakte "
                "op basis daarvan een persoonlijk leerplan. Die plannen werden gedeeld, zodat "
                "iedereen wist bij wie hij of zij met welke vraag terecht kon.</p>"
            ),
            heading("Trainingsdagen en workshops", "h3"),
            paragraph(
                "<p>Voor de thema's waar elke adviseur mee te maken heeft, organiseerden we "
                "interactieve trainingsdagen, waarin we onder andere spelvormen en acteurs "
                "inzetten:</p>"
                "<ul><li>belangen herkennen en erkennen</li><li>invloed uitoefenen</li>"
                "<li>beslissingen overbrengen</li><li>slecht nieuws brengen</li>"
                "<li>weerstand en emoties in een groep hanteren</li></ul>"
                "<p>Situaties uit de eigen praktijk liepen als rode draad door de opdrachten. "
                "Workshops gingen dieper in op persoonlijke effectiviteit, omgaan met je eigen "
                "emoties en procesmanagement.</p>"
            ),
            heading("Coaching en intervisie", "h3"),
            paragraph(
                "<p>Een paar deelnemers hadden de vaardigheden al, maar liepen om andere redenen "
                "vast. Met individuele coaching konden zij het tempo van de groep blijven volgen. "
                "Daarnaast werkte de groep in drie intervisiegroepen met zoveel mogelijk "
                "gemengde functies, zodat deelnemers buiten de gebaande paden van elkaar "
                "leerden.</p>"
            ),
            heading("Digitaal leerportaal en kick-out", "h3"),
            paragraph(
                "<p>Alle onderdelen werden ondersteund door ons digitale leerportaal, met een "
                "persoonlijke code per deelnemer en een forum dat volop werd gebruikt. Het "
                "traject eindigde met een kick-out: iedere deelnemer blikte hardop terug op het "
                "eigen leerproces.</p>"
            ),
        ],
        "result": [
            paragraph(
                "<p>Uit de eindevaluatie bleek dat deelnemers stijlflexibeler zijn gaan werken en "
                "beter invloed uitoefenen, met een gedeelde visie als vertrekpunt. De drempel om samen "
                "te leren en samen te werken is een stuk lager geworden.</p>"
            ),
            facts(
                [
                    (
                        "Groepsbijeenkomsten",
                        "aftrap, vijf trainingsdagen, drie workshops, kick-out",
                    ),
                    ("Intervisie", "drie groepen met gemengde functies"),
                    ("Ondersteuning", "individuele coaching en een digitaal leerportaal"),
                ],
                heading="Het traject in cijfers",
            ),
        ],
        "quotes": [
            quote(
                "Doordat we onze leerplannen met elkaar deelden, wist ik precies bij wie ik "
                "terecht kon voor een lastige bewonersavond.",
                "Deelnemer",
                "strategisch adviseur",
            ),
        ],
        "trainer_links": person_links("Ruben Mulder"),
        "theme_links": theme_links("flexibele-organisatie", "samenwerken-in-netwerken"),
    },
]


# ---------------------------------------------------------------------------------------------
# Articles

ARTICLES = [
    {
        "slug": "terugblik-leertraject-business-partner",
        "title": "Terugblikken met business partners: wat blijft er hangen?",
        "date": datetime.date(2018, 11, 12),
        "hero_image": ImageRef("article-terugblik"),
        "intro": "We spraken oud-deelnemers van het leertraject business partner over hun "
        "praktijk van nu. Drie inzichten kwamen steeds terug: een scherper beeld van de opgaven, "
        "de vaardigheden van een goede adviseur en werken vanuit een visie op bedrijfsvoering.",
        "body": [
            paragraph(
                "<p>De afgelopen jaren begeleidden we bij verschillende publieke organisaties "
                "groepen professionals uit de bedrijfsvoering op weg naar business partnerschap. "
                "Onlangs zochten we een aantal van hen op. Wat hebben ze meegenomen, hoe ziet hun "
                "werk er nu uit en welke ontwikkelingen zien ze op zich afkomen? We spraken over "
                "maatschappelijke opgaven, adviesvaardigheden en de visie op bedrijfsvoering.</p>"
            ),
            heading("Scherper zicht op de opgaven"),
            paragraph(
                "<p>Het inzicht dat het vaakst terugkwam: deelnemers kennen de opgaven van hun "
                "organisatie nu beter. Die opgaven blijven volgen is niet eenvoudig, maar het is "
                "wel de basis voor goed werk en voor echt partnerschap. Tijdens het traject "
                "spraken deelnemers daarom met leidinggevenden en professionals uit het primair "
                "proces: waar werken zij aan, wat vragen inwoners en andere gebruikers van de "
                "stad, en hoe geven ze daar antwoord op?</p>"
            ),
            quote(
                "Na de sessie over de strategische opgaven keken we elkaar aan: wisten wij "
                "eigenlijk wie waarmee bezig was? Dat opende echt mijn ogen.",
                "Oud-deelnemer",
                "leertraject business partner",
            ),
            heading("Adviseren begint bij luisteren"),
            paragraph(
                "<p>Een groot deel van het traject gaat over de vaardigheden die de praktijk van "
                "adviseurs vraagt, en vooral over de houding daarachter. Wie over de grenzen van "
                "het eigen vak heen wil kijken, moet anders willen kijken en de ander echt willen "
                "begrijpen. In het begin valt dat niet mee: oude gewoonten, van jezelf en van de "
                "organisatie, liggen op de loer.</p>"
            ),
            quote(
                "Ik ben mijn nieuwsgierigheid weer tegengekomen. Waar ik vroeger een verhaal "
                "meteen in een juridisch hokje stopte, luister ik nu eerst naar wat iemand wil "
                "bereiken.",
                "Oud-deelnemer",
                "jurist",
            ),
            quote(
                "We praten steeds vaker over de bedoeling en het gezamenlijke belang. Toch sturen "
                "we in de praktijk nog geregeld op ons eigen teambelang, en dat is jammer.",
                "Oud-deelnemer",
                "leertraject business partner",
            ),
            heading("Handelen vanuit een visie op bedrijfsvoering"),
            paragraph(
                "<p>Bestaande systemen en processen remmen verandering vaak juist af waar die "
                "nodig is. Een gedeelde visie helpt dan meer dan een kant-en-klare oplossing: het "
                "gaat om samen gekozen uitgangspunten die je vervolgens ook volgt. Wij werken met "
                "vertalen, vooroplopen en versnellen, de kunst van het weglaten, kaders stellen en "
                "concentreren, en flexibiliseren.</p>"
                "<p>In de praktijk betekent dat bijvoorbeeld: samen zoeken naar slimme "
                "oplossingen, elkaar aanspreken op afspraken, verantwoordelijkheid nemen en moeite "
                "doen om de business echt te begrijpen. Door dat vaak te oefenen, wordt het in het "
                "dagelijks werk voorstelbaar.</p>"
            ),
            quote(
                "Wij willen als bedrijfsvoering niet langer achteraan komen en als vertragend "
                "worden gezien. We willen juist de aanjager zijn die de business vooruit helpt.",
                "Oud-deelnemer",
                "leertraject business partner",
            ),
            quote(
                "Zie de organisatie als een lichaam. Dan is de bedrijfsvoering niet het vet, maar "
                "de spieren.",
                "Oud-deelnemer",
                "leertraject business partner",
            ),
            heading("Een traject dat blijft groeien"),
            paragraph(
                "<p>Het leertraject business partner verandert mee met de praktijk, net als de "
                "Urban Professional en de Omgevingsprofessional. Gesprekken zoals deze, met "
                "oud-deelnemers, opdrachtgevers en anderen uit de bedrijfsvoering, leveren "
                "daarvoor steeds nieuwe inzichten op.</p>"
            ),
        ],
        "author_links": person_links("Sanne Verhoef"),
        "theme_links": theme_links("eigentijdse-bedrijfsvoering", "persoonlijk-leiderschap"),
        "related_track_links": track_links(
            "business-partner", "urban-professional", "omgevingsprofessional"
        ),
    },
    {
        "slug": "persoonlijke-pitch-als-slotstuk",
        "title": "Succesvol leren en ontwikkelen: de persoonlijke pitch als slotstuk",
        "date": datetime.date(2018, 5, 14),
        "hero_image": ImageRef("article-pitch"),
        "intro": "Een leertraject is pas af als deelnemers zelf onder woorden brengen wat het hun "
        "heeft opgeleverd. Bij de gemeente Utrecht deden ze dat met een persoonlijke pitch.",
        "body": [
            paragraph(
                "<p>Publieke organisaties werken in een omgeving die snel verandert. Dat vraagt om "
                "leren en ontwikkelen op verschillende niveaus tegelijk, van de individuele "
                "professional tot de organisatie als geheel. De gemeente Utrecht zet daarin al "
                "jaren stappen, onder meer met het leertraject business partner dat we samen "
                "vormgaven. Onlangs rondde de vierde groep het af.</p>"
            ),
            heading("Wat maakt een traject succesvol?"),
            paragraph(
                "<p>Het begint bij maatwerk: hoe een traject eruitziet, hangt af van wat de "
                "opdrachtgever wil bereiken en van de groep die meedoet. Daarbinnen wisselen we "
                "theorie af met reflectie, oefening en praktijkcasussen, zodat deelnemers al "
                "doende leren. Een business partner leert onder meer:</p>"
            ),
            goals(
                [
                    (
                        "Vragen uit het primair proces omzetten",
                        "naar de ondersteuning die echt nodig is",
                    ),
                    ("Schakelen tussen perspectieven", "en een vraagstuk van meer kanten bekijken"),
                    ("Werken vanuit vertrouwen", "in zichzelf en in anderen"),
                    ("Blijven experimenteren en leren", ""),
                ],
                heading="Wat een business partner leert",
            ),
            heading("De persoonlijke pitch"),
            paragraph(
                "<p>In Utrecht sloten de deelnemers het traject af met een persoonlijke pitch. "
                "Ze vertelden collega's en leidinggevenden hoe ze het traject hadden beleefd en "
                "waar het hen bracht. Er waren presentaties, metaforen en gedichten; anderen "
                "lieten alleen hun woorden spreken.</p>"
            ),
            quote(
                "Het was spannend om voor mijn leidinggevende te staan, maar juist daardoor werd "
                "het echt: dit ga ik anders doen.",
                "Oud-deelnemer",
                "vierde groep business partners",
            ),
            paragraph(
                "<p>Voor ons als trainers is zo'n afsluiting telkens een hoogtepunt. We kijken "
                "met plezier terug op de bijeenkomst met deze groep, en op alle groepen die "
                "eraan voorafgingen.</p>"
            ),
            call_to_action(
                "Benieuwd naar het leertraject business partner?",
                "Bekijk het leertraject",
                page=track("business-partner"),
                text="Lees over de doelen, het programma en de werkvormen.",
            ),
        ],
        "author_links": person_links("Sanne Verhoef", "Ruben Mulder"),
        "theme_links": theme_links("flexibele-organisatie", "eigentijdse-bedrijfsvoering"),
        "related_track_links": track_links("business-partner"),
    },
]


# ---------------------------------------------------------------------------------------------
# Build order of the pages below the index pages: (parent path, page model, page specs)

CHILD_PAGES = [
    ("themas", "themes.ThemePage", THEMES),
    ("modules", "trajecten.ModulePage", MODULES),
    ("leertrajecten", "trajecten.LeertrajectPage", TRACKS),
    ("cases", "cases.CaseStudyPage", CASES),
    ("artikelen", "articles.ArticlePage", ARTICLES),
]
