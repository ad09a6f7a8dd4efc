//! The `vigil` command line: `lsp`, `scan`, `rules`, `explain`, `report` (and the secrets and
//! supply-chain commands wired from their modules).

use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vigil_ls::analysis::Severity;
use vigil_ls::config::Settings;
use vigil_ls::rules::{explanation_text, registry};

/// Prints to standard output, ignoring write errors: `vigil rules | head` closes the pipe early,
/// and that is not a crash.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// [`out!`] with a newline.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

#[derive(Parser)]
#[command(
    name = "vigil",
    version,
    about = "Security feedback in the moment: insecure patterns, leaked secrets and pasted code",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the language server over stdio.
    Lsp {
        /// Accepted and ignored: stdio is the only transport (VS Code's client appends it).
        #[arg(long)]
        stdio: bool,
    },
    /// Scan files and folders (default `.`), honouring .gitignore and skipping binaries.
    Scan(ScanArgs),
    /// List every rule: id, languages, severity, category, CWE.
    Rules {
        /// Print per-rule precision and recall over annotated fixtures instead.
        #[arg(long)]
        stats: bool,
        /// The fixtures folder for --stats.
        #[arg(long, default_value = "tests/fixtures")]
        fixtures: PathBuf,
        /// Print the rule index as markdown (the generated docs/rules.md).
        #[arg(long, conflicts_with = "stats")]
        markdown: bool,
    },
    /// List the tools and integrations the workspace pulls in (CI actions, pre-commit hooks,
    /// recommended editor extensions, install scripts), each approved, unapproved, unpinned or
    /// unreviewed against `[governance] approved`.
    Inventory {
        /// The workspace folder.
        #[arg(default_value = ".")]
        path: PathBuf,
        #[arg(long, value_enum, default_value_t = InventoryFormat::Text)]
        format: InventoryFormat,
        /// The configuration file (default: `.vigil.toml` in the workspace).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Print the whole explanation of a rule.
    Explain {
        /// The rule id, e.g. `shell-command-non-constant`.
        rule: String,
    },
    /// Write a baseline of the current findings (keyed by rule, file and value hash, never by
    /// line) for `vigil scan --baseline FILE`.
    Baseline {
        /// The baseline file to write.
        file: PathBuf,
        /// Files or folders to scan.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// The configuration file (default: `.vigil.toml` at the scan root).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Summarise decision ledgers: findings introduced, fixed, ignored and resolved, per
    /// developer and overall.
    Report(ReportArgs),
}

#[derive(clap::Args)]
struct ReportArgs {
    /// Ledger files to merge (default: this machine's ledger).
    #[arg(long = "ledger", value_name = "FILE", num_args = 1..)]
    ledgers: Vec<PathBuf>,
    /// Only events at or after this date (YYYY-MM-DD, UTC) or RFC 3339 time.
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Only events of this developer (email).
    #[arg(long, value_name = "EMAIL")]
    developer: Option<String>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// Write the report to a file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Text,
    Json,
    Html,
}

#[derive(clap::Args)]
struct ScanArgs {
    /// Files or folders to scan.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the report to a file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Exit 1 when a finding at or above this severity is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// The configuration file (default: `.vigil.toml` at the scan root).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Report only findings that are not in this baseline (see `vigil baseline`).
    #[arg(long)]
    baseline: Option<PathBuf>,
    /// Scan what is about to be committed (the git index) instead of PATHS.
    #[arg(long)]
    staged: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum InventoryFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

fn main() -> ExitCode {
    // Logs go to stderr: stdout belongs to the protocol (lsp) or the report (scan).
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("VIGIL_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Lsp { stdio: _ } => vigil_ls::lsp::run_stdio().map(|()| ExitCode::SUCCESS),
        Command::Scan(args) => run_scan(args),
        Command::Rules {
            stats,
            fixtures,
            markdown,
        } => run_rules(stats, &fixtures, markdown),
        Command::Explain { rule } => run_explain(&rule),
        Command::Baseline {
            file,
            paths,
            config,
        } => run_baseline(&file, &paths, config.as_deref()),
        Command::Inventory {
            path,
            format,
            config,
        } => run_inventory(&path, format, config.as_deref()),
        Command::Report(args) => run_report(args),
    };
    match outcome {
        Ok(code) => code,
        Err(err) => {
            let chain: Vec<String> = err.chain().map(|e| e.to_string()).collect();
            eprintln!("vigil: error: {}", chain.join(": "));
            ExitCode::from(2)
        }
    }
}

fn load_settings(root: &Path, explicit: Option<&Path>) -> anyhow::Result<Settings> {
    if let Some(path) = explicit {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        return Ok(Settings::from_toml(&text, &path.display().to_string())?);
    }
    match Settings::load_workspace(root)? {
        Some(result) => Ok(result?),
        None => Ok(Settings::default()),
    }
}

fn run_scan(args: ScanArgs) -> anyhow::Result<ExitCode> {
    let (settings, mut result) = if args.staged {
        let config = args.config.clone();
        let mut loaded = None;
        let (_, result) = vigil_ls::scan::scan_staged(|root| {
            let settings = load_settings(root, config.as_deref())?;
            loaded = Some(settings.clone());
            Ok(settings)
        })?;
        (loaded.unwrap_or_default(), result)
    } else {
        let root = vigil_ls::scan::find_root(&args.paths[0]);
        let settings = load_settings(&root, args.config.as_deref())?;
        let result = vigil_ls::scan::scan(&args.paths, &root, &settings)?;
        (settings, result)
    };
    if let Some(path) = &args.baseline {
        let baseline = vigil_ls::secrets::baseline::Baseline::load(path)?;
        result.findings = baseline.filter(std::mem::take(&mut result.findings));
    }
    let colour = args.output.is_none() && std::io::stdout().is_terminal();
    let report = match args.format {
        Format::Text => vigil_ls::scan::render_text(&result.findings, colour),
        Format::Json => vigil_ls::scan::render_json(&result.findings),
        Format::Sarif => vigil_ls::sarif::render(&result.findings, settings.docs_base())?,
    };
    match &args.output {
        Some(path) => std::fs::write(path, report)
            .map_err(|e| anyhow::anyhow!("writing {}: {e}", path.display()))?,
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`vigil scan | head`) is not an error worth a panic.
            let _ = stdout.write_all(report.as_bytes());
        }
    }
    if matches!(args.format, Format::Text) {
        eprintln!(
            "vigil: {} finding(s) in {} file(s) scanned{}",
            result.findings.len(),
            result.files_scanned,
            if result.skipped.is_empty() {
                String::new()
            } else {
                format!(
                    ", {} skipped (binary, not UTF-8 or too large)",
                    result.skipped.len()
                )
            }
        );
    }
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| result.findings.iter().any(|f| f.severity >= t));
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_baseline(file: &Path, paths: &[PathBuf], config: Option<&Path>) -> anyhow::Result<ExitCode> {
    let root = vigil_ls::scan::find_root(&paths[0]);
    let settings = load_settings(&root, config)?;
    let result = vigil_ls::scan::scan(paths, &root, &settings)?;
    let baseline = vigil_ls::secrets::baseline::Baseline::from_findings(&result.findings);
    baseline.save(file)?;
    eprintln!(
        "vigil: wrote {} baseline entr{} for {} finding(s) to {}",
        baseline.entries.len(),
        if baseline.entries.len() == 1 {
            "y"
        } else {
            "ies"
        },
        result.findings.len(),
        file.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn run_rules(stats: bool, fixtures: &Path, markdown: bool) -> anyhow::Result<ExitCode> {
    if stats {
        if !fixtures.is_dir() {
            anyhow::bail!("{}: not a folder of annotated fixtures", fixtures.display());
        }
        let mut results = Vec::new();
        let mut skipped = 0;
        for path in vigil_ls::quality::fixture_files(fixtures) {
            // Two kinds of fixtures only their own tests can judge: secret templates
            // (`%%ghp_{a36}%%`, expanded into fresh fake tokens by server/tests/secrets.rs) and
            // supply-chain project trees (their manifests decide, server/tests/supply.rs).
            let is_template = std::fs::read_to_string(&path)
                .is_ok_and(|t| t.split("%%").count() > 2 && t.contains("%%") && t.contains('{'));
            let is_project = path.components().any(|c| c.as_os_str() == "supply");
            if is_template || is_project {
                skipped += 1;
                continue;
            }
            results.push(vigil_ls::quality::run_fixture(&path)?);
        }
        if skipped > 0 {
            eprintln!(
                "vigil: skipped {skipped} fixture(s) judged by their own tests (secret templates, supply-chain projects)"
            );
        }
        out!(
            "{}",
            vigil_ls::quality::render_stats(&vigil_ls::quality::stats(&results))
        );
        return Ok(ExitCode::SUCCESS);
    }
    if markdown {
        out!("{}", vigil_ls::rules::index_markdown());
        return Ok(ExitCode::SUCCESS);
    }
    let mut rules: Vec<_> = registry().all().iter().collect();
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    outln!(
        "{:<36} {:<28} {:<8} {:<22} CWE",
        "ID",
        "LANGUAGES",
        "SEVERITY",
        "CATEGORY"
    );
    for rule in rules {
        outln!(
            "{:<36} {:<28} {:<8} {:<22} {}",
            rule.id,
            vigil_ls::rules::display_languages(&rule.languages, ","),
            rule.severity.as_str(),
            rule.category,
            rule.cwe.join(",")
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn run_inventory(
    path: &Path,
    format: InventoryFormat,
    config: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    if !path.is_dir() {
        anyhow::bail!("{}: not a folder", path.display());
    }
    // `.vigil.toml` of the workspace the folder belongs to (`vigil inventory .github` still
    // reads the approvals at the repository root).
    let settings = load_settings(&vigil_ls::scan::find_root(path), config)?;
    let items = vigil_ls::supply::inventory::collect(path, &settings);
    let report = match format {
        InventoryFormat::Text => vigil_ls::supply::inventory::render_text(&items),
        InventoryFormat::Json => vigil_ls::supply::inventory::render_json(&items),
        InventoryFormat::Markdown => vigil_ls::supply::inventory::render_markdown(&items),
    };
    let _ = std::io::stdout().lock().write_all(report.as_bytes());
    Ok(ExitCode::SUCCESS)
}

fn run_report(args: ReportArgs) -> anyhow::Result<ExitCode> {
    use vigil_ls::ledger::report;
    let ledgers = if args.ledgers.is_empty() {
        let root = vigil_ls::scan::find_root(Path::new("."));
        let settings = load_settings(&root, None)?;
        match vigil_ls::ledger::resolve_path(&settings) {
            Some(path) => vec![path],
            None => anyhow::bail!(
                "the ledger is turned off (ledger.enabled = false); name one with --ledger"
            ),
        }
    } else {
        args.ledgers
    };
    let filter = report::Filter {
        since: args
            .since
            .as_deref()
            .map(report::parse_since)
            .transpose()
            .map_err(anyhow::Error::msg)?,
        developer: args.developer,
    };
    let built = report::build_from_files(&ledgers, &filter)?;
    let text = match args.format {
        ReportFormat::Text => report::render_text(&built),
        ReportFormat::Json => report::render_json(&built),
        ReportFormat::Html => report::render_html(&built),
    };
    match &args.output {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| anyhow::anyhow!("writing {}: {e}", path.display()))?,
        None => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn run_explain(id: &str) -> anyhow::Result<ExitCode> {
    match registry().get(id) {
        Some(rule) => {
            out!("{}", explanation_text(rule));
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let suggestions = registry().suggest(id);
            if suggestions.is_empty() {
                anyhow::bail!("unknown rule `{id}` (run `vigil rules` for the list)");
            }
            anyhow::bail!(
                "unknown rule `{id}`; did you mean {}?",
                suggestions
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    }
}
