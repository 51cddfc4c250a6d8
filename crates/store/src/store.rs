//! The store: a pool on one of two backends, and every query Pivot makes.
//!
//! Each query is written once: SQL uses `$1`-style placeholders, which PostgreSQL and sqlx's
//! SQLite driver both accept, and [`on_pool!`] compiles the same body once per backend. Write
//! transactions on SQLite start with `BEGIN IMMEDIATE`, so a writer waits for the lock
//! (`busy_timeout`) instead of failing on a stale snapshot.
//!
//! Adding an entity later (accounts, an outreach log, experiments): a new migration in both
//! `migrations/sqlite` and `migrations/postgres` with a table keyed by `id` whose
//! `workspace_id` references `workspaces (id) ON DELETE CASCADE` and leads its indexes; a row
//! type in `rows.rs`; the queries here, each bound by `workspace_id`; and, so that a round
//! trip stays lossless, a field in [`WorkspaceExport`] (with `#[serde(default)]`, so that older
//! exports still import) written by `export_workspace` and `import_rows`.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use base64::Engine as _;
use sha2::{Digest, Sha256};
use sqlx::error::ErrorKind;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Connection, Transaction};

use crate::rows::{
    AssetMapRow, ChecklistRow, DocumentRow, EvidenceRow, LatestRow, NarrativeRow,
    NarrativeVersionRow, ProofRow, TargetRow, VersionRow, VersionWithOriginalRow, WeekRow,
    WorkspaceRow, all, asset_map_columns, checklist_columns, document_columns, evidence_columns,
    narrative_columns, narrative_version_columns, proof_columns, proof_order, target_columns,
    to_json, version_columns, week_columns, workspace_columns,
};
use crate::{
    AssetMapRecord, ChecklistState, Document, DocumentKind, DocumentVersion, Evidence,
    ExportedDocument, ExportedNarrative, ExportedVersion, Id, Narrative, NarrativeVersion,
    NewAssetMap, NewDocumentVersion, NewNarrativeVersion, ProofInput, ProofProject, StoreError,
    Target, WeeklyPlan, Workspace, WorkspaceExport, now_millis,
};

/// The export format [`Store::export_workspace`] writes and [`Store::import_workspace`] reads.
const EXPORT_FORMAT: u32 = 1;
/// Connections in a SQLite pool: reads run concurrently under WAL, writes take turns.
const SQLITE_CONNECTIONS: u32 = 5;
/// Connections in a PostgreSQL pool.
const POSTGRES_CONNECTIONS: u32 = 10;
/// How long SQLite waits for a lock before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// How long opening a PostgreSQL connection may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a query waits for a free connection.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(30);

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite, a file (the default).
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// A validated database URL: `sqlite://PATH` (or a bare path to a `.db`/`.sqlite` file) or
/// `postgres://…` / `postgresql://…`. Its `Debug` output hides the password, like
/// [`DatabaseUrl::redacted`].
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    backend: Backend,
    url: String,
    /// The SQLite file (kept as a path so that non-UTF-8 paths survive).
    path: Option<PathBuf>,
}

/// What [`DatabaseUrl::parse`] accepts, for its messages.
const ACCEPTED_URLS: &str = "use sqlite://PATH, sqlite:PATH, a file path ending in .db, .sqlite \
     or .sqlite3, or postgres://USER:PASSWORD@HOST:PORT/DATABASE (postgresql:// also works)";

impl DatabaseUrl {
    /// Parses a URL; says what is wrong and what is accepted otherwise.
    pub fn parse(s: &str) -> Result<DatabaseUrl, StoreError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(StoreError::InvalidUrl(format!("the URL is empty; {ACCEPTED_URLS}")));
        }
        if starts_with_ci(s, "postgres://") || starts_with_ci(s, "postgresql://") {
            if let Err(e) = PgConnectOptions::from_str(s) {
                return Err(StoreError::InvalidUrl(format!(
                    "`{}` is not a valid PostgreSQL URL ({}); {ACCEPTED_URLS}",
                    redact(s),
                    scrub(sqlx_detail(&e), s)
                )));
            }
            return Ok(DatabaseUrl { backend: Backend::Postgres, url: s.to_string(), path: None });
        }
        let path = if let Some(rest) = strip_prefix_ci(s, "sqlite://") {
            rest
        } else if let Some(rest) = strip_prefix_ci(s, "sqlite:") {
            rest
        } else if s.contains("://") {
            return Err(StoreError::InvalidUrl(format!(
                "`{}` is not a database Pivot supports; {ACCEPTED_URLS}",
                redact(s)
            )));
        } else if [".db", ".sqlite", ".sqlite3"].iter().any(|ext| ends_with_ci(s, ext)) {
            s
        } else {
            return Err(StoreError::InvalidUrl(format!(
                "`{s}` is neither a database URL nor a SQLite file name; {ACCEPTED_URLS}"
            )));
        };
        if path.is_empty() {
            return Err(StoreError::InvalidUrl(format!(
                "`{s}` names no SQLite file; {ACCEPTED_URLS}"
            )));
        }
        if path == ":memory:" || path.starts_with(":memory:") || path.starts_with("file:") {
            return Err(StoreError::InvalidUrl(format!(
                "`{s}`: in-memory and `file:` SQLite URLs are not supported, give a file path; \
                 {ACCEPTED_URLS}"
            )));
        }
        Ok(DatabaseUrl::sqlite_file(Path::new(path)))
    }

    /// The SQLite database file at `path`.
    pub fn sqlite_file(path: &std::path::Path) -> DatabaseUrl {
        DatabaseUrl {
            backend: Backend::Sqlite,
            url: format!("sqlite://{}", path.display()),
            path: Some(path.to_path_buf()),
        }
    }

    /// The backend.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The URL with any password replaced by `***`, for messages.
    pub fn redacted(&self) -> String {
        match self.backend {
            Backend::Sqlite => self.url.clone(),
            Backend::Postgres => redact(&self.url),
        }
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DatabaseUrl")
            .field("backend", &self.backend)
            .field("url", &self.redacted())
            .finish()
    }
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    starts_with_ci(s, prefix).then(|| &s[prefix.len()..])
}

fn ends_with_ci(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.is_char_boundary(s.len() - suffix.len())
        && s[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// `scheme://user:password@host/…?password=…` → `scheme://user:***@host/…?password=***`.
fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let start = scheme_end + 3;
    let rest = &url[start..];
    let query_start = rest.find(['?', '#']).unwrap_or(rest.len());
    let mut out = url[..start].to_string();
    // The last `@` before the query ends the user info (an unescaped `@` or `/` in a password
    // stays hidden that way too).
    let after_userinfo = match rest[..query_start].rfind('@') {
        Some(at) => {
            let userinfo = &rest[..at];
            match userinfo.find(':') {
                Some(colon) => {
                    out.push_str(&userinfo[..colon]);
                    out.push_str(":***");
                }
                None => out.push_str(userinfo),
            }
            at
        }
        None => 0,
    };
    out.push_str(&rest[after_userinfo..query_start]);
    let query = &rest[query_start..];
    if let Some(q) = query.strip_prefix('?') {
        out.push('?');
        let pairs: Vec<String> = q
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((key, _)) if is_password_key(key) => format!("{key}=***"),
                _ => pair.to_string(),
            })
            .collect();
        out.push_str(&pairs.join("&"));
    } else {
        out.push_str(query);
    }
    out
}

/// The passwords in a URL (as written and percent-decoded), to scrub them from messages.
fn passwords(url: &str) -> Vec<String> {
    let mut found = Vec::new();
    if let Some(scheme_end) = url.find("://") {
        let rest = &url[scheme_end + 3..];
        let query_start = rest.find(['?', '#']).unwrap_or(rest.len());
        if let Some(at) = rest[..query_start].rfind('@')
            && let Some((_, password)) = rest[..at].split_once(':')
        {
            found.push(password.to_string());
        }
        for pair in rest[query_start..].trim_start_matches('?').split('&') {
            if let Some((key, value)) = pair.split_once('=')
                && is_password_key(key)
            {
                found.push(value.to_string());
            }
        }
    }
    // What the driver reads: tabs and line breaks dropped (as URL parsing does), then decoded.
    let stripped: Vec<String> = found.iter().map(|p| strip_url_whitespace(p)).collect();
    found.extend(stripped);
    let decoded: Vec<String> = found.iter().map(|p| percent_decode(p)).collect();
    found.extend(decoded);
    found.retain(|p| !p.is_empty());
    found
}

/// Whether a query key names the password the way the driver reads it: URL parsing drops tabs
/// and line breaks and the key is percent-decoded (`pass%77ord` is `password`).
fn is_password_key(key: &str) -> bool {
    percent_decode(&strip_url_whitespace(key)).eq_ignore_ascii_case("password")
}

