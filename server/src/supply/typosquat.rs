//! `dependency-typosquat`: a dependency one small edit away from a popular package while not
//! itself popular.
//!
//! Popularity data ships in `server/data/` (see `server/data/README.md` for sources and dates).
//! Variant generation uses the Rust Foundation's `typomania` checks, which work backwards from
//! the candidate name (undo a repeated, swapped, omitted or mistyped character and look the
//! result up in the corpus), plus three checks of our own: an extra character, multi-character
//! homoglyphs (`rn`→`m`) and ecosystem prefixes/suffixes (`python-`, `-js`).

use super::manifest::Ecosystem;
use std::collections::HashMap;
use std::sync::LazyLock;
use typomania::checks::{Check, Omitted, Repeated, Squat, SwappedCharacters, Typos};
use typomania::{AuthorSet, Corpus, Package};

/// Names ranked above this are squat targets; every listed name counts as popular.
pub const TARGETS: usize = 5000;

/// Shorter target names are skipped: with four letters or fewer nearly every string is one
/// edit away from some popular package.
const MIN_TARGET_LEN: usize = 5;

/// A suspected typosquat: the popular name it imitates and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspicion {
    pub target: String,
    /// A short phrase: "swaps two characters of", "omits a character of"…
    pub how: String,
}

struct Popular {
    /// Normalised name → rank (0 = most popular) and the name as listed.
    ranks: HashMap<String, (usize, &'static str)>,
}

fn load(data: &'static str, ecosystem: Ecosystem) -> Popular {
    let mut ranks = HashMap::new();
    let names = data
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    for (rank, name) in names.enumerate() {
        ranks
            .entry(ecosystem.normalise(name))
            .or_insert((rank, name));
    }
    Popular { ranks }
}

static PYPI: LazyLock<Popular> =
    LazyLock::new(|| load(include_str!("../../data/pypi-popular.txt"), Ecosystem::PyPI));
static NPM: LazyLock<Popular> =
    LazyLock::new(|| load(include_str!("../../data/npm-popular.txt"), Ecosystem::Npm));
static CRATES: LazyLock<Popular> = LazyLock::new(|| {
    load(
        include_str!("../../data/crates-popular.txt"),
        Ecosystem::Crates,
    )
});

fn popular(ecosystem: Ecosystem) -> &'static Popular {
    match ecosystem {
        Ecosystem::PyPI => &PYPI,
        Ecosystem::Npm => &NPM,
        Ecosystem::Crates => &CRATES,
    }
}

/// True when `name` is in the shipped popularity list of its registry.
pub fn is_popular(ecosystem: Ecosystem, name: &str) -> bool {
    popular(ecosystem)
        .ranks
        .contains_key(&ecosystem.normalise(name))
}

/// The corpus typomania looks candidate variants up in: the top names of one registry.
struct Targets {
    ecosystem: Ecosystem,
}

/// Packages here carry no authors: we only have names, so no squat is excused by a shared owner.
struct Anonymous;

impl Package for Anonymous {
    fn authors(&self) -> &dyn AuthorSet {
        self
    }
    fn description(&self) -> Option<&str> {
        None
    }
    fn shared_authors(&self, _other: &dyn AuthorSet) -> bool {
        false
    }
}

impl AuthorSet for Anonymous {
    fn contains(&self, _author: &str) -> bool {
        false
    }
}

impl Corpus for Targets {
    fn contains_name(&self, name: &str) -> typomania::Result<bool> {
        Ok(target_rank(self.ecosystem, name).is_some())
    }

    fn get(&self, name: &str) -> typomania::Result<Option<&dyn Package>> {
        Ok(target_rank(self.ecosystem, name).map(|_| &Anonymous as &dyn Package))
    }

    fn possible_squat(
        &self,
        corpus_name: &str,
        package_name: &str,
        _package: &dyn Package,
    ) -> typomania::Result<bool> {
        Ok(corpus_name != package_name && target_rank(self.ecosystem, corpus_name).is_some())
    }
}

fn target_rank(ecosystem: Ecosystem, name: &str) -> Option<usize> {
    let normalised = ecosystem.normalise(name);
    if normalised.chars().count() < MIN_TARGET_LEN {
        return None;
    }
    popular(ecosystem)
        .ranks
        .get(&normalised)
        .map(|(rank, _)| *rank)
        .filter(|rank| ecosystem == Ecosystem::Crates || *rank < TARGETS)
}

