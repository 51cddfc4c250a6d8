//! The web workbench end to end without a socket: `app(state)` driven with `oneshot`, over a
//! real SQLite file and a lexical workbench.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use pivot_store::{DatabaseUrl, Store};
use pivot_web::{AppState, DEFAULT_UPLOAD_LIMIT, app};
use pivot_workbench::Workbench;
use serde_json::{Value, json};
use tower::ServiceExt;

const LENDING: &str = include_str!("fixtures/director-product-lending.txt");
const PAYMENTS: &str = include_str!("fixtures/head-of-product-payments.txt");
const RESUME_PDF: &[u8] = include_bytes!("fixtures/pm-resume.pdf");
const TRUNCATED_PDF: &[u8] = include_bytes!("fixtures/truncated.pdf");
/// pm-resume.docx with one byte that is not UTF-8 in its first text run.
const BAD_BYTE_DOCX: &[u8] = include_bytes!("fixtures/resume-bad-byte.docx");
const XSS: &str = "<script>alert(1)</script>";

// ---------------------------------------------------------------------------------------
// Harness.

struct TestApp {
    _dir: tempfile::TempDir,
    router: Router,
}

struct Resp {
    status: StatusCode,
    headers: HeaderMap,
    bytes: Vec<u8>,
}

impl Resp {
    /// The body as text, with askama's numeric character references written the named way
    /// (`&#60;` → `&lt;`…) so one needle matches both escapers.
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes)
            .replace("&#60;", "&lt;")
            .replace("&#62;", "&gt;")
            .replace("&#38;", "&amp;")
            .replace("&#34;", "&quot;")
            .replace("&#39;", "&#x27;")
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    fn location(&self) -> String {
        self.headers
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    }

    fn header(&self, name: header::HeaderName) -> String {
        self.headers.get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
    }
}

fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn form_body(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

const BOUNDARY: &str = "----pivot-test-boundary-7MA4YWxkTrZu0gW";

/// A multipart body: (name, file name, content).
fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, file, content) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

impl TestApp {
    async fn new() -> TestApp {
        TestApp::with_limit(DEFAULT_UPLOAD_LIMIT).await
    }

