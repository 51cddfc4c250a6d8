-- What the importer could not read in a version (skipped parts, replaced characters), as a JSON
-- array of strings, so that the pages can show it after the upload.
ALTER TABLE document_versions ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
