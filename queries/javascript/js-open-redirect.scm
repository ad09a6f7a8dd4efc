; res.redirect(req.query.next), res.redirect(302, returnTo), ctx.redirect(ctx.query.url).
; The request's own path (`req.originalUrl + "/x"`) and the Referer ("redirect back") are not
; treated as attacker-chosen destinations.
(call_expression
  function: (member_expression
    object: (_) @_response
    property: (property_identifier) @_function)
  arguments: (arguments
    (_) @value .)
  (#match? @_response "^(res|response|reply|ctx)\\b")
  (#any-of? @_function "redirect" "location")
  (#from-input? @value "^(req(uest)?\\.(query|body|params|headers|cookies|signedCookies|get|header|param)|ctx\\.(query|params|querystring|request\\.(body|query))|event\\.)")
  (#not-match? @value "^[\"'`]/[^/\\\\]")
  (#not-value-matches? @value "(?i)(safe|valid|allow|sanitize|isRelative|whitelist|startsWith|referr?er)")
  (#not-guarded? @value)) @finding

; res.writeHead(302, { Location: req.query.url })
(pair
  key: [
    (property_identifier)
    (string)
  ] @_key
  value: (_) @value
  (#match? @_key "^[\"']?(Location|location)[\"']?$")
  (#from-input? @value "^(req(uest)?\\.(query|body|params|headers|cookies|signedCookies|get|header|param)|ctx\\.(query|params|querystring|request\\.(body|query))|event\\.)")
  (#not-match? @value "^[\"'`]/[^/\\\\]")
  (#not-value-matches? @value "(?i)(safe|valid|allow|sanitize|isRelative|whitelist|startsWith|referr?er)")
  (#not-guarded? @value)) @finding
