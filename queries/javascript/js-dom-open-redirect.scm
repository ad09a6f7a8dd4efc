; window.location.href = params.get("next"), location = location.hash.slice(1)
(assignment_expression
  left: [
    (identifier)
    (member_expression)
  ] @_target
  right: (_) @value
  (#match? @_target "^((window|document|self|top)\\.)?location(\\.href)?$")
  (#from-input? @value "(hash|search|referrer|searchParams)")
  (#not-match? @value "^[\"'`]/[^/\\\\]")
  (#not-value-matches? @value "(?i)(safe|valid|allow|sanitize|isRelative|whitelist|startsWith|origin ===)")
  (#not-guarded? @value)) @finding

; location.assign(next), window.location.replace(url), window.open(params.get("u"))
(call_expression
  function: (member_expression
    object: (_) @_object
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    (_) @value)
  (#match? @_object "^((window|document|self|top)\\.)?location$|^window$")
  (#any-of? @_function "assign" "replace" "open")
  (#from-input? @value "(hash|search|referrer|searchParams)")
  (#not-match? @value "^[\"'`]/[^/\\\\]")
  (#not-value-matches? @value "(?i)(safe|valid|allow|sanitize|isRelative|whitelist|startsWith|origin ===)")
  (#not-guarded? @value)) @finding
