"""The demo meeting: a five-day global nodes meeting with ~60 nodes and ~150 people.

``build_demo()`` creates it through the program services, so validation (no
facilitator booked twice, sessions inside the meeting's dates) and the change
log are the real ones. It is modelled on the sessions page of a real virtual
global nodes meeting (see docs): an icebreaker, theme panels built on
pre-recorded presentations, live Q&As, speed-dating networking, demo groups,
regional sessions at hours that suit each region, a marine data session, a
game show, an evaluation and opening/closing plenaries.

The meeting runs Thursday 25 to Wednesday 31 March 2027 in Europe/Copenhagen,
across Europe's change to summer time on Sunday 28 March: 14:00 in Copenhagen
is 13:00 UTC on Thursday and 12:00 UTC on Monday.

Everything is deterministic given the seed, except the passwords of the three
sign-in accounts, the join-link tokens and the participants' calendar tokens.
"""

from __future__ import annotations

import secrets
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from random import Random
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from convener.people.models import Node, Participant, Region
from convener.program import services
from convener.program.models import Meeting, ProgramChange, Session, SessionRole, Theme

MEETING_NAME = "Global Nodes Meeting 2027 (demo)"
MEETING_SLUG = "gnm-demo"
MEETING_ZONE = "Europe/Copenhagen"
START_DATE = date(2027, 3, 25)
END_DATE = date(2027, 3, 31)
EMAIL_DOMAIN = "nodes.example.org"
JOIN_LINK_PREFIX = "https://meet.jit.si/gnm-demo-"
RECORDING_URL = "https://vimeo.com/565518171/1f3018b8de"

ORGANISER_EMAIL = "organiser@example.org"
PARTICIPANT_EMAIL = "participant@example.org"
GUEST_EMAIL = "guest@example.org"

ICEBREAKER_TITLE = "Icebreaker virtual networking activity"
THEME3_TITLE = "Theme 3: Product development and tools — live Q&A"

# A step reports (what it is doing, steps done, steps in all).
Progress = Callable[[str, int, int], None]
Role = Participant.Role


class Login(NamedTuple):
    email: str
    password: str


@dataclass
class DemoResult:
    meeting: Meeting
    counts: dict[str, int]
    logins: list[Login]
    roles: dict[str, int] = field(default_factory=dict)


# --------------------------------------------------------------------------
# The network: regions, nodes and the names of the people in them.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionSpec:
    name: str
    slug: str
    # The zone the regional session is planned in: the zone most of the
    # region's nodes share, or the one in the middle of the region's zones.
    main_zone: str


REGIONS = [
    RegionSpec("Africa", "africa", "Africa/Lagos"),
    RegionSpec("Asia", "asia", "Asia/Kolkata"),
    RegionSpec("Europe and Central Asia", "europe-and-central-asia", "Europe/Berlin"),
    RegionSpec(
        "Latin America and the Caribbean", "latin-america-and-the-caribbean", "America/Sao_Paulo"
    ),
    RegionSpec("North America", "north-america", "America/New_York"),
    RegionSpec("Oceania", "oceania", "Australia/Sydney"),
]


@dataclass(frozen=True)
class NodeSpec:
    name: str
    country: str  # ISO 3166 alpha-2; empty for international bodies
    region: str
    zones: tuple[str, ...]  # the first is where most of the node's people are
    languages: tuple[str, ...]
    culture: str
    kind: str = Node.Kind.NATIONAL
    people: int = 2


def _national(country: str, code: str, region: str, zones: str, languages: str, culture: str,
              people: int = 2, name: str | None = None) -> NodeSpec:
    return NodeSpec(
        name=name or f"GBIF {country}", country=code, region=region, zones=tuple(zones.split()),
        languages=tuple(languages.split()), culture=culture, people=people,
    )


AF, AS, EU, LA, NA, OC = (r.name for r in REGIONS)

