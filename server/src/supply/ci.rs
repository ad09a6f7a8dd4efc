//! CI/CD governance: GitHub Actions workflows (and composite actions) and GitLab CI files.
//!
//! Each check reports on the YAML scalar where the decision is written: the `uses:` value, the
//! `ref:` of a checkout, the expression inside a `run:` script.

use super::yaml::{self, Scalar, Yaml};
use super::{Approved, Hit};
use regex::Regex;
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

/// The CI file types we read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CiKind {
    GithubWorkflow,
    GithubAction,
    Gitlab,
}

/// Recognises a CI file by its path (workspace-relative or absolute).
pub fn ci_kind(path: &Path) -> Option<CiKind> {
    let name = path.file_name()?.to_str()?;
    let yaml_ext = name.ends_with(".yml") || name.ends_with(".yaml");
    if name == ".gitlab-ci.yml" || name == ".gitlab-ci.yaml" {
        return Some(CiKind::Gitlab);
    }
    if !yaml_ext {
        return None;
    }
    let parent = path.parent()?;
    let in_workflows = parent.file_name().is_some_and(|d| d == "workflows")
        && parent
            .parent()
            .and_then(|p| p.file_name())
            .is_some_and(|d| d == ".github");
    if in_workflows {
        return Some(CiKind::GithubWorkflow);
    }
    if name == "action.yml" || name == "action.yaml" {
        return Some(CiKind::GithubAction);
    }
    None
}

/// A parsed `uses:` reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRef {
    /// `owner/repo` or `owner/repo/path` (without the `@ref`); the image for Docker.
    pub name: String,
    /// `owner/repo`.
    pub repository: String,
    pub pin: Option<String>,
    pub kind: ActionKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    /// `./path`: code of this repository.
    Local,
    /// `docker://image[:tag|@sha256:…]`.
    Docker,
    /// `owner/repo[/path]@ref`.
    Remote,
}

impl ActionRef {
    pub fn parse(uses: &str) -> ActionRef {
        let uses = uses.trim();
        if uses.starts_with("./") || uses.starts_with("../") {
            return ActionRef {
                name: uses.to_string(),
                repository: uses.to_string(),
                pin: None,
                kind: ActionKind::Local,
            };
        }
        if let Some(image) = uses.strip_prefix("docker://") {
            // `image@sha256:…` is a digest; `image:tag` a tag (a `:` after the last `/`, so a
            // registry port such as `host:5000/image` is not a tag).
            let (name, pin) = match image.split_once('@') {
                Some((n, p)) => (n, Some(p.to_string())),
                None => {
                    let last_segment = image.rfind('/').map_or(0, |i| i + 1);
                    match image[last_segment..].rfind(':') {
                        Some(i) => (
                            &image[..last_segment + i],
                            Some(image[last_segment + i + 1..].to_string()),
                        ),
                        None => (image, None),
                    }
                }
            };
            return ActionRef {
                name: name.to_string(),
                repository: name.to_string(),
                pin,
                kind: ActionKind::Docker,
            };
        }
        let (name, pin) = match uses.split_once('@') {
            Some((n, p)) => (n, Some(p.to_string())),
            None => (uses, None),
        };
        let repository = name.split('/').take(2).collect::<Vec<_>>().join("/");
        ActionRef {
            name: name.to_string(),
            repository,
            pin,
            kind: ActionKind::Remote,
        }
    }

    /// Pinned to an immutable reference: a full commit SHA, or an image digest.
    pub fn is_pinned(&self) -> bool {
        match self.kind {
            ActionKind::Local => true,
            ActionKind::Docker => self
                .pin
                .as_deref()
                .is_some_and(|p| p.starts_with("sha256:")),
            ActionKind::Remote => self.pin.as_deref().is_some_and(is_commit_sha),
        }
    }

    /// Actions published by GitHub itself (`actions/*`, `github/*`): the platform vendor, not a
    /// third party.
    pub fn is_first_party(&self) -> bool {
        let owner = self.repository.split('/').next().unwrap_or("");
        self.kind == ActionKind::Local
            || owner.eq_ignore_ascii_case("actions")
            || owner.eq_ignore_ascii_case("github")
    }
}

/// A full 40-character (SHA-1) or 64-character (SHA-256) hexadecimal commit id.
pub fn is_commit_sha(text: &str) -> bool {
    (text.len() == 40 || text.len() == 64) && text.chars().all(|c| c.is_ascii_hexdigit())
}

