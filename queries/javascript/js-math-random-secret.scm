; const token = Math.random().toString(36).slice(2); function generatePassword() { … Math.random() … }
(call_expression
  function: (member_expression
    object: (identifier) @_object
    property: (property_identifier) @_function) @_random
  arguments: (arguments)
  (#eq? @_object "Math")
  (#eq? @_function "random")
  (#context-matches? @_random "(?i)(token|passw|pwd|secret|nonce|salt|session_?id|sessionid|sessid|\\bsid\\b|api_?key|apikey|secret_?key|private_?key|access_?key|\\botp|csrf|xsrf|reset_?code|verification_?code|verify_?code|invite_?code|one_?time|auth_?code|activation|credential)")
  (#not-context-matches? @_random "(?i)(delay|timeout|jitter|backoff|retry|colou?r|position|animation|duration|width|height|opacity|shuffle|sample|placeholder|mock|fake)")) @finding
