//! The words postings are written in: section headings, must/nice wording, years of experience,
//! levels, labels and places. Kept as data (pattern tables) so a missed phrasing is a one-line
//! fix and the tests can walk the tables.

use regex::Regex;
use std::sync::LazyLock;

/// What a section of a posting is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// About the role: prose for the description.
    Overview,
    /// What the person will do.
    Responsibilities,
    /// Minimum / basic / must-have qualifications.
    Required,
    /// Qualifications without a strength in the heading (must unless the item says otherwise).
    Qualifications,
    /// Preferred / nice-to-have / bonus.
    Preferred,
    /// Benefits and perks (boilerplate).
    Benefits,
    /// Pay (boilerplate, but the salary is read from it).
    Compensation,
    /// About the company (boilerplate, but the company name may be in the heading).
    AboutUs,
    /// Equal-opportunity, accommodation and privacy statements (boilerplate).
    Eeo,
    /// How to apply, the interview process (boilerplate).
    Apply,
    /// Where the job is.
    Location,
}

impl Kind {
    /// Whether items of this section are requirements, and their default strength.
    pub(crate) fn default_must(self) -> Option<bool> {
        match self {
            Kind::Required | Kind::Qualifications => Some(true),
            Kind::Preferred => Some(false),
            _ => None,
        }
    }

    /// The name used in "boilerplate: …" reasons.
    pub(crate) fn boilerplate(self) -> Option<&'static str> {
        match self {
            Kind::Benefits => Some("benefits"),
            Kind::Compensation => Some("compensation"),
            Kind::AboutUs => Some("about us"),
            Kind::Eeo => Some("equal opportunity"),
            Kind::Apply => Some("how to apply"),
            _ => None,
        }
    }
}

// Shorthands expanded before compiling, so the tables read like the headings they match.
// Headings are normalised first (lower case, straight apostrophes, punctuation and hyphens to
// spaces, `&` and `/` to "and"), so patterns only deal with words and spaces.
const SHORTHANDS: &[(&str, &str)] = &[
    ("YOU'LL", r"you(?:'?ll| will)?"),
    ("YOU'RE", r"you(?:'?re| are)"),
    ("WE'RE", r"we(?:'?re| are)"),
    ("WE'D", r"we(?:'?d| would)"),
    ("IT'D", r"it(?:'?d| would)"),
    ("WHAT'S", r"what(?:'?s| is)"),
    ("WORDS", r"[a-z0-9' ]+"),
];