NODES: list[NodeSpec] = [
    # Africa
    _national("Benin", "BJ", AF, "Africa/Porto-Novo", "fr", "west_africa_fr", 3),
    _national("Cameroon", "CM", AF, "Africa/Douala", "fr en", "west_africa_fr"),
    _national("Guinea", "GN", AF, "Africa/Conakry", "fr", "west_africa_fr"),
    _national("Kenya", "KE", AF, "Africa/Nairobi", "en sw", "east_africa", 3),
    _national("Madagascar", "MG", AF, "Indian/Antananarivo", "fr", "madagascar"),
    _national("Malawi", "MW", AF, "Africa/Blantyre", "en", "southern_africa"),
    _national("Nigeria", "NG", AF, "Africa/Lagos", "en", "nigeria", 3),
    _national("South Africa", "ZA", AF, "Africa/Johannesburg", "en af", "southern_africa", 3),
    _national("Tanzania", "TZ", AF, "Africa/Dar_es_Salaam", "sw en", "east_africa"),
    _national("Togo", "TG", AF, "Africa/Lome", "fr", "west_africa_fr"),
    _national("Uganda", "UG", AF, "Africa/Kampala", "en sw", "east_africa"),
    _national("Zimbabwe", "ZW", AF, "Africa/Harare", "en", "southern_africa"),
    # Asia
    _national("India", "IN", AS, "Asia/Kolkata", "en hi", "india", 3),
    _national("Indonesia", "ID", AS, "Asia/Jakarta", "id en", "indonesia"),
    _national("Japan", "JP", AS, "Asia/Tokyo", "ja en", "japan", 3),
    _national("Korea", "KR", AS, "Asia/Seoul", "ko en", "korea"),
    _national("Nepal", "NP", AS, "Asia/Kathmandu", "ne en", "nepal"),
    _national("Philippines", "PH", AS, "Asia/Manila", "en", "philippines"),
    _national("Sri Lanka", "LK", AS, "Asia/Colombo", "en ta", "sri_lanka"),
    _national("Chinese Taipei", "TW", AS, "Asia/Taipei", "zh-hant en", "taiwan", 3),
    _national("Viet Nam", "VN", AS, "Asia/Ho_Chi_Minh", "vi en", "vietnam"),
    # Europe and Central Asia
    _national("Armenia", "AM", EU, "Asia/Yerevan", "hy ru en", "armenia"),
    _national("Austria", "AT", EU, "Europe/Vienna", "de en", "german"),
    _national("Belgium", "BE", EU, "Europe/Brussels", "nl fr en", "dutch"),
    _national("Denmark", "DK", EU, "Europe/Copenhagen", "da en", "danish", 3),
    _national("Estonia", "EE", EU, "Europe/Tallinn", "et en", "estonian"),
    _national("Finland", "FI", EU, "Europe/Helsinki", "fi sv en", "finnish"),
    _national("France", "FR", EU, "Europe/Paris", "fr en", "french"),
    _national("Georgia", "GE", EU, "Asia/Tbilisi", "ka en", "georgia"),
    _national("Germany", "DE", EU, "Europe/Berlin", "de en", "german", 3),
    _national("Ireland", "IE", EU, "Europe/Dublin", "en ga", "british_irish"),
    _national("Netherlands", "NL", EU, "Europe/Amsterdam", "nl en", "dutch"),
    _national("Norway", "NO", EU, "Europe/Oslo", "nb en", "norwegian"),
    _national("Poland", "PL", EU, "Europe/Warsaw", "pl en", "polish"),
    _national("Portugal", "PT", EU, "Europe/Lisbon", "pt en", "portuguese"),
    _national("Spain", "ES", EU, "Europe/Madrid", "es ca en", "spanish", 3),
    _national("Sweden", "SE", EU, "Europe/Stockholm", "sv en", "swedish"),
    _national("Switzerland", "CH", EU, "Europe/Zurich", "de fr it en", "german"),
    _national("Tajikistan", "TJ", EU, "Asia/Dushanbe", "tg ru", "central_asia"),
    _national("United Kingdom", "GB", EU, "Europe/London", "en", "british_irish"),
    _national("Uzbekistan", "UZ", EU, "Asia/Tashkent", "uz ru", "central_asia"),
    # Latin America and the Caribbean
    _national("Argentina", "AR", LA, "America/Argentina/Buenos_Aires", "es", "latin_america", 3),
    _national("Brazil", "BR", LA, "America/Sao_Paulo America/Manaus", "pt en", "brazil", 3),
    _national("Chile", "CL", LA, "America/Santiago", "es", "latin_america"),
    _national("Colombia", "CO", LA, "America/Bogota", "es en", "latin_america", 3),
    _national("Costa Rica", "CR", LA, "America/Costa_Rica", "es", "latin_america"),
    _national("Ecuador", "EC", LA, "America/Guayaquil", "es", "latin_america"),
    _national("Guatemala", "GT", LA, "America/Guatemala", "es", "latin_america"),
    _national("Mexico", "MX", LA, "America/Mexico_City", "es en", "latin_america", 3),
    _national("Peru", "PE", LA, "America/Lima", "es", "latin_america"),
    _national("Uruguay", "UY", LA, "America/Montevideo", "es", "latin_america"),
    # North America
    _national("Canada", "CA", NA, "America/Toronto America/Vancouver America/Halifax", "en fr",
              "north_america", 4),
    _national("United States", "US", NA,
              "America/New_York America/Chicago America/Denver America/Los_Angeles", "en es",
              "north_america", 4),
    # Oceania
    _national("Australia", "AU", OC,
              "Australia/Sydney Australia/Brisbane Australia/Perth Australia/Adelaide", "en",
              "oceania", 4),
    _national("New Zealand", "NZ", OC, "Pacific/Auckland", "en", "oceania", 3),
    _national("Papua New Guinea", "PG", OC, "Pacific/Port_Moresby", "en", "png"),
    # Organisational nodes: international bodies, no country.
    NodeSpec("Catalogue of Life", "", EU, ("Europe/Amsterdam",), ("en", "nl"), "dutch",
             Node.Kind.ORGANISATIONAL, 2),
    NodeSpec("Ocean Biodiversity Information System", "", EU, ("Europe/Brussels",), ("en", "fr"),
             "french", Node.Kind.ORGANISATIONAL, 2),
    NodeSpec("NatureServe", "", NA, ("America/New_York",), ("en",), "north_america",
             Node.Kind.ORGANISATIONAL, 2),
    NodeSpec("International Centre for Integrated Mountain Development", "", AS,
             ("Asia/Kathmandu",), ("en", "ne"), "nepal", Node.Kind.ORGANISATIONAL, 2),
]

SECRETARIAT = NodeSpec(
    "GBIF Secretariat", "DK", EU, ("Europe/Copenhagen",), ("en", "da"), "secretariat",
    Node.Kind.SECRETARIAT, 0,
)

# Secretariat staff are fixed: (name, role, email or None, languages).
SECRETARIAT_STAFF: list[tuple[str, str, str | None, tuple[str, ...]]] = [
    ("Astrid Nørgaard", Role.ORGANISER, ORGANISER_EMAIL, ("en", "da")),
    ("Kwame Asante", Role.ORGANISER, None, ("en", "fr")),
    ("Lucía Herrera", Role.ORGANISER, None, ("en", "es")),
    ("Camille Laurent", Role.FACILITATOR, None, ("en", "fr")),
    ("Henrik Bach", Role.FACILITATOR, None, ("en", "da", "de")),
    ("Mai Nguyen", Role.PRESENTER, None, ("en", "vi")),
    ("Tomás Oliveira", Role.PRESENTER, None, ("en", "pt", "es")),
    ("Sofie Lund", Role.PARTICIPANT, None, ("en", "da")),
]

# Invited observers without a node: (name, email, zone, languages).
GUESTS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("Rosa Delgado", GUEST_EMAIL, "America/Bogota", ("es", "en")),
    ("Oliver Grant", f"oliver.grant@{EMAIL_DOMAIN}", "Europe/London", ("en",)),
]

