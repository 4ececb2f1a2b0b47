//! The guide's words: its five phases, six capability areas, relationship
//! goals and habits. A derived plan starts from these and fills in the
//! person's roles, years and numbers; the person rewrites them freely.

use crate::model::{Area, Cadence, Circle};

/// One of the guide's multi-year phases.
pub(super) struct PhaseText {
    pub id: &'static str,
    pub name: &'static str,
    pub objective: &'static str,
    /// Key achievements: id suffix, title, and whether it is due in the
    /// phase's first year rather than its last.
    pub achievements: &'static [(&'static str, &'static str, bool)],
    pub skills: &'static [&'static str],
    pub relationships: &'static [&'static str],
    /// The milestone that closes the phase: id suffix and title.
    pub milestone: (&'static str, &'static str),
    /// Annual objectives for a year of this phase, beyond revenue and
    /// personal development: leadership, relationships, strategic.
    pub year_objectives: [&'static str; 3],
    /// The year's main initiative.
    pub initiative: &'static str,
}

pub(super) const PHASES: [PhaseText; 5] = [
    PhaseText {
        id: "foundation",
        name: "Territory excellence & foundation",
        objective: "Master the role and build the foundation for advancement",
        achievements: &[
            ("quota", "Exceed the annual quota by 15%+ every year", false),
            (
                "intelligence",
                "Implement a customer intelligence system",
                true,
            ),
            ("planning", "Develop a territory planning methodology", true),
            ("ranking", "Rank #1 or #2 among peer sales managers", false),
            (
                "best-practices",
                "Present best practices at the regional sales meeting",
                false,
            ),
        ],
        skills: &[
            "Advanced selling methodology (Challenger, MEDDIC)",
            "Data analysis and business intelligence tools",
            "Strategic account planning",
            "Time and territory management",
            "Professional communication: writing and presenting",
        ],
        relationships: &[
            "A strong relationship with the Regional Sales Director",
            "3-5 peer top performers nationally",
            "A mentor: a VP or senior leader",
            "Deeper relationships with the top 10 customers",
            "1-2 professional industry groups",
        ],
        milestone: (
            "methodology",
            "A documented sales methodology that others can use",
        ),
        year_objectives: [
            "Complete an advanced sales methodology course and apply it to the top accounts",
            "Build a mentor relationship with a VP or senior leader",
            "Implement a customer intelligence system across the top 20 accounts",
        ],
        initiative: "Develop and document the territory planning methodology",
    },
    PhaseText {
        id: "expansion",
        name: "Strategic contributor & expansion",
        objective: "Expand responsibility and become the go-to expert",
        achievements: &[
            ("mentoring", "Mentor one or two junior sales managers", true),
            (
                "initiative",
                "Lead a strategic initiative: a new market or product launch",
                false,
            ),
            (
                "speaking",
                "Speak at an industry conference or customer event",
                false,
            ),
            (
                "ranking",
                "Rank consistently among the top 3 sales managers nationally",
                false,
            ),
            (
                "publishing",
                "Publish thought leadership: articles and case studies",
                false,
            ),
        ],
        skills: &[
            "Team leadership and coaching fundamentals",
            "Strategic planning and initiative management",
            "Change management",
            "Executive communication and influence",
            "Financial acumen: P&L, forecasting, budgeting",
        ],
        relationships: &[
            "C-level customers",
            "A national network of top performers across regions",
            "Industry influencers and thought leaders",
            "Company executives at VP level",
            "A leadership role in a professional association",
        ],
        milestone: (
            "ready",
            "Ready for a management role: track record and skills",
        ),
        year_objectives: [
            "Mentor one or two junior sales managers",
            "Build relationships with C-level customers and company VPs",
            "Lead a strategic initiative: a new market or product launch",
        ],
        initiative: "Publish a thought-leadership article or case study",
    },
    PhaseText {
        id: "people-leadership",
        name: "People leadership",
        objective: "Make the move to managing managers",
        achievements: &[
            (
                "team",
                "Build a high-performing team: every direct report exceeds quota",
                false,
            ),
            (
                "methodology",
                "Develop and implement the team's sales methodology",
                true,
            ),
            (
                "initiative",
                "Launch a major strategic initiative: a new market or a transformation",
                false,
            ),
            ("growth", "Grow the region 20%+ a year", false),
            (
                "promotion",
                "Develop talent: one or more direct reports promoted",
                false,
            ),
        ],
        skills: &[
            "Talent selection and development",
            "Performance management",
            "Strategic team planning",
            "Resource allocation and budgeting",
            "Conflict resolution and difficult conversations",
            "Building culture and engagement",
        ],
        relationships: &[
            "Peer regional managers",
            "Sales Operations and Marketing partners",
            "An executive sponsor (VP or C-level)",
            "Industry visibility: speaking, writing, committees",
            "Cross-functional influence",
        ],
        milestone: ("proven", "A proven people leader with a track record"),
        year_objectives: [
            "Every direct report exceeds quota",
            "Partner with Sales Operations and Marketing, and win an executive sponsor",
            "Develop and implement the team sales methodology",
        ],
        initiative: "Launch a major strategic initiative: a new market or a transformation",
    },
    PhaseText {
        id: "multi-region",
        name: "Multi-region leadership",
        objective: "Expand the scope and the strategic impact",
        achievements: &[
            (
                "portfolio",
                "Manage a multi-state or multi-region portfolio",
                true,
            ),
            ("share", "Drive significant market share gains", false),
            ("systems", "Develop scalable processes and systems", false),
            (
                "pipeline",
                "Build a leadership pipeline: several promotions from the team",
                false,
            ),
            (
                "recognition",
                "Recognized nationally as a top performer and leader",
                false,
            ),
        ],
        skills: &[
            "Enterprise-level strategic planning",
            "Organizational design",
            "Executive decision-making",
            "Board-level communication",
            "Change leadership at scale",
            "Thought leadership and industry influence",
        ],
        relationships: &[
            "C-suite relationships, internal and at customers",
            "Board or advisory roles",
            "Industry leadership positions",
            "A national and international network",
            "Published author or regular speaker",
        ],
        milestone: ("ready", "Ready for a VP or equivalent role"),
        year_objectives: [
            "Build the leadership pipeline: promotions from the team",
            "Build C-suite relationships inside the company and at customers",
            "Develop scalable processes and systems across the regions",
        ],
        initiative: "Drive market share gains across the regions",
    },
    PhaseText {
        id: "executive",
        name: "Executive leadership",
        objective: "Lead as VP of Sales or equivalent",
        achievements: &[
            ("pl", "P&L responsibility for a major business unit", true),
            ("strategy", "Shape company strategy and direction", false),
            (
                "leadership-team",
                "Build and lead a high-performing leadership team",
                false,
            ),
            ("transformation", "Drive transformational change", false),
            (
                "thought-leader",
                "Industry recognition as a thought leader",
                false,
            ),
        ],
        skills: &[
            "Executive leadership",
            "Board-level strategy",
            "Corporate governance",
            "Enterprise P&L management",
            "Mergers, acquisitions and partnerships",
            "Public speaking and media",
        ],
        relationships: &[
            "Board relationships",
            "A national C-suite peer network",
            "Industry leadership: association boards, conferences",
            "Executive mentorship: developing the next generation",
        ],
        milestone: (
            "established",
            "An established executive, shaping the industry",
        ),
        year_objectives: [
            "Build and lead a high-performing leadership team",
            "Serve on an industry association board or advisory role",
            "Shape company strategy: lead one transformational change",
        ],
        initiative: "Take P&L responsibility for a major business unit",
    },
];