/// The characters of package names (after normalisation).
const ALPHABET: &str = "abcdefghijklmnopqrstuvwxyz0123456789-_.";

/// Deletes each character in turn: `requestss`, `reqxuests` → `requests`.
struct ExtraCharacter;

impl Check for ExtraCharacter {
    fn check(
        &self,
        corpus: &dyn Corpus,
        name: &str,
        package: &dyn Package,
    ) -> typomania::Result<Vec<Squat>> {
        let mut out = Vec::new();
        let chars: Vec<(usize, char)> = name.char_indices().collect();
        for (index, &(i, c)) in chars.iter().enumerate() {
            // Natural variants rather than typos: a plural or version suffix (`-promises`,
            // `select2`), a separator or a letter next to one (`tiny-queue`, `csso-loader`).
            let last = index + 1 == chars.len();
            let next_to_separator = [index.checked_sub(1), Some(index + 1)]
                .into_iter()
                .flatten()
                .filter_map(|j| chars.get(j))
                .any(|(_, n)| matches!(n, '-' | '_' | '.' | '/'));
            if matches!(c, '-' | '_' | '.' | '/')
                || next_to_separator
                || index == 0
                || (last && (c == 's' || c.is_ascii_digit()))
            {
                continue;
            }
            let candidate = format!("{}{}", &name[..i], &name[i + c.len_utf8()..]);
            if corpus.possible_squat(&candidate, name, package)? {
                out.push(Squat::custom("adds a character to", &candidate));
            }
        }
        Ok(out)
    }
}

/// Look-alike sequences an attacker substitutes (candidate text → original text).
const HOMOGLYPHS: [(&str, &str); 8] = [
    ("rn", "m"),
    ("vv", "w"),
    ("cl", "d"),
    ("0", "o"),
    ("1", "l"),
    ("1", "i"),
    ("l", "i"),
    ("5", "s"),
];

struct Homoglyphs;

impl Check for Homoglyphs {
    fn check(
        &self,
        corpus: &dyn Corpus,
        name: &str,
        package: &dyn Package,
    ) -> typomania::Result<Vec<Squat>> {
        let mut out = Vec::new();
        for (fake, real) in HOMOGLYPHS {
            for (i, _) in name.match_indices(fake) {
                let candidate = format!("{}{}{}", &name[..i], real, &name[i + fake.len()..]);
                if corpus.possible_squat(&candidate, name, package)? {
                    out.push(Squat::custom("uses look-alike characters for", &candidate));
                }
            }
        }
        Ok(out)
    }
}

/// Ecosystem words glued on to a popular name: `python-requests`, `requests-py`, `lodash-js`.
/// Each registry has its own words: `tree-sitter-python` is a legitimate crate name.
struct Affixes {
    prefixes: &'static [&'static str],
    suffixes: &'static [&'static str],
}

impl Affixes {
    fn of(ecosystem: Ecosystem) -> Affixes {
        match ecosystem {
            Ecosystem::PyPI => Affixes {
                prefixes: &["python-", "python3-", "py-", "py"],
                suffixes: &["-python", "-python3", "-py", "py"],
            },
            Ecosystem::Npm => Affixes {
                prefixes: &["node-", "js-"],
                suffixes: &["-js", ".js", "js", "-node"],
            },
            Ecosystem::Crates => Affixes {
                prefixes: &["rust-"],
                suffixes: &["-rs", "-rust"],
            },
        }
    }
}

impl Check for Affixes {
    fn check(
        &self,
        corpus: &dyn Corpus,
        name: &str,
        package: &dyn Package,
    ) -> typomania::Result<Vec<Squat>> {
        let mut out = Vec::new();
        let mut candidates = Vec::new();
        for prefix in self.prefixes {
            if let Some(rest) = name.strip_prefix(prefix) {
                candidates.push(rest);
            }
        }
        for suffix in self.suffixes {
            if let Some(rest) = name.strip_suffix(suffix) {
                candidates.push(rest);
            }
        }
        for candidate in candidates {
            if corpus.possible_squat(candidate, name, package)? {
                out.push(Squat::custom("adds an ecosystem word to", candidate));
            }
        }
        Ok(out)
    }
}