# The demo participant login is a member of this node.
PARTICIPANT_LOGIN_NODE = "GBIF Spain"

# First names and family names by naming tradition, comma-separated.
NAMES_TEXT: dict[str, tuple[str, str]] = {
    "west_africa_fr": (
        "Aïcha, Kossi, Mariam, Koffi, Fatoumata, Sènan, Adjoa, Mamadou, Afi, Ibrahima",
        "Houngbédji, Agbodjan, Diallo, Camara, Kpodar, Adjovi, Mensah, Sow, Ngono, Fotso",
    ),
    "east_africa": (
        "Wanjiru, Otieno, Amina, Baraka, Neema, Kamau, Zawadi, Okello, Achieng, Juma",
        "Mwangi, Odhiambo, Njoroge, Kimaro, Mushi, Nakato, Ssempala, Wekesa, Chebet, Mollel",
    ),
    "nigeria": (
        "Chiamaka, Oluwaseun, Ngozi, Emeka, Aisha, Tunde, Ifeoma, Babatunde, Zainab, Chinedu",
        "Okafor, Adeyemi, Balogun, Eze, Nwosu, Abubakar, Olatunji, Okonkwo, Ibrahim, Adebayo",
    ),
    "southern_africa": (
        "Thandiwe, Sipho, Lerato, Pieter, Naledi, Tendai, Chikondi, Themba, Nomvula, Farai",
        "Dlamini, Naidoo, van der Merwe, Mokoena, Banda, Moyo, Nkosi, Phiri, Botha, Chirwa",
    ),
    "madagascar": (
        "Hery, Voahangy, Tiana, Rindra, Fara, Andry, Lalao, Mamy",
        "Rakotoarisoa, Randriamanana, Rasoanaivo, Andrianjafy, Razafindrakoto, Rabearivelo",
    ),
    "india": (
        "Priya, Arjun, Ananya, Rahul, Kavya, Vikram, Deepa, Sanjay, Lakshmi, Aditya",
        "Sharma, Iyer, Reddy, Nair, Gupta, Menon, Rao, Patel, Krishnan, Banerjee",
    ),
    "nepal": (
        "Sabina, Bikash, Sunita, Prakash, Anjana, Rajesh, Pooja, Nabin",
        "Shrestha, Gurung, Tamang, Adhikari, Thapa, Maharjan, Rai, Karki",
    ),
    "sri_lanka": (
        "Nimali, Kasun, Dilani, Tharindu, Chathurika, Ruwan, Ishara, Lahiru",
        "Perera, Fernando, Jayawardena, Wickramasinghe, Silva, Bandara, Rajapaksha, Gunasekara",
    ),
    "indonesia": (
        "Dewi, Budi, Siti, Agus, Ratna, Hendra, Putri, Wahyu",
        "Santoso, Wijaya, Hidayat, Kusuma, Nugroho, Saputra, Lestari, Setiawan",
    ),
    "japan": (
        "Yuki, Haruto, Aiko, Takeshi, Sakura, Kenji, Naoko, Hiroshi",
        "Tanaka, Suzuki, Takahashi, Watanabe, Ito, Nakamura, Kobayashi, Yamamoto",
    ),
    "korea": (
        "Ji-woo, Min-jun, Seo-yeon, Hyun-woo, Eun-ji, Dong-hyun, Soo-ah, Jae-won",
        "Kim, Lee, Park, Choi, Jung, Kang, Yoon, Lim",
    ),
    "taiwan": (
        "Mei-ling, Chih-hao, Yu-ting, Wei-jie, Hsiao-wen, Chun-yi, Pei-shan, Kuan-lin",
        "Chen, Lin, Huang, Chang, Wang, Tsai, Liu, Yang",
    ),
    "philippines": (
        "Maria Clara, Jose, Andrea, Paolo, Kristine, Miguel, Angelica, Rafael",
        "Santos, Reyes, Cruz, Bautista, Villanueva, Dela Cruz, Garcia, Mendoza",
    ),
    "vietnam": (
        "Linh, Minh, Thu, Quang, Hoa, Tuấn, Lan, Đức",
        "Nguyễn, Trần, Lê, Phạm, Hoàng, Vũ, Đặng, Bùi",
    ),
    "armenia": (
        "Anahit, Aram, Lusine, Tigran, Mariam, Armen",
        "Hakobyan, Petrosyan, Sargsyan, Grigoryan, Harutyunyan, Avetisyan",
    ),
    "georgia": (
        "Nino, Giorgi, Tamar, Levan, Ketevan, Davit",
        "Beridze, Kapanadze, Gelashvili, Lomidze, Tsiklauri, Maisuradze",
    ),
    "central_asia": (
        "Dilnoza, Rustam, Malika, Farrukh, Zarina, Bakhtiyor, Nigora, Jamshid",
        "Karimov, Rahimov, Nazarov, Yusupov, Saidov, Tursunov, Sharipov, Mirzoev",
    ),
    "german": (
        "Anna, Lukas, Katharina, Jonas, Sabine, Matthias, Lena, Florian",
        "Müller, Schmidt, Weber, Hoffmann, Becker, Wagner, Huber, Keller",
    ),
    "dutch": (
        "Sanne, Daan, Femke, Thijs, Lotte, Bram, Eva, Joost",
        "de Vries, Jansen, van Dijk, Bakker, Visser, Peeters, Janssens, Maes",
    ),
    "danish": (
        "Mette, Søren, Freja, Anders, Signe, Mikkel, Karen, Rasmus",
        "Nielsen, Jensen, Hansen, Pedersen, Andersen, Kristensen, Larsen, Sørensen",
    ),
    "norwegian": (
        "Ingrid, Magnus, Sigrid, Eirik, Solveig, Håkon, Kari, Lars",
        "Johansen, Olsen, Berg, Haugen, Solberg, Dahl, Lie, Bakke",
    ),
    "swedish": (
        "Elin, Johan, Maja, Erik, Linnea, Oskar, Karin, Gustav",
        "Lindqvist, Andersson, Berglund, Nyström, Holm, Ek, Lundgren, Sjöberg",
    ),
    "finnish": (
        "Aino, Mikko, Sanna, Juha, Tuuli, Antti, Kaisa, Ville",
        "Virtanen, Korhonen, Mäkinen, Nieminen, Laine, Heikkinen, Koskinen, Järvinen",
    ),
    "estonian": (
        "Kadri, Mart, Liis, Tõnu, Triin, Priit",
        "Tamm, Saar, Sepp, Mägi, Kask, Rebane",
    ),
    "polish": (
        "Agnieszka, Piotr, Katarzyna, Tomasz, Magdalena, Paweł, Zofia, Michał",
        "Nowak, Kowalczyk, Wiśniewski, Zieliński, Lewandowski, Wójcik, Kamiński, Dąbrowski",
    ),
    "french": (
        "Amélie, Mathilde, Julien, Camille, Étienne, Hélène, Noémie, Théo, Claire, Antoine",
        "Dubois, Lefèvre, Moreau, Girard, Fontaine, Mercier, Rousseau, Lambert, Chevalier, "
        "Faure",
    ),
    "spanish": (
        "Lucía, Javier, Carmen, Pablo, Marta, Alejandro, Elena, Sergio",
        "García, Fernández, López, Martínez, Sánchez, Romero, Navarro, Torres",
    ),
    "portuguese": (
        "Inês, João, Beatriz, Tiago, Mariana, Rui, Sofia, Nuno",
        "Silva, Santos, Ferreira, Pereira, Costa, Oliveira, Rodrigues, Almeida",
    ),
    "brazil": (
        "Ana Luiza, Rafael, Juliana, Thiago, Fernanda, Gustavo, Camila, Leonardo",
        "Souza, Lima, Carvalho, Ribeiro, Barbosa, Gomes, Araújo, Nascimento",
    ),
    "latin_america": (
        "Valentina, Mateo, Camila, Santiago, Daniela, Andrés, Gabriela, Diego, Ximena, Joaquín",
        "Rodríguez, González, Hernández, Ramírez, Vargas, Castillo, Morales, Rojas, Quispe, "
        "Mendoza",
    ),
    "british_irish": (
        "Siobhan, Oliver, Charlotte, Ciarán, Emily, James, Aoife, Thomas",
        "Murphy, Smith, O'Brien, Walsh, Taylor, Evans, Kelly, Clarke",
    ),
    "north_america": (
        "Jennifer, Michael, Ashley, David, Sarah, Christopher, Megan, Daniel, Aiyana, "
        "Geneviève, Marc-André, Kevin",
        "Johnson, Williams, Brown, Tremblay, Gagnon, Thompson, Roy, Davis, Anderson, Begay",
    ),
    "oceania": (
        "Chloe, Liam, Matilda, Jack, Isla, Hamish, Ruby, Lachlan, Aroha, Tāne",
        "Wilson, Mitchell, Campbell, Harris, Robinson, Ngata, Parata, Kelly, Cooper, Stewart",
    ),
    "png": (
        "Grace, Joseph, Esther, Peter, Ruth, Samuel",
        "Kila, Namaliu, Wari, Tau, Kaupa, Somare",
    ),
}


