; SmallRng::from_entropy(), StdRng::seed_from_u64(…), fastrand::u64(..), oorandom::Rand32::new(…),
; Pcg64::new(…) where the statement or the function is about a key, token, nonce or password.
(call_expression
  function: (scoped_identifier) @_function
  (#match? @_function "((^|::)(SmallRng|XorShiftRng|Xoshiro\\w*|Xoroshiro\\w*|Pcg\\w*|Lcg\\w*|Mcg\\w*|WyRand|SplitMix64|StepRng|Rand32|Rand64)::\\w+|::seed_from_u64|^fastrand::(\\w+::)?\\w+|^oorandom::\\w+::new)$")
  (#context-matches? @_function "(?i)(password|passwd|secret|token|api_?key|apikey|\\bkey\\b|_key\\b|\\bkey_|keypair|nonce|\\biv\\b|salt|session|csrf|one_time|otp_|credential|signing|reset_code|verification_code|invite_code)")
  (#not-context-matches? @_function "(?i)(cache|sort_key|shuffle|jitter|backoff|simulat|dice|noise|colou?r|sample_key)")) @finding

; let mut rng = SmallRng::from_entropy(); … let nonce: [u8; 12] = rng.gen(); — the generator
; feeds a variable named like a secret later in the same function.
(call_expression
  function: (scoped_identifier) @_function
  (#match? @_function "((^|::)(SmallRng|XorShiftRng|Xoshiro\\w*|Xoroshiro\\w*|Pcg\\w*|Lcg\\w*|Mcg\\w*|WyRand|SplitMix64|StepRng|Rand32|Rand64)::\\w+|::seed_from_u64|^fastrand::Rng::\\w+|^oorandom::\\w+::new)$")
  (#scope-matches? @_function "(?i)let\\s+(mut\\s+)?\\w*(password|passwd|secret|token|api_?key|apikey|key|nonce|iv|salt|session_id|csrf|otp)\\w*\\s*(:[^=]+?)?=[^;]*\\w*rng\\b")
  (#not-context-matches? @_function "(?i)(cache|sort_key|shuffle|jitter|backoff|simulat|dice|noise|colou?r|sample_key)")) @finding

; std::iter::repeat_with(fastrand::alphanumeric).take(32) — fastrand passed as a function.
(arguments
  (scoped_identifier) @finding
  (#match? @finding "^fastrand::\\w+$")
  (#context-matches? @finding "(?i)(password|passwd|secret|token|api_?key|apikey|\\bkey\\b|_key\\b|\\bkey_|keypair|nonce|\\biv\\b|salt|session|csrf|one_time|otp_|credential|signing|reset_code|verification_code|invite_code)")
  (#not-context-matches? @finding "(?i)(cache|sort_key|shuffle|jitter|backoff|simulat|dice|noise|colou?r|sample_key)"))
