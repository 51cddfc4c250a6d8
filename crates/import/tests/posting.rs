//! The job-posting reader: five realistic postings (saved HTML with and without JSON-LD, pasted
//! text, job-schema JSON) and tables for heading phrasings, must/nice wording, years, levels,
//! the top of a pasted posting, and bad input.

use pivot_import::posting::{
    extract_posting_html, import_posting_html, import_posting_json, import_posting_text,
};
use pivot_import::{ErrorKind, Posting};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/postings/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Imports a fixture by its extension; also returns the text the spans point into.
fn import(name: &str) -> (Posting, String) {
    let input = fixture(name);
    let (posting, text) = if name.ends_with(".html") {
        (import_posting_html(name, &input), extract_posting_html(&input).text)
    } else if name.ends_with(".txt") {
        (import_posting_text(name, &input), input.clone())
    } else {
        (import_posting_json(name, &input), input.clone())
    };
    (posting.unwrap_or_else(|e| panic!("{name}: {e}")), text)
}

struct Case {
    file: &'static str,
    title: &'static str,
    company: &'static str,
    level: &'static str,
    city: Option<&'static str>,
    country: Option<&'static str>,
    remote: Option<&'static str>,
    kind: &'static str,
    salary: Option<&'static str>,
    must: usize,
    nice: usize,
    responsibilities: usize,
    first_responsibility: &'static str,
    years: f64,
    must_items: &'static [&'static str],
    nice_items: &'static [&'static str],
    /// Reasons that must appear among the unplaced items.
    unplaced: &'static [&'static str],
}

/// Page furniture of the HTML fixtures: none of it may reach the posting or its text.
const FURNITURE: &[&str] = &[
    "Accept all cookies",
    "Manage preferences",
    "Cookie settings",
    "uses cookies",
    "Log in",
    "Pricing",
    "Book a demo",
    "All rights reserved",
    "Privacy",
    "Share this job",
    "Copy link",
    "Apply now",
    "Apply for this job",
    "Related jobs",
    "Senior Data Engineer",
    "Clinical Operations Manager",
    "Similar roles",
    "Director of Engineering",
    "Get new jobs by email",
    "More jobs at",
    "Careers ›",
];

const CASES: &[Case] = &[
    Case {
        file: "director-product-fintech.html",
        title: "Director of Product, Payments & Lending",
        company: "Ledgerline",
        level: "director",
        city: Some("New York"),
        country: Some("US"),
        remote: None,
        kind: "Full-time",
        salary: Some("210000-250000 USD per year"),
        must: 5,
        nice: 3,
        responsibilities: 6,
        first_responsibility: "Set the multi-year strategy and roadmap for payments acceptance, \
                               payouts and working-capital lending",
        years: 8.0,
        must_items: &[
            "Experience setting product strategy for payments or lending",
            "8+ years of product management experience, including at least 3 years leading \
             product managers",
        ],
        nice_items: &["Experience with SMB customers", "An MBA or CFA is a plus"],
        unplaced: &["boilerplate: benefits", "boilerplate: equal opportunity"],
    },
    Case {
        file: "head-of-product-healthtech.html",
        title: "Head of Product",
        company: "Tendwell Health",
        level: "vp",
        city: Some("Boston"),
        country: Some("US"),
        remote: Some("Hybrid"),
        kind: "Full-time",
        salary: None,
        must: 5,
        nice: 4,
        responsibilities: 6,
        first_responsibility: "The product strategy and roadmap across the patient app, clinician \
                               workspace and employer reporting",
        years: 10.0,
        must_items: &[
            "A record of hiring and developing product managers and designers",
            "Able to work from our Boston office at least two days a week",
        ],
        nice_items: &[
            // In the must-have list, but "Ideally" says otherwise.
            "Ideally, experience in digital musculoskeletal or physical therapy care",
            "Familiarity with FDA guidance on software as a medical device",
        ],
        unplaced: &[
            "boilerplate: about us",
            "boilerplate: benefits",
            "boilerplate: equal opportunity",
            "unknown section `How we work`",
        ],
    },
    Case {
        file: "vp-product-b2b-saas.html",
        title: "VP of Product",
        company: "Northwind Ops",
        level: "vp",
        city: Some("Austin"),
        country: Some("US"),
        remote: Some("Full"),
        kind: "Full-time",
        salary: Some("240000-290000 USD per year"),
        must: 4,
        nice: 3,
        responsibilities: 5,
        first_responsibility: "Lead a product organization of eight product managers and four \
                               designers through two directors",
        years: 12.0,
        must_items: &["Must have led pricing and packaging changes"],
        nice_items: &["Background in a product-led growth (PLG) motion"],
        unplaced: &["boilerplate: benefits", "boilerplate: equal opportunity"],
    },
    Case {
        file: "group-pm-devtools.txt",
        title: "Group Product Manager, Developer Platform",
        company: "Stackforge",
        level: "group-pm",
        city: None,
        country: Some("US"),
        remote: Some("Full"),
        kind: "Full-time",
        salary: Some("$185,000 – $215,000 USD"),
        must: 4,
        nice: 5,
        responsibilities: 5,
        first_responsibility: "Set the strategy and roadmap for the Developer Platform group \
                               (build caching, test orchestration, CLI)",
        years: 7.0,
        must_items: &[
            "7-10 years of product management experience, with at least 2 years managing PMs",
            "Proven ability to drive pricing decisions for usage-based products",
        ],
        nice_items: &[
            // Under "What we're looking for", but "a plus".
            "Experience with open-source communities is a plus",
            "Familiarity with Bazel, Gradle or other build systems",
        ],
        unplaced: &[
            "boilerplate: benefits",
            "boilerplate: compensation",
            "boilerplate: equal opportunity",
        ],
    },
    Case {
        file: "senior-pm-climate.json",
        title: "Senior Product Manager, Carbon Accounting",
        company: "Verdant Ledger",
        level: "senior-pm",
        city: Some("Amsterdam"),
        country: Some("NL"),
        remote: Some("Hybrid"),
        kind: "Full-time",
        salary: Some("€95,000–€115,000"),
        must: 3,
        nice: 2,
        responsibilities: 5,
        first_responsibility: "Own the roadmap for the carbon accounting engine, from data \
                               ingestion to the audit trail",
        years: 5.0,
        must_items: &["5+ years of product management experience in B2B software"],
        nice_items: &["Experience with EU CSRD reporting is a plus"],
        unplaced: &[],
    },
];