def _split(text: str) -> list[str]:
    return [name.strip() for name in text.split(",")]


NAMES: dict[str, tuple[list[str], list[str]]] = {
    culture: (_split(firsts), _split(lasts)) for culture, (firsts, lasts) in NAMES_TEXT.items()
}

_ASCII = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "Ł": "L",
                        "đ": "d", "Đ": "D", "'": "", "’": ""})


def email_local_part(first: str, last: str) -> str:
    """ASCII, lower case: ``email_local_part("Søren", "van Dijk") == "soren.van-dijk"``."""

    def ascii_part(text: str) -> str:
        text = unicodedata.normalize("NFKD", text.translate(_ASCII))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        return "-".join(text.lower().split())

    return f"{ascii_part(first)}.{ascii_part(last)}"


# --------------------------------------------------------------------------
# The program.
# --------------------------------------------------------------------------

THEMES = [
    ("Theme 1: The role of nodes in the next strategic period",
     "How the nodes shape and carry out the network's next strategic plan."),
    ("Theme 2: Exploring future directions",
     "Data pipelines, the data model, global policy, the private sector and data use."),
    ("Theme 3: Product development and tools",
     "Updates on the tools nodes use and offer to their communities."),
    ("Theme 4: Content and use",
     "Collections, taxonomy, data quality and how published data are used."),
    ("Marine data", "Working with the ocean data community on marine data mobilization."),
]

PRESENTATIONS = {
    0: [
        "Welcome to the meeting, with reflections on the future of the nodes model",
        "The role of the nodes in the next strategic plan",
        "Developing network values as part of the strategic plan",
        "The resource mobilization strategy and what it means for nodes",
        "Strengthening regional capacity: following up on the discussions on regional offices",
    ],
    1: [
        "Technical collaboration on data pipelines: results, governance of shared software, risks",
        "Looking ahead: the data model beyond the star schema — what, why, how and when",
        "The network and the post-2020 global biodiversity framework",
        "Private-sector engagement: guidance materials and the role of nodes",
        "Increasing data use through thematic communities: health and DNA",
        "Ambassadors and users: do you know your users, and how do nodes engage them?",
    ],
    2: [
        "Living Atlases community update",
        "Hosted portals update",
        "The future of the Integrated Publishing Toolkit (IPT)",
        "Data exports available on the cloud",
        "Regional and national branding and identity for nodes",
    ],
    3: [
        "Introduction to the registry of scientific collections: what it is and why it matters",
        "The backbone taxonomy: how it is assembled now, and the future with the Catalogue of Life",
        "Working with issues and flags",
        "Sensitive species data",
        "Analysing downloads of contributed datasets",
    ],
}

