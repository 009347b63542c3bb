"""The network of the demo: regions, nodes, the Secretariat, guests, and the people in them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from random import Random

from convener.demo.base import EMAIL_DOMAIN, GUEST_EMAIL, ORGANISER_EMAIL, PARTICIPANT_EMAIL
from convener.demo.names import NAMES
from convener.people.models import Node, Participant

Role = Participant.Role


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
    RegionSpec("Latin America and the Caribbean", "latin-america-and-the-caribbean", "America/Sao_Paulo"),
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


def _national(
    country: str,
    code: str,
    region: str,
    zones: str,
    languages: str,
    culture: str,
    people: int = 2,
    name: str | None = None,
) -> NodeSpec:
    return NodeSpec(
        name=name or f"GBIF {country}",
        country=code,
        region=region,
        zones=tuple(zones.split()),
        languages=tuple(languages.split()),
        culture=culture,
        people=people,
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
    _national("Canada", "CA", NA, "America/Toronto America/Vancouver America/Halifax", "en fr", "north_america", 4),
    _national(
        "United States",
        "US",
        NA,
        "America/New_York America/Chicago America/Denver America/Los_Angeles",
        "en es",
        "north_america",
        4,
    ),
    # Oceania
    _national(
        "Australia",
        "AU",
        OC,
        "Australia/Sydney Australia/Brisbane Australia/Perth Australia/Adelaide",
        "en",
        "oceania",
        4,
    ),
    _national("New Zealand", "NZ", OC, "Pacific/Auckland", "en", "oceania", 3),
    _national("Papua New Guinea", "PG", OC, "Pacific/Port_Moresby", "en", "png"),
    # Organisational nodes: international bodies, no country.
    NodeSpec("Catalogue of Life", "", EU, ("Europe/Amsterdam",), ("en", "nl"), "dutch", Node.Kind.ORGANISATIONAL, 2),
    NodeSpec(
        "Ocean Biodiversity Information System",
        "",
        EU,
        ("Europe/Brussels",),
        ("en", "fr"),
        "french",
        Node.Kind.ORGANISATIONAL,
        2,
    ),
    NodeSpec("NatureServe", "", NA, ("America/New_York",), ("en",), "north_america", Node.Kind.ORGANISATIONAL, 2),
    NodeSpec(
        "International Centre for Integrated Mountain Development",
        "",
        AS,
        ("Asia/Kathmandu",),
        ("en", "ne"),
        "nepal",
        Node.Kind.ORGANISATIONAL,
        2,
    ),
]

SECRETARIAT = NodeSpec(
    "GBIF Secretariat",
    "DK",
    EU,
    ("Europe/Copenhagen",),
    ("en", "da"),
    "secretariat",
    Node.Kind.SECRETARIAT,
    0,
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


_ASCII = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "'": "", "’": ""}
)


def email_local_part(first: str, last: str) -> str:
    """ASCII, lower case: ``email_local_part("Søren", "van Dijk") == "soren.van-dijk"``."""

    def ascii_part(text: str) -> str:
        text = unicodedata.normalize("NFKD", text.translate(_ASCII))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        return "-".join(text.lower().split())

    return f"{ascii_part(first)}.{ascii_part(last)}"


@dataclass
class Person:
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


def make_people(rng: Random) -> list[Person]:
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

    people: list[Person] = []
    for name, role, email, languages in SECRETARIAT_STAFF:
        used_names.add(name)
        first, last = name.split(" ", 1)
        people.append(
            Person(
                first,
                last,
                email or email_for(first, last),
                role,
                SECRETARIAT.name,
                SECRETARIAT.zones[0],
                list(languages),
            )
        )
    for node in NODES:
        for index in range(node.people):
            first, last = name_for(node.culture)
            zone = node.zones[0] if index == 0 else rng.choice(node.zones)
            languages = [node.languages[0]]
            for extra in node.languages[1:]:
                if extra == "en" or rng.random() < 0.4:
                    languages.append(extra)
            people.append(
                Person(
                    first,
                    last,
                    email_for(first, last),
                    Role.PARTICIPANT,
                    node.name,
                    zone,
                    languages,
                )
            )
    # The participant login: the first person of the Spanish node.
    login = next(p for p in people if p.node == PARTICIPANT_LOGIN_NODE)
    used_emails.discard(login.email)
    login.email = PARTICIPANT_EMAIL
    for name, email, zone, languages in GUESTS:
        first, last = name.split(" ", 1)
        people.append(Person(first, last, email, Role.GUEST, None, zone, list(languages)))

    # One regional representative per region, a facilitator; then presenters.
    node_region = {node.name: node.region for node in NODES}
    node_kind = {node.name: node.kind for node in NODES}
    for region in REGIONS:
        candidates = [
            p
            for p in people
            if p.node
            and node_region.get(p.node) == region.name
            and p.role == Role.PARTICIPANT
            and node_kind[p.node] == Node.Kind.NATIONAL
            and p.email != PARTICIPANT_EMAIL
        ]
        rng.choice(candidates).role = Role.FACILITATOR
    # The marine session's speaker comes from the ocean data body.
    obis = next(p for p in people if p.node == "Ocean Biodiversity Information System")
    obis.role = Role.PRESENTER
    candidates = [
        p
        for p in people
        if p.role == Role.PARTICIPANT and p.node not in (None, SECRETARIAT.name) and p.email != PARTICIPANT_EMAIL
    ]
    for person in rng.sample(candidates, 12):
        person.role = Role.PRESENTER
    return people