/// Heading patterns per section, checked in this order (earlier tables win a tie).
const HEADINGS: &[(Kind, &[&str])] = &[
    (
        Kind::Eeo,
        &[
            r"equal (employment )?opportunit(y|ies)( employer| statement| policy| at WORDS)?",
            r"eeo( statement| policy)?|eoe",
            r"(our )?commitment to (diversity|equity|inclusion|equal opportunity|dei)( WORDS)?",
            r"(diversity|inclusion|dei|d and i|belonging)( WORDS)?",
            r"(diversity )?equity( and)? inclusion( WORDS)?",
            r"(reasonable )?accommodations?( WORDS)?|accessibility",
            r"e verify( WORDS)?",
            r"(our )?non ?discrimination( policy| statement)?",
            concat!(
                r"(applicant |candidate |california |ccpa |gdpr )?(privacy|data protection)",
                r"( notice| policy| statement)?( WORDS)?"
            ),
        ],
    ),
    (
        Kind::Compensation,
        &[
            concat!(
                r"(compensation|salary|pay|base pay|base salary|total compensation)",
                r"( range| ranges| band| bands| details| information| transparency| structure)?",
                r"( for this role| for the role| in the us)?"
            ),
            r"(compensation|salary|pay) and (equity|bonus|benefits)",
            r"pay transparency( notice| statement| disclosure)?",
            r"(expected|target|estimated) (salary|compensation|pay|base salary)( range)?",
            r"the numbers",
        ],
    ),
    (
        Kind::Responsibilities,
        &[
            concat!(
                r"(the |your |key |core |main |primary |major |essential |general |job |role )?",
                r"(responsibilities|duties|accountabilities|tasks)",
                r"( and (duties|responsibilities|expectations|accountabilities))?",
                r"( include| will include| of the role| for this role| in this role| for the role)?"
            ),
            concat!(
                r"what YOU'LL (do|be doing|own|work on|drive|lead|build|achieve|accomplish|deliver",
                r"|be responsible for|focus on|tackle|be working on|get to do)",
                r"( here| in this role| at WORDS| day to day| on a daily basis)?"
            ),
            r"what (the|this) (role|job|position) (involves|entails|looks like)",
            r"in this (role|position)( YOU'LL( be| get to)?( responsible for| do| own| lead)?)?",
            r"in the role",
            r"as (a|an|the|our) WORDS YOU'LL( be)?( responsible for)?",
            r"=you(?:'?ll| will)( be)?( responsible for)?",
            r"you(?:'?ll| will) (do|own|lead|drive|work on|get to)",
            r"(your )?(day to day|a day in the life|daily work|daily responsibilities)( WORDS)?",
            r"what your day (will )?looks? like",
            r"=(your |the )?(impact|challenges)",
            r"how YOU'LL (make an impact|make impact|contribute|spend your time|have impact)",
            r"what success looks like( WORDS)?",
            r"(in )?your first \d+ (days|months)",
            r"(in )?your first (year|six months|three months)( WORDS)?",
            r"=the work|(key )?(expectations|outcomes|objectives)",
        ],
    ),
    (
        Kind::Preferred,
        &[
            concat!(
                r"(preferred|desired|desirable|additional|bonus|optional|nice to have|plus|extra",
                r"|ideal)",
                r" (qualifications|requirements|skills|experience|criteria|points|attributes)",
                r"( and (skills|experience|qualifications))?"
            ),
            concat!(
                r"(qualifications|requirements|skills|experience)",
                r" (preferred|desired|nice to have|bonus|that are a plus)"
            ),
            r"=preferred|desired|desirable|nice to haves?|good to haves?|optional",
            r"=pluses|plus|a plus|bonus",
            r"(bonus|extra|brownie) points( if YOU'LL( also)?( have| bring| are)?)?",
            r"extra credit( if WORDS)?",
            r"even better( if you( also)?( have| bring)?)?",
            concat!(
                r"IT'D be (great|nice|awesome|ideal|a plus|a bonus|even better|helpful|amazing) if",
                r"( you( also)?( have| bring| are| had)?)?"
            ),
            r"(it'?s )?(a |an )?(big |huge |real )?(plus|bonus|advantage) if( you( have)?)?",
            r"WE'D (love|like) (it )?if( you( also)?( have| bring| are)?)?|WE'D love to see",
            r"ideally( YOU'LL( also)? (have|bring|be))?",
            r"(what )?(will|would|could|might) (make you|help you) stand out",
            r"YOU'LL stand out if( you( have)?)?|stand out (qualifications|skills|experience)",
            r"(what |that )?sets? you apart",
            r"(things|skills|experience) that (would|will|could) help",
            r"it helps if( you( have)?)?|(also )?nice if( you( have)?)?|not required but( WORDS)?",
        ],
    ),
    (
        Kind::Required,
        &[
            concat!(
                r"(minimum|basic|required|essential|mandatory|must have|key|core|min)",
                r" (qualifications|requirements|skills|experience|criteria",
                r"|skills and experience|qualifications and experience)",
                r"( and (skills|experience|qualifications))?"
            ),
            r"=must haves?|required|(the )?essentials|non negotiables",
            r"what you (must|need to) have|you (must|need to) have",
        ],
    ),
    (
        Kind::Qualifications,
        &[
            concat!(
                r"(the |your |job |role |position )?",
                r"(qualifications|requirements|skills|experience|competencies|education",
                r"|background)",
                r"( and (skills|experience|qualifications|education|requirements|competencies",
                r"|attributes|knowledge))?",
                r"( required| needed| we need| WE'RE looking for| we value",
                r"| for (this|the) (role|position|job)| YOU'LL need)?"
            ),
            r"(knowledge|skills|qualifications) skills and abilities",
            r"knowledge skills and experience",
            r"=about you|who you are|you are|you have|your (background|profile|experience|skills)",
            concat!(
                r"YOU'LL (thrive|succeed|excel|do well|be a (great |good |strong )?fit)",
                r"( here| in this role| at WORDS)?( if( you( have| are| bring)?)?)?"
            ),
            r"(the )?ideal candidate( will have| has| profile)?|(candidate )?profile",
            r"what WE'RE looking for( in you| in a candidate)?|who WE'RE looking for",
            r"(what|who) WE'RE seeking",
            concat!(
                r"what YOU'LL (need|bring|have)",
                r"( to succeed| to be successful| to the (role|table|team))?"
            ),
            r"what we need( from you)?|what (it|you) (will )?takes?( to succeed)?",
            r"what makes you a (great|good|strong) (fit|candidate|match)",
            concat!(
                r"you (might|may|will|could|would) be a (great |good |strong )?(fit|match)",
                r"( for this role)?( if( you( have)?)?)?"
            ),
            concat!(
                r"(this role|this|this job) (might|may|could) be (for you|a fit|a match)",
                r" if( you( have)?)?"
            ),
            r"=is this you|could this be you|this could be you|are you",
            r"who YOU'LL be|you should (have|apply if)( you( have)?)?",
            r"(to be successful|to succeed|to thrive)( in this role)?( YOU'LL (need|have))?",
            r"WE'D (like|expect) you to (have|bring)|(what )?we expect( from you)?",
            r"(technical|tech|functional) (skills|requirements|qualifications|expertise)",
            r"(experience|requirements|qualifications) (needed|required)",
            r"WE'RE looking for( someone( who)?)?( you)?|you(?:'?ll| will) (need|bring|have)",
        ],
    ),
    (
        Kind::Overview,
        &[
            r"about (the|this) (role|job|position|opportunity|team|product|work)",
            concat!(
                r"=(the |this )?(role|job|position|opportunity)",
                r"( overview| summary| description| details| in brief| in short| in a nutshell)?"
            ),
            r"overview|summary|description|introduction|intro",
            r"(job|role|position) (description|summary|overview)",
            r"=(the )?(team|challenge|product|context)|the mission|your mission",
            r"meet the team|who YOU'LL work with|your team",
            r"why (this|the) (role|job|position|opportunity)( matters| is exciting)?",
            r"what (this|the) (role|job) is( about)?",
        ],
    ),
    (
        Kind::Location,
        &[
            concat!(
                r"(work |job |office |role )?locations?",
                r"( and (remote|hybrid|travel|work model|flexibility)( WORDS)?)?"
            ),
            r"where YOU'LL (work|be|be based|be working)",
            r"(remote|hybrid) (work|policy|working)",
            r"work(place| model| arrangement| environment| setup)",
        ],
    ),
    (
        Kind::Apply,
        &[
            r"how to apply|(ready to )?apply( now| here| today| for this (job|role|position))?",
            r"(the )?(application|interview|hiring|recruiting|recruitment|selection) process",
            r"(our |the )?process",
            r"next steps|what happens next|what to expect( next| from the process)?",
            r"(interested|sounds? like you|does this sound like you|think YOU'RE a fit)( WORDS)?",
        ],
    ),
    (
        Kind::Benefits,
        &[
            concat!(
                r"(our |the )?(benefits|perks|perks and benefits|benefits and perks|rewards",
                r"|total rewards|benefits and rewards)",
                r"( and perks| at WORDS| include| package| overview",
                r"| found in (the )?job post(ing)?)?"
            ),
            r"what we (can )?offer( you)?|we offer|WHAT'S in it for you",
            r"what YOU'LL get( from us| in return)?|in return( we offer| YOU'LL get)?",
            r"why (join|work (with|for|at))( WORDS)?",
            r"why YOU'LL love (working )?(here|with us|at WORDS)",
            r"why WORDS",
            r"(life|working) at WORDS|working (here|with us)|how we (will )?support you",
            r"(our |the )?(offer|package)|health( and)? (wellness|wellbeing|benefits)",
            r"wellbeing|well being|(time off|pto|vacation)( WORDS)?",
        ],
    ),
    (
        Kind::AboutUs,
        &[
            r"about (us|the company|our company|the organization|the organisation)",
            r"who we are|our (story|company|culture|values|mission|mission and values)|the company",
            r"company (overview|description|profile|background|info|information|summary)",
            // Last: "About Acme" names the company (the caller reads the name from the heading).
            r"about WORDS",
        ],
    ),
];