#[test]
fn fixtures() {
    for c in CASES {
        let (p, text) = import(c.file);
        let f = c.file;
        assert_eq!(p.title.as_deref(), Some(c.title), "{f}: title");
        assert_eq!(p.company.as_deref(), Some(c.company), "{f}: company");
        assert_eq!(p.level.as_deref(), Some(c.level), "{f}: level");
        let loc = p.location.clone().unwrap_or_default();
        assert_eq!(loc.city.as_deref(), c.city, "{f}: city");
        assert_eq!(loc.country_code.as_deref(), c.country, "{f}: country");
        assert_eq!(p.remote.as_deref(), c.remote, "{f}: remote");
        assert_eq!(p.kind.as_deref(), Some(c.kind), "{f}: employment type");
        assert_eq!(p.salary.as_deref(), c.salary, "{f}: salary");

        let must: Vec<&str> =
            p.requirements.iter().filter(|r| r.must).map(|r| r.text.as_str()).collect();
        let nice: Vec<&str> =
            p.requirements.iter().filter(|r| !r.must).map(|r| r.text.as_str()).collect();
        assert_eq!(must.len(), c.must, "{f}: must-haves {must:#?}");
        assert_eq!(nice.len(), c.nice, "{f}: nice-to-haves {nice:#?}");
        for m in c.must_items {
            assert!(must.contains(m), "{f}: `{m}` should be a must-have; must: {must:#?}");
        }
        for n in c.nice_items {
            assert!(nice.contains(n), "{f}: `{n}` should be nice-to-have; nice: {nice:#?}");
        }
        assert_eq!(p.qualifications.len(), c.must + c.nice, "{f}: qualifications as written");
        assert_eq!(p.responsibilities.len(), c.responsibilities, "{f}: responsibilities");
        assert_eq!(p.responsibilities[0], c.first_responsibility, "{f}: first responsibility");
        assert_eq!(p.years, Some(c.years), "{f}: years");

        // Every requirement points at itself in the text it was read from.
        for r in &p.requirements {
            let s = r.source.as_ref().unwrap_or_else(|| panic!("{f}: `{}` has no source", r.text));
            assert_eq!(s.file, c.file);
            assert!(s.line.is_some(), "{f}: `{}` has no line", r.text);
            let (a, b) = s.span.unwrap_or_else(|| panic!("{f}: `{}` has no span", r.text));
            assert_eq!(&text[a..b], r.text, "{f}: span of `{}`", r.text);
            let line = u32::try_from(text[..a].matches('\n').count() + 1).unwrap();
            assert_eq!(s.line, Some(line), "{f}: line of `{}`", r.text);
        }

        let reasons: Vec<&str> = p.unplaced.iter().map(|u| u.reason.as_str()).collect();
        for want in c.unplaced {
            assert!(reasons.contains(want), "{f}: no unplaced `{want}` in {reasons:?}");
        }
        assert!(!reasons.contains(&"no requirements recognised"), "{f}");

        if f.ends_with(".html") {
            let json = serde_json::to_string(&p).unwrap();
            for junk in FURNITURE {
                assert!(!json.contains(junk), "{f}: `{junk}` leaked into the posting");
                assert!(!text.contains(junk), "{f}: `{junk}` leaked into the extracted text");
            }
        }
    }
}