fn strip_url_whitespace(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, '\t' | '\r' | '\n')).collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Removes any password of `url` from a detail that came from the driver or the server (they
/// should never repeat it; this makes sure). The parts of a message Pivot writes itself take
/// only the host, port, user and database from the URL.
fn scrub(mut message: String, url: &str) -> String {
    for password in passwords(url) {
        message = message.replace(&password, "***");
    }
    message
}

/// A sqlx error in words, without the "error returned from database" wrapping.
fn sqlx_detail(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Database(db) => db.message().to_string(),
        sqlx::Error::Io(io) => io.to_string(),
        sqlx::Error::Configuration(c) => c.to_string(),
        sqlx::Error::Tls(t) => format!("TLS: {t}"),
        sqlx::Error::PoolTimedOut => "timed out waiting for a connection".to_string(),
        other => other.to_string(),
    }
}

/// Why a SQLite file could not be opened.
fn sqlite_open_error(path: &Path, e: &sqlx::Error) -> StoreError {
    let hint = match e {
        sqlx::Error::Database(db) => match db.code().as_deref() {
            Some("14") => " (check that the folder exists and is writable)",
            Some("8") => " (the file or its folder is read-only)",
            Some("26") => " (the file is not a SQLite database)",
            _ => "",
        },
        _ => "",
    };
    StoreError::Open(format!("SQLite database {}: {}{hint}", path.display(), sqlx_detail(e)))
}

/// Why a PostgreSQL server could not be used; never contains the password.
fn postgres_open_error(url: &str, options: &PgConnectOptions, e: &sqlx::Error) -> StoreError {
    let detail = |text: String| scrub(text, url);
    let place = format!("{}:{}", options.get_host(), options.get_port());
    let user = options.get_username();
    let message = match e {
        sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            format!(
                "nothing answers at {place} (is PostgreSQL running there?): {}",
                detail(io.to_string())
            )
        }
        sqlx::Error::Io(io) => {
            format!("cannot reach PostgreSQL at {place}: {}", detail(io.to_string()))
        }
        sqlx::Error::Database(db) => match db.code().as_deref() {
            Some("28P01") => format!(
                "PostgreSQL at {place} refused the password of user `{user}` \
                 (password authentication failed)"
            ),
            Some("28000") => {
                format!(
                    "PostgreSQL at {place} refused user `{user}`: {}",
                    detail(db.message().to_string())
                )
            }
            Some("3D000") => format!(
                "PostgreSQL at {place} has no database `{}`",
                options.get_database().unwrap_or(user)
            ),
            _ => format!("PostgreSQL at {place}: {}", detail(db.message().to_string())),
        },
        other => format!("PostgreSQL at {place}: {}", detail(sqlx_detail(other))),
    };
    StoreError::Open(message)
}

fn migrate_error(e: sqlx::migrate::MigrateError) -> StoreError {
    StoreError::Migrate(e.to_string())
}

#[derive(Debug, Clone)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs `$body` with `$p` bound to the store's pool. The body is compiled once per backend,
/// so one SQL text serves both.
macro_rules! on_pool {
    ($store:expr, |$p:ident| $body:expr) => {
        match &$store.pool {
            Pool::Sqlite($p) => $body,
            Pool::Postgres($p) => $body,
        }
    };
}

/// Inserts one checklist item at `position` (shared by the save and the import).
macro_rules! insert_checklist_item {
    ($executor:expr, $ws:expr, $position:expr, $item:expr) => {
        sqlx::query(concat!(
            "INSERT INTO checklist_items (workspace_id, position, ",
            checklist_columns!(),
            ") VALUES ($1, $2, $3, $4, $5, $6, $7)"
        ))
        .bind($ws.as_str())
        .bind($position as i64)
        .bind(&$item.item)
        .bind(&$item.label)
        .bind($item.met)
        .bind(&$item.evidence)
        .bind($item.updated_at)
        .execute($executor)
        .await
    };
}

/// Transactions as each backend wants them.
trait Begin {
    type Db: sqlx::Database;

    /// A transaction that will write: on SQLite it takes the write lock at once (waiting up to
    /// the busy timeout), so it never fails later on a snapshot another writer made stale.
    async fn write_tx(&self) -> Result<Transaction<'static, Self::Db>, sqlx::Error>;

    /// A read-only transaction that sees one snapshot (export).
    async fn read_tx(&self) -> Result<Transaction<'static, Self::Db>, sqlx::Error>;
}

impl Begin for SqlitePool {
    type Db = sqlx::Sqlite;

    async fn write_tx(&self) -> Result<Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
        self.begin_with("BEGIN IMMEDIATE").await
    }

    async fn read_tx(&self) -> Result<Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
        self.begin().await
    }
}

impl Begin for PgPool {
    type Db = sqlx::Postgres;

    async fn write_tx(&self) -> Result<Transaction<'static, sqlx::Postgres>, sqlx::Error> {
        self.begin().await
    }

    async fn read_tx(&self) -> Result<Transaction<'static, sqlx::Postgres>, sqlx::Error> {
        self.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").await
    }
}

fn is_kind(e: &sqlx::Error, kind: ErrorKind) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.kind() == kind)
}

/// An insert into a workspace's table failed: a missing workspace is `NotFound`.
fn no_workspace(e: sqlx::Error) -> StoreError {
    if is_kind(&e, ErrorKind::ForeignKeyViolation) {
        StoreError::NotFound { what: "workspace" }
    } else {
        e.into()
    }
}

fn not_found(what: &'static str) -> StoreError {
    StoreError::NotFound { what }
}

fn invalid(message: impl Into<String>) -> StoreError {
    StoreError::Invalid(message.into())
}

fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// `YYYY-MM-DD` (shape only).
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Checks a proof project's fields; empty dates become `None`.
fn checked_proof(input: &ProofInput) -> Result<ProofInput, StoreError> {
    let mut input = input.clone();
    if input.title.trim().is_empty() {
        return Err(invalid("a proof project needs a title"));
    }
    for (field, date) in [("start", &mut input.started_on), ("finish", &mut input.finished_on)] {
        if date.as_deref().is_some_and(|d| d.trim().is_empty()) {
            *date = None;
        }
        if let Some(d) = date.as_deref()
            && !is_date(d)
        {
            return Err(invalid(format!("the {field} date `{d}` is not a YYYY-MM-DD date")));
        }
    }
    Ok(input)
}