struct Tables {
    /// Whole-heading match, per section in table order.
    full: Vec<(Kind, Regex)>,
    /// Heading starts with a known phrase ("What you'll do at Acme").
    prefix: Vec<(Kind, Regex)>,
    /// A known phrase anywhere ("Here's what you'll be doing"); the catch-all "about X" and
    /// one-word headings are left out, they would fire inside ordinary sentences.
    inner: Vec<(Kind, Regex)>,
}

fn expand(p: &str) -> String {
    SHORTHANDS.iter().fold(p.to_owned(), |s, (k, v)| s.replace(k, v))
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut t = Tables { full: Vec::new(), prefix: Vec::new(), inner: Vec::new() };
    let group = |ps: &[&str]| ps.iter().map(|p| format!("(?:{})", expand(p))).collect::<Vec<_>>();
    for (kind, pats) in HEADINGS {
        // "=" marks a pattern generic enough to match only a whole heading ("You will",
        // "Preferred"): as a prefix it would fire on "You'll love it here" or "Preferred
        // pronouns".
        let whole: Vec<&str> = pats.iter().map(|p| p.trim_start_matches('=')).collect();
        let partial: Vec<&str> = pats.iter().filter(|p| !p.starts_with('=')).copied().collect();
        let alt = group(&whole).join("|");
        t.full.push((*kind, Regex::new(&format!("^(?:{alt})$")).expect("heading table")));
        if !partial.is_empty() {
            let alt = group(&partial).join("|");
            t.prefix.push((*kind, Regex::new(&format!(r"^(?:{alt})\b")).expect("heading table")));
        }
        let inner: Vec<&str> = partial
            .iter()
            .filter(|p| !p.starts_with("about WORDS") && p.contains(' '))
            .copied()
            .collect();
        let inner = group(&inner);
        if !inner.is_empty() {
            let re = format!(r"\b(?:{})\b", inner.join("|"));
            t.inner.push((*kind, Regex::new(&re).expect("heading table")));
        }
    }
    t
});

