; fetch(req.query.url), axios.get(target) with `const target = req.body.webhook`,
; got(`${req.query.host}/status`). A fixed origin followed by request data is not flagged.
(call_expression
  function: (identifier) @_function
  arguments: (arguments
    .
    (_) @value)
  (#any-of? @_function "fetch" "axios" "got" "request" "ky" "nodeFetch" "superagent" "needle" "phin" "bent")
  (#from-input? @value "^(req|request|ctx|event)\\.")
  (#value-matches? @value "^(`\\$\\{\\s*)?(new URL\\(\\s*|String\\(\\s*)?(req|request|ctx|event)\\.")
  (#not-guarded? @value)) @finding

(call_expression
  function: [
    (member_expression
      object: (identifier) @_object
      property: (property_identifier) @_function)
    (await_expression
      (member_expression
        object: (identifier) @_object
        property: (property_identifier) @_function))
  ]
  arguments: (arguments
    .
    (_) @value)
  (#any-of? @_object "axios" "http" "https" "got" "request" "superagent" "undici" "ky" "needle" "bent" "wreck" "Wreck" "client" "httpClient" "api" "instance")
  (#any-of? @_function "get" "post" "put" "patch" "delete" "head" "options" "request" "stream" "fetch")
  (#from-input? @value "^(req|request|ctx|event)\\.")
  (#value-matches? @value "^(`\\$\\{\\s*)?(new URL\\(\\s*|String\\(\\s*)?(req|request|ctx|event)\\.")
  (#not-guarded? @value)) @finding

; axios({ url: req.query.url }), got({ url: target })
(call_expression
  function: [
    (identifier) @_function
    (member_expression
      property: (property_identifier) @_function)
  ]
  arguments: (arguments
    (object
      (pair
        key: (property_identifier) @_key
        value: (_) @value)))
  (#any-of? @_function "axios" "got" "request" "fetch")
  (#any-of? @_key "url" "uri" "baseURL")
  (#from-input? @value "^(req|request|ctx|event)\\.")
  (#value-matches? @value "^(`\\$\\{\\s*)?(new URL\\(\\s*|String\\(\\s*)?(req|request|ctx|event)\\.")
  (#not-guarded? @value)) @finding