/// A capability area of the guide: its skill id, name, what it covers and
/// development actions.
pub(super) struct AreaText {
    pub area: Area,
    pub id: &'static str,
    pub name: &'static str,
    pub focus: &'static [&'static str],
    pub actions: &'static [&'static str],
}

pub(super) const AREAS: [AreaText; 6] = [
    AreaText {
        area: Area::Sales,
        id: "sales-excellence",
        name: "Sales excellence",
        focus: &["methodology", "advanced selling", "negotiation"],
        actions: &[
            "Complete an advanced selling methodology course (Challenger or MEDDIC)",
            "Take a negotiation workshop",
        ],
    },
    AreaText {
        area: Area::Leadership,
        id: "leadership",
        name: "Leadership",
        focus: &["team building", "coaching", "talent development"],
        actions: &[
            "Complete a sales leadership certification",
            "Mentor one or two junior colleagues",
        ],
    },
    AreaText {
        area: Area::Strategy,
        id: "strategic-thinking",
        name: "Strategic thinking",
        focus: &["planning", "analysis", "decision-making"],
        actions: &[
            "Write the annual territory plan",
            "Learn P&L, forecasting and budgeting",
        ],
    },
    AreaText {
        area: Area::Presence,
        id: "executive-presence",
        name: "Executive presence",
        focus: &["communication", "influence", "credibility"],
        actions: &[
            "Practise public speaking (Toastmasters or equivalent)",
            "Present at the regional sales meeting",
        ],
    },
    AreaText {
        area: Area::Technical,
        id: "technical-expertise",
        name: "Technical expertise",
        focus: &["industry knowledge", "product mastery"],
        actions: &[
            "Earn the current product certifications",
            "Read and share one industry article a week",
        ],
    },
    AreaText {
        area: Area::Brand,
        id: "personal-brand",
        name: "Personal brand",
        focus: &["speaking", "writing", "networking"],
        actions: &[
            "Publish a LinkedIn article on B2B sales strategy",
            "Speak at an industry event",
        ],
    },
];