/// Normalises a heading for matching: lower case, straight apostrophes, `&` and `/` as "and",
/// everything that is not a letter, digit or apostrophe as a space.
pub(crate) fn normalize_heading(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' | '\'' => out.push('\''),
            '&' | '/' | '+' => out.push_str(" and "),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => out.push(' '),
        }
    }
    let words: Vec<&str> =
        out.split_whitespace().map(|w| w.trim_matches('\'')).filter(|w| !w.is_empty()).collect();
    words.join(" ")
}

/// How strongly a line announces itself as a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strength {
    /// A plain line: only a whole-line match of the vocabulary counts.
    Plain,
    /// Marked up as a heading (HTML heading, bold-only, Markdown, ALL CAPS, a trailing colon):
    /// a known phrase at the start or inside is enough.
    Marked,
}

/// The section a heading opens, if its wording is known.
pub(crate) fn classify_heading(text: &str, strength: Strength) -> Option<Kind> {
    let n = normalize_heading(text);
    let words = n.split(' ').filter(|w| !w.is_empty()).count();
    if n.is_empty() || words > 12 {
        return None;
    }
    let t = &*TABLES;
    if let Some((k, _)) = t.full.iter().find(|(_, re)| re.is_match(&n)) {
        return Some(*k);
    }
    if strength == Strength::Plain {
        return None;
    }
    if words <= 8 {
        if let Some((k, _)) = t.prefix.iter().find(|(_, re)| re.is_match(&n)) {
            return Some(*k);
        }
        if let Some((k, _)) = t.inner.iter().find(|(_, re)| re.is_match(&n)) {
            return Some(*k);
        }
    }
    None
}

/// The company named by an "About Acme" heading, when the heading names one.
pub(crate) fn company_from_about(heading: &str) -> Option<String> {
    static ABOUT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?i)\s*about\s+(.+?)\s*[:.!]?\s*$").expect("about regex"));
    let name = ABOUT.captures(heading)?.get(1)?.as_str().trim();
    let n = normalize_heading(name);
    let generic = [
        "us",
        "you",
        "the",
        "this",
        "our",
        "the company",
        "our company",
        "the role",
        "the team",
        "the job",
        "the position",
        "the opportunity",
        "the organization",
        "the organisation",
    ];
    let first = n.split(' ').next().unwrap_or("");
    if generic.contains(&n.as_str())
        || ["the", "this", "our", "your", "you", "us"].contains(&first)
        || !name.chars().next().is_some_and(char::is_uppercase)
        || name.split_whitespace().count() > 5
    {
        return None;
    }
    Some(name.to_owned())
}

// ---------------------------------------------------------------------------------------------
// Must or nice, by wording.

static NICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(preferred|preferably|(a|an) (big |huge |strong |real |definite ",
        r"|major )?(plus|bonus|advantage)|nice[- ]to[- ]haves?|bonus|ideally",
        r"|desirable|advantageous|not (strictly )?(required|necessary|essential",
        r"|mandatory)|optional|would be (great|nice|helpful|beneficial|ideal|a plus",
        r"|a bonus)|is helpful|good[- ]to[- ]have|pluses)\b"
    ))
    .expect("nice regex")
});
static MUST_STRONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(must|required|requires?|mandatory|essential|necessary)\b")
        .expect("must regex")
});
static MUST_QUANT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(at least|minimum|min\.|no less than)\b").expect("quant regex")
});
static NOT_REQUIRED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bnot (strictly )?(required|necessary|essential|mandatory)\b")
        .expect("not-required regex")
});

