//! The provider detectors: one row per credential type, in one table.
//!
//! Every row names the keywords that must occur for its regex to run (gitleaks style: an
//! Aho-Corasick pass over the text finds the keywords, and only the rows whose keyword occurs
//! run their regex, and only over the lines around the keyword), the regex (capture group
//! `group` is the secret itself), the minimum Shannon entropy of the secret, and a sample
//! template from which the tests generate a fake token (`{a36}` = 36 random alphanumerics; see
//! [`expand_sample`]) so that no live-looking token is committed to this repository.

use super::Family;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;
use std::sync::LazyLock;

/// One credential type.
#[derive(Debug)]
pub struct Detector {
    /// The rule id (`secret-<provider>-<kind>`).
    pub id: &'static str,
    /// What the credential is, as said in the message ("GitHub personal access token").
    pub title: &'static str,
    pub family: Family,
    /// At least one must occur (case-sensitively, in the spelling given, its lowercase, its
    /// uppercase or capitalised) for the regex to run.
    pub keywords: &'static [&'static str],
    pub pattern: &'static str,
    /// The capture group holding the secret (0 = the whole match).
    pub group: usize,
    /// The minimum Shannon entropy (bits per byte) of the secret.
    pub min_entropy: f64,
    /// When not empty, one of these must occur somewhere in the file (e.g. `service_account`).
    pub requires: &'static [&'static str],
    /// A template for a fake token the tests embed in a line (see [`expand_sample`]).
    pub sample: &'static str,
}

macro_rules! d {
    ($id:literal, $title:literal, $family:ident, [$($kw:literal),+], $pattern:literal, $group:literal, $entropy:literal, [$($req:literal),*], $sample:literal) => {
        Detector {
            id: $id,
            title: $title,
            family: Family::$family,
            keywords: &[$($kw),+],
            pattern: $pattern,
            group: $group,
            min_entropy: $entropy,
            requires: &[$($req),*],
            sample: $sample,
        }
    };
}