/// Runs the checks of one CI file.
pub fn check(kind: CiKind, text: &str, approved: &Approved, out: &mut Vec<Hit>) {
    let Some(documents) = yaml::parse(text) else {
        return;
    };
    for document in &documents {
        match kind {
            CiKind::GithubWorkflow => github_workflow(text, document, approved, out),
            CiKind::GithubAction => {
                if let Some(steps) = document.get("runs").and_then(|r| r.get("steps")) {
                    github_steps(text, steps, false, approved, out);
                }
            }
            CiKind::Gitlab => gitlab(text, document, approved, out),
        }
    }
}

fn triggers_include(on: &Yaml, event: &str) -> bool {
    match on {
        Yaml::Scalar(s) => s.value == event,
        Yaml::Seq(items, _) => items.iter().any(|i| i.as_str() == Some(event)),
        Yaml::Map(..) => on.get(event).is_some(),
        Yaml::Other(_) => false,
    }
}

fn github_workflow(text: &str, root: &Yaml, approved: &Approved, out: &mut Vec<Hit>) {
    let pull_request_target = root
        .get("on")
        .is_some_and(|on| triggers_include(on, "pull_request_target"));
    permissions(root, out);
    let Some(jobs) = root.get("jobs") else {
        return;
    };
    for (_, job) in jobs.entries() {
        permissions(job, out);
        if let Some(uses) = job.get("uses").and_then(Yaml::as_scalar) {
            action_reference(uses, approved, out);
        }
        if let Some(steps) = job.get("steps") {
            github_steps(text, steps, pull_request_target, approved, out);
        }
    }
}

fn permissions(node: &Yaml, out: &mut Vec<Hit>) {
    if let Some(value) = node.get("permissions").and_then(Yaml::as_scalar) {
        if value.value == "write-all" {
            out.push(Hit::new(
                "ci-permissions-write-all",
                value.range.clone(),
                "`permissions: write-all` gives every step a token that can push code, publish packages and change settings".to_string(),
                "permissions: write-all".to_string(),
            ));
        }
    }
}

fn github_steps(
    text: &str,
    steps: &Yaml,
    pull_request_target: bool,
    approved: &Approved,
    out: &mut Vec<Hit>,
) {
    for step in steps.items() {
        let uses = step.get("uses").and_then(Yaml::as_scalar);
        if let Some(uses) = uses {
            action_reference(uses, approved, out);
        }
        let action = uses.map(|u| ActionRef::parse(&u.value));
        let with = step.get("with");
        if pull_request_target {
            let checkout = action
                .as_ref()
                .is_some_and(|a| a.repository.eq_ignore_ascii_case("actions/checkout"));
            if checkout {
                for key in ["ref", "repository"] {
                    if let Some(value) = with.and_then(|w| w.get(key)).and_then(Yaml::as_scalar) {
                        if PR_HEAD.is_match(&value.value) {
                            out.push(Hit::new(
                                "ci-pull-request-target-checkout",
                                value.range.clone(),
                                format!(
                                    "a `pull_request_target` workflow checks out the pull request's code (`{}`) with the base repository's secrets and write token",
                                    value.value.trim()
                                ),
                                value.value.trim().to_string(),
                            ));
                        }
                    }
                }
            }
        }
        if let Some(run) = step.get("run").and_then(Yaml::as_scalar) {
            script(text, run, Platform::Github, pull_request_target, out);
        }
        // `actions/github-script` evaluates `with.script` as JavaScript: same injection.
        let github_script = action
            .as_ref()
            .is_some_and(|a| a.repository.eq_ignore_ascii_case("actions/github-script"));
        if github_script {
            if let Some(code) = with.and_then(|w| w.get("script")).and_then(Yaml::as_scalar) {
                injection(text, code, out);
            }
        }
    }
}

