; new RegExp(req.query.q), RegExp(`^${search}`, "i") with `search` from the request (server side:
; a pattern from the page's own URL only hurts the visitor who follows the link)
(new_expression
  constructor: (identifier) @_constructor
  arguments: (arguments
    .
    (_) @value)
  (#eq? @_constructor "RegExp")
  (#from-input? @value "^(req|request|ctx|event)")
  (#not-value-matches? @value "(?i)(escape|quote|sanitize|\\\\\\$&)")) @finding

(call_expression
  function: (identifier) @_constructor
  arguments: (arguments
    .
    (_) @value)
  (#eq? @_constructor "RegExp")
  (#from-input? @value "^(req|request|ctx|event)")
  (#not-value-matches? @value "(?i)(escape|quote|sanitize|\\\\\\$&)")) @finding

; Mongo queries: { name: { $regex: req.query.q } }
(pair
  key: [
    (property_identifier)
    (string)
  ] @_key
  value: (_) @value
  (#match? @_key "^[\"']?\\$regex[\"']?$")
  (#from-input? @value "^(req|request|ctx|event)")
  (#not-value-matches? @value "(?i)(escape|quote|sanitize|\\\\\\$&)")) @finding