/// The table. Keep ids sorted by family, then provider.
pub static DETECTORS: &[Detector] = &[
    // Cloud providers and infrastructure.
    d!("secret-aws-access-key-id", "AWS access key id", Cloud, ["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
       r"((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})", 1, 3.0, [], "AKIA{z16}"),
    d!("secret-aws-secret-access-key", "AWS secret access key", Cloud, ["secret_access_key", "secretaccesskey", "secret-access-key", "aws_secret", "awssecret"],
       r#"(?i)(?:aws_?)?secret_?-?access_?-?key["']?\s*(?:=|:|=>|:=)\s*["']?([A-Za-z0-9/+]{40})"#, 1, 3.5, [], "aws_secret_access_key = {b40}"),
    d!("secret-aws-bedrock-api-key", "Amazon Bedrock API key", Cloud, ["ABSK"],
       r"(ABSK[A-Za-z0-9+/]{109,269}={0,2})", 1, 4.0, [], "ABSK{b120}"),
    d!("secret-aws-mws-key", "Amazon MWS auth token", Cloud, ["amzn.mws."],
       r"(amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})", 1, 3.0, [], "amzn.mws.{h8}-{h4}-{h4}-{h4}-{h12}"),
    d!("secret-gcp-api-key", "Google API key", Cloud, ["AIza"],
       r"(AIza[0-9A-Za-z_-]{35})", 1, 3.5, [], "AIza{w35}"),
    d!("secret-gcp-service-account", "Google Cloud service-account key", Cloud, ["private_key_id"],
       r#""private_key_id"\s*:\s*"([0-9a-f]{40})""#, 1, 3.0, ["service_account"], r#"{"type": "service_account", "private_key_id": "{h40}"}"#),
    d!("secret-gcp-oauth-client-secret", "Google OAuth client secret", Cloud, ["GOCSPX-"],
       r"(GOCSPX-[0-9A-Za-z_-]{28})", 1, 3.5, [], "GOCSPX-{w28}"),
    d!("secret-gcp-oauth-access-token", "Google OAuth access token", Cloud, ["ya29."],
       r"(ya29\.[0-9A-Za-z_-]{30,})", 1, 4.0, [], "ya29.{w60}"),
    d!("secret-azure-storage-key", "Azure storage account key", Cloud, ["AccountKey="],
       r"AccountKey=([A-Za-z0-9+/]{86}==)", 1, 4.0, [], "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={b86}==;EndpointSuffix=core.windows.net"),
    d!("secret-azure-shared-access-key", "Azure Service Bus / Event Hubs shared access key", Cloud, ["SharedAccessKey="],
       r"SharedAccessKey=([A-Za-z0-9+/]{43}=)", 1, 4.0, [], "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey={b43}="),
    d!("secret-azure-sas-token", "Azure shared access signature", Cloud, ["sig="],
       r"[?&]sig=([A-Za-z0-9%+/]{40,}(?:%3D|=){0,2})", 1, 4.0, ["sv=", "se=", "sp="], "https://acct.blob.core.windows.net/c?sv=2022-11-02&se=2030-01-01&sp=r&sig={b44}%3D"),
    d!("secret-azure-ad-client-secret", "Microsoft Entra ID client secret", Cloud, ["Q~"],
       r"([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})", 1, 3.5, [], "{a3}8Q~{a34}"),
    d!("secret-digitalocean-pat", "DigitalOcean personal access token", Cloud, ["dop_v1_"],
       r"(dop_v1_[a-f0-9]{64})", 1, 3.0, [], "dop_v1_{h64}"),
    d!("secret-digitalocean-oauth-token", "DigitalOcean OAuth token", Cloud, ["doo_v1_"],
       r"(doo_v1_[a-f0-9]{64})", 1, 3.0, [], "doo_v1_{h64}"),
    d!("secret-digitalocean-refresh-token", "DigitalOcean refresh token", Cloud, ["dor_v1_"],
       r"(dor_v1_[a-f0-9]{64})", 1, 3.0, [], "dor_v1_{h64}"),
    d!("secret-heroku-api-key", "Heroku API key", Cloud, ["heroku"],
       r#"(?i)heroku[\w.-]{0,30}?(?:key|token|secret)["']?\s*(?:=|:|=>|:=)\s*["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"#, 1, 3.0, [], "HEROKU_API_KEY={h8}-{h4}-{h4}-{h4}-{h12}"),
    d!("secret-heroku-platform-token", "Heroku platform API token", Cloud, ["HRKU-"],
       r"(HRKU-AA[0-9A-Za-z_-]{58})", 1, 3.5, [], "HRKU-AA{w58}"),
    d!("secret-alibaba-access-key-id", "Alibaba Cloud AccessKey id", Cloud, ["LTAI"],
       r"(LTAI[A-Za-z0-9]{20})", 1, 3.0, [], "LTAI{a20}"),
    d!("secret-cloudflare-origin-ca-key", "Cloudflare Origin CA key", Cloud, ["v1.0-"],
       r"(v1\.0-[a-f0-9]{24}-[a-f0-9]{146})", 1, 3.0, [], "v1.0-{h24}-{h146}"),
    d!("secret-cloudflare-api-token", "Cloudflare API token", Cloud, ["cloudflare", "cf_api"],
       r#"(?i)(?:cloudflare|cf)_?api_?(?:token|key)["']?\s*(?:=|:|=>|:=)\s*["']?([A-Za-z0-9_-]{40})"#, 1, 3.5, [], "CLOUDFLARE_API_TOKEN={w40}"),
    d!("secret-databricks-token", "Databricks access token", Cloud, ["dapi"],
       r"(dapi[a-f0-9]{32}(?:-\d)?)", 1, 3.0, [], "dapi{h32}"),
    d!("secret-terraform-cloud-token", "Terraform Cloud / Enterprise API token", Cloud, ["atlasv1"],
       r"([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})", 1, 3.5, [], "{a14}.atlasv1.{a67}"),
    d!("secret-vault-token", "HashiCorp Vault token", Cloud, ["hvs.", "hvb."],
       r"(hv[sb]\.[A-Za-z0-9_-]{90,120})", 1, 4.0, [], "hvs.{w95}"),
    d!("secret-pulumi-token", "Pulumi access token", Cloud, ["pul-"],
       r"(pul-[a-f0-9]{40})", 1, 3.0, [], "pul-{h40}"),
    d!("secret-doppler-token", "Doppler token", Cloud, ["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."],
       r"(dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44})", 1, 3.5, [], "dp.pt.{a43}"),
    d!("secret-supabase-token", "Supabase personal access token", Cloud, ["sbp_"],
       r"(sbp_[a-f0-9]{40})", 1, 3.0, [], "sbp_{h40}"),
    d!("secret-planetscale-password", "PlanetScale password", Cloud, ["pscale_pw_"],
       r"(pscale_pw_[A-Za-z0-9_.-]{32,64})", 1, 3.5, [], "pscale_pw_{a43}"),
    d!("secret-planetscale-token", "PlanetScale service token", Cloud, ["pscale_tkn_", "pscale_oauth_"],
       r"(pscale_(?:tkn|oauth)_[A-Za-z0-9_.-]{32,64})", 1, 3.5, [], "pscale_tkn_{a43}"),
    d!("secret-tailscale-key", "Tailscale key", Cloud, ["tskey-"],
       r"(tskey-(?:api|auth|client|webhook|scim)-[A-Za-z0-9]{10,}-[A-Za-z0-9]{20,})", 1, 3.5, [], "tskey-auth-{a12}-{a30}"),
    d!("secret-yandex-api-key", "Yandex Cloud API key", Cloud, ["AQVN"],
       r"(AQVN[A-Za-z0-9_-]{35,38})", 1, 3.5, [], "AQVN{w36}"),
    d!("secret-kubeconfig-client-key", "Kubernetes client key in a kubeconfig", Cloud, ["client-key-data"],
       r"client-key-data:\s*([A-Za-z0-9+/=]{100,})", 1, 4.0, [], "    client-key-data: {b160}"),
    d!("secret-cloudinary-url", "Cloudinary URL with an API secret", Cloud, ["cloudinary://"],
       r"cloudinary://\d+:([A-Za-z0-9_-]{20,})@", 1, 3.5, [], "CLOUDINARY_URL=cloudinary://{d15}:{w27}@demo"),
    // Source control, CI and package registries.
    d!("secret-github-pat", "GitHub personal access token (classic)", SourceControl, ["ghp_"],
       r"(ghp_[0-9A-Za-z]{36})", 1, 3.5, [], "ghp_{a36}"),
    d!("secret-github-fine-grained-pat", "GitHub fine-grained personal access token", SourceControl, ["github_pat_"],
       r"(github_pat_[0-9A-Za-z_]{82})", 1, 4.0, [], "github_pat_11{a20}_{a59}"),
    d!("secret-github-oauth-token", "GitHub OAuth access token", SourceControl, ["gho_"],
       r"(gho_[0-9A-Za-z]{36})", 1, 3.5, [], "gho_{a36}"),
    d!("secret-github-app-token", "GitHub App token", SourceControl, ["ghu_", "ghs_"],
       r"(gh[us]_[0-9A-Za-z]{36})", 1, 3.5, [], "ghs_{a36}"),
    d!("secret-github-refresh-token", "GitHub refresh token", SourceControl, ["ghr_"],
       r"(ghr_[0-9A-Za-z]{36,76})", 1, 3.5, [], "ghr_{a76}"),
    d!("secret-gitlab-pat", "GitLab personal access token", SourceControl, ["glpat-"],
       r"(glpat-[0-9A-Za-z_-]{20,})", 1, 3.5, [], "glpat-{a20}"),
    d!("secret-gitlab-pipeline-trigger-token", "GitLab pipeline trigger token", SourceControl, ["glptt-"],
       r"(glptt-[0-9a-f]{40})", 1, 3.0, [], "glptt-{h40}"),
    d!("secret-gitlab-runner-token", "GitLab runner authentication token", SourceControl, ["glrt-"],
       r"(glrt-[0-9A-Za-z_-]{20,})", 1, 3.5, [], "glrt-{a20}"),
    d!("secret-gitlab-deploy-token", "GitLab deploy token", SourceControl, ["gldt-"],
       r"(gldt-[0-9A-Za-z_-]{20,})", 1, 3.5, [], "gldt-{a20}"),
    d!("secret-gitlab-oauth-secret", "GitLab OAuth application secret", SourceControl, ["gloas-"],
       r"(gloas-[0-9A-Za-z_-]{64})", 1, 3.5, [], "gloas-{a64}"),
    d!("secret-gitlab-feed-token", "GitLab feed token", SourceControl, ["glft-"],
       r"(glft-[0-9A-Za-z_-]{20})", 1, 3.5, [], "glft-{a20}"),
    d!("secret-atlassian-api-token", "Atlassian API token", SourceControl, ["ATATT3"],
       r"(ATATT3[A-Za-z0-9_=-]{186})", 1, 4.0, [], "ATATT3{a186}"),
    d!("secret-bitbucket-app-password", "Bitbucket app password", SourceControl, ["ATBB"],
       r"(ATBB[A-Za-z0-9_=.-]{28,})", 1, 3.5, [], "ATBB{a32}"),
    d!("secret-buildkite-token", "Buildkite agent or API token", SourceControl, ["bkua_"],
       r"(bkua_[a-f0-9]{40})", 1, 3.0, [], "bkua_{h40}"),
    d!("secret-circleci-token", "CircleCI personal API token", SourceControl, ["CCIPAT_"],
       r"(CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40})", 1, 3.5, [], "CCIPAT_{a22}_{h40}"),
    d!("secret-sonarqube-token", "SonarQube token", SourceControl, ["squ_", "sqp_", "sqa_"],
       r"(sq[upa]_[a-f0-9]{40})", 1, 3.0, [], "squ_{h40}"),
    d!("secret-artifactory-api-key", "JFrog Artifactory API key", SourceControl, ["AKCp"],
       r"(AKCp[A-Za-z0-9]{69})", 1, 4.0, [], "AKCp{a69}"),
    d!("secret-artifactory-reference-token", "JFrog Artifactory reference token", SourceControl, ["cmVmdGtu"],
       r"(cmVmdGtu[A-Za-z0-9]{56})", 1, 4.0, [], "cmVmdGtu{a56}"),
    d!("secret-npm-token", "npm access token", PackageRegistry, ["npm_"],
       r"(npm_[A-Za-z0-9]{36})", 1, 3.5, [], "npm_{a36}"),
    d!("secret-npmrc-auth-token", "npm registry credential in .npmrc", PackageRegistry, ["_authToken", "_auth=", "_password="],
       r#"(?:_authToken|_auth|_password)\s*=\s*["']?([A-Za-z0-9+/=_.-]{16,})"#, 1, 3.5, [], "//registry.npmjs.org/:_authToken={a40}"),
    d!("secret-pypi-token", "PyPI upload token", PackageRegistry, ["pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"],
       r"(pypi-Ag(?:EIcHlwaS5vcmc|ENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,})", 1, 4.0, [], "pypi-AgEIcHlwaS5vcmc{w80}"),
    d!("secret-rubygems-api-key", "RubyGems API key", PackageRegistry, ["rubygems_"],
       r"(rubygems_[a-f0-9]{48})", 1, 3.0, [], "rubygems_{h48}"),
    d!("secret-nuget-api-key", "NuGet API key", PackageRegistry, ["oy2"],
       r"(oy2[a-z0-9]{43})", 1, 3.5, [], "oy2{l43}"),
    d!("secret-cratesio-token", "crates.io API token", PackageRegistry, ["cio"],
       r"(cio[A-Za-z0-9]{32})", 1, 4.0, [], "cio{a32}"),
    d!("secret-dockerhub-pat", "Docker Hub personal access token", PackageRegistry, ["dckr_pat_"],
       r"(dckr_pat_[A-Za-z0-9_-]{27})", 1, 3.5, [], "dckr_pat_{a27}"),
    d!("secret-docker-config-auth", "registry credential in a Docker config", PackageRegistry, ["\"auth\""],
       r#""auth"\s*:\s*"([A-Za-z0-9+/]{12,}={0,2})""#, 1, 3.0, ["\"auths\""], r#"{"auths": {"registry.example.io": {"auth": "{b40}"}}}"#),
    // Chat and collaboration.
    d!("secret-slack-bot-token", "Slack bot token", Chat, ["xoxb-"],
       r"(xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24})", 1, 3.0, [], "xoxb-{d12}-{d13}-{a24}"),
    d!("secret-slack-user-token", "Slack user token", Chat, ["xoxp-", "xoxe-"],
       r"(xox[pe](?:-[0-9]{10,13}){3}-[A-Za-z0-9-]{28,34})", 1, 3.0, [], "xoxp-{d12}-{d12}-{d12}-{a32}"),
    d!("secret-slack-app-token", "Slack app-level token", Chat, ["xapp-"],
       r"(xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]{64})", 1, 3.0, [], "xapp-1-A{u10}-{d13}-{h64}"),
    d!("secret-slack-config-token", "Slack configuration token", Chat, ["xoxe.xox"],
       r"(xoxe\.xox[bp]-\d-[A-Z0-9]{163,166})", 1, 3.5, [], "xoxe.xoxp-1-{u164}"),
    d!("secret-slack-legacy-token", "Slack legacy token", Chat, ["xoxo-", "xoxs-", "xoxa-", "xoxr-"],
       r"(xox[osar]-\d+-\d+-\d+-[a-fA-F0-9]{32,})", 1, 3.0, [], "xoxs-{d10}-{d10}-{d10}-{h64}"),
    d!("secret-slack-webhook", "Slack incoming webhook URL", Chat, ["hooks.slack.com"],
       r"(https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9]{8,12}/[A-Za-z0-9]{8,12}/[A-Za-z0-9]{20,32})", 1, 3.0, [], "https://hooks.slack.com/services/T{u10}/B{u10}/{a24}"),
    d!("secret-discord-bot-token", "Discord bot token", Chat, ["discord"],
       r"([MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})", 1, 4.0, [], "DISCORD_TOKEN=M{w24}.{w6}.{w38}"),
    d!("secret-discord-webhook", "Discord webhook URL", Chat, ["discord.com/api/webhooks", "discordapp.com/api/webhooks"],
       r"(https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{17,20}/[A-Za-z0-9_-]{60,68})", 1, 3.5, [], "https://discord.com/api/webhooks/{d18}/{w68}"),
    d!("secret-telegram-bot-token", "Telegram bot token", Chat, [":AA"],
       r"(?:/bot)?(\d{8,10}:AA[0-9A-Za-z_-]{33})", 1, 3.5, [], "{d10}:AA{w33}"),
    d!("secret-teams-webhook", "Microsoft Teams incoming webhook URL", Chat, ["webhook.office.com"],
       r"(https://[a-z0-9-]+\.webhook\.office\.com/webhookb2/[a-z0-9-]{36}@[a-z0-9-]{36}/IncomingWebhook/[a-z0-9]{32}/[a-z0-9-]{36})", 1, 3.0, [], "https://contoso.webhook.office.com/webhookb2/{h8}-{h4}-{h4}-{h4}-{h12}@{h8}-{h4}-{h4}-{h4}-{h12}/IncomingWebhook/{h32}/{h8}-{h4}-{h4}-{h4}-{h12}"),
    d!("secret-linear-api-key", "Linear API key", Chat, ["lin_api_"],
       r"(lin_api_[A-Za-z0-9]{40})", 1, 3.5, [], "lin_api_{a40}"),
    d!("secret-notion-token", "Notion integration token", Chat, ["ntn_", "secret_"],
       r"(ntn_\d{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})", 1, 4.0, [], "ntn_{d11}{a35}"),
    d!("secret-figma-token", "Figma personal access token", Chat, ["figd_"],
       r"(figd_[A-Za-z0-9_-]{40})", 1, 3.5, [], "figd_{w40}"),
    d!("secret-hubspot-private-app-token", "HubSpot private app token", Chat, ["pat-na1-", "pat-eu1-"],
       r"(pat-(?:na|eu)1-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})", 1, 3.0, [], "pat-na1-{h8}-{h4}-{h4}-{h4}-{h12}"),
    d!("secret-typeform-token", "Typeform personal access token", Chat, ["tfp_"],
       r"(tfp_[A-Za-z0-9_.=-]{59})", 1, 3.5, [], "tfp_{a59}"),
    d!("secret-postman-api-key", "Postman API key", Chat, ["PMAK-"],
       r"(PMAK-[a-f0-9]{24}-[a-f0-9]{34})", 1, 3.0, [], "PMAK-{h24}-{h34}"),
    d!("secret-dropbox-token", "Dropbox access token", Chat, ["sl."],
       r"(sl\.[A-Za-z0-9_-]{130,152})", 1, 4.5, [], "sl.{w140}"),
    d!("secret-clickup-token", "ClickUp personal token", Chat, ["pk_"],
       r"(pk_\d{6,10}_[A-Z0-9]{32})", 1, 3.5, [], "pk_{d8}_{u32}"),
    // Payments and commerce.
    d!("secret-stripe-secret-key", "Stripe secret key", Payment, ["sk_live_", "sk_test_"],
       r"(sk_(?:live|test)_[0-9A-Za-z]{24,99})", 1, 3.5, [], "sk_live_{a32}"),
    d!("secret-stripe-restricted-key", "Stripe restricted key", Payment, ["rk_live_", "rk_test_"],
       r"(rk_(?:live|test)_[0-9A-Za-z]{24,99})", 1, 3.5, [], "rk_live_{a32}"),
    d!("secret-stripe-webhook-secret", "Stripe webhook signing secret", Payment, ["whsec_"],
       r"(whsec_[A-Za-z0-9+/]{32,})", 1, 3.5, [], "whsec_{a32}"),
    d!("secret-square-access-token", "Square access token", Payment, ["EAAA", "sq0atp-"],
       r"(EAAA[A-Za-z0-9_-]{60}|sq0atp-[0-9A-Za-z_-]{22})", 1, 3.5, [], "EAAA{w60}"),
    d!("secret-square-oauth-secret", "Square OAuth application secret", Payment, ["sq0csp-"],
       r"(sq0csp-[0-9A-Za-z_-]{43})", 1, 3.5, [], "sq0csp-{w43}"),
    d!("secret-braintree-access-token", "PayPal Braintree access token", Payment, ["access_token$production$", "access_token$sandbox$"],
       r"(access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32})", 1, 3.0, [], "access_token$production${l16}${h32}"),
    d!("secret-shopify-access-token", "Shopify access token", Payment, ["shpat_"],
       r"(shpat_[a-fA-F0-9]{32})", 1, 3.0, [], "shpat_{h32}"),
    d!("secret-shopify-custom-app-token", "Shopify custom app access token", Payment, ["shpca_"],
       r"(shpca_[a-fA-F0-9]{32})", 1, 3.0, [], "shpca_{h32}"),
    d!("secret-shopify-private-app-token", "Shopify private app access token", Payment, ["shppa_"],
       r"(shppa_[a-fA-F0-9]{32})", 1, 3.0, [], "shppa_{h32}"),
    d!("secret-shopify-shared-secret", "Shopify shared secret", Payment, ["shpss_"],
       r"(shpss_[a-fA-F0-9]{32})", 1, 3.0, [], "shpss_{h32}"),
    d!("secret-flutterwave-secret-key", "Flutterwave secret key", Payment, ["FLWSECK"],
       r"(FLWSECK(?:_TEST)?-[a-hA-H0-9]{32}-X)", 1, 3.0, [], "FLWSECK-{h32}-X"),
    d!("secret-plaid-access-token", "Plaid access token", Payment, ["access-production-", "access-development-", "access-sandbox-"],
       r"(access-(?:production|development|sandbox)-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})", 1, 3.0, [], "access-production-{h8}-{h4}-{h4}-{h4}-{h12}"),
    d!("secret-duffel-token", "Duffel API token", Payment, ["duffel_"],
       r"(duffel_(?:test|live)_[A-Za-z0-9_=-]{43})", 1, 3.5, [], "duffel_live_{a43}"),
    d!("secret-easypost-api-key", "EasyPost API key", Payment, ["EZAK", "EZTK"],
       r"(EZ[AT]K[A-Za-z0-9]{54})", 1, 3.5, [], "EZAK{a54}"),
    d!("secret-shippo-token", "Shippo API token", Payment, ["shippo_"],
       r"(shippo_(?:live|test)_[a-f0-9]{40})", 1, 3.0, [], "shippo_live_{h40}"),
    // E-mail and messaging providers.
    d!("secret-sendgrid-api-key", "SendGrid API key", Messaging, ["SG."],
       r"(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})", 1, 4.0, [], "SG.{w22}.{w43}"),
    d!("secret-mailgun-api-key", "Mailgun API key", Messaging, ["key-"],
       r"(key-[0-9a-f]{32})", 1, 3.0, ["mailgun", "Mailgun", "MAILGUN"], "MAILGUN_API_KEY=key-{h32}"),
    d!("secret-mailchimp-api-key", "Mailchimp API key", Messaging, ["-us"],
       r"([0-9a-f]{32}-us\d{1,2})", 1, 3.0, [], "{h32}-us14"),
    d!("secret-brevo-api-key", "Brevo (Sendinblue) API key", Messaging, ["xkeysib-"],
       r"(xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16})", 1, 3.0, [], "xkeysib-{h64}-{a16}"),
    d!("secret-resend-api-key", "Resend API key", Messaging, ["re_"],
       r"(re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24})", 1, 3.5, [], "re_{a8}_{a24}"),
    d!("secret-twilio-api-key", "Twilio API key", Messaging, ["SK"],
       r"(SK[0-9a-fA-F]{32})", 1, 3.0, [], "SK{h32}"),
    d!("secret-twilio-auth-token", "Twilio auth token", Messaging, ["twilio"],
       r#"(?i)twilio[\w.-]{0,20}?(?:auth_?)?token["']?\s*(?:=|:|=>|:=)\s*["']?([a-f0-9]{32})"#, 1, 3.0, [], "TWILIO_AUTH_TOKEN={h32}"),
    d!("secret-facebook-access-token", "Facebook access token", Messaging, ["EAACEdEose0cBA"],
       r"(EAACEdEose0cBA[0-9A-Za-z]{20,})", 1, 3.5, [], "EAACEdEose0cBA{a60}"),
    d!("secret-mapbox-secret-token", "Mapbox secret token", Messaging, ["sk.eyJ"],
       r"(sk\.eyJ[A-Za-z0-9_-]{50,}\.[A-Za-z0-9_-]{20,})", 1, 4.0, [], "sk.eyJ{w60}.{w22}"),
    // AI and machine-learning platforms.
    d!("secret-openai-api-key", "OpenAI API key", Ai, ["T3BlbkFJ", "sk-proj-", "sk-svcacct-", "sk-admin-"],
       r"(sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}))", 1, 4.0, [], "sk-proj-{w120}"),
    d!("secret-anthropic-api-key", "Anthropic API key", Ai, ["sk-ant-"],
       r"(sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{80,100}AA)", 1, 4.0, [], "sk-ant-api03-{w93}AA"),
    d!("secret-huggingface-token", "Hugging Face access token", Ai, ["hf_", "api_org_"],
       r"((?:hf_|api_org_)[A-Za-z]{34})", 1, 3.5, [], "hf_{L34}"),
    d!("secret-replicate-token", "Replicate API token", Ai, ["r8_"],
       r"(r8_[A-Za-z0-9]{37})", 1, 3.5, [], "r8_{a37}"),
    d!("secret-groq-api-key", "Groq API key", Ai, ["gsk_"],
       r"(gsk_[A-Za-z0-9]{52})", 1, 3.5, [], "gsk_{a52}"),
    d!("secret-perplexity-api-key", "Perplexity API key", Ai, ["pplx-"],
       r"(pplx-[A-Za-z0-9]{48})", 1, 3.5, [], "pplx-{a48}"),
    d!("secret-xai-api-key", "xAI API key", Ai, ["xai-"],
       r"(xai-[A-Za-z0-9]{80})", 1, 4.0, [], "xai-{a80}"),
    d!("secret-openrouter-api-key", "OpenRouter API key", Ai, ["sk-or-v1-"],
       r"(sk-or-v1-[a-f0-9]{64})", 1, 3.0, [], "sk-or-v1-{h64}"),
    d!("secret-pinecone-api-key", "Pinecone API key", Ai, ["pcsk_"],
       r"(pcsk_[A-Za-z0-9_]{50,})", 1, 4.0, [], "pcsk_{a60}"),
    d!("secret-langsmith-api-key", "LangSmith API key", Ai, ["lsv2_"],
       r"(lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})", 1, 3.0, [], "lsv2_pt_{h32}_{h10}"),
    // Observability and developer platforms.
    d!("secret-datadog-api-key", "Datadog API key", Observability, ["datadog", "dd_api", "ddapi", "dd-api"],
       r#"(?i)(?:datadog|dd)[_-]?api[_-]?key["']?\s*(?:=|:|=>|:=)\s*["']?([a-f0-9]{32})"#, 1, 3.0, [], "DD_API_KEY={h32}"),
    d!("secret-datadog-app-key", "Datadog application key", Observability, ["datadog", "dd_app", "ddapp", "dd-app"],
       r#"(?i)(?:datadog|dd)[_-]?app(?:lication)?[_-]?key["']?\s*(?:=|:|=>|:=)\s*["']?([a-f0-9]{40})"#, 1, 3.0, [], "DD_APP_KEY={h40}"),
    d!("secret-sentry-token", "Sentry auth token", Observability, ["sntrys_", "sntryu_"],
       r"(sntrys_[A-Za-z0-9+/=_]{60,}|sntryu_[a-f0-9]{64})", 1, 3.5, [], "sntryu_{h64}"),
    d!("secret-newrelic-api-key", "New Relic API key", Observability, ["NRAK-", "NRII-", "NRJS-"],
       r"(NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9_-]{32}|NRJS-[a-f0-9]{19})", 1, 3.0, [], "NRAK-{u27}"),
    d!("secret-grafana-token", "Grafana token", Observability, ["glc_", "glsa_"],
       r"(glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})", 1, 3.5, [], "glsa_{a32}_{h8}"),
    d!("secret-dynatrace-token", "Dynatrace API token", Observability, ["dt0c01."],
       r"(dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64})", 1, 3.5, [], "dt0c01.{u24}.{u64}"),
    d!("secret-okta-api-token", "Okta API token", Observability, ["okta"],
       r#"(?i)okta[\w.-]{0,20}?(?:token|key)["']?\s*(?:=|:|=>|:=)\s*["']?(00[A-Za-z0-9_-]{40})"#, 1, 3.5, [], "OKTA_API_TOKEN=00{w40}"),
    d!("secret-1password-service-account-token", "1Password service account token", Observability, ["ops_eyJ"],
       r"(ops_eyJ[A-Za-z0-9+/=]{250,})", 1, 4.0, [], "ops_eyJ{b260}"),
    d!("secret-age-secret-key", "age secret key", Observability, ["AGE-SECRET-KEY-1"],
       r"(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})", 1, 3.5, [], "AGE-SECRET-KEY-1{g58}"),
    d!("secret-prefect-api-key", "Prefect API key", Observability, ["pnu_"],
       r"(pnu_[A-Za-z0-9]{36})", 1, 3.5, [], "pnu_{a36}"),
    d!("secret-readme-api-key", "ReadMe API key", Observability, ["rdme_"],
       r"(rdme_[a-z0-9]{70})", 1, 3.5, [], "rdme_{l70}"),
    d!("secret-infracost-api-key", "Infracost API key", Observability, ["ico-"],
       r"(ico-[A-Za-z0-9]{32})", 1, 3.5, [], "ico-{a32}"),
    d!("secret-frameio-token", "Frame.io API token", Observability, ["fio-u-"],
       r"(fio-u-[A-Za-z0-9_=-]{64})", 1, 3.5, [], "fio-u-{a64}"),
    d!("secret-scalingo-token", "Scalingo API token", Observability, ["tk-us-"],
       r"(tk-us-[A-Za-z0-9_-]{48})", 1, 3.5, [], "tk-us-{w48}"),
    d!("secret-harness-pat", "Harness access token", Observability, ["pat."],
       r"(pat\.[A-Za-z0-9_-]{22}\.[a-f0-9]{24}\.[A-Za-z0-9]{20})", 1, 3.5, [], "pat.{w22}.{h24}.{a20}"),
    d!("secret-defined-networking-key", "Defined Networking API key", Observability, ["dnkey-"],
       r"(dnkey-[a-z0-9=_-]{26}-[a-z0-9=_-]{52})", 1, 3.5, [], "dnkey-{l26}-{l52}"),
    // Tokens, URLs and connection strings.
    d!("secret-jwt", "JSON Web Token", Token, ["eyJ"],
       r"(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,})", 1, 4.0, [], "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ{w60}.{w43}"),
    d!("secret-database-url-password", "database URL with an inline password", ConnectionString, ["postgres", "mysql", "mariadb", "mongodb", "mssql", "sqlserver", "cockroachdb", "clickhouse", "oracle"],
       r"(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|mssql|sqlserver|cockroachdb|clickhouse|oracle)(?:\+[a-z0-9]+)?://[^\s:@/'`]+:([^\s@/'`]+)@[^\s'`]+", 1, 2.5, [], "DATABASE_URL=postgres://app:{a20}@db.internal:5432/app"),
    d!("secret-redis-url-password", "Redis URL with an inline password", ConnectionString, ["redis"],
       r"rediss?://[^\s:@/'`]*:([^\s@/'`]+)@[^\s'`]+", 1, 2.5, [], "REDIS_URL=redis://:{a20}@cache.internal:6379/0"),
    d!("secret-amqp-url-password", "AMQP URL with an inline password", ConnectionString, ["amqp"],
       r"amqps?://[^\s:@/'`]+:([^\s@/'`]+)@[^\s'`]+", 1, 2.5, [], "BROKER_URL=amqp://worker:{a20}@mq.internal:5672/"),
    d!("secret-url-basic-auth", "password in a URL (basic auth)", ConnectionString, ["http://", "https://", "ftp://", "ftps://", "ssh://", "smtp://", "smtps://", "ldap://", "ldaps://", "git+https://"],
       r"(?:https?|ftps?|ssh|smtps?|ldaps?|git\+https)://[A-Za-z0-9._~%!$&'()*+,;=-]+:([^\s@/'`<>]+)@[A-Za-z0-9.-]+", 1, 2.5, [], "https://deploy:{a20}@git.internal.corp/repo.git"),
];

/// The table compiled: one keyword automaton for all rows and one regex per row.
pub struct Compiled {
    pub keywords: AhoCorasick,
    /// For each automaton pattern, the rows (or [`GENERIC`]) it activates.
    pub keyword_rows: Vec<Vec<usize>>,
    pub regexes: Vec<Regex>,
}

/// The pseudo-row of the generic (name-based) secret check.
pub const GENERIC: usize = usize::MAX;
/// The pseudo-row of the PEM private-key check.
pub const PRIVATE_KEY: usize = usize::MAX - 1;

/// Words that make a name or key say "secret" (their spellings are expanded like keywords).
pub const GENERIC_KEYWORDS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "pwd",
    "Pwd",
    "PWD",
    "pass",
    "secret",
    "token",
    "apikey",
    "api_key",
    "api-key",
    "credential",
    "auth",
    "private_key",
    "privatekey",
    "access_key",
    "accesskey",
    "client_secret",
    "clientsecret",
    "signing_key",
    "encryption_key",
    "apiKey",
    "ApiKey",
    "privateKey",
    "PrivateKey",
    "accessKey",
    "AccessKey",
    "secretKey",
    "SecretKey",
    "signingKey",
    "SigningKey",
    "encryptionKey",
    "EncryptionKey",
    "masterKey",
    "MasterKey",
];

pub static COMPILED: LazyLock<Compiled> = LazyLock::new(compile);

/// The case variants a keyword is searched in: as written, lowercase, uppercase, capitalised.
fn spellings(keyword: &str) -> Vec<String> {
    // Token prefixes (`ghp_`, `AKIA`, `sl.`, `pat`) are case-exact; words (`heroku`, `password`)
    // also appear as `HEROKU_API_KEY` or `dbPassword`.
    let word = keyword.len() >= 4
        && keyword
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'-');
    if !word {
        return vec![keyword.to_string()];
    }
    let mut out = vec![
        keyword.to_string(),
        keyword.to_ascii_lowercase(),
        keyword.to_ascii_uppercase(),
    ];
    let mut chars = keyword.chars();
    if let Some(first) = chars.next() {
        out.push(first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase());
    }
    out.sort();
    out.dedup();
    out
}

fn compile() -> Compiled {
    let mut patterns: Vec<String> = Vec::new();
    let mut keyword_rows: Vec<Vec<usize>> = Vec::new();
    let mut add = |keyword: &str, row: usize| {
        for spelling in spellings(keyword) {
            match patterns.iter().position(|p| *p == spelling) {
                Some(i) => {
                    if !keyword_rows[i].contains(&row) {
                        keyword_rows[i].push(row);
                    }
                }
                None => {
                    patterns.push(spelling);
                    keyword_rows.push(vec![row]);
                }
            }
        }
    };
    for (row, detector) in DETECTORS.iter().enumerate() {
        for keyword in detector.keywords {
            add(keyword, row);
        }
    }
    for keyword in GENERIC_KEYWORDS {
        add(keyword, GENERIC);
    }
    add("PRIVATE KEY", PRIVATE_KEY);
    let keywords = AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        // A full DFA: a few hundred patterns make a small one, and overlapping search over it
        // is several times faster than over the NFA.
        .kind(Some(AhoCorasickKind::DFA))
        .build(&patterns)
        .expect("the keyword automaton builds");
    let regexes = DETECTORS
        .iter()
        .map(|d| {
            // Credentials are ASCII: ASCII classes are the right meaning of `\w`, `\s`, `\d`
            // and `(?i)` here, and they halve the compiled size (about 7 MB less resident
            // memory for the whole table). A pattern that needs Unicode mode to compile (one
            // that could otherwise match invalid UTF-8) keeps it.
            regex::RegexBuilder::new(d.pattern)
                .unicode(false)
                .build()
                .unwrap_or_else(|_| {
                    Regex::new(d.pattern).expect("detector regexes compile (tested)")
                })
        })
        .collect();
    Compiled {
        keywords,
        keyword_rows,
        regexes,
    }
}

/// Expands a sample template: `{<class><count>}` becomes `count` random characters of the
/// class (`a` alphanumeric, `l` lowercase alphanumeric, `u` uppercase alphanumeric, `h`
/// lowercase hex, `d` digits, `b` base64, `w` URL-safe base64, `L` letters, `z` base32,
/// `g` bech32). `next` supplies random numbers, so tests stay deterministic.
pub fn expand_sample(template: &str, next: &mut dyn FnMut() -> u64) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = match rest[open..].find('}') {
            Some(c) => open + c,
            None => break,
        };
        let inner = &rest[open + 1..close];
        let class = inner.chars().next().unwrap_or('a');
        let count: Option<usize> = inner.get(1..).and_then(|n| n.parse().ok());
        let alphabet: &[u8] = match class {
            'a' => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            'l' => b"abcdefghijklmnopqrstuvwxyz0123456789",
            'u' => b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
            'h' => b"0123456789abcdef",
            'd' => b"0123456789",
            'b' => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
            'w' => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-",
            'L' => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
            'z' => b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
            'g' => b"QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
            _ => b"",
        };
        match count {
            Some(count) if !alphabet.is_empty() => {
                out.push_str(&rest[..open]);
                for i in 0..count {
                    // Keep URL-safe samples from starting or ending with a separator.
                    let pool = if class == 'w' && (i == 0 || i + 1 == count) {
                        &alphabet[..62]
                    } else {
                        alphabet
                    };
                    out.push(pool[(next() % pool.len() as u64) as usize] as char);
                }
            }
            _ => {
                // Not a class: a literal brace (JSON samples).
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
                continue;
            }
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}
