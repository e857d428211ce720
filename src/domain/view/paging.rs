//! Long lists drawn in bounded time. A design from a link or a file may hold thousands of next
//! steps, keywords, buttons or paths (a 207-character link can carry 20,000 keywords); the editors
//! draw one page of a list at a time and the preview draws the first `PREVIEW_ITEMS` of each list
//! with a line saying how many it leaves out. Both shells read the windows from here.

use std::ops::Range;

/// The rows an editor draws at once.
pub const PAGE: usize = 50;

/// The items of one list the preview draws; the rest are counted, not drawn.
pub const PREVIEW_ITEMS: usize = 100;

/// The rows shown of a list of `len` items when the page asked for starts at `start`: a whole
/// page, starting on a page boundary, never past the end (the last page when `start` is).
pub fn window(start: usize, len: usize, page: usize) -> Range<usize> {
    let page = page.max(1);
    if len == 0 {
        return 0..0;
    }
    let first = (start.min(len - 1) / page) * page;
    first..(first + page).min(len)
}

/// Where the page holding row `row` starts.
pub fn page_start(row: usize, page: usize) -> usize {
    let page = page.max(1);
    (row / page) * page
}

/// "Keywords 51–100 of 5,000": the window in words, with `what` naming the items.
pub fn describe(rows: &Range<usize>, len: usize, what: &str) -> String {
    if rows.is_empty() {
        return format!("No {what}");
    }
    format!(
        "{what} {}–{} of {}",
        rows.start + 1,
        rows.end,
        thousands(len)
    )
}

/// `12345` as `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The row of a list an element id names, for ids made of `prefix`, the row number, and
/// optionally more (`keywords-12`, `keywords-12-up`, `ctx-k3`, `a7-c2-var`).
pub fn row_in(id: &str, prefix: &str) -> Option<usize> {
    let rest = id.strip_prefix(prefix)?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    rest[..digits].parse().ok()
}

/// The first `PREVIEW_ITEMS` of `items` to draw, and how many are left out.
pub fn drawn<T>(items: &[T]) -> (&[T], usize) {
    let n = items.len().min(PREVIEW_ITEMS);
    (&items[..n], items.len() - n)
}

/// The line drawn after a list the preview cuts: "… and 4,900 more keywords, not drawn here".
pub fn left_out(hidden: usize, what: &str) -> String {
    format!("… and {} more {what}, not drawn here", thousands(hidden))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_whole_pages_within_the_list() {
        assert_eq!(window(0, 0, 50), 0..0);
        assert_eq!(window(0, 7, 50), 0..7);
        assert_eq!(window(60, 5000, 50), 50..100);
        assert_eq!(window(4999, 5000, 50), 4950..5000);
        // A list that shrank under its page shows its last page.
        assert_eq!(window(4950, 120, 50), 100..120);
        assert_eq!(page_start(3000, 50), 3000);
        assert_eq!(page_start(3049, 50), 3000);
    }

    #[test]
    fn words_and_ids() {
        assert_eq!(
            describe(&(50..100), 5000, "Keywords"),
            "Keywords 51–100 of 5,000"
        );
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(999), "999");
        assert_eq!(row_in("keywords-12-up", "keywords-"), Some(12));
        assert_eq!(row_in("ctx-k3", "ctx-k"), Some(3));
        assert_eq!(row_in("a7-c2-var", "a"), Some(7));
        assert_eq!(row_in("a7-c2-var", "a7-c"), Some(2));
        assert_eq!(row_in("add-button", "a"), None);
        assert_eq!(row_in("keywords-add", "keywords-"), None);
        assert_eq!(
            left_out(4900, "keywords"),
            "… and 4,900 more keywords, not drawn here"
        );
    }
}