DEMO_GROUPS = [
    ("Live demos, group 1: data mobilization training and sequence-derived data", [
        "How to teach the data mobilization course on site and online",
        "Guide and training materials for sequence-derived data",
    ]),
    ("Live demos, group 2: tools for node data mobilization strategies", [
        "How to administer an IPT",
        "How nodes can use and contribute to the registry of scientific collections",
        "GitHub for nodes: tracking products and content, logging an issue, the country issue tag",
    ]),
    ("Live demos, group 3: node updates and demos", [
        "A national checklist pipeline built on the IPT",
        "Engaging citizen scientists in data cleaning",
    ]),
]

PREPARE_FROM = "18 March 2027"
CONTRIBUTE_BY = "11 March 2027"

PANEL_GOAL = (
    "To explore key themes with panels of experts from the community, building on short "
    "pre-recorded presentations from the nodes and the Secretariat on topics the nodes asked "
    "for in the consultation."
)
PANEL_FORMAT = (
    f"Key updates are posted on this page from {PREPARE_FROM} as short pre-recorded "
    "presentations that can be reused as training or outreach material. The live session is a "
    "panel discussion with all presenters. Ask questions on the forum before the session, or "
    "during it."
)
QA_GOAL = (
    "To share updates from the nodes and the Secretariat on topics the nodes asked for in the "
    "consultation, and let nodes ask questions for further discussion."
)
QA_FORMAT = (
    f"Updates are posted on this page from {PREPARE_FROM} as short pre-recorded presentations "
    "(at most 7 minutes each). The live session is a Q&A with all presenters: questions from "
    "the forum first, then questions from the room, upvoted and moderated."
)
DEMO_GOAL = (
    "For nodes and the Secretariat to show practical demonstrations of how to use the network's "
    "tools and materials."
)
DEMO_FORMAT = (
    "Each presenter guides participants through a practical demo of the topic. The sessions are "
    "recorded and the recordings published on this page after the event."
)
REGIONAL_GOAL = (
    "To continue node-level discussions in regional groups led by the regional representatives."
)
REGIONAL_FORMAT = (
    "A 1.5-hour video meeting led by the regional representatives, at a time of day that suits "
    "the region."
)
EVALUATION_GOAL = "To capture feedback from the nodes on the meeting."

MEETING_DESCRIPTION = (
    "A five-day virtual meeting of the network's nodes: panels and live Q&As built on "
    "pre-recorded presentations, networking, live demos, regional sessions at hours that suit "
    "each region, a marine data session and a game show.\n\n"
    "The meeting runs Thursday and Friday, then Monday to Wednesday. Europe moves to summer "
    "time over the weekend, so a session at 14:00 in Copenhagen is an hour earlier in UTC in "
    "the second week. Every time on this site is shown in your own time zone.\n\n"
    "*This is demo data: the people and nodes are made up.* Please check back regularly for "
    "updates, including how to prepare for each session."
)


def _at(day: int, hour: int, minute: int = 0, zone: str = MEETING_ZONE) -> datetime:
    """A wall-clock time on a day of March 2027 in ``zone``."""
    return datetime(2027, 3, day, hour, minute, tzinfo=ZoneInfo(zone))


REGION_ZONES = {spec.name: spec.main_zone for spec in REGIONS}

# Regional sessions, planned in the region's main zone: (region, day, hour, minute).
REGIONAL_TIMES = {
    "Asia": (26, 9, 30),                              # 04:00 UTC Fri
    "Africa": (26, 11, 0),                            # 10:00 UTC Fri
    "Europe and Central Asia": (29, 11, 0),           # 09:00 UTC Mon
    "Latin America and the Caribbean": (29, 12, 30),  # 15:30 UTC Mon
    "North America": (30, 13, 0),                     # 17:00 UTC Tue
    "Oceania": (30, 11, 0),                           # 00:00 UTC Tue
}


# --------------------------------------------------------------------------
# Building it.
# --------------------------------------------------------------------------


@dataclass
class _Person:
    first: str
    last: str
    email: str
    role: str
    node: str | None
    time_zone: str
    languages: list[str]

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


class _Steps:
    def __init__(self, total: int, progress: Progress | None):
        self.done = 0
        self.total = total
        self.progress = progress

    def __call__(self, label: str) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(label, self.done, self.total)


def _people(rng: Random) -> list[_Person]:
    """Everyone in the meeting, in a fixed order; roles from the seed."""
    used_names: set[str] = set()
    used_emails: set[str] = set()

    def email_for(first: str, last: str) -> str:
        local = email_local_part(first, last)
        candidate, n = local, 1
        while f"{candidate}@{EMAIL_DOMAIN}" in used_emails:
            n += 1
            candidate = f"{local}{n}"
        email = f"{candidate}@{EMAIL_DOMAIN}"
        used_emails.add(email)
        return email

    def name_for(culture: str) -> tuple[str, str]:
        firsts, lasts = NAMES[culture]
        for _ in range(200):
            first, last = rng.choice(firsts), rng.choice(lasts)
            if f"{first} {last}" not in used_names:
                used_names.add(f"{first} {last}")
                return first, last
        raise RuntimeError(f"ran out of names for {culture}")  # pragma: no cover

    people: list[_Person] = []
    for name, role, email, languages in SECRETARIAT_STAFF:
        used_names.add(name)
        first, last = name.split(" ", 1)
        people.append(_Person(
            first, last, email or email_for(first, last), role, SECRETARIAT.name,
            SECRETARIAT.zones[0], list(languages),
        ))
    for node in NODES:
        for index in range(node.people):
            first, last = name_for(node.culture)
            zone = node.zones[0] if index == 0 else rng.choice(node.zones)
            languages = [node.languages[0]]
            for extra in node.languages[1:]:
                if extra == "en" or rng.random() < 0.4:
                    languages.append(extra)
            people.append(_Person(
                first, last, email_for(first, last), Role.PARTICIPANT, node.name,
                zone, languages,
            ))
    # The participant login: the first person of the Spanish node.
    login = next(p for p in people if p.node == PARTICIPANT_LOGIN_NODE)
    used_emails.discard(login.email)
    login.email = PARTICIPANT_EMAIL
    for name, email, zone, languages in GUESTS:
        first, last = name.split(" ", 1)
        people.append(_Person(first, last, email, Role.GUEST, None, zone, list(languages)))

    # One regional representative per region, a facilitator; then presenters.
    node_region = {node.name: node.region for node in NODES}
    node_kind = {node.name: node.kind for node in NODES}
    for region in REGIONS:
        candidates = [
            p for p in people
            if p.node and node_region.get(p.node) == region.name and p.role == Role.PARTICIPANT
            and node_kind[p.node] == Node.Kind.NATIONAL and p.email != PARTICIPANT_EMAIL
        ]
        rng.choice(candidates).role = Role.FACILITATOR
    # The marine session's speaker comes from the ocean data body.
    obis = next(p for p in people if p.node == "Ocean Biodiversity Information System")
    obis.role = Role.PRESENTER
    candidates = [
        p for p in people
        if p.role == Role.PARTICIPANT and p.node not in (None, SECRETARIAT.name)
        and p.email != PARTICIPANT_EMAIL
    ]
    for person in rng.sample(candidates, 12):
        person.role = Role.PRESENTER
    return people


