//! Filters for the usual false alarms: placeholders, documented example keys, references to
//! other places (environment variables, paths, URLs, template variables), UUIDs, hashes and
//! files that hold integrity hashes rather than credentials.

use std::path::Path;

/// Files that hold integrity hashes, checksums or vendored data, never typed credentials.
pub fn is_skipped_path(path: Option<&Path>) -> bool {
    let Some(name) = path.and_then(|p| p.file_name()).and_then(|n| n.to_str()) else {
        return false;
    };
    matches!(
        name,
        "package-lock.json"
            | "npm-shrinkwrap.json"
            | "yarn.lock"
            | "pnpm-lock.yaml"
            | "bun.lock"
            | "Cargo.lock"
            | "poetry.lock"
            | "Pipfile.lock"
            | "uv.lock"
            | "pdm.lock"
            | "composer.lock"
            | "Gemfile.lock"
            | "go.sum"
            | "flake.lock"
            | "packages.lock.json"
            | "gradle.lockfile"
    ) || name.ends_with(".min.js.map")
        || name.ends_with(".js.map")
        || name.ends_with(".svg")
}

/// Keys published in vendor documentation as examples.
const DOCUMENTED_EXAMPLES: &[&str] = &[
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "AKIAI44QH8DHBEXAMPLE",
    "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
    "ASIAIOSFODNN7EXAMPLE",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
    "rk_test_4eC39HqLyjWDarjtT1zdp7dc",
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
];

/// True for a documented example key, or a token that says it is one.
pub fn is_documented_example(value: &str) -> bool {
    if DOCUMENTED_EXAMPLES.contains(&value) {
        return true;
    }
    let upper = value.to_ascii_uppercase();
    upper.contains("EXAMPLE") || upper.contains("SAMPLE")
}

/// True when a provider-shaped token is obviously not a real one: it says so, or it is a run
/// of one character, or a counting sequence.
pub fn is_fake_token(value: &str) -> bool {
    if is_documented_example(value) {
        return true;
    }
    let lower = value.to_ascii_lowercase();
    const MARKERS: &[&str] = &[
        "xxxxx",
        "00000000",
        "*****",
        "fake",
        "dummy",
        "placeholder",
        "redacted",
        "your_",
        "your-",
        "<",
        ">",
        "${",
        "{{",
        "...",
        "…",
        "1234567890",
        "abcdefghij",
        "notreal",
        "not_real",
        "not-real",
        "invalid",
    ];
    // Random tokens essentially never repeat one character eight times in a row.
    let run = longest_run(value);
    MARKERS.iter().any(|m| lower.contains(m)) || run >= 8 || run * 3 >= value.len().max(1)
}

/// The longest run of one repeated character.
fn longest_run(value: &str) -> usize {
    let mut best = 0;
    let mut run = 0;
    let mut last = None;
    for c in value.chars() {
        if Some(c) == last {
            run += 1;
        } else {
            run = 1;
            last = Some(c);
        }
        best = best.max(run);
    }
    best
}

/// Values that stand for a secret rather than being one: template variables, environment and
/// secret-manager references, "change me" values, format strings.
pub fn is_placeholder(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    PLACEHOLDER_PARTS.is_match(&lower)
        || EXACT.contains(&lower.as_str())
        || PREFIXES.iter().any(|p| lower.starts_with(p))
        || longest_run(value) * 3 >= value.len().max(1)
        || is_sequence(value)
}

/// Substrings that mark a value as a placeholder, searched in one pass.
static PLACEHOLDER_PARTS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(CONTAINS).expect("the placeholder automaton builds")
    });

const CONTAINS: &[&str] = &[
    "example",
    "sample",
    "dummy",
    "placeholder",
    "changeme",
    "change_me",
    "change-me",
    "changeit",
    "change_it",
    "your_",
    "your-",
    "yourpass",
    "yourkey",
    "yoursecret",
    "yourtoken",
    "yourapi",
    "<",
    ">",
    "${",
    "{{",
    "}}",
    "#{",
    "%s",
    "%(",
    "%d",
    "%v",
    "$(",
    "redacted",
    "replace",
    "insert",
    "todo",
    "fixme",
    "fake",
    "mock",
    "lorem",
    "foobar",
    "xxxx",
    "****",
    "....",
    "…",
    "____",
    "not-a-real",
    "notreal",
    "not_real",
    "not-real",
    "invalid",
    "password",
    "passwd",
    "passw0rd",
    "p@ss",
    "secret",
    "token",
    "test",
    "demo",
    "qwerty",
    "123456",
    "abcdef",
    "hunter2",
    "letmein",
    "admin123",
    "welcome1",
];
const EXACT: &[&str] = &[
    "null",
    "none",
    "nil",
    "undefined",
    "true",
    "false",
    "empty",
    "blank",
    "default",
    "pass",
    "required",
    "optional",
    "string",
    "str",
    "value",
    "n/a",
    "na",
    "tbd",
    "unset",
    "off",
];
const PREFIXES: &[&str] = &[
    "$",
    "%",
    "@",
    "env:",
    "env.",
    "vault:",
    "secret:",
    "secrets.",
    "ref+",
    "arn:",
    "projects/",
    "sm://",
    "op://",
    "ssm:",
    "kms:",
    "aws-sm:",
    "keyvault:",
    "sha256:",
    "sha512-",
    "sha384-",
    "sha1-",
    "md5:",
    "data:",
    "file:",
    "http://",
    "https://",
    "/",
    "./",
    "../",
    "~/",
    "{",
    "[",
    "(",
    ":",
];

