//! Reads every visit repeats (the dashboard, the editor's narrative), kept in memory against
//! the store's write generation: current until something is written through this process, and
//! for at most a TTL otherwise (writes by another process show within it). One reader reloads
//! an entry while the others wait for it (a write) or keep the previous copy (an expired TTL),
//! so a burst of visits never turns into a burst of identical queries.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long an entry stays fresh when nothing was written through this process.
pub const TTL: Duration = Duration::from_secs(1);

/// Entries kept; the oldest goes first beyond it.
const CAPACITY: usize = 64;

struct Entry<V> {
    generation: u64,
    at: Instant,
    value: V,
}

pub(crate) struct ReadCache<K, V> {
    entries: Mutex<HashMap<K, Entry<V>>>,
    reload: tokio::sync::Mutex<()>,
}

impl<K: Eq + Hash + Clone, V: Clone> ReadCache<K, V> {
    pub(crate) fn new() -> Self {
        ReadCache { entries: Mutex::new(HashMap::new()), reload: tokio::sync::Mutex::new(()) }
    }

    fn lookup(&self, key: &K, generation: u64) -> Option<(V, bool)> {
        let entries = self.entries.lock().ok()?;
        let e = entries.get(key).filter(|e| e.generation == generation)?;
        Some((e.value.clone(), e.at.elapsed() < TTL))
    }

    fn store(&self, key: K, generation: u64, value: V) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= CAPACITY && !entries.contains_key(&key) {
                let oldest = entries.iter().min_by_key(|(_, e)| e.at).map(|(k, _)| k.clone());
                if let Some(k) = oldest {
                    entries.remove(&k);
                }
            }
            entries.insert(key, Entry { generation, at: Instant::now(), value });
        }
    }

    /// The value for `key` at the store's `generation`, loading it when needed.
    pub(crate) async fn get<E, F, Fut>(&self, key: K, generation: u64, load: F) -> Result<V, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, E>>,
    {
        match self.lookup(&key, generation) {
            Some((value, true)) => return Ok(value),
            // Expired by time only: one reader reloads, the others keep the copy meanwhile.
            Some((value, false)) => {
                let Ok(_guard) = self.reload.try_lock() else { return Ok(value) };
                let value = load().await?;
                self.store(key, generation, value.clone());
                return Ok(value);
            }
            None => {}
        }
        let _guard = self.reload.lock().await;
        if let Some((value, true)) = self.lookup(&key, generation) {
            return Ok(value);
        }
        let value = load().await?;
        self.store(key, generation, value.clone());
        Ok(value)
    }
}