/// Whether an item is a must-have: its wording when it says, the section's default otherwise.
/// "Preferred" and "a plus" beat the quantifiers "at least"/"minimum" ("at least 2 years
/// preferred" is still nice-to-have); "must"/"required" together with "preferred" is ambiguous
/// and keeps the section's default.
pub(crate) fn must_by_wording(text: &str, section_default: bool) -> bool {
    let nice = NICE.is_match(text);
    let without_not = NOT_REQUIRED.replace_all(text, "");
    let strong = MUST_STRONG.is_match(&without_not);
    let quant = MUST_QUANT.is_match(text);
    match (nice, strong, quant) {
        (true, false, _) => false,
        (false, true, _) | (false, false, true) => true,
        _ => section_default,
    }
}

// ---------------------------------------------------------------------------------------------
// Years of experience.

const NUM: &str = concat!(
    r"(\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven",
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen",
    r"|twenty)"
);

static YEARS: LazyLock<Regex> = LazyLock::new(|| {
    // Groups: 1 the (lower) number, 2 the upper number of a range, 3 the unit, 4 "a decade",
    // 5 "ago"/"old" (not experience).
    let re = concat!(
        r"(?i)\b(?:",
        // "5", "five (5)", then "5+" or "ten-plus"
        r"NUM(?:\s*\(\d{1,2}\))?(?:\s*\+|[\s-]*plus\b)?",
        // a range's upper end: "7-10", "three to five", "8 or more"
        r"(?:\s*(?:-|–|—|to|or)\s*(?:NUM|more)(?:\s*\(\d{1,2}\))?\s*\+?)?",
        r"[\s-]*(?:\+\s*)?",
        r"(?:full[- ]time\s+|total\s+|professional\s+|relevant\s+|progressive\s+)?",
        r"(years?|yrs?|decades?)",
        r"|(an?|one) decade)",
        r"\b(\s+(?:old|ago|of age))?",
    )
    .replace("NUM", NUM);
    Regex::new(&re).expect("years regex")
});

fn number(word: &str) -> Option<f64> {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let w = word.to_ascii_lowercase();
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some(i as f64);
    }
    w.parse().ok()
}

/// Years of experience asked for: the lower bound of each mention ("7-10 years" → 7, "ten
/// years" → 10, "5+ years" → 5), the largest when there are several. Mentions that are not about
/// experience ("5 years ago", "30 years old") and implausible numbers are ignored.
pub(crate) fn parse_years(text: &str) -> Option<f64> {
    let mut best: Option<f64> = None;
    for c in YEARS.captures_iter(text) {
        if c.get(5).is_some() {
            continue; // "5 years ago", "30 years old"
        }
        let value = match (c.get(1), c.get(3), c.get(4)) {
            (Some(n), Some(unit), _) => {
                let v = number(n.as_str());
                // "two decades" is twenty years.
                let decades = unit.as_str().to_ascii_lowercase().starts_with("decade");
                v.map(|v| if decades { v * 10.0 } else { v })
            }
            (_, _, Some(_)) => Some(10.0),
            _ => None,
        };
        if let Some(v) = value.filter(|v| *v > 0.0 && *v <= 40.0) {
            best = Some(best.map_or(v, |b: f64| b.max(v)));
        }
    }
    best
}

// ---------------------------------------------------------------------------------------------
// Levels.

static LEVELS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    let table: &[(&str, &str)] = &[
        ("cpo", r"\bcpo\b|\bchief product\b|\bchief (digital and )?product( and \w+)? officer\b"),
        ("vp", r"\b(s|e|a)?vp\b|\bvice[- ]president\b|\bhead of (\w+ )?product"),
        ("director", r"\bdirector\b|\bdir\. of\b|\bhead of\b"),
        (
            "group-pm",
            concat!(
                r"\b(group|principal|lead|staff)\s+(technical\s+)?(product manager|pm",
                r"|product owner)\b|\bgpm\b|\bproduct lead\b|\blead,? product\b"
            ),
        ),
        (
            "senior-pm",
            concat!(
                r"\b(senior|sr\.?)\s+(technical\s+|digital\s+|growth\s+",
                r"|platform\s+)?(product manager|pm|product owner)\b"
            ),
        ),
        ("pm", r"\bproduct manager\b|\bpm\b|\bproduct owner\b|\bapm\b|\bproduct management\b"),
    ];
    table
        .iter()
        .map(|(l, re)| (*l, Regex::new(&format!("(?i){re}")).expect("level table")))
        .collect()
});

/// The level a title names: "pm", "senior-pm", "group-pm", "director", "vp" or "cpo".
pub(crate) fn level_of(title: &str) -> Option<&'static str> {
    LEVELS.iter().find(|(_, re)| re.is_match(title)).map(|(l, _)| *l)
}