/// `abcdefgh`, `12345678`, `87654321`.
fn is_sequence(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() >= 4
        && (bytes.windows(2).all(|w| w[1] == w[0].wrapping_add(1))
            || bytes.windows(2).all(|w| w[1].wrapping_add(1) == w[0]))
}

/// Values that name another place rather than holding a secret: URLs, paths, file names,
/// environment variable names, dotted identifiers, regular expressions.
pub fn is_reference(value: &str) -> bool {
    if value.contains("://") || value.contains('\\') && !value.contains("\\x") {
        return true;
    }
    const EXTENSIONS: &[&str] = &[
        ".pem",
        ".key",
        ".crt",
        ".cer",
        ".der",
        ".p12",
        ".pfx",
        ".jks",
        ".keystore",
        ".pub",
        ".json",
        ".yaml",
        ".yml",
        ".txt",
        ".env",
        ".ini",
        ".cfg",
        ".conf",
        ".xml",
        ".toml",
        ".properties",
        ".sh",
        ".py",
        ".js",
        ".ts",
        ".rs",
        ".html",
        ".gpg",
        ".asc",
    ];
    let lower = value.to_ascii_lowercase();
    if EXTENSIONS.iter().any(|e| lower.ends_with(e)) {
        return true;
    }
    // DB_PASSWORD, SECRET_KEY: the name of an environment variable.
    let bytes = value.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_uppercase)
        && value.contains('_')
        && bytes
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
    {
        return true;
    }
    // settings.SECRET_KEY, config.db.password: a dotted reference.
    let segments: Vec<&str> = value.split('.').collect();
    if segments.len() >= 2
        && bytes
            .first()
            .is_some_and(|b| b.is_ascii_lowercase() || *b == b'_')
        && segments.iter().all(|s| {
            !s.is_empty()
                && s.len() <= 40
                && s.as_bytes()[0].is_ascii_alphabetic()
                && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && !s.bytes().any(|b| b.is_ascii_digit())
        })
    {
        return true;
    }
    // Regular expressions and character classes.
    value.contains("\\d")
        || value.contains("[a-z")
        || value.contains("[0-9")
        || value.contains("(?")
}

/// `123e4567-e89b-12d3-a456-426614174000`.
pub fn is_uuid(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// Shannon entropy in bits per byte.
pub fn entropy(value: &str) -> f64 {
    let mut counts = [0usize; 256];
    for b in value.bytes() {
        counts[b as usize] += 1;
    }
    let len = value.len() as f64;
    if len == 0.0 {
        return 0.0;
    }
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / len;
            -p * p.log2()
        })
        .sum()
}

/// How many of lowercase, uppercase, digits and symbols occur.
pub fn character_classes(value: &str) -> usize {
    let b = value.as_bytes();
    [
        b.iter().any(u8::is_ascii_lowercase),
        b.iter().any(u8::is_ascii_uppercase),
        b.iter().any(u8::is_ascii_digit),
        b.iter().any(|c| c.is_ascii_punctuation()),
    ]
    .iter()
    .filter(|x| **x)
    .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_recognised() {
        for v in [
            "your_api_key_here",
            "changeme",
            "xxxxxxxxxxxx",
            "<token>",
            "${DB_PASSWORD}",
            "{{ vault_password }}",
            "%s",
            "12345678",
            "abcdefgh",
            "$DB_PASS",
        ] {
            assert!(is_placeholder(v), "{v}");
        }
        for v in ["Zq8#vR2!mK", "s3cr1T-vAlu3-9x", "u7Gx2LmQ9pWz"] {
            assert!(!is_placeholder(v), "{v}");
        }
    }

    #[test]
    fn references_are_recognised() {
        for v in [
            "DB_PASSWORD",
            "settings.secret_key",
            "/etc/secret.pem",
            "key.pem",
            "https://vault.example/v1",
            "^[a-z]+$",
        ] {
            assert!(is_reference(v), "{v}");
        }
        assert!(!is_reference("Zq8vR2mKp0a"));
        assert!(!is_reference("a1b2.c3d4"));
    }

    #[test]
    fn uuids_entropy_and_classes() {
        assert!(is_uuid("123e4567-e89b-12d3-a456-426614174000"));
        assert!(!is_uuid("123e4567-e89b-12d3-a456-42661417400"));
        assert!(entropy("aaaa") < 0.01);
        assert!(entropy("abcd") > 1.99);
        assert_eq!(character_classes("aB3!"), 4);
        assert!(is_fake_token("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
        assert!(is_documented_example("AKIAIOSFODNN7EXAMPLE"));
    }

    #[test]
    fn lockfiles_are_skipped() {
        assert!(is_skipped_path(Some(Path::new("a/package-lock.json"))));
        assert!(is_skipped_path(Some(Path::new("Cargo.lock"))));
        assert!(!is_skipped_path(Some(Path::new("package.json"))));
        assert!(!is_skipped_path(None));
    }
}