/// Neighbouring keys on a QWERTY keyboard, row by row.
const KEYBOARD_ROWS: [&str; 4] = ["1234567890-", "qwertyuiop", "asdfghjkl", "zxcvbnm"];

/// Keys next to `c` (same row, and the rows above and below at the same or next column).
fn neighbours(c: char) -> Vec<char> {
    let mut out = Vec::new();
    for (row, keys) in KEYBOARD_ROWS.iter().enumerate() {
        let Some(col) = keys.find(c) else {
            continue;
        };
        let keys: Vec<char> = keys.chars().collect();
        for dc in [-1isize, 1] {
            if let Some(k) = col.checked_add_signed(dc).and_then(|i| keys.get(i)) {
                out.push(*k);
            }
        }
        for other in [row.checked_sub(1), Some(row + 1)].into_iter().flatten() {
            let Some(other_keys) = KEYBOARD_ROWS.get(other) else {
                continue;
            };
            let other_keys: Vec<char> = other_keys.chars().collect();
            for c2 in [col.checked_sub(1), Some(col), Some(col + 1)]
                .into_iter()
                .flatten()
            {
                if let Some(k) = other_keys.get(c2) {
                    out.push(*k);
                }
            }
        }
    }
    out
}

/// One-character typos: a neighbouring key, or a look-alike character.
fn substitutions() -> Typos {
    const LOOK_ALIKE: [(char, char); 8] = [
        ('0', 'o'),
        ('1', 'l'),
        ('1', 'i'),
        ('l', 'i'),
        ('5', 's'),
        ('-', '_'),
        ('-', '.'),
        ('_', '.'),
    ];
    Typos::new(ALPHABET.chars().map(|c| {
        let mut others: Vec<String> = neighbours(c).into_iter().map(String::from).collect();
        for (a, b) in LOOK_ALIKE {
            if a == c {
                others.push(b.to_string());
            } else if b == c {
                others.push(a.to_string());
            }
        }
        others.sort();
        others.dedup();
        (c, others)
    }))
}

fn checks(ecosystem: Ecosystem) -> Vec<Box<dyn Check>> {
    vec![
        Box::new(Repeated),
        Box::new(SwappedCharacters),
        Box::new(Omitted::new(ALPHABET)),
        Box::new(ExtraCharacter),
        Box::new(substitutions()),
        Box::new(Homoglyphs),
        Box::new(Affixes::of(ecosystem)),
    ]
}

static CHECKS: LazyLock<[Vec<Box<dyn Check>>; 3]> = LazyLock::new(|| {
    [
        checks(Ecosystem::PyPI),
        checks(Ecosystem::Npm),
        checks(Ecosystem::Crates),
    ]
});

fn describe(squat: &Squat) -> &'static str {
    match squat {
        Squat::Bitflip(_) => "is a bit-flip of",
        Squat::OmittedCharacter(_) => "omits a character of",
        Squat::RepeatedCharacter(_) => "repeats a character of",
        Squat::SwappedCharacters(_) => "swaps two characters of",
        Squat::SwappedWords(_) => "reorders the words of",
        Squat::Typo(_) => "changes one character of",
        Squat::Version(_) => "adds a version number to",
        Squat::Custom { message, .. } => match message.as_str() {
            "adds a character to" => "adds a character to",
            "uses look-alike characters for" => "uses look-alike characters for",
            _ => "adds an ecosystem word to",
        },
    }
}

/// A single inserted, deleted or substituted character turns many short legitimate names into
/// each other (`mango`/`mando`, `blark`/`black`): for those edits the target must be long (six
/// characters or more) or among the most popular names of its registry.
///
/// An edit at the first or last character (`route`/`router`, `matched`/`matcher`,
/// `url-parser`/`url-parse`) usually makes a different word rather than a typo, so it counts
/// only against the most popular names.
fn strong_enough(candidate: &str, squat: &Squat, rank: usize) -> bool {
    let loose = match squat {
        Squat::Typo(_) | Squat::OmittedCharacter(_) => true,
        Squat::Custom { message, .. } => message == "adds a character to",
        _ => false,
    };
    if !loose || rank < VERY_POPULAR {
        return true;
    }
    let target = squat.package();
    let prefix = common_prefix(candidate.chars(), target.chars());
    let suffix = common_prefix(candidate.chars().rev(), target.chars().rev());
    target.chars().count() >= 6 && prefix > 0 && suffix > 0
}