#[test]
fn job_schema_keeps_fields_as_given() {
    let (p, _) = import("senior-pm-climate.json");
    assert_eq!(p.experience.as_deref(), Some("Senior"));
    assert_eq!(p.date.as_deref(), Some("2025-02-10"));
    assert_eq!(p.skills.len(), 2);
    assert_eq!(p.skills[0].keywords, ["GHG Protocol", "Scope 3", "emission factors"]);
    assert!(p.meta.is_some());
    let loc = p.location.unwrap();
    assert_eq!(loc.postal_code.as_deref(), Some("1015 CW"));
}

#[test]
fn json_ld_facts_and_text_description() {
    let (p, text) = import("director-product-fintech.html");
    assert_eq!(p.date.as_deref(), Some("2025-04-14"));
    assert!(p.description.as_deref().unwrap().starts_with("Ledgerline gives small businesses"));
    // The JSON-LD description was read, not the visible copy: the visible title line is absent.
    assert!(!text.contains("New York, NY · Full-time"));
    let (p, text) = import("vp-product-b2b-saas.html");
    // Minimal JSON-LD description: the visible page was read, the JSON-LD facts kept.
    assert_eq!(p.date.as_deref(), Some("2025-03-03"));
    assert!(text.contains("Preferred qualifications"));
}

// ---------------------------------------------------------------------------------------------
// Heading phrasings.

