//! Reads what the ledger needs from a git repository without spawning `git`: the branch and
//! commit (from `.git/HEAD`, loose refs and `packed-refs`, worktrees included) and the
//! developer's identity (`[user]` in the repository's config, then the global one).

use super::Developer;
use std::path::{Path, PathBuf};

/// What was found; every part is optional (no repository, detached HEAD, no identity).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitInfo {
    pub branch: Option<String>,
    pub commit: Option<String>,
    pub developer: Option<Developer>,
}

/// Reads the repository that contains `root` (walking up) and the global git config.
pub fn read(root: &Path) -> GitInfo {
    let mut info = GitInfo::default();
    let mut identity = Developer::default();
    if let Some(git_dir) = find_git_dir(root) {
        let common = common_dir(&git_dir);
        if let Ok(head) = std::fs::read_to_string(git_dir.join("HEAD")) {
            let head = head.trim();
            if let Some(reference) = head.strip_prefix("ref: ") {
                info.branch = Some(
                    reference
                        .strip_prefix("refs/heads/")
                        .unwrap_or(reference)
                        .to_string(),
                );
                info.commit = resolve_ref(&git_dir, &common, reference);
            } else if is_hash(head) {
                info.commit = Some(head.to_string());
            }
        }
        fill_identity(&mut identity, &common.join("config"));
    }
    for global in global_configs() {
        fill_identity(&mut identity, &global);
    }
    if !identity.name.is_empty() || !identity.email.is_empty() {
        info.developer = Some(identity);
    }
    info
}

fn is_hash(text: &str) -> bool {
    text.len() >= 40 && text.chars().all(|c| c.is_ascii_hexdigit())
}

/// The `.git` folder (or the folder a `.git` file points to) of the repository holding `root`.
fn find_git_dir(root: &Path) -> Option<PathBuf> {
    let mut current = Some(root);
    while let Some(dir) = current {
        let dot_git = dir.join(".git");
        if dot_git.is_dir() {
            return Some(dot_git);
        }
        if dot_git.is_file() {
            let text = std::fs::read_to_string(&dot_git).ok()?;
            let target = text.trim().strip_prefix("gitdir:")?.trim();
            let target = Path::new(target);
            return Some(if target.is_absolute() {
                target.to_path_buf()
            } else {
                dir.join(target)
            });
        }
        current = dir.parent();
    }
    None
}

/// A worktree's git dir names the shared repository in `commondir`.
fn common_dir(git_dir: &Path) -> PathBuf {
    match std::fs::read_to_string(git_dir.join("commondir")) {
        Ok(text) => {
            let target = Path::new(text.trim());
            if target.is_absolute() {
                target.to_path_buf()
            } else {
                git_dir.join(target)
            }
        }
        Err(_) => git_dir.to_path_buf(),
    }
}

fn resolve_ref(git_dir: &Path, common: &Path, reference: &str) -> Option<String> {
    if reference.contains("..") {
        return None;
    }
    for dir in [git_dir, common] {
        if let Ok(text) = std::fs::read_to_string(dir.join(reference)) {
            let text = text.trim();
            if is_hash(text) {
                return Some(text.to_string());
            }
        }
    }
    let packed = std::fs::read_to_string(common.join("packed-refs")).ok()?;
    packed.lines().find_map(|line| {
        let (hash, name) = line.split_once(' ')?;
        (name.trim() == reference && is_hash(hash)).then(|| hash.to_string())
    })
}

fn global_configs() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    if let Some(path) = std::env::var_os("GIT_CONFIG_GLOBAL") {
        paths.push(PathBuf::from(path));
        return paths;
    }
    if let Some(home) = std::env::var_os("HOME") {
        paths.push(PathBuf::from(&home).join(".gitconfig"));
    }
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")));
    if let Some(xdg) = xdg {
        paths.push(xdg.join("git/config"));
    }
    paths
}

/// Fills the parts of `identity` still empty from the `[user]` section of a config file.
fn fill_identity(identity: &mut Developer, path: &Path) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let parsed = parse_user_section(&text);
    if identity.name.is_empty() {
        identity.name = parsed.name;
    }
    if identity.email.is_empty() {
        identity.email = parsed.email;
    }
}

/// Reads `name` and `email` from the `[user]` section of git config text.
pub fn parse_user_section(text: &str) -> Developer {
    let mut developer = Developer::default();
    let mut in_user = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_user = line
                .trim_start_matches('[')
                .trim_end_matches(']')
                .trim()
                .eq_ignore_ascii_case("user");
            continue;
        }
        if !in_user || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let value = value.trim().trim_matches('"').to_string();
        match key.trim().to_ascii_lowercase().as_str() {
            "name" => developer.name = value,
            "email" => developer.email = value,
            _ => {}
        }
    }
    developer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_section_parses() {
        let d = parse_user_section(
            "[core]\n\tname = no\n[user]\n\tname = Ada Lovelace\n\temail = \"ada@example.org\"\n[x]\nemail = z\n",
        );
        assert_eq!(d.name, "Ada Lovelace");
        assert_eq!(d.email, "ada@example.org");
    }

    #[test]
    fn head_refs_and_packed_refs_resolve() {
        let dir = tempfile::tempdir().unwrap();
        let git = dir.path().join(".git");
        std::fs::create_dir_all(git.join("refs/heads")).unwrap();
        std::fs::write(git.join("HEAD"), "ref: refs/heads/feature/x\n").unwrap();
        let hash = "0123456789abcdef0123456789abcdef01234567";
        std::fs::write(
            git.join("packed-refs"),
            format!("# pack-refs\n{hash} refs/heads/feature/x\n"),
        )
        .unwrap();
        std::fs::write(git.join("config"), "[user]\nemail = dev@example.org\n").unwrap();
        let sub = dir.path().join("src");
        std::fs::create_dir_all(&sub).unwrap();
        let info = read(&sub);
        assert_eq!(info.branch.as_deref(), Some("feature/x"));
        assert_eq!(info.commit.as_deref(), Some(hash));
        assert_eq!(info.developer.unwrap().email, "dev@example.org");
    }
}