def _bullets(items: list[tuple[str, Participant]]) -> str:
    return "\n".join(f"- {title} — {p.name} ({p.node.name})" for title, p in items)


def build_demo(*, seed: int = 2021, progress: Progress | None = None) -> DemoResult:
    """Create the demo meeting in the current database; see the module docstring."""
    with transaction.atomic():
        return _build(seed=seed, progress=progress)


def _build(*, seed: int, progress: Progress | None) -> DemoResult:
    if Meeting.objects.filter(slug=MEETING_SLUG).exists():
        raise ValueError(
            f"A meeting with the slug {MEETING_SLUG!r} already exists: build the demo on a fresh "
            "database (convener demo does this for you)."
        )
    rng = Random(seed)
    step = _Steps(total=9 + 20, progress=progress)
    User = get_user_model()

    # Regions and nodes.
    regions: dict[str, Region] = {}
    for order, spec in enumerate(REGIONS, start=1):
        regions[spec.name], _ = Region.objects.get_or_create(
            name=spec.name, defaults={"slug": spec.slug, "order": order}
        )
    step("regions")
    nodes: dict[str, Node] = {}
    for spec in [SECRETARIAT, *NODES]:
        nodes[spec.name], _ = Node.objects.get_or_create(
            name=spec.name,
            defaults={"country": spec.country, "region": regions[spec.region], "kind": spec.kind},
        )
    step("nodes")

    meeting = Meeting(
        name=MEETING_NAME, slug=MEETING_SLUG, description=MEETING_DESCRIPTION,
        start_date=START_DATE, end_date=END_DATE, time_zone=MEETING_ZONE,
        registration=Meeting.Registration.OPEN,
    )
    meeting.full_clean()
    meeting.save()
    themes = [
        Theme.objects.create(meeting=meeting, name=name, description=description, order=order)
        for order, (name, description) in enumerate(THEMES, start=1)
    ]
    step("meeting and themes")

    # People: users in bulk; three sign-in accounts with a fresh password each.
    people = _people(rng)
    emails = [p.email for p in people]
    if User.objects.filter(email__in=emails).exists():
        raise ValueError("Some demo users already exist: build the demo on a fresh database.")
    logins = [Login(email, secrets.token_urlsafe(9))
              for email in (ORGANISER_EMAIL, PARTICIPANT_EMAIL, GUEST_EMAIL)]
    passwords = dict(logins)
    unusable = make_password(None)
    users = []
    for person in people:
        user = User(username=person.email, email=person.email, first_name=person.first,
                    last_name=person.last)
        if person.email in passwords:
            user.set_password(passwords[person.email])
        else:
            user.password = unusable
        if person.email == ORGANISER_EMAIL:
            user.is_staff = user.is_superuser = True
        users.append(user)
    User.objects.bulk_create(users)
    user_ids = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
    step("users")

    from allauth.account.models import EmailAddress

    EmailAddress.objects.bulk_create(
        EmailAddress(user_id=user_ids[email], email=email, verified=True, primary=True)
        for email in passwords
    )
    step("sign-in accounts")

    participants = [
        Participant(
            meeting=meeting, user_id=user_ids[p.email], name=p.name,
            node=nodes[p.node] if p.node else None, role=p.role, time_zone=p.time_zone,
            languages=p.languages,
        )
        for p in people
    ]
    for participant in participants:
        participant.full_clean(exclude=["user", "meeting", "node", "calendar_token"])
    Participant.objects.bulk_create(participants)
    by_email = {
        participant.user.email: participant
        for participant in Participant.objects.filter(meeting=meeting).select_related(
            "user", "node", "node__region"
        )
    }
    step("participants")

    _program(meeting, themes, regions, people, by_email, rng, step)
    _availability_poll(meeting, by_email, rng)
    _prompt_bank(meeting)
    from convener.demo.discussion import build_demo_discussion  # threads, a live Q&A with votes, a draft poll

    build_demo_discussion(meeting=meeting, organiser=by_email[ORGANISER_EMAIL], keep_free=by_email[PARTICIPANT_EMAIL],
                          rng=Random(seed + 11))
    from convener.demo.surveys import build_demo_surveys  # the evaluation survey and one session's feedback

    build_demo_surveys(meeting=meeting, organiser=by_email[ORGANISER_EMAIL],
                       keep_free=by_email[PARTICIPANT_EMAIL], rng=Random(seed + 7))
    step("availability poll")

    counts = {
        "regions": len(regions),
        "nodes": len(nodes),
        "participants": Participant.objects.filter(meeting=meeting).count(),
        "sessions": Session.objects.filter(meeting=meeting).count(),
        "themes": len(themes),
        "session roles": SessionRole.objects.filter(session__meeting=meeting).count(),
        "program changes": ProgramChange.objects.filter(meeting=meeting).count(),
    }
    roles = dict(Counter(str(p.role) for p in people))
    step("demo meeting ready")
    return DemoResult(meeting=meeting, counts=counts, logins=logins, roles=roles)


