//! Undo and redo: a history of earlier values bounded by a number of steps and by bytes (the size of
//! each value as stored JSON), undo and redo together, so a few huge designs cannot fill memory.
//! Generic plain data; the UI keeps one for the design. Imports nothing from the core.

use std::collections::VecDeque;

/// At most this many undo steps are kept.
pub const MAX_STEPS: usize = 200;
/// Undo and redo together keep at most this many bytes of designs (as JSON); the newest undo step
/// and the newest redo step are kept even when one alone is larger.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// Earlier values (undo) and undone ones (redo), each with its size in bytes.
#[derive(Debug, Clone)]
pub struct History<T> {
    past: VecDeque<(T, usize)>,
    future: Vec<(T, usize)>,
    bytes: usize,
    max_steps: usize,
    max_bytes: usize,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        Self::new(MAX_STEPS, MAX_BYTES)
    }
}

impl<T> History<T> {
    pub fn new(max_steps: usize, max_bytes: usize) -> Self {
        History {
            past: VecDeque::new(),
            future: Vec::new(),
            bytes: 0,
            max_steps: max_steps.max(1),
            max_bytes,
        }
    }

    /// Records the value an edit replaces (`size` bytes); the redo steps are dropped.
    pub fn record(&mut self, before: T, size: usize) {
        self.future.clear();
        self.past.push_back((before, size));
        self.recount();
        self.trim();
    }

    /// Steps back: returns the previous value and keeps `current` for redo.
    pub fn undo(&mut self, current: T, size: usize) -> Option<T> {
        let (prev, _) = self.past.pop_back()?;
        self.future.push((current, size));
        self.recount();
        self.trim();
        Some(prev)
    }

    /// Steps forward again: returns the undone value and keeps `current` for undo.
    pub fn redo(&mut self, current: T, size: usize) -> Option<T> {
        let (next, _) = self.future.pop()?;
        self.past.push_back((current, size));
        self.recount();
        self.trim();
        Some(next)
    }

    pub fn clear(&mut self) {
        self.past.clear();
        self.future.clear();
        self.bytes = 0;
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Undo steps, redo steps and their bytes.
    pub fn sizes(&self) -> (usize, usize, usize) {
        (self.past.len(), self.future.len(), self.bytes)
    }

    fn recount(&mut self) {
        self.bytes = self
            .past
            .iter()
            .chain(self.future.iter())
            .map(|x| x.1)
            .sum();
    }

    /// Drops the oldest undo steps, then the farthest redo steps, until both bounds hold (keeping the
    /// newest of each).
    fn trim(&mut self) {
        while self.past.len() > self.max_steps {
            if let Some((_, n)) = self.past.pop_front() {
                self.bytes -= n;
            }
        }
        while self.bytes > self.max_bytes && self.past.len() > 1 {
            if let Some((_, n)) = self.past.pop_front() {
                self.bytes -= n;
            }
        }
        while self.bytes > self.max_bytes && self.future.len() > 1 {
            let (_, n) = self.future.remove(0);
            self.bytes -= n;
        }
    }
}

/// The size of a value as compact JSON, counted without building the text.
pub fn json_bytes<T: serde::Serialize>(value: &T) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut c = Count(0);
    let _ = serde_json::to_writer(&mut c, value);
    c.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_and_redo_walk_the_history() {
        let mut h = History::new(10, 1000);
        h.record(1, 1);
        h.record(2, 1);
        assert_eq!(h.undo(3, 1), Some(2));
        assert_eq!(h.undo(2, 1), Some(1));
        assert_eq!(h.undo(1, 1), None);
        assert_eq!(h.redo(1, 1), Some(2));
        assert_eq!(h.redo(2, 1), Some(3));
        assert!(!h.can_redo());
        h.undo(3, 1);
        h.record(9, 1);
        assert!(!h.can_redo(), "a new edit drops the redo steps");
    }

    #[test]
    fn bounded_by_steps_and_by_bytes() {
        let mut h = History::new(3, 1_000_000);
        for i in 0..10 {
            h.record(i, 10);
        }
        assert_eq!(h.sizes(), (3, 0, 30));
        let mut h = History::new(200, 100);
        for i in 0..10 {
            h.record(i, 30);
        }
        assert_eq!(h.sizes(), (3, 0, 90), "the oldest steps go first");
        assert_eq!(h.undo(10, 30), Some(9));
        assert_eq!(h.sizes(), (2, 1, 90));
        let mut h = History::new(200, 100);
        h.record(1, 500);
        assert_eq!(
            h.sizes(),
            (1, 0, 500),
            "the newest step stays even when it alone is larger"
        );
        h.record(2, 500);
        assert_eq!(h.sizes(), (1, 0, 500));
    }

    #[test]
    fn redo_is_bounded_too() {
        let mut h = History::new(200, 100);
        for i in 0..3 {
            h.record(i, 30);
        }
        // Undoing into ever larger current values: the redo side is trimmed from its far end.
        let mut cur = 3;
        while let Some(prev) = h.undo(cur, 60) {
            cur = prev;
        }
        let (_, redo, bytes) = h.sizes();
        assert!(bytes <= 100 || redo == 1, "{:?}", h.sizes());
        assert_eq!(h.redo(cur, 30), Some(2), "the nearest redo step is kept");
    }
}