/// The level named in prose ("we're hiring a Senior Product Manager to…").
pub(crate) fn level_in_text(text: &str) -> Option<&'static str> {
    static HIRING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)\b(?:hiring|looking for|seeking|searching for|recruiting|join (?:us",
            r"|our team) as)\s+(?:an?|our|the)\s+(?:first\s+|new\s+",
            r"|founding\s+)?([A-Za-z][A-Za-z ,&-]{2,60})"
        ))
        .expect("hiring regex")
    });
    HIRING.captures_iter(text).find_map(|c| level_of(c.get(1)?.as_str()))
}

/// Whether a line reads like a job title (a role word, short, not a sentence).
pub(crate) fn looks_like_title(s: &str) -> bool {
    static ROLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)\b(manager|director|head of|lead|vp|vice president|president|officer",
            r"|chief|product|engineer|designer|analyst|scientist|architect|owner",
            r"|specialist|consultant|strategist|researcher|pm|gpm|cpo|principal)\b"
        ))
        .expect("role regex")
    });
    let words = s.split_whitespace().count();
    (1..=16).contains(&words)
        && !s.trim_end().ends_with(['.', '!', '?'])
        && ROLE.is_match(s)
        && classify_heading(s, Strength::Plain).is_none()
}

// ---------------------------------------------------------------------------------------------
// Labels ("Location: Remote").

/// What a "Label: value" line sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    Title,
    Company,
    Location,
    Remote,
    Kind,
    Salary,
    Date,
    Experience,
    /// Known but not modelled (department, reports to…): kept in the description.
    Info,
}

/// A "Label: value" line, if the label is known.
pub(crate) fn label(line: &str) -> Option<(Label, &str)> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*([A-Za-z][A-Za-z ]{1,30}?)\s*[:：]\s*(\S.*?)\s*$").expect("label regex")
    });
    let c = LABEL.captures(line)?;
    let key = normalize_heading(c.get(1)?.as_str());
    let value = c.get(2)?.as_str();
    let l = match key.as_str() {
        "job title" | "title" | "position" | "role" | "position title" | "job" => Label::Title,
        "company" | "company name" | "organization" | "organisation" | "employer"
        | "hiring company" => Label::Company,
        "location" | "locations" | "job location" | "office" | "office location" | "based in"
        | "city" => Label::Location,
        "workplace" | "workplace type" | "work type" | "work model" | "remote" | "remote work" => {
            Label::Remote
        }
        "employment type" | "job type" | "type" | "contract type" | "contract" | "schedule"
        | "employment" => Label::Kind,
        "salary" | "salary range" | "compensation" | "pay" | "pay range" | "base salary"
        | "base pay" | "compensation range" => Label::Salary,
        "posted" | "date posted" | "posted on" | "date" => Label::Date,
        "experience level" | "seniority" | "seniority level" | "level" | "career level" => {
            Label::Experience
        }
        "department" | "team" | "function" | "reports to" | "reporting to" | "industry"
        | "job id" | "req id" | "requisition id" | "requisition" | "job code" | "reference"
        | "start date" | "closing date" | "deadline" | "travel" => Label::Info,
        _ => return None,
    };
    Some((l, value))
}

// ---------------------------------------------------------------------------------------------
// Places and work arrangements.

/// "Full", "Hybrid" or "None" (job-schema's `remote`) when the text says.
pub(crate) fn remote_of(s: &str) -> Option<&'static str> {
    static HYBRID: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\bhybrid\b").expect("hybrid regex"));
    static REMOTE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)\b(remote|fully remote|remote[- ]first|work from (home|anywhere)",
            r"|telecommute|distributed)\b"
        ))
        .expect("remote regex")
    });
    static ONSITE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(on[- ]?site|in[- ]office|in[- ]person|office[- ]based)\b")
            .expect("onsite regex")
    });
    if HYBRID.is_match(s) {
        Some("Hybrid")
    } else if REMOTE.is_match(s) {
        Some("Full")
    } else if ONSITE.is_match(s) {
        Some("None")
    } else {
        None
    }
}

const US_STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC",
];