def _program(
    meeting: Meeting,
    themes: list[Theme],
    regions: dict[str, Region],
    people: list[_Person],
    by_email: dict[str, Participant],
    rng: Random,
    step: _Steps,
) -> None:
    staff = [by_email[p.email] for p in people if p.node == SECRETARIAT.name]
    lead, chair, producer, host_facilitator, game_host, helpdesk, _, _ = staff
    presenters = [by_email[p.email] for p in people if p.role == Role.PRESENTER]
    rng.shuffle(presenters)
    obis = next(p for p in presenters if p.node.name == "Ocean Biodiversity Information System")
    node_presenters = [p for p in presenters if p is not obis and p is not helpdesk]
    reps = {
        by_email[p.email].node.region.name: by_email[p.email]
        for p in people if p.role == Role.FACILITATOR and p.node != SECRETARIAT.name
    }
    for name, rep in reps.items():
        rep.represents = regions[name]
    Participant.objects.bulk_update(reps.values(), ["represents"])
    F, M = SessionRole.Role.FACILITATOR, SessionRole.Role.MODERATOR
    K = Session.Kind
    turn = iter(range(10_000))

    talks: dict[str, Participant] = {PRESENTATIONS[0][0]: lead}  # who gives each pre-recorded talk

    def speakers(titles: list[str]) -> str:
        pairs = [(t, node_presenters[next(turn) % len(node_presenters)]) for t in titles]
        talks.update(pairs)
        return _bullets(pairs)

    def add(kind: str, title: str, starts_at: datetime, minutes: int,
            people_roles: list[tuple[Participant, str]], **fields: object) -> Session:
        session = services.session_create(
            meeting=meeting, people=people_roles, kind=kind, title=title, starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=minutes),
            join_link=JOIN_LINK_PREFIX + secrets.token_urlsafe(12), **fields,
        )
        step(title)
        return session

    # Thursday 25 March (CET, UTC+1)
    add(K.PLENARY, "Opening plenary: welcome to the Global Nodes Meeting", _at(25, 13), 45,
        [(lead, F), (chair, M)],
        goal="To welcome everyone, introduce the week's program and explain how the sessions, "
             "recordings and forum discussions fit together.",
        format="A 45-minute plenary with welcomes from the Secretariat and the chair of the "
               "nodes committee, then a short tour of the program.",
        preparation="Read the program and star the sessions you want on your agenda. Check "
                    "that times are shown in your own time zone.")
    add(K.ICEBREAKER, ICEBREAKER_TITLE, _at(25, 14), 60, [(host_facilitator, F), (producer, F)],
        goal="To encourage informal conversation between nodes so that everyone feels "
             "connected to the community, new nodes can meet other members of the network, and "
             "everyone takes an active part from the very start.",
        format="A virtual gathering to create the opportunity to mingle. A few questions "
               "stimulate discussion but keep it fairly open; nodes and Secretariat staff can "
               "drop in and out.",
        preparation="Nothing to prepare. Think of one thing your node is proud of this year.")
    add(K.PANEL, "Theme 1: The role of nodes in the next strategic period — live panel",
        _at(25, 15, 30), 90, [(host_facilitator, M)], theme=themes[0], goal=PANEL_GOAL,
        format=PANEL_FORMAT,
        preparation="Watch the pre-recorded presentations before the live panel and post your "
                    "questions on the forum:\n\n"
                    + _bullets([(PRESENTATIONS[0][0], lead)]) + "\n"
                    + speakers(PRESENTATIONS[0][1:]))

    # Friday 26 March (CET)
    def add_regional(name: str) -> None:
        day, hour, minute = REGIONAL_TIMES[name]
        starts_at = _at(day, hour, minute, REGION_ZONES[name])
        add(K.REGIONAL, f"Regional nodes session: {name}", starts_at, 90, [(reps[name], F)],
            region=regions[name], goal=REGIONAL_GOAL, format=REGIONAL_FORMAT,
            preparation=f"The agenda is set by the regional representative, {reps[name].name} "
                        f"({reps[name].node.name}), and shared with the region's nodes "
                        "beforehand.")

    add_regional("Asia")
    add_regional("Africa")
    add(K.PANEL, "Theme 2: Exploring future directions — live panel", _at(26, 14), 90,
        [(chair, M)], theme=themes[1], goal=PANEL_GOAL, format=PANEL_FORMAT,
        preparation="Watch the pre-recorded presentations before the live panel and post your "
                    "questions on the forum:\n\n" + speakers(PRESENTATIONS[1]))
    add(K.NETWORKING, "Speed dating networking activity", _at(26, 16), 60,
        [(host_facilitator, F), (producer, F)],
        goal="For nodes to share ideas for collaborative projects with other nodes in the "
             "network.",
        format="Rounds in breakout rooms of three or four, mixing nodes and regions so nobody "
               "meets the same person twice. A prepared question in each room prompts a "
               "discussion on possible partnerships.",
        preparation="Think of one project you would like a partner node for.")

    # Monday 29 March (CEST, UTC+2)
    add_regional("Europe and Central Asia")
    add(K.LIVE_QA, THEME3_TITLE, _at(29, 14), 90, [(host_facilitator, F)], theme=themes[2],
        goal=QA_GOAL, format=QA_FORMAT,
        preparation="Watch the pre-recorded presentations before the live Q&A and post your "
                    "questions on the forum:\n\n" + speakers(PRESENTATIONS[2]))
    demo_sessions = []
    demo_sessions.append(add(
        K.DEMO, DEMO_GROUPS[0][0], _at(29, 16), 60, [(producer, F)], goal=DEMO_GOAL,
        format=DEMO_FORMAT, preparation="Demos:\n\n" + speakers(DEMO_GROUPS[0][1])))
    add_regional("Latin America and the Caribbean")

    # Tuesday 30 March (CEST)
    add_regional("Oceania")
    add(K.LIVE_QA, "Theme 4: Content and use — live Q&A", _at(30, 14), 90, [(chair, F)],
        theme=themes[3], goal=QA_GOAL, format=QA_FORMAT,
        preparation="Watch the pre-recorded presentations before the live Q&A and post your "
                    "questions on the forum:\n\n" + speakers(PRESENTATIONS[3]))
    demo_sessions.append(add(
        K.DEMO, DEMO_GROUPS[1][0], _at(30, 16), 60, [(producer, F)], goal=DEMO_GOAL,
        format=DEMO_FORMAT, preparation="Demos:\n\n" + speakers(DEMO_GROUPS[1][1])))
    add_regional("North America")

    # Wednesday 31 March (CEST)
    add(K.DEMO, DEMO_GROUPS[2][0], _at(31, 10), 60, [(host_facilitator, F)], goal=DEMO_GOAL,
        format=DEMO_FORMAT,
        preparation="Demos:\n\n" + speakers(DEMO_GROUPS[2][1]) + "\n\nStill have a demo or "
                    "presentation you would like us to consider? Send it in through the call "
                    f"for contributions before {CONTRIBUTE_BY}.")
    add(K.THEMATIC, "Marine data mobilization session", _at(31, 13), 90, [(chair, M)],
        theme=themes[4],
        goal="To update the community on the collaboration with the ocean biodiversity "
             "community and discuss how nodes can work together on marine data mobilization.",
        format="A pre-recorded presentation introduces the collaboration, with examples of "
               "nodes and ocean data partners working together. The 1.5-hour live session "
               "discusses how to strengthen the collaboration and work towards common "
               "guidelines, so that marine data are published to both networks in one step.",
        preparation=f"Watch the introduction, posted from {PREPARE_FROM}:\n\n"
                    + _bullets([("Marine data: working together", obis)]))
    add(K.GAME_SHOW, "Portal functionality: nodes vs. helpdesk", _at(31, 15), 60,
        [(game_host, F)],
        goal="To demonstrate some of the lesser-known functions of the data portal through a "
             "fun, interactive session.",
        format=f"A one-hour game show in which teams of nodes battle {helpdesk.name} from the "
               "data products team to find answers with the portal's filters and metrics. "
               "Teams work in breakout rooms; the audience answers graded polls and a live "
               f"scoreboard keeps count. Game show host: {game_host.name}.",
        preparation="Sign in to the data portal before the session and join a team with the "
                    "other nodes of your region.")
    add(K.EVALUATION, "Evaluation: survey and open floor", _at(31, 16, 30), 45,
        [(host_facilitator, F), (producer, F)], goal=EVALUATION_GOAL,
        format="A short survey, then an open floor discussion for closing remarks.",
        preparation="Have a look back at the sessions you attended.")
    add(K.PLENARY, "Closing plenary", _at(31, 17, 15), 30, [(lead, F)],
        goal="To close the meeting and look ahead to what comes next.",
        format="A 30-minute plenary: highlights of the week and next steps.")

    # A session "already held": its recording is attached, so the change feed says so.
    services.session_attach_recording(session=demo_sessions[1], url=RECORDING_URL)
    step("recording")
    from convener.demo.videos import add_videos

    add_videos(meeting=meeting, organiser=by_email[ORGANISER_EMAIL], recording_url=RECORDING_URL,
               talks={**talks, "Marine data: working together": obis})