/// A connection pool on SQLite or PostgreSQL, migrated on open. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pool: Pool,
    /// Bumped after every write through this store (readers cache against it).
    generation: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Store {
    /// Opens (creating a SQLite file and its folder if needed) and migrates.
    pub async fn open(url: &DatabaseUrl) -> Result<Store, StoreError> {
        match url.backend {
            Backend::Sqlite => {
                let path = url.path.clone().unwrap_or_else(|| PathBuf::from(&url.url));
                Store::open_sqlite(&path).await
            }
            Backend::Postgres => Store::open_postgres(&url.url).await,
        }
    }

    async fn open_sqlite(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                StoreError::Open(format!("cannot create the folder {}: {e}", dir.display()))
            })?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(SQLITE_BUSY_TIMEOUT)
            .synchronous(SqliteSynchronous::Normal);
        let pool = SqlitePoolOptions::new()
            .max_connections(SQLITE_CONNECTIONS)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(|e| sqlite_open_error(path, &e))?;
        if let Err(e) = sqlx::migrate!("./migrations/sqlite").run(&pool).await {
            pool.close().await;
            return Err(migrate_error(e));
        }
        Ok(Store { pool: Pool::Sqlite(pool), generation: Default::default() })
    }

    async fn open_postgres(url: &str) -> Result<Store, StoreError> {
        let options = PgConnectOptions::from_str(url).map_err(|e| {
            StoreError::InvalidUrl(format!("`{}`: {}", redact(url), scrub(sqlx_detail(&e), url)))
        })?;
        // One direct connection first: the pool would retry a refused connection until its
        // timeout and then report only that it timed out.
        match tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(&options)).await {
            Err(_) => {
                return Err(StoreError::Open(format!(
                    "no answer from PostgreSQL at {}:{} within {} s",
                    options.get_host(),
                    options.get_port(),
                    CONNECT_TIMEOUT.as_secs()
                )));
            }
            Ok(Err(e)) => return Err(postgres_open_error(url, &options, &e)),
            Ok(Ok(connection)) => {
                let _ = connection.close().await;
            }
        }
        let pool = PgPoolOptions::new()
            .max_connections(POSTGRES_CONNECTIONS)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options.clone())
            .await
            .map_err(|e| postgres_open_error(url, &options, &e))?;
        if let Err(e) = sqlx::migrate!("./migrations/postgres").run(&pool).await {
            pool.close().await;
            return Err(migrate_error(e));
        }
        Ok(Store { pool: Pool::Postgres(pool), generation: Default::default() })
    }

    /// A counter bumped after every write made through this store (or a clone of it), failed
    /// or not: a cache of what was read at one generation is current until it changes. Writes
    /// by other processes on the same database do not bump it.
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::Acquire)
    }

    fn touched(&self) {
        self.generation.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Closes the pool, waiting for connections to be returned (SQLite checkpoints the WAL).
    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(pool) => {
                // Best effort: fold the WAL back into the file so it is whole on its own.
                let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(pool).await;
                pool.close().await;
            }
            Pool::Postgres(pool) => pool.close().await,
        }
    }

    // Workspaces.

    /// The workspace named `name`, created if absent (the local single-user workspace is
    /// `default`).
    pub async fn ensure_workspace(&self, name: &str) -> Result<Workspace, StoreError> {
        if name.trim().is_empty() {
            return Err(invalid("a workspace needs a name"));
        }
        let id = Id::new();
        on_pool!(self, |p| {
            // Every page asks for the workspace: read first, so the common case takes no
            // write lock.
            let existing: Option<WorkspaceRow> = sqlx::query_as(concat!(
                "SELECT ",
                workspace_columns!(),
                " FROM workspaces WHERE name = $1"
            ))
            .bind(name)
            .fetch_optional(p)
            .await?;
            if let Some(row) = existing {
                return Ok(row.model());
            }
            sqlx::query(
                "INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (name) DO NOTHING",
            )
            .bind(id.as_str())
            .bind(name)
            .bind(now_millis())
            .execute(p)
            .await?;
            let row: WorkspaceRow = sqlx::query_as(concat!(
                "SELECT ",
                workspace_columns!(),
                " FROM workspaces WHERE name = $1"
            ))
            .bind(name)
            .fetch_one(p)
            .await?;
            Ok(row.model())
        })
    }

    /// A workspace by id.
    pub async fn workspace(&self, id: &Id) -> Result<Workspace, StoreError> {
        on_pool!(self, |p| {
            let row: Option<WorkspaceRow> = sqlx::query_as(concat!(
                "SELECT ",
                workspace_columns!(),
                " FROM workspaces WHERE id = $1"
            ))
            .bind(id.as_str())
            .fetch_optional(p)
            .await?;
            row.map(WorkspaceRow::model).ok_or(not_found("workspace"))
        })
    }

    /// All workspaces, by name.
    pub async fn workspaces(&self) -> Result<Vec<Workspace>, StoreError> {
        on_pool!(self, |p| {
            let rows: Vec<WorkspaceRow> = sqlx::query_as(concat!(
                "SELECT ",
                workspace_columns!(),
                " FROM workspaces ORDER BY name, id"
            ))
            .fetch_all(p)
            .await?;
            Ok(rows.into_iter().map(WorkspaceRow::model).collect())
        })
    }

    // Target.

    /// The workspace's target, if set.
    pub async fn target(&self, ws: &Id) -> Result<Option<Target>, StoreError> {
        on_pool!(self, |p| {
            let row: Option<TargetRow> = sqlx::query_as(concat!(
                "SELECT ",
                target_columns!(),
                " FROM targets WHERE workspace_id = $1"
            ))
            .bind(ws.as_str())
            .fetch_optional(p)
            .await?;
            row.map(TargetRow::model).transpose()
        })
    }

    /// Sets the target (`updated_at` is set by the store).
    pub async fn set_target(&self, ws: &Id, target: &Target) -> Result<Target, StoreError> {
        let result: Result<Target, StoreError> = async {
            if target.role.trim().is_empty() {
                return Err(invalid("a target needs a role"));
            }
            let target = Target { updated_at: now_millis(), ..target.clone() };
            on_pool!(self, |p| {
                sqlx::query(
                    "INSERT INTO targets \
                     (workspace_id, role, level, domain, companies, intended, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) \
                     ON CONFLICT (workspace_id) DO UPDATE SET role = excluded.role, \
                     level = excluded.level, domain = excluded.domain, \
                     companies = excluded.companies, intended = excluded.intended, \
                     updated_at = excluded.updated_at",
                )
                .bind(ws.as_str())
                .bind(&target.role)
                .bind(&target.level)
                .bind(&target.domain)
                .bind(to_json(&target.companies))
                .bind(&target.intended)
                .bind(target.updated_at)
                .execute(p)
                .await
                .map_err(no_workspace)?;
            });
            Ok(target)
        }
        .await;
        self.touched();
        result
    }

    // Documents and evidence.

    /// Stores a document version with its evidence, in one transaction.
    pub async fn add_document_version(
        &self,
        ws: &Id,
        new: NewDocumentVersion,
    ) -> Result<(Document, DocumentVersion), StoreError> {
        let result: Result<(Document, DocumentVersion), StoreError> = async {
            let now = now_millis();
            let name =
                if new.name.trim().is_empty() { new.file_name.clone() } else { new.name.clone() };
            if new.document_id.is_none() && name.trim().is_empty() {
                return Err(invalid("a document needs a name"));
            }
            let sha256 = sha256_hex(&new.original);
            let size = new.original.len() as i64;
            let extracted = to_json(&new.extracted);
            on_pool!(self, |p| {
                let mut tx = p.write_tx().await?;
                let document = match &new.document_id {
                    Some(id) => {
                        // Bumping the version first locks the row: concurrent uploads to the same
                        // document get consecutive numbers.
                        let row: Option<DocumentRow> = sqlx::query_as(concat!(
                            "UPDATE documents SET latest_version = latest_version + 1, \
                             updated_at = $3 WHERE workspace_id = $1 AND id = $2 RETURNING ",
                            document_columns!()
                        ))
                        .bind(ws.as_str())
                        .bind(id.as_str())
                        .bind(now)
                        .fetch_optional(&mut *tx)
                        .await?;
                        let document = row.ok_or(not_found("document"))?.model()?;
                        if document.kind != new.kind {
                            return Err(invalid(format!(
                                "document `{}` is a {}, not a {}",
                                document.name,
                                document.kind.as_str(),
                                new.kind.as_str()
                            )));
                        }
                        sqlx::query(
                            "DELETE FROM evidence WHERE workspace_id = $1 AND document_id = $2",
                        )
                        .bind(ws.as_str())
                        .bind(id.as_str())
                        .execute(&mut *tx)
                        .await?;
                        document
                    }
                    None => {
                        let document = Document {
                            id: Id::new(),
                            kind: new.kind,
                            name,
                            latest_version: 1,
                            created_at: now,
                            updated_at: now,
                        };
                        sqlx::query(
                            "INSERT INTO documents \
                             (id, workspace_id, kind, name, latest_version, created_at, updated_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7)",
                        )
                        .bind(document.id.as_str())
                        .bind(ws.as_str())
                        .bind(document.kind.as_str())
                        .bind(&document.name)
                        .bind(document.latest_version)
                        .bind(document.created_at)
                        .bind(document.updated_at)
                        .execute(&mut *tx)
                        .await
                        .map_err(no_workspace)?;
                        document
                    }
                };
                let version = DocumentVersion {
                    id: Id::new(),
                    document_id: document.id.clone(),
                    version: document.latest_version,
                    file_name: new.file_name.clone(),
                    media_type: new.media_type.clone(),
                    size,
                    sha256: sha256.clone(),
                    extracted: new.extracted.clone(),
                    warnings: new.warnings.clone(),
                    created_at: now,
                };
                sqlx::query(
                    "INSERT INTO document_versions (id, workspace_id, document_id, version, \
                     file_name, media_type, size, sha256, original, extracted, warnings, \
                     created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                )
                .bind(version.id.as_str())
                .bind(ws.as_str())
                .bind(document.id.as_str())
                .bind(version.version)
                .bind(&version.file_name)
                .bind(&version.media_type)
                .bind(version.size)
                .bind(&version.sha256)
                .bind(new.original.as_slice())
                .bind(&extracted)
                .bind(to_json(&new.warnings))
                .bind(version.created_at)
                .execute(&mut *tx)
                .await?;
                for (position, item) in new.evidence.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO evidence (id, workspace_id, document_id, version_id, kind, \
                         text, context, source, position) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    )
                    .bind(Id::new().as_str())
                    .bind(ws.as_str())
                    .bind(document.id.as_str())
                    .bind(version.id.as_str())
                    .bind(&item.kind)
                    .bind(&item.text)
                    .bind(&item.context)
                    .bind(&item.source)
                    .bind(position as i64)
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| {
                        if is_kind(&e, ErrorKind::CheckViolation) {
                            invalid(format!("evidence item {} needs a kind and a text", position + 1))
                        } else {
                            e.into()
                        }
                    })?;
                }
                tx.commit().await?;
                Ok((document, version))
            })
        }
        .await;
        self.touched();
        result
    }

    /// Documents, optionally of one kind, newest first.
    pub async fn documents(
        &self,
        ws: &Id,
        kind: Option<DocumentKind>,
    ) -> Result<Vec<Document>, StoreError> {
        on_pool!(self, |p| {
            let rows: Vec<DocumentRow> = sqlx::query_as(concat!(
                "SELECT ",
                document_columns!(),
                " FROM documents WHERE workspace_id = $1 AND ($2 IS NULL OR kind = $2) \
                 ORDER BY created_at DESC, id"
            ))
            .bind(ws.as_str())
            .bind(kind.map(DocumentKind::as_str))
            .fetch_all(p)
            .await?;
            all(rows, DocumentRow::model)
        })
    }

    /// One document.
    pub async fn document(&self, ws: &Id, id: &Id) -> Result<Document, StoreError> {
        on_pool!(self, |p| {
            let row: Option<DocumentRow> = sqlx::query_as(concat!(
                "SELECT ",
                document_columns!(),
                " FROM documents WHERE workspace_id = $1 AND id = $2"
            ))
            .bind(ws.as_str())
            .bind(id.as_str())
            .fetch_optional(p)
            .await?;
            row.ok_or(not_found("document"))?.model()
        })
    }

    /// A document's versions, oldest first (without the original bytes).
    pub async fn document_versions(
        &self,
        ws: &Id,
        document: &Id,
    ) -> Result<Vec<DocumentVersion>, StoreError> {
        let versions = on_pool!(self, |p| {
            let rows: Vec<VersionRow> = sqlx::query_as(concat!(
                "SELECT ",
                version_columns!(),
                " FROM document_versions WHERE workspace_id = $1 AND document_id = $2 \
                 ORDER BY version, id"
            ))
            .bind(ws.as_str())
            .bind(document.as_str())
            .fetch_all(p)
            .await?;
            all(rows, VersionRow::model)?
        });
        if versions.is_empty() {
            // No versions: say whether the document is missing.
            self.document(ws, document).await?;
        }
        Ok(versions)
    }

    /// The latest version of every document of a kind (postings for the map), by document
    /// creation time.
    pub async fn latest_versions(
        &self,
        ws: &Id,
        kind: DocumentKind,
    ) -> Result<Vec<(Document, DocumentVersion)>, StoreError> {
        on_pool!(self, |p| {
            let rows: Vec<LatestRow> = sqlx::query_as(
                "SELECT d.id AS id, d.kind AS kind, d.name AS name, \
                 d.latest_version AS latest_version, d.created_at AS created_at, \
                 d.updated_at AS updated_at, v.id AS v_id, v.version AS v_version, \
                 v.file_name AS file_name, v.media_type AS media_type, v.size AS size, \
                 v.sha256 AS sha256, v.extracted AS extracted, v.warnings AS warnings, \
                 v.created_at AS v_created_at \
                 FROM documents d JOIN document_versions v \
                 ON v.workspace_id = d.workspace_id AND v.document_id = d.id \
                 AND v.version = d.latest_version \
                 WHERE d.workspace_id = $1 AND d.kind = $2 \
                 ORDER BY d.created_at, d.id",
            )
            .bind(ws.as_str())
            .bind(kind.as_str())
            .fetch_all(p)
            .await?;
            all(rows, LatestRow::model)
        })
    }

    /// A version's original bytes: (file name, media type, bytes).
    pub async fn document_original(
        &self,
        ws: &Id,
        version: &Id,
    ) -> Result<(String, String, Vec<u8>), StoreError> {
        on_pool!(self, |p| {
            let row: Option<(String, String, Vec<u8>)> = sqlx::query_as(
                "SELECT file_name, media_type, original FROM document_versions \
                 WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.as_str())
            .bind(version.as_str())
            .fetch_optional(p)
            .await?;
            row.ok_or(not_found("document version"))
        })
    }

    /// Deletes a document with its versions and evidence.
    pub async fn delete_document(&self, ws: &Id, id: &Id) -> Result<(), StoreError> {
        let result: Result<(), StoreError> = async {
            self.delete(
                "DELETE FROM documents WHERE workspace_id = $1 AND id = $2",
                ws,
                id,
                "document",
            )
            .await
        }
        .await;
        self.touched();
        result
    }

    /// Runs a scoped `DELETE` of one row; nothing deleted is `NotFound`.
    async fn delete(
        &self,
        sql: &'static str,
        ws: &Id,
        id: &Id,
        what: &'static str,
    ) -> Result<(), StoreError> {
        let deleted = on_pool!(self, |p| {
            sqlx::query(sql).bind(ws.as_str()).bind(id.as_str()).execute(p).await?.rows_affected()
        });
        if deleted == 0 { Err(not_found(what)) } else { Ok(()) }
    }

    /// The current evidence (from each document's latest version), in document then position
    /// order.
    pub async fn evidence(&self, ws: &Id) -> Result<Vec<Evidence>, StoreError> {
        on_pool!(self, |p| {
            let rows: Vec<EvidenceRow> = sqlx::query_as(concat!(
                "SELECT ",
                evidence_columns!(),
                " FROM evidence e JOIN documents d \
                 ON d.workspace_id = e.workspace_id AND d.id = e.document_id \
                 JOIN document_versions v ON v.workspace_id = e.workspace_id \
                 AND v.id = e.version_id AND v.version = d.latest_version \
                 WHERE e.workspace_id = $1 \
                 ORDER BY d.created_at, d.id, e.position, e.id"
            ))
            .bind(ws.as_str())
            .fetch_all(p)
            .await?;
            Ok(rows.into_iter().map(EvidenceRow::model).collect())
        })
    }

    /// How many pieces of current evidence there are (what [`Store::evidence`] would return).
    pub async fn evidence_count(&self, ws: &Id) -> Result<i64, StoreError> {
        on_pool!(self, |p| {
            let (n,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM evidence e JOIN documents d \
                 ON d.workspace_id = e.workspace_id AND d.id = e.document_id \
                 JOIN document_versions v ON v.workspace_id = e.workspace_id \
                 AND v.id = e.version_id AND v.version = d.latest_version \
                 WHERE e.workspace_id = $1",
            )
            .bind(ws.as_str())
            .fetch_one(p)
            .await?;
            Ok(n)
        })
    }

    /// Every narrative version's score without its text or report, oldest first:
    /// (narrative, version, score, saved at).
    pub async fn narrative_scores(
        &self,
        ws: &Id,
    ) -> Result<Vec<(Id, i64, i64, crate::Millis)>, StoreError> {
        on_pool!(self, |p| {
            let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
                "SELECT narrative_id, version, score, created_at FROM narrative_versions \
                 WHERE workspace_id = $1 ORDER BY created_at, narrative_id, version",
            )
            .bind(ws.as_str())
            .fetch_all(p)
            .await?;
            Ok(rows.into_iter().map(|(n, v, s, t)| (Id::from_db(n), v, s, t)).collect())
        })
    }

    /// A narrative's versions without their text or report, oldest first.
    pub async fn narrative_version_heads(
        &self,
        ws: &Id,
        id: &Id,
    ) -> Result<Vec<crate::VersionHead>, StoreError> {
        on_pool!(self, |p| {
            let rows: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
                "SELECT version, score, findings, created_at FROM narrative_versions \
                 WHERE workspace_id = $1 AND narrative_id = $2 ORDER BY version",
            )
            .bind(ws.as_str())
            .bind(id.as_str())
            .fetch_all(p)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(version, score, findings, created_at)| crate::VersionHead {
                    version,
                    score,
                    findings,
                    created_at,
                })
                .collect())
        })
    }

    /// The latest asset map's headline figures, without its `result` (set to `null`).
    pub async fn latest_asset_map_summary(
        &self,
        ws: &Id,
    ) -> Result<Option<AssetMapRecord>, StoreError> {
        on_pool!(self, |p| {
            let row: Option<AssetMapRow> = sqlx::query_as(
                "SELECT id, mode, signals, covered, partial, gaps, created_at \
                 FROM asset_maps WHERE workspace_id = $1 \
                 ORDER BY created_at DESC, id DESC LIMIT 1",
            )
            .bind(ws.as_str())
            .fetch_optional(p)
            .await?;
            row.map(AssetMapRow::model).transpose()
        })
    }

    // Asset maps.

    /// Saves a built asset map.
    pub async fn save_asset_map(
        &self,
        ws: &Id,
        map: NewAssetMap,
    ) -> Result<AssetMapRecord, StoreError> {
        let result: Result<AssetMapRecord, StoreError> = async {
            let record = AssetMapRecord {
                id: Id::new(),
                mode: map.mode,
                signals: map.signals,
                covered: map.covered,
                partial: map.partial,
                gaps: map.gaps,
                result: map.result,
                created_at: now_millis(),
            };
            on_pool!(self, |p| {
                sqlx::query(
                    "INSERT INTO asset_maps (id, workspace_id, mode, signals, covered, partial, \
                     gaps, result, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(record.id.as_str())
                .bind(ws.as_str())
                .bind(&record.mode)
                .bind(record.signals)
                .bind(record.covered)
                .bind(record.partial)
                .bind(record.gaps)
                .bind(to_json(&record.result))
                .bind(record.created_at)
                .execute(p)
                .await
                .map_err(no_workspace)?;
            });
            Ok(record)
        }
        .await;
        self.touched();
        result
    }

    /// The latest asset map.
    pub async fn latest_asset_map(&self, ws: &Id) -> Result<Option<AssetMapRecord>, StoreError> {
        on_pool!(self, |p| {
            let row: Option<AssetMapRow> = sqlx::query_as(concat!(
                "SELECT ",
                asset_map_columns!(),
                " FROM asset_maps WHERE workspace_id = $1 \
                 ORDER BY created_at DESC, id DESC LIMIT 1"
            ))
            .bind(ws.as_str())
            .fetch_optional(p)
            .await?;
            row.map(AssetMapRow::model).transpose()
        })
    }

    /// All asset maps, oldest first, without their `result` (set to `null`) — for trends.
    pub async fn asset_map_history(&self, ws: &Id) -> Result<Vec<AssetMapRecord>, StoreError> {
        on_pool!(self, |p| {
            let rows: Vec<AssetMapRow> = sqlx::query_as(
                "SELECT id, mode, signals, covered, partial, gaps, created_at \
                 FROM asset_maps WHERE workspace_id = $1 ORDER BY created_at, id",
            )
            .bind(ws.as_str())
            .fetch_all(p)
            .await?;
            all(rows, AssetMapRow::model)
        })
    }

    // Proof projects.

    /// Creates a proof project.
    pub async fn create_proof(
        &self,
        ws: &Id,
        input: &ProofInput,
    ) -> Result<ProofProject, StoreError> {
        let result: Result<ProofProject, StoreError> = async {
            let input = checked_proof(input)?;
            let now = now_millis();
            let proof = ProofProject {
                id: Id::new(),
                title: input.title,
                description: input.description,
                status: input.status,
                started_on: input.started_on,
                finished_on: input.finished_on,
                outcomes: input.outcomes,
                covers: input.covers,
                revision: 1,
                created_at: now,
                updated_at: now,
            };
            on_pool!(self, |p| {
                sqlx::query(
                    "INSERT INTO proof_projects (id, workspace_id, title, description, status, \
                     started_on, finished_on, outcomes, covers, revision, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                )
                .bind(proof.id.as_str())
                .bind(ws.as_str())
                .bind(&proof.title)
                .bind(&proof.description)
                .bind(proof.status.as_str())
                .bind(&proof.started_on)
                .bind(&proof.finished_on)
                .bind(&proof.outcomes)
                .bind(to_json(&proof.covers))
                .bind(proof.revision)
                .bind(proof.created_at)
                .bind(proof.updated_at)
                .execute(p)
                .await
                .map_err(no_workspace)?;
            });
            Ok(proof)
        }
        .await;
        self.touched();
        result
    }

    /// Updates a proof project if it is still at `revision`; else [`StoreError::Conflict`].
    pub async fn update_proof(
        &self,
        ws: &Id,
        id: &Id,
        revision: i64,
        input: &ProofInput,
    ) -> Result<ProofProject, StoreError> {
        let result: Result<ProofProject, StoreError> = async {
            let input = checked_proof(input)?;
            on_pool!(self, |p| {
                // One conditional statement: of two updates from the same revision, one matches.
                let row: Option<ProofRow> = sqlx::query_as(concat!(
                    "UPDATE proof_projects SET title = $4, description = $5, status = $6, \
                     started_on = $7, finished_on = $8, outcomes = $9, covers = $10, \
                     revision = revision + 1, updated_at = $11 \
                     WHERE workspace_id = $1 AND id = $2 AND revision = $3 RETURNING ",
                    proof_columns!()
                ))
                .bind(ws.as_str())
                .bind(id.as_str())
                .bind(revision)
                .bind(&input.title)
                .bind(&input.description)
                .bind(input.status.as_str())
                .bind(&input.started_on)
                .bind(&input.finished_on)
                .bind(&input.outcomes)
                .bind(to_json(&input.covers))
                .bind(now_millis())
                .fetch_optional(p)
                .await?;
                if let Some(row) = row {
                    return row.model();
                }
                let actual: Option<i64> = sqlx::query_scalar(
                    "SELECT revision FROM proof_projects WHERE workspace_id = $1 AND id = $2",
                )
                .bind(ws.as_str())
                .bind(id.as_str())
                .fetch_optional(p)
                .await?;
                match actual {
                    None => Err(not_found("proof project")),
                    Some(actual) => Err(StoreError::Conflict {
                        what: "proof project",
                        expected: revision,
                        actual,
                    }),
                }
            })
        }
        .await;
        self.touched();
        result
    }

    /// Proof projects: active, then ideas, then done, then dropped; newest first within.
    pub async fn proofs(&self, ws: &Id) -> Result<Vec<ProofProject>, StoreError> {
        on_pool!(self, |p| {
            let rows: Vec<ProofRow> = sqlx::query_as(concat!(
                "SELECT ",
                proof_columns!(),
                " FROM proof_projects WHERE workspace_id = $1",
                proof_order!()
            ))
            .bind(ws.as_str())
            .fetch_all(p)
            .await?;
            all(rows, ProofRow::model)
        })
    }

    /// One proof project.
    pub async fn proof(&self, ws: &Id, id: &Id) -> Result<ProofProject, StoreError> {
        on_pool!(self, |p| {
            let row: Option<ProofRow> = sqlx::query_as(concat!(
                "SELECT ",
                proof_columns!(),
                " FROM proof_projects WHERE workspace_id = $1 AND id = $2"
            ))
            .bind(ws.as_str())
            .bind(id.as_str())
            .fetch_optional(p)
            .await?;
            row.ok_or(not_found("proof project"))?.model()
        })
    }

    /// Deletes a proof project.
    pub async fn delete_proof(&self, ws: &Id, id: &Id) -> Result<(), StoreError> {
        let result: Result<(), StoreError> = async {
            self.delete(
                "DELETE FROM proof_projects WHERE workspace_id = $1 AND id = $2",
                ws,
                id,
                "proof project",
            )
            .await
        }
        .await;
        self.touched();
        result
    }

    // Narratives.

    /// Creates a narrative with no versions yet.
    pub async fn create_narrative(
        &self,
        ws: &Id,
        kind: &str,
        title: &str,
    ) -> Result<Narrative, StoreError> {
        let result: Result<Narrative, StoreError> = async {
            if kind.trim().is_empty() {
                return Err(invalid("a narrative needs a kind"));
            }
            if title.trim().is_empty() {
                return Err(invalid("a narrative needs a title"));
            }
            let now = now_millis();
            let narrative = Narrative {
                id: Id::new(),
                kind: kind.to_string(),
                title: title.to_string(),
                latest_version: 0,
                latest_score: None,
                created_at: now,
                updated_at: now,
            };
            on_pool!(self, |p| {
                sqlx::query(
                    "INSERT INTO narratives (id, workspace_id, kind, title, latest_version, \
                     latest_score, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(narrative.id.as_str())
                .bind(ws.as_str())
                .bind(&narrative.kind)
                .bind(&narrative.title)
                .bind(narrative.latest_version)
                .bind(narrative.latest_score)
                .bind(narrative.created_at)
                .bind(narrative.updated_at)
                .execute(p)
                .await
                .map_err(no_workspace)?;
            });
            Ok(narrative)
        }
        .await;
        self.touched();
        result
    }

    /// Saves a new version; refused with [`StoreError::Conflict`] when `base_version` is not
    /// the latest (someone saved in between). Check and insert are one transaction.
    pub async fn save_narrative_version(
        &self,
        ws: &Id,
        narrative: &Id,
        new: NewNarrativeVersion,
    ) -> Result<NarrativeVersion, StoreError> {
        let result: Result<NarrativeVersion, StoreError> = async {
            let now = now_millis();
            let version = NarrativeVersion {
                id: Id::new(),
                narrative_id: narrative.clone(),
                version: new.base_version + 1,
                body: new.body,
                intended: new.intended,
                score: new.score,
                findings: new.findings,
                report: new.report,
                created_at: now,
            };
            on_pool!(self, |p| {
                let mut tx = p.write_tx().await?;
                // The check is the update's condition: of two saves from the same base, the second
                // waits for the first's row lock, then matches nothing.
                let updated = sqlx::query(
                    "UPDATE narratives SET latest_version = $3 + 1, latest_score = $4, \
                     updated_at = $5 WHERE workspace_id = $1 AND id = $2 AND latest_version = $3",
                )
                .bind(ws.as_str())
                .bind(narrative.as_str())
                .bind(new.base_version)
                .bind(version.score)
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if updated == 0 {
                    let actual: Option<i64> = sqlx::query_scalar(
                        "SELECT latest_version FROM narratives WHERE workspace_id = $1 AND id = $2",
                    )
                    .bind(ws.as_str())
                    .bind(narrative.as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
                    return Err(match actual {
                        None => not_found("narrative"),
                        Some(actual) => StoreError::Conflict {
                            what: "narrative",
                            expected: new.base_version,
                            actual,
                        },
                    });
                }
                sqlx::query(
                    "INSERT INTO narrative_versions (id, workspace_id, narrative_id, version, body, \
                     intended, score, findings, report, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(version.id.as_str())
                .bind(ws.as_str())
                .bind(narrative.as_str())
                .bind(version.version)
                .bind(&version.body)
                .bind(&version.intended)
                .bind(version.score)
                .bind(version.findings)
                .bind(to_json(&version.report))
                .bind(version.created_at)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
            });
            Ok(version)
        }
        .await;
        self.touched();
        result
    }

    /// Narratives, most recently saved first.
    pub async fn narratives(&self, ws: &Id) -> Result<Vec<Narrative>, StoreError> {
        on_pool!(self, |p| {
            let rows: Vec<NarrativeRow> = sqlx::query_as(concat!(
                "SELECT ",
                narrative_columns!(),
                " FROM narratives WHERE workspace_id = $1 ORDER BY updated_at DESC, id"
            ))
            .bind(ws.as_str())
            .fetch_all(p)
            .await?;
            Ok(rows.into_iter().map(NarrativeRow::model).collect())
        })
    }

    /// One narrative.
    pub async fn narrative(&self, ws: &Id, id: &Id) -> Result<Narrative, StoreError> {
        on_pool!(self, |p| {
            let row: Option<NarrativeRow> = sqlx::query_as(concat!(
                "SELECT ",
                narrative_columns!(),
                " FROM narratives WHERE workspace_id = $1 AND id = $2"
            ))
            .bind(ws.as_str())
            .bind(id.as_str())
            .fetch_optional(p)
            .await?;
            Ok(row.ok_or(not_found("narrative"))?.model())
        })
    }

    /// Renames a narrative.
    pub async fn rename_narrative(
        &self,
        ws: &Id,
        id: &Id,
        title: &str,
    ) -> Result<Narrative, StoreError> {
        let result: Result<Narrative, StoreError> = async {
            if title.trim().is_empty() {
                return Err(invalid("a narrative needs a title"));
            }
            on_pool!(self, |p| {
                let row: Option<NarrativeRow> = sqlx::query_as(concat!(
                    "UPDATE narratives SET title = $3 WHERE workspace_id = $1 AND id = $2 RETURNING ",
                    narrative_columns!()
                ))
                .bind(ws.as_str())
                .bind(id.as_str())
                .bind(title)
                .fetch_optional(p)
                .await?;
                Ok(row.ok_or(not_found("narrative"))?.model())
            })
        }
        .await;
        self.touched();
        result
    }

    /// A narrative's versions, oldest first.
    pub async fn narrative_versions(
        &self,
        ws: &Id,
        id: &Id,
    ) -> Result<Vec<NarrativeVersion>, StoreError> {
        let versions = on_pool!(self, |p| {
            let rows: Vec<NarrativeVersionRow> = sqlx::query_as(concat!(
                "SELECT ",
                narrative_version_columns!(),
                " FROM narrative_versions WHERE workspace_id = $1 AND narrative_id = $2 \
                 ORDER BY version, id"
            ))
            .bind(ws.as_str())
            .bind(id.as_str())
            .fetch_all(p)
            .await?;
            all(rows, NarrativeVersionRow::model)?
        });
        if versions.is_empty() {
            // No versions yet, or no such narrative here.
            self.narrative(ws, id).await?;
        }
        Ok(versions)
    }

    /// One version (`None`: the latest).
    pub async fn narrative_version(
        &self,
        ws: &Id,
        id: &Id,
        version: Option<i64>,
    ) -> Result<NarrativeVersion, StoreError> {
        let row = on_pool!(self, |p| {
            let row: Option<NarrativeVersionRow> = sqlx::query_as(concat!(
                "SELECT ",
                narrative_version_columns!(),
                " FROM narrative_versions WHERE workspace_id = $1 AND narrative_id = $2 \
                 AND ($3 IS NULL OR version = $3) ORDER BY version DESC, id LIMIT 1"
            ))
            .bind(ws.as_str())
            .bind(id.as_str())
            .bind(version)
            .fetch_optional(p)
            .await?;
            row
        });
        match row {
            Some(row) => row.model(),
            None => {
                // Tell a missing narrative from a missing version.
                self.narrative(ws, id).await?;
                Err(not_found("narrative version"))
            }
        }
    }

    /// Deletes a narrative and its versions.
    pub async fn delete_narrative(&self, ws: &Id, id: &Id) -> Result<(), StoreError> {
        let result: Result<(), StoreError> = async {
            self.delete(
                "DELETE FROM narratives WHERE workspace_id = $1 AND id = $2",
                ws,
                id,
                "narrative",
            )
            .await
        }
        .await;
        self.touched();
        result
    }

    // Checklist and weeks.

    /// Replaces the computed checklist.
    pub async fn save_checklist(
        &self,
        ws: &Id,
        items: &[ChecklistState],
    ) -> Result<(), StoreError> {
        let result: Result<(), StoreError> = async {
            let mut seen = std::collections::BTreeSet::new();
            for item in items {
                if item.item.trim().is_empty() {
                    return Err(invalid("a checklist item needs an id"));
                }
                if !seen.insert(item.item.as_str()) {
                    return Err(invalid(format!("checklist item `{}` appears twice", item.item)));
                }
            }
            on_pool!(self, |p| {
                let mut tx = p.write_tx().await?;
                sqlx::query("DELETE FROM checklist_items WHERE workspace_id = $1")
                    .bind(ws.as_str())
                    .execute(&mut *tx)
                    .await?;
                for (position, item) in items.iter().enumerate() {
                    insert_checklist_item!(&mut *tx, ws, position, item).map_err(no_workspace)?;
                }
                tx.commit().await?;
            });
            Ok(())
        }
        .await;
        self.touched();
        result
    }

    /// The checklist as last computed, in item order.
    pub async fn checklist(&self, ws: &Id) -> Result<Vec<ChecklistState>, StoreError> {
        on_pool!(self, |p| {
            let rows: Vec<ChecklistRow> = sqlx::query_as(concat!(
                "SELECT ",
                checklist_columns!(),
                " FROM checklist_items WHERE workspace_id = $1 ORDER BY position, item"
            ))
            .bind(ws.as_str())
            .fetch_all(p)
            .await?;
            Ok(rows.into_iter().map(ChecklistRow::model).collect())
        })
    }

    /// Inserts or replaces the plan of a week.
    pub async fn save_week(&self, ws: &Id, plan: &WeeklyPlan) -> Result<WeeklyPlan, StoreError> {
        let result: Result<WeeklyPlan, StoreError> = async {
            if !is_date(&plan.week_start) {
                return Err(invalid(format!(
                    "the week start `{}` is not a YYYY-MM-DD date",
                    plan.week_start
                )));
            }
            let plan = WeeklyPlan { updated_at: now_millis(), ..plan.clone() };
            on_pool!(self, |p| {
                sqlx::query(
                    "INSERT INTO weekly_plans (workspace_id, week_start, plan, block_start, \
                     updated_at) VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (workspace_id, week_start) DO UPDATE SET plan = excluded.plan, \
                     block_start = excluded.block_start, updated_at = excluded.updated_at",
                )
                .bind(ws.as_str())
                .bind(&plan.week_start)
                .bind(to_json(&plan.plan))
                .bind(&plan.block_start)
                .bind(plan.updated_at)
                .execute(p)
                .await
                .map_err(no_workspace)?;
            });
            Ok(plan)
        }
        .await;
        self.touched();
        result
    }

    /// The plan of the week starting `week_start`.
    pub async fn week(&self, ws: &Id, week_start: &str) -> Result<Option<WeeklyPlan>, StoreError> {
        on_pool!(self, |p| {
            let row: Option<WeekRow> = sqlx::query_as(concat!(
                "SELECT ",
                week_columns!(),
                " FROM weekly_plans WHERE workspace_id = $1 AND week_start = $2"
            ))
            .bind(ws.as_str())
            .bind(week_start)
            .fetch_optional(p)
            .await?;
            row.map(WeekRow::model).transpose()
        })
    }

    /// All weekly plans, oldest first.
    pub async fn weeks(&self, ws: &Id) -> Result<Vec<WeeklyPlan>, StoreError> {
        on_pool!(self, |p| {
            let rows: Vec<WeekRow> = sqlx::query_as(concat!(
                "SELECT ",
                week_columns!(),
                " FROM weekly_plans WHERE workspace_id = $1 ORDER BY week_start"
            ))
            .bind(ws.as_str())
            .fetch_all(p)
            .await?;
            all(rows, WeekRow::model)
        })
    }

    // Whole workspaces.

    /// Everything in a workspace.
    pub async fn export_workspace(&self, ws: &Id) -> Result<WorkspaceExport, StoreError> {
        let b64 = base64::engine::general_purpose::STANDARD;
        on_pool!(self, |p| {
            // One snapshot for the whole export.
            let mut tx = p.read_tx().await?;
            let workspace: Option<WorkspaceRow> = sqlx::query_as(concat!(
                "SELECT ",
                workspace_columns!(),
                " FROM workspaces WHERE id = $1"
            ))
            .bind(ws.as_str())
            .fetch_optional(&mut *tx)
            .await?;
            let workspace = workspace.ok_or(not_found("workspace"))?.model();
            let target: Option<TargetRow> = sqlx::query_as(concat!(
                "SELECT ",
                target_columns!(),
                " FROM targets WHERE workspace_id = $1"
            ))
            .bind(ws.as_str())
            .fetch_optional(&mut *tx)
            .await?;
            let documents: Vec<DocumentRow> = sqlx::query_as(concat!(
                "SELECT ",
                document_columns!(),
                " FROM documents WHERE workspace_id = $1 ORDER BY created_at, id"
            ))
            .bind(ws.as_str())
            .fetch_all(&mut *tx)
            .await?;
            let versions: Vec<VersionWithOriginalRow> = sqlx::query_as(concat!(
                "SELECT ",
                version_columns!(),
                ", original FROM document_versions WHERE workspace_id = $1 \
                 ORDER BY document_id, version, id"
            ))
            .bind(ws.as_str())
            .fetch_all(&mut *tx)
            .await?;
            let evidence: Vec<EvidenceRow> = sqlx::query_as(concat!(
                "SELECT ",
                evidence_columns!(),
                " FROM evidence e JOIN documents d \
                 ON d.workspace_id = e.workspace_id AND d.id = e.document_id \
                 WHERE e.workspace_id = $1 \
                 ORDER BY d.created_at, d.id, e.position, e.id"
            ))
            .bind(ws.as_str())
            .fetch_all(&mut *tx)
            .await?;
            let asset_maps: Vec<AssetMapRow> = sqlx::query_as(concat!(
                "SELECT ",
                asset_map_columns!(),
                " FROM asset_maps WHERE workspace_id = $1 ORDER BY created_at, id"
            ))
            .bind(ws.as_str())
            .fetch_all(&mut *tx)
            .await?;
            let proofs: Vec<ProofRow> = sqlx::query_as(concat!(
                "SELECT ",
                proof_columns!(),
                " FROM proof_projects WHERE workspace_id = $1",
                proof_order!()
            ))
            .bind(ws.as_str())
            .fetch_all(&mut *tx)
            .await?;
            let narratives: Vec<NarrativeRow> = sqlx::query_as(concat!(
                "SELECT ",
                narrative_columns!(),
                " FROM narratives WHERE workspace_id = $1 ORDER BY created_at, id"
            ))
            .bind(ws.as_str())
            .fetch_all(&mut *tx)
            .await?;
            let narrative_versions: Vec<NarrativeVersionRow> = sqlx::query_as(concat!(
                "SELECT ",
                narrative_version_columns!(),
                " FROM narrative_versions WHERE workspace_id = $1 \
                 ORDER BY narrative_id, version, id"
            ))
            .bind(ws.as_str())
            .fetch_all(&mut *tx)
            .await?;
            let checklist: Vec<ChecklistRow> = sqlx::query_as(concat!(
                "SELECT ",
                checklist_columns!(),
                " FROM checklist_items WHERE workspace_id = $1 ORDER BY position, item"
            ))
            .bind(ws.as_str())
            .fetch_all(&mut *tx)
            .await?;
            let weeks: Vec<WeekRow> = sqlx::query_as(concat!(
                "SELECT ",
                week_columns!(),
                " FROM weekly_plans WHERE workspace_id = $1 ORDER BY week_start"
            ))
            .bind(ws.as_str())
            .fetch_all(&mut *tx)
            .await?;
            tx.commit().await?;

            let mut by_document: std::collections::HashMap<Id, Vec<ExportedVersion>> =
                std::collections::HashMap::new();
            for row in versions {
                let version = row.version.model()?;
                let original_base64 = b64.encode(&row.original);
                by_document
                    .entry(version.document_id.clone())
                    .or_default()
                    .push(ExportedVersion { version, original_base64 });
            }
            let documents = all(documents, |row| {
                let document = row.model()?;
                let versions = by_document.remove(&document.id).unwrap_or_default();
                Ok(ExportedDocument { document, versions })
            })?;
            let mut by_narrative: std::collections::HashMap<Id, Vec<NarrativeVersion>> =
                std::collections::HashMap::new();
            for row in narrative_versions {
                let version = row.model()?;
                by_narrative.entry(version.narrative_id.clone()).or_default().push(version);
            }
            let narratives = narratives
                .into_iter()
                .map(|row| {
                    let narrative = row.model();
                    let versions = by_narrative.remove(&narrative.id).unwrap_or_default();
                    ExportedNarrative { narrative, versions }
                })
                .collect();
            Ok(WorkspaceExport {
                format: EXPORT_FORMAT,
                workspace,
                target: target.map(TargetRow::model).transpose()?,
                documents,
                evidence: evidence.into_iter().map(EvidenceRow::model).collect(),
                asset_maps: all(asset_maps, AssetMapRow::model)?,
                proofs: all(proofs, ProofRow::model)?,
                narratives,
                checklist: checklist.into_iter().map(ChecklistRow::model).collect(),
                weeks: all(weeks, WeekRow::model)?,
            })
        })
    }

    /// Restores an export in one transaction, keeping every id. With `replace`, an existing
    /// workspace of the same id or the same name (a backup from another install lands on the
    /// local workspace of its name) is deleted first, in the same transaction; without it,
    /// either is an [`StoreError::Invalid`] that says which.
    pub async fn import_workspace(
        &self,
        export: &WorkspaceExport,
        replace: bool,
    ) -> Result<Workspace, StoreError> {
        let result: Result<Workspace, StoreError> = async {
            let originals = validate_export(export)?;
            self.import_rows(export, &originals, replace).await.map_err(import_error)?;
            Ok(export.workspace.clone())
        }
        .await;
        self.touched();
        result
    }

    /// Writes a validated export in one transaction.
    async fn import_rows(
        &self,
        export: &WorkspaceExport,
        originals: &[Vec<Vec<u8>>],
        replace: bool,
    ) -> Result<(), StoreError> {
        let ws = &export.workspace.id;
        on_pool!(self, |p| {
            let mut tx = p.write_tx().await?;
            let existing: Vec<(String, String)> =
                sqlx::query_as("SELECT id, name FROM workspaces WHERE id = $1 OR name = $2")
                    .bind(ws.as_str())
                    .bind(&export.workspace.name)
                    .fetch_all(&mut *tx)
                    .await?;
            if !existing.is_empty() {
                if !replace {
                    let same_id = existing.iter().any(|(id, _)| id == ws.as_str());
                    return Err(invalid(if same_id {
                        format!(
                            "workspace `{}` ({ws}) already exists; import it with replace to \
                             overwrite it",
                            export.workspace.name
                        )
                    } else {
                        format!(
                            "a workspace named `{}` already exists here (another install's \
                             backup?); import with replace to replace it with the backup",
                            export.workspace.name
                        )
                    }));
                }
                sqlx::query("DELETE FROM workspaces WHERE id = $1 OR name = $2")
                    .bind(ws.as_str())
                    .bind(&export.workspace.name)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query("INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3)")
                .bind(ws.as_str())
                .bind(&export.workspace.name)
                .bind(export.workspace.created_at)
                .execute(&mut *tx)
                .await?;
            if let Some(target) = &export.target {
                sqlx::query(
                    "INSERT INTO targets \
                     (workspace_id, role, level, domain, companies, intended, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(ws.as_str())
                .bind(&target.role)
                .bind(&target.level)
                .bind(&target.domain)
                .bind(to_json(&target.companies))
                .bind(&target.intended)
                .bind(target.updated_at)
                .execute(&mut *tx)
                .await?;
            }
            for (exported, originals) in export.documents.iter().zip(originals) {
                let d = &exported.document;
                sqlx::query(
                    "INSERT INTO documents \
                     (id, workspace_id, kind, name, latest_version, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(d.id.as_str())
                .bind(ws.as_str())
                .bind(d.kind.as_str())
                .bind(&d.name)
                .bind(d.latest_version)
                .bind(d.created_at)
                .bind(d.updated_at)
                .execute(&mut *tx)
                .await?;
                for (ev, original) in exported.versions.iter().zip(originals) {
                    let v = &ev.version;
                    sqlx::query(
                        "INSERT INTO document_versions (id, workspace_id, document_id, version, \
                         file_name, media_type, size, sha256, original, extracted, warnings, \
                         created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                    )
                    .bind(v.id.as_str())
                    .bind(ws.as_str())
                    .bind(d.id.as_str())
                    .bind(v.version)
                    .bind(&v.file_name)
                    .bind(&v.media_type)
                    .bind(v.size)
                    .bind(&v.sha256)
                    .bind(original.as_slice())
                    .bind(to_json(&v.extracted))
                    .bind(to_json(&v.warnings))
                    .bind(v.created_at)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            for e in &export.evidence {
                sqlx::query(
                    "INSERT INTO evidence (id, workspace_id, document_id, version_id, kind, \
                     text, context, source, position) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(e.id.as_str())
                .bind(ws.as_str())
                .bind(e.document_id.as_str())
                .bind(e.version_id.as_str())
                .bind(&e.kind)
                .bind(&e.text)
                .bind(&e.context)
                .bind(&e.source)
                .bind(e.position)
                .execute(&mut *tx)
                .await?;
            }
            for m in &export.asset_maps {
                sqlx::query(
                    "INSERT INTO asset_maps (id, workspace_id, mode, signals, covered, partial, \
                     gaps, result, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(m.id.as_str())
                .bind(ws.as_str())
                .bind(&m.mode)
                .bind(m.signals)
                .bind(m.covered)
                .bind(m.partial)
                .bind(m.gaps)
                .bind(to_json(&m.result))
                .bind(m.created_at)
                .execute(&mut *tx)
                .await?;
            }
            for proof in &export.proofs {
                sqlx::query(
                    "INSERT INTO proof_projects (id, workspace_id, title, description, status, \
                     started_on, finished_on, outcomes, covers, revision, created_at, \
                     updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                )
                .bind(proof.id.as_str())
                .bind(ws.as_str())
                .bind(&proof.title)
                .bind(&proof.description)
                .bind(proof.status.as_str())
                .bind(&proof.started_on)
                .bind(&proof.finished_on)
                .bind(&proof.outcomes)
                .bind(to_json(&proof.covers))
                .bind(proof.revision)
                .bind(proof.created_at)
                .bind(proof.updated_at)
                .execute(&mut *tx)
                .await?;
            }
            for exported in &export.narratives {
                let n = &exported.narrative;
                sqlx::query(
                    "INSERT INTO narratives (id, workspace_id, kind, title, latest_version, \
                     latest_score, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(n.id.as_str())
                .bind(ws.as_str())
                .bind(&n.kind)
                .bind(&n.title)
                .bind(n.latest_version)
                .bind(n.latest_score)
                .bind(n.created_at)
                .bind(n.updated_at)
                .execute(&mut *tx)
                .await?;
                for v in &exported.versions {
                    sqlx::query(
                        "INSERT INTO narrative_versions (id, workspace_id, narrative_id, \
                         version, body, intended, score, findings, report, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                    )
                    .bind(v.id.as_str())
                    .bind(ws.as_str())
                    .bind(n.id.as_str())
                    .bind(v.version)
                    .bind(&v.body)
                    .bind(&v.intended)
                    .bind(v.score)
                    .bind(v.findings)
                    .bind(to_json(&v.report))
                    .bind(v.created_at)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            for (position, item) in export.checklist.iter().enumerate() {
                insert_checklist_item!(&mut *tx, ws, position, item)?;
            }
            for week in &export.weeks {
                sqlx::query(
                    "INSERT INTO weekly_plans (workspace_id, week_start, plan, block_start, \
                     updated_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(ws.as_str())
                .bind(&week.week_start)
                .bind(to_json(&week.plan))
                .bind(&week.block_start)
                .bind(week.updated_at)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok(())
        })
    }
}

/// An import that broke a constraint clashes with the database or contradicts itself.
fn import_error(e: StoreError) -> StoreError {
    let StoreError::Database(sqlx::Error::Database(db)) = &e else {
        return e;
    };
    match db.kind() {
        ErrorKind::UniqueViolation => invalid(
            "the export clashes with what is in the database: another workspace has its name, \
             or its ids are already in use",
        ),
        ErrorKind::ForeignKeyViolation => invalid(
            "the export is inconsistent: something in it refers to a document, version or \
             narrative that it does not contain",
        ),
        ErrorKind::CheckViolation | ErrorKind::NotNullViolation => {
            invalid("the export holds a value the store does not accept (an empty evidence text?)")
        }
        _ => e,
    }
}

/// Checks an export before anything is written; returns each version's original bytes
/// (documents, then versions, in the export's order).
fn validate_export(export: &WorkspaceExport) -> Result<Vec<Vec<Vec<u8>>>, StoreError> {
    let bad = |message: String| Err(invalid(format!("invalid export: {message}")));
    if export.format != EXPORT_FORMAT {
        return bad(format!(
            "format {} is not one this version of Pivot reads (it reads format {EXPORT_FORMAT})",
            export.format
        ));
    }
    let check_id = |id: &Id, what: &str| -> Result<(), StoreError> {
        Id::parse(id.as_str())
            .map(|_| ())
            .map_err(|_| invalid(format!("invalid export: {what} id `{id}` is not a valid id")))
    };
    check_id(&export.workspace.id, "workspace")?;
    if export.workspace.name.trim().is_empty() {
        return bad("the workspace has no name".to_string());
    }
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut originals = Vec::with_capacity(export.documents.len());
    let mut versions = std::collections::HashMap::new();
    for exported in &export.documents {
        let d = &exported.document;
        check_id(&d.id, "document")?;
        let mut bytes = Vec::with_capacity(exported.versions.len());
        for ev in &exported.versions {
            let v = &ev.version;
            check_id(&v.id, "document version")?;
            if v.document_id != d.id {
                return bad(format!(
                    "version {} of document `{}` names another document ({})",
                    v.version, d.name, v.document_id
                ));
            }
            let Ok(original) = b64.decode(ev.original_base64.as_bytes()) else {
                return bad(format!(
                    "the original of version {} of document `{}` is not valid base64",
                    v.version, d.name
                ));
            };
            if !sha256_hex(&original).eq_ignore_ascii_case(&v.sha256) {
                return bad(format!(
                    "the original of version {} of document `{}` does not match its sha256",
                    v.version, d.name
                ));
            }
            if original.len() as i64 != v.size {
                return bad(format!(
                    "the original of version {} of document `{}` is {} bytes, not {}",
                    v.version,
                    d.name,
                    original.len(),
                    v.size
                ));
            }
            versions.insert(v.id.clone(), d.id.clone());
            bytes.push(original);
        }
        originals.push(bytes);
    }
    for e in &export.evidence {
        check_id(&e.id, "evidence")?;
        if versions.get(&e.version_id) != Some(&e.document_id) {
            return bad(format!(
                "evidence {} refers to a document version that is not in the export",
                e.id
            ));
        }
    }
    for m in &export.asset_maps {
        check_id(&m.id, "asset map")?;
    }
    for proof in &export.proofs {
        check_id(&proof.id, "proof project")?;
    }
    for exported in &export.narratives {
        let n = &exported.narrative;
        check_id(&n.id, "narrative")?;
        for v in &exported.versions {
            check_id(&v.id, "narrative version")?;
            if v.narrative_id != n.id {
                return bad(format!(
                    "version {} of narrative `{}` names another narrative ({})",
                    v.version, n.title, v.narrative_id
                ));
            }
        }
    }
    let mut items = std::collections::BTreeSet::new();
    for item in &export.checklist {
        if !items.insert(item.item.as_str()) {
            return bad(format!("checklist item `{}` appears twice", item.item));
        }
    }
    let mut weeks = std::collections::BTreeSet::new();
    for week in &export.weeks {
        if !weeks.insert(week.week_start.as_str()) {
            return bad(format!("week {} appears twice", week.week_start));
        }
    }
    Ok(originals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(redact("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(
            redact("postgres://h/db?password=x&sslmode=off"),
            "postgres://h/db?password=***&sslmode=off"
        );
        assert_eq!(redact("postgres://u:p@ss/w@h/db"), "postgres://u:***@h/db");
    }

    #[test]
    fn finds_passwords_to_scrub() {
        let url = "postgres://u:p%40ss@h/db";
        assert_eq!(scrub("p@ss and p%40ss".to_string(), url), "*** and ***");
    }
}
