; res.send(`<h1>Hello ${req.query.name}</h1>`), res.status(404).send("Not found: " + req.path)
(call_expression
  function: (member_expression
    object: (_) @_response
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    [
      (template_string)
      (binary_expression)
    ] @value)
  (#match? @_response "^(res|response)\\b")
  (#any-of? @_function "send" "write" "end")
  (#from-input? @value "^(req|request)\\.")
  (#not-match? @value "(?i)(escape|sanitize|encode|purify|JSON\\.stringify|parseInt|Number\\()")) @finding

; res.send(req.query.name), res.write(req.params.id)
(call_expression
  function: (member_expression
    object: (_) @_response
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    [
      (member_expression)
      (subscript_expression)
    ] @value)
  (#match? @_response "^(res|response)\\b")
  (#any-of? @_function "send" "write" "end")
  (#match? @value "^(req|request)\\.((query|params|cookies|headers|body)(\\.|\\[)|(url|originalUrl|path)$)")) @finding

; const msg = "Hello " + req.query.name; res.send(msg)
(call_expression
  function: (member_expression
    object: (_) @_response
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    (identifier) @value)
  (#match? @_response "^(res|response)\\b")
  (#any-of? @_function "send" "write" "end")
  (#from-input? @value "^(req|request)\\.")
  (#value-matches? @value "^(req|request)\\.((query|params|cookies|headers|body)(\\.|\\[)|(url|originalUrl|path)$)|^`|[\"'`]\\s*\\+|\\+\\s*[\"'`]")
  (#not-value-matches? @value "(?i)(escape|sanitize|encode|purify|JSON\\.stringify|parseInt|Number\\()")) @finding

; Koa: ctx.body = `<p>${ctx.query.q}</p>`
(assignment_expression
  left: (member_expression
    object: (identifier) @_context
    property: (property_identifier) @_property)
  right: [
    (template_string)
    (binary_expression)
    (member_expression)
  ] @value
  (#eq? @_context "ctx")
  (#eq? @_property "body")
  (#from-input? @value "^ctx\\.(query|params|querystring|request\\.query)")
  (#not-match? @value "(?i)(escape|sanitize|encode|purify|JSON\\.stringify)")) @finding