def _availability_poll(meeting: Meeting, by_email: dict[str, Participant], rng: Random) -> None:
    """An open poll for a follow-up call, answered by some participants as their own hours suggest."""
    from convener.scheduling import poll_services, slots
    from convener.scheduling.models import AvailabilityPoll

    organiser = by_email[ORGANISER_EMAIL]
    poll = poll_services.poll_create(
        meeting=meeting, created_by=organiser, title="Follow-up call of the marine data working group",
        description="Which of these times could you make for a one-hour follow-up after the marine data session?",
        duration_minutes=60, starts=[_at(29, 8), _at(29, 15), _at(30, 22), _at(31, 7)],
    )
    poll_services.poll_set_status(poll=poll, by=organiser, status=AvailabilityPoll.Status.OPEN)
    options = list(poll.options.all())
    answer_for = {slots.Level.WORKING: "yes", slots.Level.EDGE: "maybe"}
    voters = sorted(
        (p for p in by_email.values() if p.role != Role.GUEST and p.user.email != PARTICIPANT_EMAIL),
        key=lambda p: p.pk,
    )
    for participant in rng.sample(voters, 40):
        person = slots.Person(id=str(participant.pk), zone=participant.time_zone or meeting.time_zone)
        answers = {
            option.pk: answer_for.get(slots.level_for(person, option.starts_at, timedelta(minutes=60)), "no")
            for option in options
        }
        poll_services.poll_answer(poll=poll, participant=participant, answers=answers)


PROMPTS = [
    "What is one thing your node is proud of this year?",
    "Which data gap in your country or region worries you most?",
    "Which tool or service would you like another node to show you?",
    "What joint project could two of the nodes in this room start?",
    "How do you reach the users of your data at home?",
    "What would help your node most in the next strategic period?",
]


def _prompt_bank(meeting: Meeting) -> None:
    """Conversation starters for the icebreaker and the speed networking, one per round in order."""
    from convener.networking.models import Prompt, VideoSettings

    Prompt.objects.bulk_create(Prompt(meeting=meeting, text=text, order=i) for i, text in enumerate(PROMPTS))
    VideoSettings.objects.create(meeting=meeting, provider=VideoSettings.Provider.JITSI)
