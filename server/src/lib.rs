//! vigil-ls: a security language server and the engine it shares with the `vigil` CLI.
//!
//! Code map (see `docs/ARCHITECTURE.md` for the invariants):
//! - [`document`]: open documents (rope, tree, version, language) and position encodings.
//! - [`analysis`]: pure checks; text and tree in, findings out. No I/O, no protocol.
//! - [`rules`]: the registry of rule metadata and explanations, embedded from `queries/`.
//! - [`config`]: `.vigil.toml` and client settings.
//! - [`scan`]: the CLI engine that walks folders and reports text, JSON or SARIF.
//! - [`lsp`]: the only module that sees protocol types.
//! - [`ledger`]: the attribution ledger, the only code that writes files.
//! - [`secrets`]: credential detectors (provider patterns and syntax-aware generic secrets).
//! - [`supply`]: manifests, dependency and CI governance checks.
//! - [`provenance`]: pasted and assistant-written regions, tracked through edits.

pub mod analysis;
pub mod config;
pub mod document;
pub mod language;
pub mod ledger;
pub mod lsp;
pub mod provenance;
pub mod quality;
pub mod rules;
pub mod sarif;
pub mod scan;
pub mod secrets;
pub mod supply;
