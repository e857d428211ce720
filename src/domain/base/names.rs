//! Names made from a name's words, for identifiers in generated code: `PascalCase`, `snake_case`,
//! and made unique among others. Imports nothing.

/// Splits a name into alphanumeric words (`blue-green_ready` → blue, green, ready; `greenUrl` →
/// green, Url).
pub fn words(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            cur.push(c);
        } else {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// `PascalCase` of a name's words (CloudFormation parameters and logical ids).
pub fn pascal(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + &c.as_str().to_ascii_lowercase(),
                None => String::new(),
            }
        })
        .collect()
}

/// `snake_case` of a name's words (Terraform variables and resource names).
pub fn snake(words: &[String]) -> String {
    words
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// Names from `names`, each made unique among the earlier ones (ignoring case) by appending 2, 3, …
pub fn unique_names(names: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut taken = Vec::new();
    names.into_iter().map(|n| unique(n, &mut taken)).collect()
}

/// Makes `base` unique among `taken` by appending 2, 3, …
pub fn unique(base: String, taken: &mut Vec<String>) -> String {
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{base}{n}");
        n += 1;
    }
    taken.push(name.clone());
    name
}