const COUNTRIES: &[(&str, &str)] = &[
    ("united states", "US"),
    ("united states of america", "US"),
    ("usa", "US"),
    ("us", "US"),
    ("u s", "US"),
    ("america", "US"),
    ("canada", "CA"),
    ("united kingdom", "GB"),
    ("uk", "GB"),
    ("great britain", "GB"),
    ("england", "GB"),
    ("scotland", "GB"),
    ("ireland", "IE"),
    ("germany", "DE"),
    ("france", "FR"),
    ("spain", "ES"),
    ("portugal", "PT"),
    ("italy", "IT"),
    ("netherlands", "NL"),
    ("the netherlands", "NL"),
    ("belgium", "BE"),
    ("switzerland", "CH"),
    ("austria", "AT"),
    ("sweden", "SE"),
    ("norway", "NO"),
    ("denmark", "DK"),
    ("finland", "FI"),
    ("poland", "PL"),
    ("czech republic", "CZ"),
    ("czechia", "CZ"),
    ("israel", "IL"),
    ("india", "IN"),
    ("singapore", "SG"),
    ("japan", "JP"),
    ("australia", "AU"),
    ("new zealand", "NZ"),
    ("brazil", "BR"),
    ("mexico", "MX"),
    ("argentina", "AR"),
    ("south africa", "ZA"),
    ("nigeria", "NG"),
    ("kenya", "KE"),
    ("united arab emirates", "AE"),
    ("uae", "AE"),
    ("europe", ""),
    ("emea", ""),
    ("latam", ""),
    ("apac", ""),
    ("greece", "GR"),
    ("turkey", "TR"),
    ("türkiye", "TR"),
    ("saudi arabia", "SA"),
    ("egypt", "EG"),
    ("ghana", "GH"),
    ("pakistan", "PK"),
    ("south korea", "KR"),
    ("china", "CN"),
    ("hong kong", "HK"),
    ("colombia", "CO"),
    ("chile", "CL"),
];

const CITIES: &[(&str, &str, &str)] = &[
    ("san francisco", "CA", "US"),
    ("sf", "CA", "US"),
    ("new york", "NY", "US"),
    ("new york city", "NY", "US"),
    ("nyc", "NY", "US"),
    ("seattle", "WA", "US"),
    ("austin", "TX", "US"),
    ("boston", "MA", "US"),
    ("chicago", "IL", "US"),
    ("los angeles", "CA", "US"),
    ("denver", "CO", "US"),
    ("atlanta", "GA", "US"),
    ("miami", "FL", "US"),
    ("washington", "DC", "US"),
    ("san jose", "CA", "US"),
    ("palo alto", "CA", "US"),
    ("mountain view", "CA", "US"),
    ("toronto", "ON", "CA"),
    ("vancouver", "BC", "CA"),
    ("montreal", "QC", "CA"),
    ("london", "", "GB"),
    ("manchester", "", "GB"),
    ("edinburgh", "", "GB"),
    ("dublin", "", "IE"),
    ("berlin", "", "DE"),
    ("munich", "", "DE"),
    ("hamburg", "", "DE"),
    ("paris", "", "FR"),
    ("amsterdam", "", "NL"),
    ("stockholm", "", "SE"),
    ("copenhagen", "", "DK"),
    ("oslo", "", "NO"),
    ("helsinki", "", "FI"),
    ("zurich", "", "CH"),
    ("madrid", "", "ES"),
    ("barcelona", "", "ES"),
    ("lisbon", "", "PT"),
    ("warsaw", "", "PL"),
    ("prague", "", "CZ"),
    ("tel aviv", "", "IL"),
    ("singapore", "", "SG"),
    ("sydney", "NSW", "AU"),
    ("melbourne", "VIC", "AU"),
    ("tokyo", "", "JP"),
    ("bangalore", "KA", "IN"),
    ("bengaluru", "KA", "IN"),
    ("mumbai", "MH", "IN"),
    ("hyderabad", "TG", "IN"),
    ("sao paulo", "SP", "BR"),
    ("mexico city", "", "MX"),
    ("cape town", "", "ZA"),
    ("lagos", "", "NG"),
    ("nairobi", "", "KE"),
    ("dubai", "", "AE"),
];

/// A parsed place.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Place {
    pub city: Option<String>,
    pub region: Option<String>,
    pub country_code: Option<String>,
}

pub(crate) fn country_code(s: &str) -> Option<&'static str> {
    let n = normalize_heading(s);
    COUNTRIES.iter().find(|(name, _)| *name == n).map(|(_, c)| *c)
}

fn known_city(s: &str) -> Option<(&'static str, &'static str)> {
    let n = normalize_heading(s).replace('ã', "a");
    CITIES.iter().find(|(name, _, _)| *name == n).map(|(_, r, c)| (*r, *c))
}