fn action_reference(uses: &Scalar, approved: &Approved, out: &mut Vec<Hit>) {
    let action = ActionRef::parse(&uses.value);
    if action.kind == ActionKind::Local {
        return;
    }
    if !action.is_first_party() && !action.is_pinned() {
        let pin = action.pin.as_deref().unwrap_or("no version");
        out.push(Hit::new(
            "ci-action-unpinned",
            uses.range.clone(),
            format!(
                "`{}` runs whatever `{pin}` points to today; a tag or branch can be moved to new code without any change here",
                uses.value.trim()
            ),
            action.name.clone(),
        ));
    }
    if approved.is_configured()
        && !approved.allows(&action.name)
        && !approved.allows(&action.repository)
    {
        out.push(Hit::new(
            "ci-action-unapproved",
            uses.range.clone(),
            format!(
                "`{}` is not on the approved list (`[governance] approved` in .vigil.toml): it runs with this pipeline's token and secrets",
                action.name
            ),
            action.name.clone(),
        ));
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Platform {
    Github,
    Gitlab,
}

/// An expression that names the pull request's head: its branch, commit or repository.
static PR_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"github\.event\.pull_request\.head\.(sha|ref|repo)|github\.head_ref|refs/pull/|merge_commit_sha")
        .expect("valid regex")
});

/// Fields of the event payload that the author of an issue, comment, commit or pull request
/// controls (titles, bodies, branch names, commit messages, author names).
static ATTACKER_CONTROLLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\$\{\{[^}]*?\b(",
        r"github\.event\.(issue|pull_request|discussion)\.(title|body)",
        r"|github\.event\.(comment|review|review_comment)\.body",
        r"|github\.event\.pages\.[^.\s]+\.page_name",
        r"|github\.event\.commits\.[^.\s]+\.(message|author\.(email|name))",
        r"|github\.event\.head_commit\.(message|author\.(email|name)|committer\.(email|name))",
        r"|github\.event\.pull_request\.head\.(ref|label|repo\.default_branch)",
        r"|github\.event\.workflow_run\.(head_branch|display_title|head_commit\.(message|author\.(email|name)))",
        r"|github\.head_ref",
        r")\b[^}]*\}\}"
    ))
    .expect("valid regex")
});

static CURL_PIPE_SHELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b(curl|wget)\b[^|;&\n]*\|\s*(sudo\s+(-\S+\s+)*)?(env\s+)?(ba|z|da|k|fi)?sh\b",
        r"|\b(curl|wget)\b[^|;&\n]*\|\s*(sudo\s+)?(python3?|node|perl|ruby)\s*(-\s*)?($|[;&|])",
        r"|\b(ba|z)?sh\s+(-c\s+)?[\x22']?(<\(|\$\()\s*(curl|wget)\b",
    ))
    .expect("valid regex")
});

static ECHO_COMMAND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(echo|printf|print|Write-Host|Write-Output)\b").expect("valid regex")
});
static GITHUB_SECRET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\$\{\{\s*secrets\.[A-Za-z0-9_]+\s*\}\}").expect("valid regex"));
static GITLAB_SECRET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\$\{?(CI_JOB_TOKEN|CI_JOB_JWT(_V2)?|CI_REGISTRY_PASSWORD|CI_DEPLOY_PASSWORD|CI_DEPENDENCY_PROXY_PASSWORD)\b")
        .expect("valid regex")
});
/// Encoders that defeat log masking when a secret is piped through them.
static UNMASKING_PIPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\|\s*(base64|xxd|od|rev|hexdump)\b").expect("valid regex"));

/// The source text of a scalar and its offset (block scalars keep their indentation, so we
/// search the raw text and report exact positions).
fn raw<'a>(text: &'a str, scalar: &Scalar) -> (&'a str, usize) {
    let range = scalar.range.clone();
    (text.get(range.clone()).unwrap_or(""), range.start)
}

fn script(
    text: &str,
    run: &Scalar,
    platform: Platform,
    pull_request_target: bool,
    out: &mut Vec<Hit>,
) {
    let (source, base) = raw(text, run);
    if platform == Platform::Github {
        injection(text, run, out);
    }
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let start = base + offset;
        offset += line.len();
        let code = strip_shell_comment(line);
        if let Some(m) = CURL_PIPE_SHELL.find(code) {
            out.push(Hit::new(
                "ci-curl-pipe-shell",
                start + m.start()..start + m.end(),
                "a script downloaded at build time is piped straight into an interpreter: whoever controls that URL runs code in this pipeline".to_string(),
                m.as_str().to_string(),
            ));
        }
        let secret = match platform {
            Platform::Github => GITHUB_SECRET.find(code),
            Platform::Gitlab => GITLAB_SECRET.find(code),
        };
        if let (Some(secret), Some(echo)) = (secret, ECHO_COMMAND.find(code)) {
            let after = &code[echo.start()..];
            let redirected = after.contains('>');
            let piped = after.contains('|');
            let unmasked = UNMASKING_PIPE.is_match(after);
            if echo.start() < secret.start() && !redirected && (!piped || unmasked) {
                out.push(Hit::new(
                    "ci-secret-echoed",
                    start + secret.start()..start + secret.end(),
                    format!(
                        "`{}` is printed to the job log{}",
                        secret.as_str(),
                        if unmasked {
                            " through an encoder that defeats log masking"
                        } else {
                            ", where everyone who can read the log can read it"
                        }
                    ),
                    secret.as_str().to_string(),
                ));
            }
        }
        if pull_request_target && platform == Platform::Github && PR_CHECKOUT_COMMAND.is_match(code)
        {
            let trimmed = code.trim();
            let lead = code.len() - code.trim_start().len();
            out.push(Hit::new(
                "ci-pull-request-target-checkout",
                start + lead..start + lead + trimmed.len(),
                "a `pull_request_target` workflow fetches the pull request's code while it holds the base repository's secrets and write token".to_string(),
                trimmed.to_string(),
            ));
        }
    }
}

