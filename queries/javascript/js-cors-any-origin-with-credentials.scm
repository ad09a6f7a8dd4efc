; cors({ origin: "*", credentials: true }), { origin: true, credentials: true }
(object
  (pair
    key: (property_identifier) @_origin_key
    value: [
      (string)
      (true)
      (arrow_function)
    ] @_origin) @finding
  (pair
    key: (property_identifier) @_credentials_key
    value: (true))
  (#eq? @_origin_key "origin")
  (#match? @_origin "^(true|[\"'`]\\*[\"'`]|\\(?\\s*\\w+\\s*,\\s*\\w+\\s*\\)?\\s*=>\\s*\\w+\\(null,\\s*true\\))$")
  (#eq? @_credentials_key "credentials"))

(object
  (pair
    key: (property_identifier) @_credentials_key
    value: (true))
  (pair
    key: (property_identifier) @_origin_key
    value: [
      (string)
      (true)
      (arrow_function)
    ] @_origin) @finding
  (#eq? @_origin_key "origin")
  (#match? @_origin "^(true|[\"'`]\\*[\"'`]|\\(?\\s*\\w+\\s*,\\s*\\w+\\s*\\)?\\s*=>\\s*\\w+\\(null,\\s*true\\))$")
  (#eq? @_credentials_key "credentials"))

; res.setHeader("Access-Control-Allow-Origin", req.headers.origin) next to Allow-Credentials
(call_expression
  function: (member_expression
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    (string) @_header
    .
    (_) @value)
  (#any-of? @_function "setHeader" "header" "set" "append")
  (#match? @_header "^[\"'`](?i:access-control-allow-origin)[\"'`]$")
  (#from-input? @value "^(req|request|ctx)")
  (#file-contains? "Access-Control-Allow-Credentials")) @finding