/// Reads a place from a location as written: "San Francisco, CA", "London, UK", "Berlin",
/// "Remote (US or Canada)", "Hybrid — Boston, MA". Returns `None` when no place is named.
pub(crate) fn parse_place(s: &str) -> Option<Place> {
    static ARRANGEMENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)\b(fully remote|remote[- ]first|remote|hybrid|on[- ]?site|in[- ]office",
            r"|in[- ]person|full[- ]time|part[- ]time|contract|anywhere|friendly|only",
            r"|based|within|in)\b"
        ))
        .expect("arrangement regex")
    });
    // Alternatives ("London or Remote", "NYC / SF"): the first that names a place wins.
    let alternatives = s.split(['(', ')', ';', '/', '|', '·', '•', '—', '–']).flat_map(|p| {
        p.split(" or ").flat_map(|q| q.split(" and ")).map(str::to_owned).collect::<Vec<_>>()
    });
    for alt in alternatives {
        let cleaned = ARRANGEMENT.replace_all(&alt, " ");
        let cleaned = cleaned.trim().trim_matches(|c: char| !c.is_alphanumeric()).trim();
        if cleaned.is_empty() {
            continue;
        }
        let parts: Vec<&str> =
            cleaned.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
        if let Some(place) = place_of_parts(&parts) {
            return Some(place);
        }
    }
    None
}

fn place_of_parts(parts: &[&str]) -> Option<Place> {
    let mut place = Place::default();
    match parts {
        [] => return None,
        [one] => {
            if let Some(code) = country_code(one) {
                if code.is_empty() {
                    // "Europe", "EMEA": a region wider than a country.
                    place.region = Some((*one).to_owned());
                } else {
                    place.country_code = Some(code.to_owned());
                }
            } else if let Some((region, country)) = known_city(one) {
                place.city = Some((*one).to_owned());
                place.region = (!region.is_empty()).then(|| region.to_owned());
                place.country_code = Some(country.to_owned());
            } else {
                return None;
            }
        }
        [city, rest @ ..] => {
            let words = city.split_whitespace().count();
            if words == 0 || words > 4 || !city.chars().next().is_some_and(char::is_uppercase) {
                return None;
            }
            place.city = Some((*city).to_owned());
            for p in rest {
                let up = p.trim_end_matches('.').to_ascii_uppercase();
                if US_STATES.contains(&up.as_str()) && place.region.is_none() {
                    place.region = Some(up);
                    place.country_code.get_or_insert_with(|| "US".to_owned());
                } else if let Some(code) = country_code(p).filter(|c| !c.is_empty()) {
                    place.country_code = Some(code.to_owned());
                } else if place.region.is_none() && p.split_whitespace().count() <= 3 {
                    place.region = Some((*p).to_owned());
                } else {
                    return None;
                }
            }
            // "Product, Payments" is not a place: a known city, a US state or a country must
            // vouch for it.
            if place.country_code.is_none() {
                let (_, c) = known_city(city)?;
                place.country_code = Some(c.to_owned());
            }
        }
    }
    Some(place)
}

/// Employment type as written ("Full-time", "Contract"), when a line names one.
pub(crate) fn employment_type(s: &str) -> Option<String> {
    static KIND: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)\b(full[- ]time|part[- ]time|contract(or)?|temporary|internship",
            r"|permanent|freelance)\b"
        ))
        .expect("kind regex")
    });
    KIND.find(s).map(|m| m.as_str().to_owned())
}

/// A salary range as written ("$180,000 – $220,000", "€120k-140k per year").
pub(crate) fn salary_in(s: &str) -> Option<String> {
    static SALARY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)(?:[$€£]|\b(?:usd|eur|gbp|cad|aud",
            r"|chf)\s?)\s?\d[\d,.]*\s?[km]?(?:\s*(?:-|–|—|to)\s*(?:[$€£]|(?:usd|eur|gbp",
            r"|cad|aud|chf)\s?)?\s?\d[\d,.]*\s?[km]?)?(?:\s*(?:usd|eur|gbp|cad|aud",
            r"|chf)\b)?(?:\s*(?:per|/|a)\s*(?:year|yr|annum|hour|hr|month))?"
        ))
        .expect("salary regex")
    });
    SALARY
        .find_iter(s)
        .map(|m| m.as_str().trim().to_owned())
        .find(|m| m.chars().filter(char::is_ascii_digit).count() >= 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_compile_and_order() {
        assert_eq!(
            classify_heading("What you'll do", Strength::Plain),
            Some(Kind::Responsibilities)
        );
        assert_eq!(classify_heading("About Acme", Strength::Plain), Some(Kind::AboutUs));
        assert_eq!(classify_heading("About the role", Strength::Plain), Some(Kind::Overview));
        assert_eq!(classify_heading("About you", Strength::Plain), Some(Kind::Qualifications));
        assert_eq!(company_from_about("About Acme Health"), Some("Acme Health".into()));
        assert_eq!(company_from_about("About the team"), None);
    }
}