fn common_prefix(a: impl Iterator<Item = char>, b: impl Iterator<Item = char>) -> usize {
    a.zip(b).take_while(|(x, y)| x == y).count()
}

/// Names this popular are worth protecting even when short.
const VERY_POPULAR: usize = 300;

/// Checks one dependency name. `None` when the name is popular itself, too short to judge,
/// or not close to any popular name.
pub fn suspect(ecosystem: Ecosystem, name: &str) -> Option<Suspicion> {
    let normalised = ecosystem.normalise(name);
    if normalised.len() < MIN_TARGET_LEN - 1 || normalised.len() > 100 {
        return None;
    }
    if is_popular(ecosystem, name) {
        return None;
    }
    let corpus = Targets { ecosystem };
    let mut best: Option<(usize, Suspicion)> = None;
    let index = match ecosystem {
        Ecosystem::PyPI => 0,
        Ecosystem::Npm => 1,
        Ecosystem::Crates => 2,
    };
    for check in &CHECKS[index] {
        let Ok(squats) = check.check(&corpus, &normalised, &Anonymous) else {
            continue;
        };
        for squat in squats {
            let Some(rank) = target_rank(ecosystem, squat.package()) else {
                continue;
            };
            if !strong_enough(&normalised, &squat, rank) {
                continue;
            }
            if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                let listed = popular(ecosystem)
                    .ranks
                    .get(&ecosystem.normalise(squat.package()))
                    .map_or(squat.package().to_string(), |(_, n)| n.to_string());
                best = Some((
                    rank,
                    Suspicion {
                        target: listed,
                        how: describe(&squat).to_string(),
                    },
                ));
            }
        }
    }
    best.map(|(_, s)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(e: Ecosystem, name: &str) -> Option<String> {
        suspect(e, name).map(|s| s.target)
    }

    #[test]
    fn popular_names_are_never_squats() {
        for name in [
            "requests",
            "Django",
            "python-dateutil",
            "python_dateutil",
            "boto3",
        ] {
            assert_eq!(suspect(Ecosystem::PyPI, name), None, "{name}");
        }
        for name in ["express", "lodash", "@types/node", "react-dom"] {
            assert_eq!(suspect(Ecosystem::Npm, name), None, "{name}");
        }
        for name in ["serde", "serde_json", "tokio"] {
            assert_eq!(suspect(Ecosystem::Crates, name), None, "{name}");
        }
    }

    #[test]
    fn one_edit_variants_are_found() {
        let py = Ecosystem::PyPI;
        assert_eq!(target(py, "reqeusts").as_deref(), Some("requests"));
        assert_eq!(target(py, "requestss").as_deref(), Some("requests"));
        assert_eq!(target(py, "reqests").as_deref(), Some("requests"));
        assert_eq!(target(py, "requezts").as_deref(), Some("requests"));
        assert_eq!(target(py, "python-requests").as_deref(), Some("requests"));
        assert_eq!(target(py, "nurnpy").as_deref(), Some("numpy"));
        let npm = Ecosystem::Npm;
        assert_eq!(target(npm, "expresss").as_deref(), Some("express"));
        assert_eq!(target(npm, "lodahs").as_deref(), Some("lodash"));
        assert_eq!(
            target(Ecosystem::Crates, "serde_jsn").as_deref(),
            Some("serde_json")
        );
        assert_eq!(
            target(Ecosystem::Crates, "tokioo").as_deref(),
            Some("tokio")
        );
    }

    #[test]
    fn distant_or_short_names_are_quiet() {
        assert_eq!(suspect(Ecosystem::PyPI, "my-internal-tool"), None);
        assert_eq!(suspect(Ecosystem::PyPI, "abc"), None);
        assert_eq!(suspect(Ecosystem::Npm, ""), None);
        assert_eq!(suspect(Ecosystem::Npm, "é-ü"), None);
    }
}