    async fn with_limit(upload_limit: usize) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let store =
            Store::open(&DatabaseUrl::sqlite_file(&dir.path().join("pivot.db"))).await.unwrap();
        let state = AppState {
            workbench: Workbench::lexical(store),
            today: Some("2026-02-11".parse().unwrap()),
            upload_limit,
        };
        TestApp { _dir: dir, router: app(state) }
    }

    async fn send(&self, req: Request<Body>) -> Resp {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap().to_vec();
        Resp { status, headers, bytes }
    }

    async fn get(&self, path: &str) -> Resp {
        self.send(Request::get(path).body(Body::empty()).unwrap()).await
    }

    async fn form(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form_body(fields)))
            .unwrap();
        self.send(req).await
    }

    async fn htmx_form(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("HX-Request", "true")
            .body(Body::from(form_body(fields)))
            .unwrap();
        self.send(req).await
    }

    async fn json(&self, method: Method, path: &str, body: Value) -> Resp {
        let req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        self.send(req).await
    }

    async fn call(&self, method: Method, path: &str) -> Resp {
        self.send(Request::builder().method(method).uri(path).body(Body::empty()).unwrap()).await
    }

    async fn upload(&self, path: &str, file_name: &str, bytes: &[u8], as_: &str) -> Resp {
        let body = multipart(&[("file", Some(file_name), bytes), ("as", None, as_.as_bytes())]);
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    async fn documents(&self) -> Vec<Value> {
        let r = self.get("/api/v1/documents").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        r.json().as_array().unwrap().clone()
    }

    /// Creates a narrative through the page form; returns its id.
    async fn narrative(&self, title: &str, kind: &str) -> String {
        let r = self.form("/narratives", &[("title", title), ("kind", kind)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        r.location().trim_start_matches("/narratives/").to_string()
    }
}

/// One page check: the status and what the HTML must (and must not) contain.
struct Case {
    path: String,
    status: u16,
    contains: Vec<&'static str>,
    absent: Vec<&'static str>,
}

fn case(path: impl Into<String>, status: u16, contains: &[&'static str]) -> Case {
    Case { path: path.into(), status, contains: contains.to_vec(), absent: Vec::new() }
}

impl Case {
    fn without(mut self, absent: &[&'static str]) -> Case {
        self.absent = absent.to_vec();
        self
    }
}

/// Runs the cases; every failure is collected, then reported at once.
async fn check(app: &TestApp, cases: &[Case]) {
    let mut failures = Vec::new();
    for c in cases {
        let r = app.get(&c.path).await;
        let body = r.text();
        if r.status.as_u16() != c.status {
            failures.push(format!(
                "GET {}: status {} (expected {})\n{}",
                c.path,
                r.status,
                c.status,
                excerpt(&body)
            ));
            continue;
        }
        for needle in &c.contains {
            if !body.contains(needle) {
                failures.push(format!("GET {}: missing {needle:?}", c.path));
            }
        }
        for needle in &c.absent {
            if body.contains(needle) {
                failures.push(format!("GET {}: should not contain {needle:?}", c.path));
            }
        }
        if r.header(header::CONTENT_TYPE).starts_with("text/html") {
            for needle in [
                "<html lang=\"en\">",
                "<main id=\"main\"",
                "href=\"#main\"",
                "<title>",
                "ESCO classification of the European Commission",
                "<nav aria-label=\"Main\">",
            ] {
                if !body.contains(needle) {
                    failures.push(format!("GET {}: the layout lacks {needle:?}", c.path));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}

fn excerpt(s: &str) -> String {
    s.chars().take(600).collect()
}

/// The text inside the first element carrying `attr` (up to the next tag).
fn text_after(html: &str, attr: &str) -> Option<String> {
    let i = html.find(attr)?;
    let rest = &html[i..];
    let gt = rest.find('>')?;
    let rest = &rest[gt + 1..];
    let lt = rest.find('<').unwrap_or(rest.len());
    Some(rest[..lt].to_string())
}

const PAGE_IDS: [&str; 8] = [
    "Dashboard</a>",
    "Target</a>",
    "Assets &amp; map</a>",
    "Proof</a>",
    "Narrative</a>",
    "Checklist</a>",
    "This week</a>",
    "History</a>",
];

// ---------------------------------------------------------------------------------------
// Pages.

#[tokio::test]
async fn every_page_renders_on_an_empty_workspace() {
    let app = TestApp::new().await;
    check(
        &app,
        &[
            case(
                "/",
                200,
                &[
                    "Start here: name your target",
                    "href=\"/target\"",
                    "id=\"next-step\"",
                    "id=\"engine-status\"",
                ],
            ),
            case("/", 200, &PAGE_IDS),
            case(
                "/target",
                200,
                &[
                    "id=\"target-form\"",
                    "Save target",
                    "id=\"posting-form\"",
                    "name=\"text\"",
                    "Add posting",
                    "id=\"posting-upload\"",
                    "type=\"file\" id=\"posting-file\" name=\"file\"",
                    "value=\"product-management\"",
                    "value=\"director\"",
                ],
            ),
            case(
                "/assets",
                200,
                &[
                    "id=\"upload-form\"",
                    "name=\"as\"",
                    "value=\"resume\"",
                    "id=\"build-map\"",
                    "Build the asset map",
                    "id=\"asset-map\"",
                    "No map yet",
                ],
            ),
            case(
                "/proof",
                200,
                &[
                    "id=\"proof-form\"",
                    "name=\"title\"",
                    "name=\"status\"",
                    "name=\"started_on\"",
                    "name=\"finished_on\"",
                    "name=\"outcomes\"",
                    "name=\"covers\"",
                ],
            ),
            case(
                "/narratives",
                200,
                &[
                    "id=\"new-narrative\"",
                    "value=\"headline\"",
                    "value=\"about\"",
                    "value=\"answer\"",
                    "value=\"resume\"",
                ],
            ),
            case("/checklist", 200, &["id=\"checklist\"", "data-item=", "data-met=\"false\""]),
            case(
                "/week",
                200,
                &[
                    "id=\"week\"",
                    "data-item=",
                    "id=\"ics\"",
                    "href=\"/week.ics\"",
                    "id=\"block-form\"",
                ],
            ),
            case("/history", 200, &["id=\"history\"", "<svg id=\"score-chart\""]),
            case(
                "/healthz",
                200,
                &["\"status\":\"ok\"", "\"engine\":\"lexical\"", "\"backend\":\"sqlite\""],
            ),
            case("/no-such-page", 404, &["class=\"error\" role=\"alert\""]),
            case("/narratives/not-a-valid-id!", 400, &["role=\"alert\""]),
            case(
                "/narratives/5f0c2a4e-6d8b-4a53-9d47-0e6f1c9b7a21",
                404,
                &["role=\"alert\"", "not found"],
            ),
            case("/static/htmx.min.js", 200, &["htmx"]),
            case("/static/app.css", 200, &[".hwt"]),
        ],
    )
    .await;
    let r = app.get("/static/htmx.min.js").await;
    assert!(r.header(header::CACHE_CONTROL).contains("max-age=31536000"));
    assert!(r.header(header::CONTENT_TYPE).starts_with("text/javascript"));
    let r = app.get("/").await;
    assert!(r.header(header::CONTENT_SECURITY_POLICY).contains("script-src 'self'"));
}

#[tokio::test]
async fn every_page_renders_after_a_whole_journey() {
    let app = TestApp::new().await;

    // Target.
    let r = app
        .form(
            "/target",
            &[
                ("role", "product-management"),
                ("level", "director"),
                ("domain", "Fintech: lending and payments"),
                ("companies", "Kestrel Credit, Quillpay\nNorthwind Pay"),
                ("intended", "A product leader who grew a lending book eightfold and builds senior product teams."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let t = app.get("/api/v1/target").await.json();
    assert_eq!(t["companies"], json!(["Kestrel Credit", "Quillpay", "Northwind Pay"]));

    // Two postings pasted: listed with their requirements, and the top signals before a map.
    for (name, text) in [
        ("Director of Product, Lending — Kestrel Credit", LENDING),
        ("Head of Product — Quillpay", PAYMENTS),
    ] {
        let r = app.form("/postings", &[("name", name), ("text", text)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        assert!(r.location().starts_with("/target?added="));
    }
    check(
        &app,
        &[case(
            "/target",
            200,
            &[
                "Director of Product, Lending — Kestrel Credit",
                "7 requirement(s)",
                "id=\"top-signals\"",
                "8+ years",
            ],
        )],
    )
    .await;

    // The resume PDF, uploaded as a resume.
    let r = app.upload("/assets/upload", "pm-resume.pdf", RESUME_PDF, "resume").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert!(r.location().starts_with("/assets?imported="));

    // The map, plain POST (no JS) then with htmx (the fragment).
    let r = app.form("/map", &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let r = app.htmx_form("/map", &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    let fragment = r.text();
    assert!(fragment.starts_with("<div id=\"map-area\">"), "{}", excerpt(&fragment));
    assert!(!fragment.contains("<html"), "the fragment is a whole page");
    assert!(
        fragment.contains("data-coverage=\"gap\"")
            || fragment.contains("data-coverage=\"covered\"")
    );

    // Track a gap's proof suggestion, as the map's button does.
    let assets = app.get("/assets").await.text();
    assert!(assets.contains("<details class=\"why\">"), "the map's explanations are not openable");
    let proof_form = assets.find("Track as proof project").map(|i| &assets[..i]).unwrap();
    let title_at =
        proof_form.rfind("name=\"title\" value=\"").unwrap() + "name=\"title\" value=\"".len();
    let title = &proof_form[title_at..title_at + proof_form[title_at..].find('"').unwrap()];
    let r = app
        .form(
            "/proof",
            &[
                ("title", title),
                ("status", "idea"),
                ("covers", "Experience building developer tools"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let proofs = app.get("/api/v1/proofs").await.json();
    assert_eq!(proofs[0]["status"], "idea");
    let proof_id = proofs[0]["id"].as_str().unwrap().to_string();

    // Narrative: create, save, save again.
    let id = app.narrative("My pivot story", "narrative").await;
    let body = "I'm a Senior Product Manager moving into a Director of Product role in lending. \
                I was responsible for the partnership with our payment processor.";
    let r = app.form(&format!("/narratives/{id}"), &[("body", body), ("base_version", "0")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(r.location(), format!("/narratives/{id}?saved=1"));
    let r = app
        .form(
            &format!("/narratives/{id}"),
            &[("body", "I grew the loan book from £40M to £310M."), ("base_version", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());

    // Week: tick an item with htmx (the fragment) and set the block.
    let r = app.htmx_form("/week/items/block", &[("present", "1"), ("done", "true")]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(r.text().starts_with("<div id=\"week\">"));
    assert!(r.text().contains("data-item=\"block\" data-done=\"true\""), "{}", excerpt(&r.text()));
    let r = app.form("/week/block", &[("start", "2026-02-12T08:30")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let r = app.form("/week/block", &[("start", "next tuesday")]).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.text().contains("class=\"error\" role=\"alert\""));

    check(
        &app,
        &[
            case(
                "/",
                200,
                &[
                    "Director of Product (Product management",
                    "id=\"map-bar\"",
                    "<svg id=\"dashboard-score-chart\"",
                    "id=\"checklist-summary\"",
                ],
            )
            .without(&["Start here"]),
            case(
                "/target",
                200,
                &["data-coverage=", "Fintech: lending and payments", "Northwind Pay"],
            ),
            case(
                "/assets",
                200,
                &[
                    "pm-resume.pdf",
                    "/versions/1/original",
                    "data-coverage=",
                    "id=\"gaps\"",
                    "id=\"cut-list\"",
                    "id=\"transferable\"",
                ],
            ),
            case("/proof", 200, &["data-status=\"idea\"", "Experience building developer tools"]),
            case(
                format!("/proof?edit={proof_id}"),
                200,
                &["action=\"/proof/", "name=\"revision\"", "Save changes"],
            ),
            case("/narratives", 200, &["My pivot story", "version 2"]),
            case(
                format!("/narratives/{id}"),
                200,
                &[
                    "id=\"narrative-body\"",
                    "£310M",
                    "name=\"base_version\" value=\"2\"",
                    "id=\"score-value\"",
                    "id=\"score-parts\"",
                    "id=\"scan\"",
                    "id=\"save-narrative\"",
                    "hx-trigger=\"input changed delay:150ms\"",
                ],
            ),
            case(
                format!("/narratives/{id}/versions/1"),
                200,
                &[
                    "responsible for",
                    "id=\"score-value\"",
                    "read-only",
                    "data-rule=\"Method.TaskLanguage\"",
                ],
            ),
            case(format!("/narratives/{id}/versions/9"), 404, &["role=\"alert\""]),
            case("/checklist", 200, &["id=\"checklist\"", "data-met=\"true\""]),
            case(
                "/week",
                200,
                &["data-item=\"block\" data-done=\"true\"", "value=\"2026-02-12T08:30\""],
            ),
            case(
                "/history",
                200,
                &[
                    "My pivot story",
                    "data-version=\"1\"",
                    "data-version=\"2\"",
                    "<svg id=\"score-chart\"",
                    "<circle",
                ],
            ),
        ],
    )
    .await;

    // The .ics download.
    let r = app.get("/week.ics").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(header::CONTENT_TYPE), "text/calendar; charset=utf-8");
    assert_eq!(
        r.header(header::CONTENT_DISPOSITION),
        "attachment; filename=\"pivot-week-2026-02-09.ics\""
    );
    assert!(r.text().starts_with("BEGIN:VCALENDAR"));

    // The original file comes back as uploaded.
    let docs = app.documents().await;
    let resume = docs.iter().find(|d| d["kind"] == "resume").unwrap();
    let r = app
        .get(&format!("/api/v1/documents/{}/versions/1/original", resume["id"].as_str().unwrap()))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.bytes, RESUME_PDF);
    assert!(r.header(header::CONTENT_DISPOSITION).contains("pm-resume.pdf"));
}

#[tokio::test]
async fn narrative_text_and_titles_are_escaped_everywhere() {
    let app = TestApp::new().await;
    let id = app.narrative(XSS, "narrative").await;
    let body = format!(
        "Responsible for managing the roadmap. {XSS} <img src=x onerror=alert(2)> & \"quotes\""
    );
    let r = app.form(&format!("/narratives/{id}"), &[("body", &body), ("base_version", "0")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());

    let lint = app.form(&format!("/narratives/{id}/lint"), &[("body", &body)]).await;
    assert_eq!(lint.status, StatusCode::OK);
    let pages = [
        ("editor", app.get(&format!("/narratives/{id}")).await.text()),
        ("lint fragment", lint.text()),
        ("version", app.get(&format!("/narratives/{id}/versions/1")).await.text()),
        ("history", app.get("/history").await.text()),
        ("list", app.get("/narratives").await.text()),
        ("dashboard", app.get("/").await.text()),
    ];
    for (name, html) in &pages {
        assert!(!html.contains("<script>alert(1)"), "{name}: a <script> from user text is live");
        assert!(!html.contains("<img src=x"), "{name}: an <img> from user text is live");
    }
    for (name, html) in &pages[..3] {
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{name}: the text is not shown escaped"
        );
    }
    assert!(
        pages[3].1.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "history: the title is not shown escaped"
    );
    // The highlight layer still marks the finding in the escaped text.
    assert!(pages[1].1.contains("data-rule=\"Method.TaskLanguage\""), "{}", excerpt(&pages[1].1));
}

#[tokio::test]
async fn the_lint_fragment_marks_the_finding_at_its_span() {
    let app = TestApp::new().await;
    let id = app.narrative("Live", "narrative").await;
    let r = app
        .htmx_form(
            &format!("/narratives/{id}/lint"),
            &[("body", "Responsible for managing the roadmap"), ("base_version", "0")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let html = r.text();
    assert!(
        html.starts_with("<div id=\"highlights\" class=\"hwt-highlights\" hx-swap-oob=\"true\">"),
        "{}",
        excerpt(&html)
    );
    assert!(!html.contains("<html"), "the fragment is a whole page");
    let marked =
        text_after(&html, "<mark class=\"finding sev-warning\" data-rule=\"Method.TaskLanguage\"")
            .expect("no TaskLanguage mark");
    assert_eq!(marked, "Responsible for");
    // The mark is closed right after its span; the rest of the sentence is plain text.
    assert!(html.contains("Responsible for</mark> managing the roadmap"), "{}", excerpt(&html));
    // Findings about the whole text are listed, not painted over it.
    assert_eq!(html.matches("<mark").count(), 1, "{}", excerpt(&html));
    assert!(html.contains("the whole text"));
    for id in [
        "id=\"score\"",
        "id=\"score-value\"",
        "id=\"score-parts\"",
        "id=\"scan\"",
        "id=\"findings\"",
        "<details>",
    ] {
        assert!(html.contains(id), "the fragment lacks {id}");
    }

    // A multibyte text: spans stay on char boundaries, and an outcome sentence has no mark.
    let r = app
        .form(
            &format!("/narratives/{id}/lint"),
            &[(
                "body",
                "I cut loan decision time from 3 days to 4 minutes — lifting approvals 18% (€2M).",
            )],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.text().contains("data-rule=\"Method.TaskLanguage\""));

    // Unknown narrative: an alert fragment, not a page.
    let r =
        app.form("/narratives/5f0c2a4e-6d8b-4a53-9d47-0e6f1c9b7a21/lint", &[("body", "x")]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.text().starts_with("<div class=\"error\" role=\"alert\">"));
}

#[tokio::test]
async fn a_stale_save_is_a_conflict_in_the_api_and_on_the_page() {
    let app = TestApp::new().await;
    let r = app
        .json(
            Method::POST,
            "/api/v1/narratives",
            json!({"kind": "narrative", "title": "Contested"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["id"].as_str().unwrap().to_string();
    let versions = format!("/api/v1/narratives/{id}/versions");

    let r =
        app.json(Method::POST, &versions, json!({"body": "First save.", "base_version": 0})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["version"], 1);

    // The API: 409 with the stable code, nothing overwritten.
    let r =
        app.json(Method::POST, &versions, json!({"body": "Stale save.", "base_version": 0})).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let e = r.json();
    assert_eq!(e["error"]["code"], "conflict");
    assert!(e["error"]["message"].as_str().unwrap().contains("version"));
    assert_eq!(app.get(&format!("{versions}/1")).await.json()["body"], "First save.");

    // The page: 409, the conflict message, the user's text kept, the base moved on top.
    let mine = "My text <b>kept</b> after a conflict.";
    let r = app.form(&format!("/narratives/{id}"), &[("body", mine), ("base_version", "0")]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let html = r.text();
    assert!(html.contains("id=\"conflict\" role=\"alert\""), "{}", excerpt(&html));
    assert!(
        html.contains("My text &lt;b&gt;kept&lt;/b&gt; after a conflict.</textarea>"),
        "the user's text is lost"
    );
    assert!(html.contains("name=\"base_version\" value=\"1\""));
    assert!(html.contains("Save anyway as version 2"));
    assert!(html.contains("First save."), "the other version is not shown");
    assert_eq!(app.get(&versions).await.json().as_array().unwrap().len(), 1);

    // Saving anyway (the new base) stores it on top.
    let r = app.form(&format!("/narratives/{id}"), &[("body", mine), ("base_version", "1")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let all = app.get(&versions).await.json();
    assert_eq!(all.as_array().unwrap().len(), 2);
    assert_eq!(all[0]["body"], "First save.");
    assert_eq!(all[1]["body"], mine);
}

#[tokio::test]
async fn a_narrative_is_renamed_and_deleted_on_the_page_and_in_the_api() {
    let app = TestApp::new().await;
    let create = |title: &'static str| {
        app.json(Method::POST, "/api/v1/narratives", json!({"kind": "narrative", "title": title}))
    };
    let first = create("Pivot story").await.json()["id"].as_str().unwrap().to_string();
    let second = create("Headline").await.json()["id"].as_str().unwrap().to_string();
    let r = app
        .json(
            Method::POST,
            &format!("/api/v1/narratives/{first}/versions"),
            json!({"body": "I am moving from PM to Director of Product.", "base_version": 0}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());

    // The page offers both, per narrative.
    let html = app.get("/narratives").await.text();
    assert!(html.contains(&format!("action=\"/narratives/{first}/rename\"")));
    assert!(html.contains(&format!("action=\"/narratives/{first}/delete\"")));
    assert!(html.contains("data-confirm=\"Delete “Pivot story” and all its versions?\""));

    // Rename on the page: back to the list, with the new title and its versions kept.
    let r = app.form(&format!("/narratives/{first}/rename"), &[("title", "  Why I move  ")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().starts_with("/narratives?saved=1"));
    let html = app.get(&r.location()).await.text();
    assert!(html.contains("Narrative renamed.") && html.contains(">Why I move</a>"));
    let n = app.get(&format!("/api/v1/narratives/{first}")).await.json();
    assert_eq!(n["title"], "Why I move");
    assert_eq!(n["latest_version"], 1);
    // An empty title is an alert that changes nothing.
    let r = app.form(&format!("/narratives/{first}/rename"), &[("title", " ")]).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.text().contains("class=\"error\" role=\"alert\""));
    assert_eq!(app.get(&format!("/api/v1/narratives/{first}")).await.json()["title"], "Why I move");

    // Rename in the API.
    let r = app
        .json(Method::PATCH, &format!("/api/v1/narratives/{second}"), json!({"title": "LinkedIn"}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["title"], "LinkedIn");
    let r = app
        .json(Method::PATCH, &format!("/api/v1/narratives/{second}"), json!({"title": ""}))
        .await;
    assert_eq!(r.json()["error"]["code"], "invalid");

    // Delete on the page takes the versions with it; the API deletes the other.
    let r = app.form(&format!("/narratives/{first}/delete"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(app.get(&r.location()).await.text().contains("Narrative deleted, with its versions."));
    assert_eq!(app.get(&format!("/api/v1/narratives/{first}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&format!("/api/v1/narratives/{first}/versions/1")).await.status,
        StatusCode::NOT_FOUND
    );
    let r = app
        .send(
            Request::builder()
                .method(Method::DELETE)
                .uri(format!("/api/v1/narratives/{second}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get("/api/v1/narratives").await.json(), json!([]));
    // Deleting again is a 404, on the page too.
    assert_eq!(
        app.form(&format!("/narratives/{first}/delete"), &[]).await.status,
        StatusCode::NOT_FOUND
    );
}

async fn restore(app: &TestApp, file: &[u8], replace: bool) -> Resp {
    let mut parts: Vec<(&str, Option<&str>, &[u8])> = vec![("file", Some("backup.json"), file)];
    if replace {
        parts.push(("replace", None, b"1"));
    }
    let req = Request::post("/restore")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(Body::from(multipart(&parts)))
        .unwrap();
    app.send(req).await
}

#[tokio::test]
async fn a_backup_is_restored_from_the_dashboard_into_another_workbench() {
    // The backup: a workspace with a target, a posting and a saved narrative.
    let old = TestApp::new().await;
    let r = old
        .form(
            "/target",
            &[("role", "product-management"), ("level", "director"), ("domain", "fintech")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let r = old
        .json(Method::POST, "/api/v1/postings", json!({"name": "Acme", "text": "Director of Product\n\nRequirements\n- 8+ years of product management\n- Experience leading product managers"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let n = old
        .json(Method::POST, "/api/v1/narratives", json!({"kind": "narrative", "title": "Story"}))
        .await
        .json();
    let id = n["id"].as_str().unwrap();
    old.json(
        Method::POST,
        &format!("/api/v1/narratives/{id}/versions"),
        json!({"body": "I grew revenue 40% as Group PM.", "base_version": 0}),
    )
    .await;
    let backup = old.get("/api/v1/export").await.bytes;
    assert!(
        old.get("/").await.text().contains("id=\"restore\""),
        "no restore form on the dashboard"
    );

    // A new machine that was opened once: its own empty workspace, restored without replace.
    let new = TestApp::new().await;
    assert!(new.get("/").await.text().contains("Start here"));
    let r = restore(&new, &backup, false).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let html = new.get(&r.location()).await.text();
    assert!(
        html.contains(
            "Backup restored: 1 document(s), 1 narrative(s), 0 proof project(s), 0 asset map(s)."
        ),
        "{}",
        excerpt(&html)
    );
    assert!(!html.contains("Start here"), "the restored target is not shown");
    assert_eq!(
        new.get(&format!("/api/v1/narratives/{id}/versions/1")).await.status,
        StatusCode::OK
    );

    // Now it holds data: without replace, refused and unchanged; bad files change nothing.
    new.json(Method::POST, "/api/v1/narratives", json!({"kind": "headline", "title": "Extra"}))
        .await;
    let r = restore(&new, &backup, false).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.text().contains("already holds data"), "{}", excerpt(&r.text()));
    for (bad, says) in [
        (&b"{\"not\": \"a backup\"}"[..], "not a Pivot backup"),
        (&b"\x00\x01binary"[..], "not a Pivot backup"),
        (&b""[..], "choose the backup file"),
        (&backup[..backup.len() / 2], "not a Pivot backup"),
    ] {
        let r = restore(&new, bad, true).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let text = r.text();
        assert!(
            text.contains("class=\"error\" role=\"alert\"") && text.contains(says),
            "{}",
            excerpt(&text)
        );
    }
    assert_eq!(new.get("/api/v1/narratives").await.json().as_array().unwrap().len(), 2);

    // With replace, the backup takes its place: the extra narrative is gone.
    let r = restore(&new, &backup, true).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let list = new.get("/api/v1/narratives").await.json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["title"], "Story");
    assert_eq!(new.get("/api/v1/target").await.json()["domain"], "fintech");
}

#[tokio::test]
async fn a_stale_proof_edit_is_a_conflict() {
    let app = TestApp::new().await;
    let r = app
        .json(Method::POST, "/api/v1/proofs", json!({"title": "Decision memo", "status": "idea"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let p = r.json();
    let id = p["id"].as_str().unwrap().to_string();
    let rev = p["revision"].as_i64().unwrap();
    let r = app
        .json(
            Method::PUT,
            &format!("/api/v1/proofs/{id}"),
            json!({"revision": rev, "title": "Decision memo", "status": "active"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = app
        .json(
            Method::PUT,
            &format!("/api/v1/proofs/{id}"),
            json!({"revision": rev, "title": "Old", "status": "done"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json()["error"]["code"], "conflict");

    let rev_s = rev.to_string();
    let r = app
        .form(
            &format!("/proof/{id}"),
            &[
                ("revision", &rev_s),
                ("title", "Mine"),
                ("status", "done"),
                ("outcomes", "3 teams adopted it"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let html = r.text();
    assert!(html.contains("id=\"conflict\""));
    assert!(html.contains("value=\"Mine\""), "the user's edit is lost");
    assert!(html.contains("3 teams adopted it"));
    assert_eq!(app.get(&format!("/api/v1/proofs/{id}")).await.json()["status"], "active");

    // Invalid input is an alert, not a 500.
    let r = app.form("/proof", &[("title", ""), ("status", "idea")]).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.text().contains("class=\"error\" role=\"alert\""));
    let r = app.form("/proof", &[("title", "x"), ("status", "idea"), ("started_on", "soon")]).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn an_upload_over_the_limit_is_refused_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let mut big = b"%PDF-1.5\n".to_vec();
    big.resize(21 * 1024 * 1024, b' ');

    let r = app.upload("/assets/upload", "huge-resume.pdf", &big, "resume").await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    let html = r.text();
    assert!(html.contains("class=\"error\" role=\"alert\""), "{}", excerpt(&html));
    assert!(html.contains("20 MB"), "the message does not name the limit");

    let r = app.upload("/api/v1/documents", "huge-resume.pdf", &big, "resume").await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.json()["error"]["code"], "too_large");

    let r = app.upload("/postings/upload", "huge.html", &big, "posting").await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);

    assert!(app.documents().await.is_empty());

    // A small limit applies too (the state's setting).
    let small = TestApp::with_limit(1024).await;
    let r = small.upload("/assets/upload", "resume.md", &[b'a'; 2048], "resume").await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(small.documents().await.is_empty());
}

#[tokio::test]
async fn a_corrupt_or_empty_upload_is_a_clear_error_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let r = app.upload("/assets/upload", "resume-truncated.pdf", TRUNCATED_PDF, "resume").await;
    assert!(r.status.is_client_error(), "status {}", r.status);
    let html = r.text();
    let alert = text_after(&html, "class=\"error\" role=\"alert\"").unwrap();
    assert!(!alert.trim().is_empty());
    for leak in ["panicked", "sqlx", "SQLITE", "src/"] {
        assert!(!alert.contains(leak), "the message leaks {leak}: {alert}");
    }

    let r = app.upload("/api/v1/documents", "resume-truncated.pdf", TRUNCATED_PDF, "resume").await;
    assert!(r.status.is_client_error());
    let e = r.json();
    assert!(e["error"]["code"].is_string() && e["error"]["message"].is_string());

    // No file chosen, an empty file, a bad `as`: 4xx with a message.
    let r = app.upload("/assets/upload", "", b"", "auto").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.text().contains("Choose a file") || r.text().contains("choose a file"));
    let r = app.upload("/api/v1/documents", "empty.md", b"", "auto").await;
    assert!(r.status.is_client_error());
    let r = app.upload("/api/v1/documents", "r.md", b"# Me", "photo").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // Not multipart at all.
    let r = app.json(Method::POST, "/api/v1/documents", json!({})).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["error"]["code"], "invalid_upload");
    // An empty pasted posting.
    let r = app.form("/postings", &[("name", "x"), ("text", "  ")]).await;
    assert!(r.status.is_client_error());
    assert!(r.text().contains("class=\"error\" role=\"alert\""));

    assert!(app.documents().await.is_empty());
}

#[tokio::test]
async fn an_invalid_target_is_an_alert_that_keeps_the_form() {
    let app = TestApp::new().await;
    let r = app.form("/target", &[("role", "astronaut"), ("domain", "space <b>x</b>")]).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let html = r.text();
    assert!(html.contains("class=\"error\" role=\"alert\""));
    assert!(html.contains("value=\"space &lt;b&gt;x&lt;/b&gt;\""), "the typed domain is lost");
    assert_eq!(app.get("/api/v1/target").await.json(), Value::Null);
}

// ---------------------------------------------------------------------------------------
// The API.

const API_PATHS: [&str; 25] = [
    "/api/v1/status",
    "/api/v1/roles",
    "/api/v1/target",
    "/api/v1/documents",
    "/api/v1/documents/{id}",
    "/api/v1/documents/{id}/versions/{version}/original",
    "/api/v1/postings",
    "/api/v1/evidence",
    "/api/v1/map",
    "/api/v1/map/history",
    "/api/v1/proofs",
    "/api/v1/proofs/{id}",
    "/api/v1/narratives",
    "/api/v1/narratives/{id}",
    "/api/v1/narratives/{id}/versions",
    "/api/v1/narratives/{id}/versions/{version}",
    "/api/v1/lint",
    "/api/v1/checklist",
    "/api/v1/week",
    "/api/v1/week/items/{id}",
    "/api/v1/week/block",
    "/api/v1/week.ics",
    "/api/v1/dashboard",
    "/api/v1/export",
    "/api/v1/import",
];

#[tokio::test]
async fn the_openapi_document_lists_every_route() {
    let app = TestApp::new().await;
    let r = app.get("/api/v1/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header(header::CONTENT_TYPE).starts_with("application/json"));
    let doc = r.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with('3'));
    let paths = doc["paths"].as_object().unwrap();
    let missing: Vec<_> = API_PATHS.iter().filter(|p| !paths.contains_key(**p)).collect();
    assert!(missing.is_empty(), "not documented: {missing:?}");
    assert_eq!(paths.len(), API_PATHS.len(), "documented: {:?}", paths.keys().collect::<Vec<_>>());
    let methods = |p: &str| paths[p].as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert!(methods("/api/v1/target").contains(&"put".to_string()));
    assert!(methods("/api/v1/proofs/{id}").contains(&"delete".to_string()));
    for method in ["get", "patch", "delete"] {
        assert!(methods("/api/v1/narratives/{id}").contains(&method.to_string()), "{method}");
    }
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
}

#[tokio::test]
async fn errors_are_json_with_a_stable_code() {
    let app = TestApp::new().await;
    let nid = "5f0c2a4e-6d8b-4a53-9d47-0e6f1c9b7a21";
    let cases: Vec<(Resp, u16, &str)> = vec![
        (app.get("/api/v1/no-such-route").await, 404, "not_found"),
        (app.get(&format!("/api/v1/narratives/{nid}")).await, 404, "not_found"),
        (app.get(&format!("/api/v1/proofs/{nid}")).await, 404, "not_found"),
        (app.get("/api/v1/map").await, 404, "not_found"),
        (app.get("/api/v1/narratives/NOT_AN_ID").await, 400, "invalid"),
        (app.get(&format!("/api/v1/narratives/{nid}/versions/x")).await, 400, "invalid"),
        (app.call(Method::DELETE, "/api/v1/status").await, 405, "method_not_allowed"),
        (
            app.json(Method::PUT, "/api/v1/target", json!({"role": "astronaut"})).await,
            400,
            "invalid",
        ),
        (
            app.json(Method::POST, "/api/v1/narratives", json!({"kind": "narrative"})).await,
            422,
            "invalid_json",
        ),
        (
            app.json(Method::POST, "/api/v1/narratives", json!({"kind": "poem", "title": "x"}))
                .await,
            400,
            "invalid",
        ),
        (
            app.json(Method::POST, "/api/v1/lint", json!({"text": "x", "kind": "poem"})).await,
            400,
            "invalid",
        ),
        (
            app.send(
                Request::post("/api/v1/narratives")
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from("{not json"))
                    .unwrap(),
            )
            .await,
            400,
            "malformed_json",
        ),
        (
            app.send(Request::post("/api/v1/narratives").body(Body::from("{}")).unwrap()).await,
            415,
            "unsupported_media_type",
        ),
        (app.get("/api/v1/week?today=tomorrow").await, 400, "invalid"),
        (
            app.json(Method::PUT, "/api/v1/week/block", json!({"start": "soon"})).await,
            400,
            "invalid",
        ),
        (app.get("/api/v1/documents?kind=photo").await, 400, "invalid"),
        (
            app.json(Method::POST, "/api/v1/import?replace=maybe", json!({})).await,
            422,
            "invalid_json",
        ),
    ];
    for (i, (r, status, code)) in cases.iter().enumerate() {
        assert_eq!(r.status.as_u16(), *status, "case {i}: {}", r.text());
        let body = r.json();
        let obj = body.as_object().unwrap();
        assert_eq!(obj.keys().collect::<Vec<_>>(), vec!["error"], "case {i}");
        let error = body["error"].as_object().unwrap();
        assert_eq!(error.len(), 2, "case {i}: {error:?}");
        assert_eq!(error["code"], *code, "case {i}: {error:?}");
        let message = error["message"].as_str().unwrap();
        assert!(!message.is_empty());
        for leak in ["panicked", "SELECT", "sqlx", "src/"] {
            assert!(!message.contains(leak), "case {i} leaks {leak}: {message}");
        }
    }
}

#[tokio::test]
async fn the_api_covers_every_capability() {
    let app = TestApp::new().await;
    let ok = |r: &Resp, s: u16| assert_eq!(r.status.as_u16(), s, "{}", r.text());

    let r = app.get("/api/v1/status").await;
    ok(&r, 200);
    assert_eq!(r.json()["engine"]["state"], "ready");
    let roles = app.get("/api/v1/roles").await.json();
    assert!(roles.as_array().unwrap().iter().any(|r| r["id"] == "product-management"));
    assert_eq!(app.get("/api/v1/target").await.json(), Value::Null);
    let r = app.json(Method::PUT, "/api/v1/target", json!({"role": "product-management", "level": "director", "companies": ["Quillpay"], "intended": "A product leader who grew a lending book eightfold."})).await;
    ok(&r, 200);
    assert_eq!(app.get("/api/v1/target").await.json()["level"], "director");

    let r = app
        .json(Method::POST, "/api/v1/postings", json!({"name": "Kestrel", "text": LENDING}))
        .await;
    ok(&r, 201);
    assert_eq!(r.json()["requirements"], 7);
    let r = app.upload("/api/v1/documents", "pm-resume.pdf", RESUME_PDF, "resume").await;
    ok(&r, 201);
    let doc = r.json()["document"]["id"].as_str().unwrap().to_string();
    assert!(r.json()["evidence"].as_u64().unwrap() > 0);
    assert_eq!(app.get("/api/v1/documents?kind=posting").await.json().as_array().unwrap().len(), 1);
    let d = app.get(&format!("/api/v1/documents/{doc}")).await.json();
    assert_eq!(d["versions"][0]["version"], 1);
    assert!(!app.get("/api/v1/evidence").await.json().as_array().unwrap().is_empty());

    ok(&app.call(Method::POST, "/api/v1/map").await, 201);
    let m = app.get("/api/v1/map").await.json();
    assert!(m["signals"].as_i64().unwrap() > 0);
    assert_eq!(app.get("/api/v1/map/history").await.json().as_array().unwrap().len(), 1);

    let p = app
        .json(
            Method::POST,
            "/api/v1/proofs",
            json!({"title": "Memo", "status": "done", "outcomes": "3 teams use it"}),
        )
        .await;
    ok(&p, 201);
    let pid = p.json()["id"].as_str().unwrap().to_string();
    ok(&app.get(&format!("/api/v1/proofs/{pid}")).await, 200);

    let n = app
        .json(Method::POST, "/api/v1/narratives", json!({"kind": "headline", "title": "Headline"}))
        .await;
    ok(&n, 201);
    let nid = n.json()["id"].as_str().unwrap().to_string();
    let v = app
        .json(
            Method::POST,
            &format!("/api/v1/narratives/{nid}/versions"),
            json!({"body": "Director of Product | grew a loan book 8x", "base_version": 0}),
        )
        .await;
    ok(&v, 201);
    assert!(v.json()["score"].is_i64());
    ok(&app.get(&format!("/api/v1/narratives/{nid}")).await, 200);
    assert_eq!(app.get(&format!("/api/v1/narratives/{nid}/versions/1")).await.json()["version"], 1);

    let l = app
        .json(
            Method::POST,
            "/api/v1/lint",
            json!({"text": "Responsible for managing the roadmap", "kind": "bullet"}),
        )
        .await;
    ok(&l, 200);
    let report = l.json();
    assert!(
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "Method.TaskLanguage"
                && d["span"]["start"] == 0
                && d["span"]["end"] == 15)
    );
    assert!(report["scores"]["signal"].is_u64());

    assert!(!app.get("/api/v1/checklist").await.json().as_array().unwrap().is_empty());
    let w = app.get("/api/v1/week").await.json();
    assert!(!w["week"]["items"].as_array().unwrap().is_empty());
    let item = w["week"]["items"][0]["id"].as_str().unwrap().to_string();
    let w =
        app.json(Method::PUT, &format!("/api/v1/week/items/{item}"), json!({"done": true})).await;
    ok(&w, 200);
    assert_eq!(w.json()["week"]["items"][0]["done"], true);
    ok(
        &app.json(Method::PUT, "/api/v1/week/block", json!({"start": "2026-02-12T09:00"})).await,
        200,
    );
    let ics = app.get("/api/v1/week.ics").await;
    ok(&ics, 200);
    assert!(ics.text().contains("BEGIN:VEVENT"));
    let dash = app.get("/api/v1/dashboard").await.json();
    assert_eq!(dash["postings"], 1);

    // Export, then import over it: nothing lost.
    let export = app.get("/api/v1/export").await;
    ok(&export, 200);
    let export = export.json();
    let r = app.json(Method::POST, "/api/v1/import", export.clone()).await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "an import over an existing workspace needs replace=true: {}",
        r.text()
    );
    ok(&app.json(Method::POST, "/api/v1/import?replace=true", export.clone()).await, 201);
    let again = app.get("/api/v1/export").await.json();
    assert_eq!(again["documents"], export["documents"]);
    assert_eq!(again["narratives"], export["narratives"]);

    // Deletes.
    ok(&app.call(Method::DELETE, &format!("/api/v1/proofs/{pid}")).await, 204);
    ok(&app.call(Method::DELETE, &format!("/api/v1/documents/{doc}")).await, 204);
    assert_eq!(app.get(&format!("/api/v1/documents/{doc}")).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn reading_notes_of_an_upload_are_kept_and_shown_on_the_assets_page() {
    let app = TestApp::new().await;
    let r = app.upload("/assets/upload", "resume.docx", BAD_BYTE_DOCX, "resume").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let notice = app.get(&r.location()).await.text();
    assert!(
        notice.contains("1 reading note(s): see them under the document"),
        "{}",
        excerpt(&notice)
    );
    let note = "word/document.xml is not valid UTF-8; unreadable characters replaced";
    // Still there on a later visit, with the version they belong to, and in the API.
    let page = app.get("/assets").await.text();
    assert!(page.contains("data-notes=\"1\"") && page.contains(note), "{}", excerpt(&page));
    let id = app.documents().await[0]["id"].as_str().unwrap().to_string();
    let doc = app.get(&format!("/api/v1/documents/{id}")).await.json();
    assert_eq!(doc["versions"][0]["warnings"], json!([note]), "{doc}");
    // A clean version has none.
    let body = multipart(&[
        ("file", Some("resume.pdf"), RESUME_PDF),
        ("document_id", None, id.as_bytes()),
    ]);
    let req = Request::post("/assets/upload")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(Body::from(body))
        .unwrap();
    assert_eq!(app.send(req).await.status, StatusCode::SEE_OTHER);
    let page = app.get("/assets").await.text();
    assert_eq!(page.matches("data-notes=").count(), 1, "only v1 has notes");
}

#[tokio::test]
async fn a_new_version_of_a_document_is_uploaded_from_the_assets_page() {
    let app = TestApp::new().await;
    let first = "# Maya Okafor\n\n## Experience\n\n### PM — Contoso (2020 – Present)\n\n- Raised onboarding completion from 48% to 77%\n";
    let r = app.upload("/assets/upload", "resume.md", first.as_bytes(), "resume").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let docs = app.documents().await;
    let id = docs[0]["id"].as_str().unwrap().to_string();
    let page = app.get("/assets").await.text();
    assert!(
        page.contains(&format!("name=\"document_id\" value=\"{id}\"")),
        "a new-version form per document"
    );

    let second = format!("{first}- Cut time-to-decision from 3 days to 4 minutes\n");
    let body = multipart(&[
        ("file", Some("resume-v2.md"), second.as_bytes()),
        ("document_id", None, id.as_bytes()),
    ]);
    let req = Request::post("/assets/upload")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(Body::from(body))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let docs = app.documents().await;
    assert_eq!(docs.len(), 1, "a version, not a new document");
    assert_eq!(docs[0]["latest_version"], 2);
    let page = app.get("/assets").await.text();
    assert!(
        page.contains("resume-v2.md") && page.contains("v1:") && page.contains("v2:"),
        "both versions listed"
    );
}