static PR_CHECKOUT_COMMAND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bgh\s+pr\s+checkout\b|\bgit\s+(fetch|checkout|switch|pull)\b[^\n]*(pull/|github\.event\.pull_request\.head\.|github\.head_ref)")
        .expect("valid regex")
});

/// Drops a trailing shell comment (`# …` at the start or after whitespace).
fn strip_shell_comment(line: &str) -> &str {
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        if c == '#' && previous.is_whitespace() {
            return &line[..i];
        }
        previous = c;
    }
    line
}

fn injection(text: &str, scalar: &Scalar, out: &mut Vec<Hit>) {
    let (source, base) = raw(text, scalar);
    for m in ATTACKER_CONTROLLED.find_iter(source) {
        let range: Range<usize> = base + m.start()..base + m.end();
        out.push(Hit::new(
            "ci-script-injection",
            range,
            format!(
                "`{}` is pasted into the script before it runs: a title, body or branch name containing `\"; curl … | sh` becomes a command",
                m.as_str()
            ),
            m.as_str().to_string(),
        ));
    }
}

/// Keys of a GitLab CI file that are not jobs.
const GITLAB_GLOBALS: [&str; 8] = [
    "stages",
    "variables",
    "include",
    "workflow",
    "image",
    "services",
    "cache",
    "spec",
];

