//! Limits on what an import reads, so a hostile or broken file cannot exhaust memory or time.
//! Documented in the README ("Limits and bad input").

/// The limits in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read, in bytes.
    pub max_file_bytes: u64,
    /// Most PDF pages read.
    pub max_pdf_pages: u32,
    /// Most entries in a zip (DOCX or LinkedIn export).
    pub max_zip_entries: usize,
    /// Largest total uncompressed size of the zip entries read, in bytes.
    pub max_zip_uncompressed: u64,
    /// Largest compression ratio of one zip entry (a zip bomb compresses far better).
    pub max_zip_ratio: u64,
    /// Most CSV rows read from one file.
    pub max_csv_rows: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 20 * 1024 * 1024,
            max_pdf_pages: 50,
            max_zip_entries: 2_000,
            max_zip_uncompressed: 200 * 1024 * 1024,
            max_zip_ratio: 200,
            max_csv_rows: 200_000,
        }
    }
}
