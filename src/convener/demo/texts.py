"""What the demo's program says: themes, pre-recorded talks, demo groups, the goal and format of each kind."""

THEMES = [
    (
        "Theme 1: The role of nodes in the next strategic period",
        "How the nodes shape and carry out the network's next strategic plan.",
    ),
    (
        "Theme 2: Exploring future directions",
        "Data pipelines, the data model, global policy, the private sector and data use.",
    ),
    ("Theme 3: Product development and tools", "Updates on the tools nodes use and offer to their communities."),
    ("Theme 4: Content and use", "Collections, taxonomy, data quality and how published data are used."),
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
    (
        "Live demos, group 1: data mobilization training and sequence-derived data",
        [
            "How to teach the data mobilization course on site and online",
            "Guide and training materials for sequence-derived data",
        ],
    ),
    (
        "Live demos, group 2: tools for node data mobilization strategies",
        [
            "How to administer an IPT",
            "How nodes can use and contribute to the registry of scientific collections",
            "GitHub for nodes: tracking products and content, logging an issue, the country issue tag",
        ],
    ),
    (
        "Live demos, group 3: node updates and demos",
        [
            "A national checklist pipeline built on the IPT",
            "Engaging citizen scientists in data cleaning",
        ],
    ),
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
    "For nodes and the Secretariat to show practical demonstrations of how to use the network's tools and materials."
)
DEMO_FORMAT = (
    "Each presenter guides participants through a practical demo of the topic. The sessions are "
    "recorded and the recordings published on this page after the event."
)
REGIONAL_GOAL = "To continue node-level discussions in regional groups led by the regional representatives."
REGIONAL_FORMAT = (
    "A 1.5-hour video meeting led by the regional representatives, at a time of day that suits the region."
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