fn gitlab(text: &str, root: &Yaml, approved: &Approved, out: &mut Vec<Hit>) {
    if let Some(include) = root.get("include") {
        let items: Vec<&Yaml> = match include {
            Yaml::Seq(items, _) => items.iter().collect(),
            other => vec![other],
        };
        for item in items {
            gitlab_include(item, approved, out);
        }
    }
    for (key, job) in root.entries() {
        let Some(name) = key.as_str() else {
            continue;
        };
        if GITLAB_GLOBALS.contains(&name) {
            continue;
        }
        for section in ["before_script", "script", "after_script"] {
            match job.get(section) {
                Some(Yaml::Scalar(s)) => script(text, s, Platform::Gitlab, false, out),
                Some(Yaml::Seq(items, _)) => {
                    for item in items {
                        if let Some(s) = item.as_scalar() {
                            script(text, s, Platform::Gitlab, false, out);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

fn gitlab_include(item: &Yaml, approved: &Approved, out: &mut Vec<Hit>) {
    if let Some(component) = item.get("component").and_then(Yaml::as_scalar) {
        let (name, version) = component
            .value
            .rsplit_once('@')
            .unwrap_or((component.value.as_str(), ""));
        if !is_commit_sha(version) {
            out.push(Hit::new(
                "ci-action-unpinned",
                component.range.clone(),
                format!(
                    "CI component `{}` runs whatever `{}` points to today, not a fixed commit",
                    name,
                    if version.is_empty() {
                        "the default branch"
                    } else {
                        version
                    }
                ),
                name.to_string(),
            ));
        }
        if approved.is_configured() && !approved.allows(name) {
            out.push(unapproved_gitlab(component.range.clone(), name));
        }
    }
    if let Some(project) = item.get("project").and_then(Yaml::as_scalar) {
        let reference = item.get("ref").and_then(Yaml::as_scalar);
        let pinned = reference.is_some_and(|r| is_commit_sha(&r.value));
        if !pinned {
            let at = reference.map_or(project.range.clone(), |r| r.range.clone());
            out.push(Hit::new(
                "ci-action-unpinned",
                at,
                format!(
                    "CI configuration included from `{}` follows `{}`, not a fixed commit",
                    project.value,
                    reference.map_or("the default branch", |r| r.value.as_str())
                ),
                project.value.clone(),
            ));
        }
        if approved.is_configured() && !approved.allows(&project.value) {
            out.push(unapproved_gitlab(project.range.clone(), &project.value));
        }
    }
    let remote = item
        .get("remote")
        .and_then(Yaml::as_scalar)
        .or_else(|| item.as_scalar().filter(|s| s.value.starts_with("https://")));
    if let Some(remote) = remote {
        out.push(Hit::new(
            "ci-action-unpinned",
            remote.range.clone(),
            format!(
                "CI configuration is fetched from `{}` on every run, with no pin or checksum",
                remote.value
            ),
            remote.value.clone(),
        ));
    }
}

fn unapproved_gitlab(range: Range<usize>, name: &str) -> Hit {
    Hit::new(
        "ci-action-unapproved",
        range,
        format!(
            "`{name}` is not on the approved list (`[governance] approved` in .vigil.toml): it runs with this pipeline's token and variables"
        ),
        name.to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(kind: CiKind, text: &str, approved: &Approved) -> Vec<(String, String)> {
        let mut out = Vec::new();
        check(kind, text, approved, &mut out);
        out.into_iter()
            .map(|h| (h.rule.to_string(), text[h.range].to_string()))
            .collect()
    }

    #[test]
    fn action_references_parse() {
        let a = ActionRef::parse("tj-actions/changed-files/sub@v45");
        assert_eq!(a.repository, "tj-actions/changed-files");
        assert_eq!(a.pin.as_deref(), Some("v45"));
        assert!(!a.is_pinned());
        assert!(ActionRef::parse("x/y@0123456789abcdef0123456789abcdef01234567").is_pinned());
        assert!(ActionRef::parse("./local").is_pinned());
        assert!(!ActionRef::parse("docker://alpine:3").is_pinned());
        let tagged = ActionRef::parse("docker://ghcr.io/some/image:latest");
        assert_eq!(tagged.name, "ghcr.io/some/image");
        assert_eq!(tagged.pin.as_deref(), Some("latest"));
        let port = ActionRef::parse("docker://registry:5000/team/tool");
        assert_eq!(port.name, "registry:5000/team/tool");
        assert_eq!(port.pin, None);
        assert!(ActionRef::parse("docker://alpine@sha256:abc").is_pinned());
        assert!(ActionRef::parse("actions/checkout@v4").is_first_party());
    }

    #[test]
    fn workflow_checks_report_on_the_scalar() {
        let text = r#"on: pull_request_target
permissions: write-all
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - uses: some/action@v1
      - run: |
          echo "${{ github.event.issue.title }}"
          curl -sSL https://x.example/install.sh | bash
          echo ${{ secrets.TOKEN }}
"#;
        let found = rules(CiKind::GithubWorkflow, text, &Approved::default());
        let ids: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(
            ids,
            vec![
                "ci-permissions-write-all",
                "ci-pull-request-target-checkout",
                "ci-action-unpinned",
                "ci-script-injection",
                "ci-curl-pipe-shell",
                "ci-secret-echoed"
            ],
            "{found:?}"
        );
        assert_eq!(found[2].1, "some/action@v1");
        assert_eq!(found[3].1, "${{ github.event.issue.title }}");
    }

    #[test]
    fn gitlab_scripts_and_includes() {
        let text = "include:\n  - project: group/ci\n    ref: main\n  - remote: https://x.example/ci.yml\nbuild:\n  script:\n    - curl https://x.example/i.sh | sh\n    - echo $CI_JOB_TOKEN\n    - echo done\n";
        let found = rules(CiKind::Gitlab, text, &Approved::default());
        let ids: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(
            ids,
            vec![
                "ci-action-unpinned",
                "ci-action-unpinned",
                "ci-curl-pipe-shell",
                "ci-secret-echoed"
            ]
        );
    }

    #[test]
    fn paths_are_recognised() {
        assert_eq!(
            ci_kind(Path::new(".github/workflows/ci.yml")),
            Some(CiKind::GithubWorkflow)
        );
        assert_eq!(ci_kind(Path::new(".gitlab-ci.yml")), Some(CiKind::Gitlab));
        assert_eq!(ci_kind(Path::new("docs/workflows/ci.yml")), None);
        assert_eq!(
            ci_kind(Path::new("a/action.yml")),
            Some(CiKind::GithubAction)
        );
    }
}