#[derive(Debug, Clone, Copy, PartialEq)]
enum Placed {
    Responsibility,
    Must,
    Nice,
    Boilerplate(&'static str),
    Description,
    Unknown,
}

const ITEM: &str = "Build the quarterly roadmap with engineering";

fn placement(heading: &str) -> Placed {
    let text = format!("Senior Product Manager\nAcme · Remote\n\n{heading}\n- {ITEM}\n");
    let p = import_posting_text("t.txt", &text).unwrap();
    if p.responsibilities.iter().any(|r| r == ITEM) {
        return Placed::Responsibility;
    }
    if let Some(r) = p.requirements.iter().find(|r| r.text == ITEM) {
        return if r.must { Placed::Must } else { Placed::Nice };
    }
    if let Some(u) = p.unplaced.iter().find(|u| u.text.contains(ITEM)) {
        if let Some(name) = u.reason.strip_prefix("boilerplate: ") {
            let names =
                ["benefits", "compensation", "about us", "equal opportunity", "how to apply"];
            let name = names.iter().find(|n| **n == name).expect("known boilerplate name");
            return Placed::Boilerplate(name);
        }
        if u.reason.starts_with("unknown section") {
            return Placed::Unknown;
        }
    }
    if p.description.as_deref().is_some_and(|d| d.contains(ITEM)) {
        return Placed::Description;
    }
    panic!("`{heading}`: item not found in {p:#?}");
}

#[test]
fn heading_phrasings() {
    use Placed::*;
    let table: &[(&str, Placed)] = &[
        ("What you'll do", Responsibility),
        ("What You’ll Do:", Responsibility),
        ("WHAT YOU WILL DO", Responsibility),
        ("Responsibilities", Responsibility),
        ("Key Responsibilities:", Responsibility),
        ("In this role you will", Responsibility),
        ("In this role, you will:", Responsibility),
        ("Your responsibilities", Responsibility),
        ("What you'll be doing", Responsibility),
        ("What you will own", Responsibility),
        ("Day-to-day", Responsibility),
        ("A day in the life", Responsibility),
        ("As a Senior PM, you will:", Responsibility),
        ("Your impact", Responsibility),
        ("Duties", Responsibility),
        ("You will:", Responsibility),
        ("Here's what you'll be doing:", Responsibility),
        ("## What you'll do", Responsibility),
        ("**Responsibilities**", Responsibility),
        ("🚀 What you’ll do", Responsibility),
        ("Here's how you'll make an impact:", Responsibility),
        ("Requirements", Must),
        ("Qualifications", Must),
        ("Minimum qualifications", Must),
        ("Basic Qualifications:", Must),
        ("Required qualifications", Must),
        ("Must have", Must),
        ("Must-haves", Must),
        ("What we're looking for", Must),
        ("What We’re Looking For", Must),
        ("Who you are", Must),
        ("About you", Must),
        ("What you'll bring", Must),
        ("What you bring", Must),
        ("What you need", Must),
        ("You have:", Must),
        ("Required skills", Must),
        ("Skills & experience", Must),
        ("Experience", Must),
        ("Your profile", Must),
        ("The ideal candidate", Must),
        ("You might be a fit if you have", Must),
        ("To be successful in this role you'll need", Must),
        ("You'll thrive here if you have:", Must),
        ("Who we're looking for", Must),
        ("Preferred qualifications", Nice),
        ("Preferred", Nice),
        ("Nice to have", Nice),
        ("Nice-to-haves", Nice),
        ("Bonus points", Nice),
        ("Bonus points if you have:", Nice),
        ("It'd be great if", Nice),
        ("It’d be great if you have:", Nice),
        ("It would be nice if you also have", Nice),
        ("Even better if you have", Nice),
        ("Pluses", Nice),
        ("Desired skills", Nice),
        ("What will make you stand out", Nice),
        ("Extra credit", Nice),
        ("Ideally you'll also have", Nice),
        ("We'd love it if you have", Nice),
        ("It's a plus if you have", Nice),
        ("Good to have", Nice),
        ("Benefits", Boilerplate("benefits")),
        ("Perks", Boilerplate("benefits")),
        ("Perks & Benefits", Boilerplate("benefits")),
        ("What we offer", Boilerplate("benefits")),
        ("What's in it for you", Boilerplate("benefits")),
        ("Why join us", Boilerplate("benefits")),
        ("Why you'll love working here", Boilerplate("benefits")),
        ("Equal opportunity", Boilerplate("equal opportunity")),
        ("Equal Employment Opportunity", Boilerplate("equal opportunity")),
        ("EEO statement", Boilerplate("equal opportunity")),
        ("Diversity & Inclusion", Boilerplate("equal opportunity")),
        ("Our commitment to diversity", Boilerplate("equal opportunity")),
        ("Accommodations", Boilerplate("equal opportunity")),
        ("About us", Boilerplate("about us")),
        ("About Acme", Boilerplate("about us")),
        ("Who we are", Boilerplate("about us")),
        ("About the company", Boilerplate("about us")),
        ("Compensation", Boilerplate("compensation")),
        ("Salary range", Boilerplate("compensation")),
        ("Pay transparency", Boilerplate("compensation")),
        ("How to apply", Boilerplate("how to apply")),
        ("Interview process", Boilerplate("how to apply")),
        ("About the role", Description),
        ("About the job", Description),
        ("The role", Description),
        ("Role overview", Description),
        ("The opportunity", Description),
        ("Job description", Description),
        ("Overview", Description),
        ("Fun facts:", Unknown),
        ("OUR OFFICES", Unknown),
    ];
    let mut wrong = Vec::new();
    for (heading, want) in table {
        let got = placement(heading);
        if got != *want {
            wrong.push(format!("`{heading}`: want {want:?}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn must_or_nice_by_wording() {
    let table: &[(&str, &str, bool)] = &[
        ("Requirements", "Experience with Kafka is a plus", false),
        ("Requirements", "SQL preferred", false),
        ("Requirements", "Ideally, experience in fintech", false),
        ("Requirements", "A CS degree is not required", false),
        ("Requirements", "Bonus: Go experience", false),
        ("Requirements", "Nice to have: Figma", false),
        ("Requirements", "At least 2 years in fintech preferred", false),
        ("Requirements", "Minimum 3 years in B2B SaaS", true),
        ("Requirements", "Experience with SQL", true),
        ("Minimum qualifications", "Experience with SQL", true),
        ("Preferred qualifications", "Experience with SQL", false),
        ("Nice to have", "Must be based in the EU", true),
        ("Nice to have", "At least 2 years in fintech", true),
        ("Bonus points", "Fluent German is required", true),
    ];
    for (heading, item, want) in table {
        let text = format!("Product Manager\n\n{heading}\n- {item}\n");
        let p = import_posting_text("t.txt", &text).unwrap();
        let r = p.requirements.iter().find(|r| r.text == *item);
        let r = r.unwrap_or_else(|| panic!("`{item}` under `{heading}` not a requirement: {p:#?}"));
        assert_eq!(r.must, *want, "`{item}` under `{heading}`");
    }
}

#[test]
fn years_parser() {
    let table: &[(&str, Option<f64>)] = &[
        ("5+ years of product management experience", Some(5.0)),
        ("at least 7 years in product", Some(7.0)),
        ("7-10 years of experience", Some(7.0)),
        ("7–10 years of experience", Some(7.0)),
        ("ten years of experience", Some(10.0)),
        ("Ten-plus years leading teams", Some(10.0)),
        ("three to five years in B2B", Some(3.0)),
        ("five (5) years of experience", Some(5.0)),
        ("8 or more years in fintech", Some(8.0)),
        ("Minimum of 6 yrs experience", Some(6.0)),
        ("1.5 years of experience", Some(1.5)),
        ("a decade of experience in B2B", Some(10.0)),
        ("two decades in payments", Some(20.0)),
        ("Over 12 years leading product", Some(12.0)),
        ("5 + years", Some(5.0)),
        ("10+ years, including 4+ years managing managers", Some(10.0)),
        ("Experience with SQL", None),
        ("Led a product that is 5 years old", None),
        ("Grew a platform launched 3 years ago", None),
        ("Years of experience shipping", None),
        ("Owned the 2024 roadmap", None),
    ];
    for (item, want) in table {
        let text = format!("Product Manager\n\nRequirements\n- {item}\n");
        let p = import_posting_text("t.txt", &text).unwrap();
        assert_eq!(p.requirements.len(), 1, "{item}");
        assert_eq!(p.requirements[0].years, *want, "`{item}`");
        assert_eq!(p.years, *want, "`{item}`: posting years");
    }
}

#[test]
fn posting_years_is_the_max_over_must_haves() {
    let text = "Product Manager\n\nRequirements\n- 3+ years in product\n- 6+ years in \
                product is a plus\n- 5 years of B2B experience\n";
    let p = import_posting_text("t.txt", text).unwrap();
    assert_eq!(p.years, Some(5.0));
}

#[test]
fn levels() {
    let table: &[(&str, Option<&str>)] = &[
        ("Product Manager", Some("pm")),
        ("Associate Product Manager", Some("pm")),
        ("Technical Product Manager", Some("pm")),
        ("Product Owner", Some("pm")),
        ("Senior Product Manager", Some("senior-pm")),
        ("Sr. Product Manager, Growth", Some("senior-pm")),
        ("Senior PM", Some("senior-pm")),
        ("Group Product Manager", Some("group-pm")),
        ("Principal Product Manager", Some("group-pm")),
        ("Lead Product Manager", Some("group-pm")),
        ("Staff Product Manager", Some("group-pm")),
        ("Director of Product", Some("director")),
        ("Product Director", Some("director")),
        ("Senior Director, Product Management", Some("director")),
        ("Director, Product Management", Some("director")),
        ("Head of Product", Some("vp")),
        ("VP Product", Some("vp")),
        ("VP of Product", Some("vp")),
        ("Vice President, Product", Some("vp")),
        ("SVP, Product", Some("vp")),
        ("Chief Product Officer", Some("cpo")),
        ("CPO", Some("cpo")),
        ("Senior Software Engineer", None),
    ];
    for (title, want) in table {
        let text = format!("{title}\nAcme · Remote\n\nRequirements\n- Experience with SQL\n");
        let p = import_posting_text("t.txt", &text).unwrap();
        assert_eq!(p.title.as_deref(), Some(*title));
        assert_eq!(p.level.as_deref(), *want, "`{title}`");
    }
}

#[test]
fn level_from_experience_and_prose() {
    let json = r#"{"title": "Product Manager", "experience": "Senior", "qualifications": ["SQL"]}"#;
    assert_eq!(import_posting_json("j.json", json).unwrap().level.as_deref(), Some("senior-pm"));
    let text = "Acme is hiring a Director of Product to lead our platform teams.\n\n\
                Requirements\n- Experience with SQL\n";
    let p = import_posting_text("t.txt", text).unwrap();
    assert_eq!(p.title, None);
    assert_eq!(p.level.as_deref(), Some("director"));
    assert_eq!(p.company.as_deref(), Some("Acme"));
}

// ---------------------------------------------------------------------------------------------
// The top of a pasted posting.

#[test]
fn titles_companies_locations() {
    struct Top {
        text: &'static str,
        title: &'static str,
        company: Option<&'static str>,
        city: Option<&'static str>,
        country: Option<&'static str>,
        remote: Option<&'static str>,
    }
    let table = [
        Top {
            text: "Senior Product Manager at Acme (Remote)",
            title: "Senior Product Manager",
            company: Some("Acme"),
            city: None,
            country: None,
            remote: Some("Full"),
        },
        Top {
            text: "Job title: Director of Product\nCompany: Globex\nLocation: London, UK",
            title: "Director of Product",
            company: Some("Globex"),
            city: Some("London"),
            country: Some("GB"),
            remote: None,
        },
        Top {
            text: "Product Manager — Berlin",
            title: "Product Manager",
            company: None,
            city: Some("Berlin"),
            country: Some("DE"),
            remote: None,
        },
        Top {
            text: "Staff Product Manager\nInitech\nSan Francisco, CA",
            title: "Staff Product Manager",
            company: Some("Initech"),
            city: Some("San Francisco"),
            country: Some("US"),
            remote: None,
        },
        Top {
            text: "Principal PM, Search\nHooli · Hybrid · Toronto, ON",
            title: "Principal PM, Search",
            company: Some("Hooli"),
            city: Some("Toronto"),
            country: Some("CA"),
            remote: Some("Hybrid"),
        },
        Top {
            text: "Head of Product\n\nAbout Pied Piper\nWe compress things.",
            title: "Head of Product",
            company: Some("Pied Piper"),
            city: None,
            country: None,
            remote: None,
        },
    ];
    for t in &table {
        let text = format!("{}\n\nRequirements\n- Experience with SQL\n", t.text);
        let p = import_posting_text("t.txt", &text).unwrap();
        let loc = p.location.clone().unwrap_or_default();
        assert_eq!(p.title.as_deref(), Some(t.title), "{}", t.text);
        assert_eq!(p.company.as_deref(), t.company, "{}", t.text);
        assert_eq!(loc.city.as_deref(), t.city, "{}", t.text);
        assert_eq!(loc.country_code.as_deref(), t.country, "{}", t.text);
        assert_eq!(p.remote.as_deref(), t.remote, "{}", t.text);
    }
}

#[test]
fn labels_and_inline_headings() {
    let text = "Senior Product Manager\nSalary: $150k - $180k\nEmployment type: Contract\n\
                Experience level: Mid-Senior level\n\n\
                Requirements: 4+ years in product\n- Experience with SQL\n\
                Nice to have: Figma\n";
    let p = import_posting_text("t.txt", text).unwrap();
    assert_eq!(p.salary.as_deref(), Some("$150k - $180k"));
    assert_eq!(p.kind.as_deref(), Some("Contract"));
    assert_eq!(p.experience.as_deref(), Some("Mid-Senior level"));
    let r: Vec<(&str, bool)> = p.requirements.iter().map(|r| (r.text.as_str(), r.must)).collect();
    assert_eq!(r, [("4+ years in product", true), ("Experience with SQL", true), ("Figma", false)]);
    let s = p.requirements[0].source.as_ref().unwrap().span.unwrap();
    assert_eq!(&text[s.0..s.1], "4+ years in product");
}

#[test]
fn lines_that_fit_nowhere_are_listed() {
    let text = "Product Manager\n\nRequirements\n- Experience with SQL\nWe know nobody ticks \
                every box, so apply anyway.\n- Experience with Figma\n";
    let p = import_posting_text("t.txt", text).unwrap();
    assert_eq!(p.requirements.len(), 2);
    let u = p.unplaced.iter().find(|u| u.text.starts_with("We know nobody")).unwrap();
    assert!(u.reason.contains("not a list item"), "{}", u.reason);
    assert_eq!(u.source.as_ref().unwrap().line, Some(5));
}

#[test]
fn unbulleted_sections_are_items() {
    let text = "Product Manager\n\nResponsibilities:\nOwn the roadmap\nTalk to customers\n\n\
                Qualifications:\n3+ years of product management\nSQL is a plus\n";
    let p = import_posting_text("t.txt", text).unwrap();
    assert_eq!(p.responsibilities, ["Own the roadmap", "Talk to customers"]);
    let r: Vec<(&str, bool)> = p.requirements.iter().map(|r| (r.text.as_str(), r.must)).collect();
    assert_eq!(r, [("3+ years of product management", true), ("SQL is a plus", false)]);
}

#[test]
fn html_without_json_ld_reads_strong_headings_and_typed_bullets() {
    let html = "<html><body><div class='content'><h1>Senior Product Manager</h1>\
                <p><b>What you'll do:</b></p><p>• Own the roadmap<br>• Talk to customers</p>\
                <p><strong>Requirements</strong></p><p>- 5+ years in product<br>- SQL is a \
                plus</p></div></body></html>";
    let p = import_posting_html("p.html", html).unwrap();
    assert_eq!(p.title.as_deref(), Some("Senior Product Manager"));
    assert_eq!(p.responsibilities, ["Own the roadmap", "Talk to customers"]);
    let r: Vec<(&str, bool)> = p.requirements.iter().map(|r| (r.text.as_str(), r.must)).collect();
    assert_eq!(r, [("5+ years in product", true), ("SQL is a plus", false)]);
    let text = extract_posting_html(html).text;
    for req in &p.requirements {
        let (a, b) = req.source.as_ref().unwrap().span.unwrap();
        assert_eq!(&text[a..b], req.text);
    }
}

#[test]
fn logo_h1_is_not_the_title() {
    let html = "<html><head><title>Senior Product Manager - Initech</title></head><body>\
                <h1 class='brand'>Initech</h1><div><h2>Requirements</h2><ul><li>SQL</li></ul>\
                </div></body></html>";
    let p = import_posting_html("p.html", html).unwrap();
    assert_eq!(p.title.as_deref(), Some("Senior Product Manager"));
    assert_eq!(p.company.as_deref(), Some("Initech"));
}

#[test]
fn title_tag_when_there_is_no_h1() {
    let html = "<html><head><title>Product Manager, Growth | Initech Careers</title></head>\
                <body><main><h2>Requirements</h2><ul><li>3+ years in growth</li></ul></main>\
                </body></html>";
    let p = import_posting_html("p.html", html).unwrap();
    assert_eq!(p.title.as_deref(), Some("Product Manager, Growth"));
    assert_eq!(p.company.as_deref(), Some("Initech"));
    assert_eq!(p.level.as_deref(), Some("pm"));
    assert_eq!(p.years, Some(3.0));
}

#[test]
fn json_ld_variants() {
    // A bare JobPosting as a JSON file, with plain-text description and list fields.
    let json = r#"{"@context": "https://schema.org", "@type": "JobPosting",
        "title": "Lead Product Manager", "hiringOrganization": "Umbrella",
        "jobLocation": {"@type": "Place", "address": "Berlin, Germany"},
        "employmentType": ["FULL_TIME", "CONTRACTOR"],
        "description": "Lead our checkout team.\n\nRequirements\n- 6+ years in product",
        "qualifications": ["6+ years in product", "German is a plus"],
        "responsibilities": "<ul><li>Own checkout</li><li>Run discovery</li></ul>",
        "skills": "SQL, Experimentation"}"#;
    let p = import_posting_json("j.json", json).unwrap();
    assert_eq!(p.title.as_deref(), Some("Lead Product Manager"));
    assert_eq!(p.company.as_deref(), Some("Umbrella"));
    assert_eq!(p.level.as_deref(), Some("group-pm"));
    assert_eq!(p.kind.as_deref(), Some("Full-time, Contract"));
    assert_eq!(p.location.as_ref().unwrap().country_code.as_deref(), Some("DE"));
    assert_eq!(p.responsibilities, ["Own checkout", "Run discovery"]);
    // "6+ years in product" is in the description already and is not counted twice.
    let r: Vec<(&str, bool)> = p.requirements.iter().map(|r| (r.text.as_str(), r.must)).collect();
    assert_eq!(r, [("6+ years in product", true), ("German is a plus", false)]);
    assert_eq!(p.skills.len(), 2);

    // In an array, typed as a list, inside a page.
    let html = r#"<html><head><script type="application/ld+json">[{"@type": "WebSite"},
        {"@type": ["JobPosting"], "title": "Product Owner", "description":
        "<h2>Must have</h2><ul><li>Scrum experience</li></ul>"}]</script></head>
        <body><p>Visible text</p></body></html>"#;
    let p = import_posting_html("p.html", html).unwrap();
    assert_eq!(p.title.as_deref(), Some("Product Owner"));
    assert_eq!(p.requirements.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Bad input.

#[test]
fn errors() {
    for empty in ["", "   \n\t ", "\u{feff}\n"] {
        assert_eq!(import_posting_text("t", empty).unwrap_err().kind, ErrorKind::Empty);
        assert_eq!(import_posting_html("h", empty).unwrap_err().kind, ErrorKind::Empty);
        assert_eq!(import_posting_json("j", empty).unwrap_err().kind, ErrorKind::Empty);
    }
    let e = import_posting_json("bad.json", "{\n  \"title\": \"PM\",\n  \"qualifications\": [\n")
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Corrupt);
    assert_eq!(e.file, "bad.json");
    assert!(e.message.contains("line 4, column 0"), "{}", e.message);
    let e = import_posting_json("t.json", r#"{"title": 5}"#).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Corrupt);
    assert!(e.message.contains("line 1"), "{}", e.message);
    let resume = r#"{"basics": {"name": "Ada"}, "work": []}"#;
    assert_eq!(import_posting_json("r.json", resume).unwrap_err().kind, ErrorKind::Unsupported);
    let ld = r#"{"@context": "https://schema.org", "@type": "Person", "name": "Ada"}"#;
    assert_eq!(import_posting_json("p.json", ld).unwrap_err().kind, ErrorKind::Unsupported);
    assert_eq!(import_posting_json("a.json", "[1, 2]").unwrap_err().kind, ErrorKind::Unsupported);
}

fn no_requirements(p: &Posting) -> bool {
    p.requirements.is_empty() && p.unplaced.iter().any(|u| u.reason == "no requirements recognised")
}

#[test]
fn no_requirements_is_ok_and_said() {
    let html = "<html><head><title>Careers</title></head><body><nav><a href='/'>Home</a></nav>\
                <footer>© 2025 Acme</footer></body></html>";
    let p = import_posting_html("empty.html", html).unwrap();
    assert!(no_requirements(&p), "{p:#?}");
    let p = import_posting_text("t.txt", "We are hiring someone great. Write to us.").unwrap();
    assert!(no_requirements(&p), "{p:#?}");
    let p = import_posting_json("j.json", r#"{"title": "Product Manager"}"#).unwrap();
    assert!(no_requirements(&p), "{p:#?}");
    assert_eq!(p.level.as_deref(), Some("pm"));
}

#[test]
fn never_panics_on_odd_input() {
    let deep_html = format!(
        "{}Requirements<ul><li>SQL</li></ul>{}",
        "<div>".repeat(20_000),
        "</div>".repeat(20_000)
    );
    let p = import_posting_html("deep.html", &deep_html).unwrap();
    assert_eq!(p.requirements.len(), 1);

    let mut graph = String::from(r#"{"@type": "JobPosting", "title": "PM"}"#);
    for _ in 0..100 {
        graph = format!(r#"{{"@graph": [{graph}]}}"#);
    }
    let html = format!(r#"<script type="application/ld+json">{graph}</script><p>x</p>"#);
    assert!(import_posting_html("g.html", &html).is_ok());
    // serde_json refuses nesting beyond 128 levels: an error, not a crash.
    let e = import_posting_json("g.json", &graph).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Corrupt);
    let mut graph = String::from(r#"{"@type": "JobPosting", "title": "PM"}"#);
    for _ in 0..40 {
        graph = format!(r#"{{"@graph": [{graph}]}}"#);
    }
    // Deeper than the search goes: read as JSON-LD without a JobPosting.
    let e = import_posting_json("g.json", &graph).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unsupported);
    let deep_json = format!("{}{}", "[".repeat(500), "]".repeat(500));
    assert_eq!(import_posting_json("d.json", &deep_json).unwrap_err().kind, ErrorKind::Corrupt);

    let odd = [
        "•",
        "• \n- \n* \n1.",
        "Requirements:",
        "Requirements:\n",
        ":\n::\n:::",
        "é:é\n—:\n•é",
        "Product Manager\n\nRequirements: \n- \u{200b}",
        "Head of Product at (Remote)",
        "**\n__\n# \n##",
        "Location: \nSalary: $\nRequirements\n- 99999999999 years",
        "\r\n\r\n\rRequirements\r\n- SQL\r\n",
    ];
    for s in odd {
        let _ = import_posting_text("o.txt", s);
        let _ = import_posting_html("o.html", s);
        let _ = import_posting_json("o.json", s);
    }
    let html_odd = [
        "<script type='application/ld+json'>{\"@type\":\"JobPosting\",\"description\":5}</script>",
        concat!(
            "<script type='application/ld+json'>{\"@type\":\"JobPosting\",",
            "\"baseSalary\":{\"value\":\"lots\"}}</script>"
        ),
        "<script type='application/ld+json'>not json</script><h1>Product Manager</h1>",
        "<table><tr><td>Location</td><td>Remote</td></tr></table><pre>Requirements\n- SQL</pre>",
        "<p><b></b></p><li></li><h2></h2>",
    ];
    for s in html_odd {
        assert!(import_posting_html("o.html", s).is_ok(), "{s}");
    }
}

/// A cheap deterministic fuzz: tricky fragments in random order through all three readers.
#[test]
fn random_fragments_never_panic() {
    const PIECES: &[&str] = &[
        "\n",
        "\n\n",
        " ",
        "•",
        "- ",
        "* ",
        "1. ",
        "(a) ",
        ":",
        "：",
        "Requirements",
        "Nice to have",
        "What you'll do",
        "About Acme",
        "Benefits",
        "5+ years",
        "ten-plus years",
        "7–10 yrs",
        "Senior Product Manager",
        " at ",
        " · ",
        "Remote (US)",
        "London, UK",
        "$120k – $150k",
        "é",
        "—",
        "(",
        ")",
        "**",
        "## ",
        "<",
        ">",
        "<li>",
        "</li>",
        "<h2>",
        "</h2>",
        "<p><b>",
        "</b></p>",
        "<ul>",
        "<script type=\"application/ld+json\">",
        "</script>",
        "{",
        "}",
        "[",
        "]",
        "\"@type\": \"JobPosting\"",
        "\"@graph\": [",
        "\"title\": \"PM\"",
        ",",
        "\"",
        "\"description\": \"<ul><li>SQL</li></ul>\"",
        "&lt;p&gt;",
        "\u{feff}",
        "\r\n",
        "\t",
        "<nav>",
        "<article>",
        "</article>",
        "<div class=\"cookie\">",
        "</div>",
        "<br>",
        "Ⅻ",
        "🚀",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..1500 {
        let n = (next() % 40) as usize;
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
        }
        let html_text = extract_posting_html(&s).text;
        for (r, text) in [
            (import_posting_text("f.txt", &s), s.as_str()),
            (import_posting_html("f.html", &s), html_text.as_str()),
            (import_posting_json("f.json", &s), s.as_str()),
        ] {
            // Spans stay inside the text they point into, on character boundaries.
            for req in r.map(|p| p.requirements).unwrap_or_default() {
                if let Some((a, b)) = req.source.and_then(|s| s.span) {
                    assert!(text.get(a..b).is_some(), "{s:?}: span {a}..{b}");
                }
            }
        }
    }
}
