-- Pivot's first schema (SQLite). Mirrors migrations/postgres/0001_init.sql; keep them in step.
-- Every row belongs to a workspace (ON DELETE CASCADE); ids are opaque text; times are Unix
-- milliseconds (BIGINT); structured values are JSON text. Child tables reference their parent
-- through (workspace_id, id) so a row can never point into another workspace.

CREATE TABLE workspaces (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE targets (
    workspace_id TEXT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    level TEXT,
    domain TEXT,
    companies TEXT NOT NULL,
    intended TEXT,
    updated_at BIGINT NOT NULL
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('resume', 'linkedin', 'posting')),
    name TEXT NOT NULL,
    latest_version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (workspace_id, id)
);
CREATE INDEX documents_by_workspace ON documents (workspace_id, kind, created_at, id);

CREATE TABLE document_versions (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    document_id TEXT NOT NULL,
    version BIGINT NOT NULL CHECK (version >= 1),
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    original BLOB NOT NULL,
    extracted TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (document_id, version),
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, document_id)
        REFERENCES documents (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX document_versions_by_workspace
    ON document_versions (workspace_id, document_id, version);

CREATE TABLE evidence (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    document_id TEXT NOT NULL,
    version_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    context TEXT,
    source TEXT NOT NULL,
    position BIGINT NOT NULL,
    CONSTRAINT evidence_has_kind_and_text CHECK (kind <> '' AND text <> ''),
    FOREIGN KEY (workspace_id, document_id)
        REFERENCES documents (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, version_id)
        REFERENCES document_versions (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX evidence_by_workspace ON evidence (workspace_id, document_id, position);
CREATE INDEX evidence_by_version ON evidence (workspace_id, version_id);

CREATE TABLE asset_maps (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    mode TEXT NOT NULL,
    signals BIGINT NOT NULL,
    covered BIGINT NOT NULL,
    partial BIGINT NOT NULL,
    gaps BIGINT NOT NULL,
    result TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX asset_maps_by_workspace ON asset_maps (workspace_id, created_at, id);

CREATE TABLE proof_projects (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('idea', 'active', 'done', 'dropped')),
    started_on TEXT,
    finished_on TEXT,
    outcomes TEXT NOT NULL,
    covers TEXT NOT NULL,
    revision BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX proof_projects_by_workspace ON proof_projects (workspace_id, status, created_at);

CREATE TABLE narratives (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    latest_version BIGINT NOT NULL,
    latest_score BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (workspace_id, id)
);
CREATE INDEX narratives_by_workspace ON narratives (workspace_id, updated_at, id);

CREATE TABLE narrative_versions (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    narrative_id TEXT NOT NULL,
    version BIGINT NOT NULL CHECK (version >= 1),
    body TEXT NOT NULL,
    intended TEXT,
    score BIGINT NOT NULL,
    findings BIGINT NOT NULL,
    report TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (narrative_id, version),
    FOREIGN KEY (workspace_id, narrative_id)
        REFERENCES narratives (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX narrative_versions_by_workspace
    ON narrative_versions (workspace_id, narrative_id, version);

CREATE TABLE checklist_items (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    item TEXT NOT NULL,
    position BIGINT NOT NULL,
    label TEXT NOT NULL,
    met BOOLEAN NOT NULL,
    evidence TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, item)
);
CREATE INDEX checklist_items_by_position ON checklist_items (workspace_id, position);

CREATE TABLE weekly_plans (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    week_start TEXT NOT NULL,
    plan TEXT NOT NULL,
    block_start TEXT,
    updated_at BIGINT NOT NULL,
    UNIQUE (workspace_id, week_start)
);