pub(super) fn area_text(area: Area) -> &'static AreaText {
    AREAS.iter().find(|a| a.area == area).unwrap_or(&AREAS[0])
}

/// A relationship goal: id, title, circle, target, and whether it is due at
/// the end of the second phase rather than the first.
pub(super) const RELATIONSHIPS: [(&str, &str, Circle, u32, bool); 7] = [
    (
        "regional-director",
        "A strong relationship with the Regional Sales Director",
        Circle::Internal,
        1,
        false,
    ),
    (
        "peer-network",
        "Connect with 3-5 peer top performers nationally",
        Circle::Internal,
        5,
        false,
    ),
    (
        "senior-mentor",
        "A mentor relationship with a VP or senior leader",
        Circle::Mentor,
        1,
        false,
    ),
    (
        "top-customers",
        "Deeper relationships with the top 10 customers",
        Circle::External,
        10,
        false,
    ),
    (
        "industry-groups",
        "Join 1-2 professional industry groups",
        Circle::Community,
        2,
        false,
    ),
    (
        "thought-leadership",
        "Talks and articles: share the methodology",
        Circle::ThoughtLeadership,
        4,
        false,
    ),
    (
        "mentees",
        "Mentor one or two junior sales managers",
        Circle::Mentee,
        2,
        true,
    ),
];

/// The guide's daily and weekly habits: id, title, cadence, minutes and
/// the ids of the goals each serves (`{objectives}` stands for the first
/// year's annual objectives).
pub(super) const HABITS: [(&str, &str, Cadence, u32, &[&str]); 5] = [
    (
        "thinking-time",
        "30 minutes of strategic thinking",
        Cadence::Daily,
        30,
        &["strategic-thinking"],
    ),
    (
        "account-review",
        "Review one account in depth",
        Cadence::Daily,
        20,
        &["territory-revenue"],
    ),
    (
        "industry-reading",
        "Read and share one new industry article",
        Cadence::Weekly,
        30,
        &["technical-expertise", "personal-brand"],
    ),
    (
        "relationship-touch",
        "Strengthen one relationship",
        Cadence::Weekly,
        30,
        &["top-customers", "peer-network"],
    ),
    (
        "weekly-review",
        "Progress review and planning",
        Cadence::Weekly,
        45,
        &["{objectives}"],
    ),
];

/// The guide's monthly review questions.
pub(super) const MONTHLY_QUESTIONS: [&str; 5] = [
    "What did I accomplish this month?",
    "What's ahead of target? Behind target?",
    "What did I learn?",
    "What needs to change next month?",
    "Am I working on the right things?",
];

/// The guide's quarterly reflection questions.
pub(super) const QUARTERLY_QUESTIONS: [&str; 6] = [
    "What went well this quarter?",
    "What didn't go as planned?",
    "What did I learn?",
    "What needs to change?",
    "Am I still on track for the annual and multi-year goals?",
    "Do goals need adjustment based on new information?",
];

/// The guide's annual strategic planning steps.
pub(super) const ANNUAL_QUESTIONS: [&str; 5] = [
    "Review the year's performance: all goals against actuals, achievements, learnings",
    "Assess multi-year progress: on track for the 3, 5 and 10-year vision?",
    "Environmental scan: industry, company direction, personal situation",
    "Next year's strategy: 3-5 objectives, targets, development priorities, initiatives",
    "Update the multi-year roadmap: adjust the timeline, keep it aligned with the vision",
];
