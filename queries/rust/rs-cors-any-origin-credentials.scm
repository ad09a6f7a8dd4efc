; tower-http: CorsLayer::very_permissive() mirrors any origin and allows credentials.
(call_expression
  function: (scoped_identifier
    path: (_) @_type
    name: (identifier) @finding @fix)
  (#match? @_type "(^|::)CorsLayer$")
  (#eq? @finding "very_permissive"))

; actix-cors: Cors::permissive() allows any origin and supports credentials.
(call_expression
  function: (scoped_identifier
    path: (_) @_type
    name: (identifier) @finding)
  (#match? @_type "(^|::)Cors$")
  (#eq? @finding "permissive")
  (#file-contains? "actix"))

; .allow_origin(Any) / .allow_any_origin() / mirror_request() … then .allow_credentials(true) /
; .supports_credentials() on the same builder (chained or through a `let`).
(call_expression
  function: (field_expression
    value: (_) @_receiver
    field: (field_identifier) @finding)
  arguments: (arguments) @_args
  (#any-of? @finding "allow_credentials" "supports_credentials")
  (#not-eq? @_args "(false)")
  (#binding-matches? @_receiver "allow_origin\\(\\s*((tower_http::)?(cors::)?(Any|AllowOrigin::(any|mirror_request)\\(\\))|\"\\*\")\\s*\\)|AllowOrigin::predicate\\(\\s*\\|[^|]*\\|\\s*true\\s*\\)|allowed_origin_fn\\(\\s*\\|[^|]*\\|\\s*true\\s*\\)|allow_any_origin\\(\\)|send_wildcard\\(\\)|AllowedOrigins::all\\(\\)"))

; The other order: .allow_credentials(true) … then .allow_origin(Any) / .allow_any_origin().
(call_expression
  function: (field_expression
    value: (_) @_receiver
    field: (field_identifier) @finding)
  arguments: (arguments) @_args
  (#any-of? @finding "allow_origin" "allow_any_origin" "send_wildcard")
  (#match? @_args "^\\(\\s*(\\)|((tower_http::)?(cors::)?(Any|AllowOrigin::(any|mirror_request)\\(\\))|\"\\*\")\\s*\\))$")
  (#binding-matches? @_receiver "allow_credentials\\(\\s*true\\s*\\)|supports_credentials\\(\\)"))

; rocket_cors: CorsOptions { allowed_origins: AllowedOrigins::all(), allow_credentials: true, .. }
(field_initializer_list
  (field_initializer
    field: (field_identifier) @_origins
    value: (call_expression
      function: (scoped_identifier) @_all))
  (field_initializer
    field: (field_identifier) @finding
    value: (boolean_literal) @_true)
  (#eq? @_origins "allowed_origins")
  (#match? @_all "AllowedOrigins::all$")
  (#eq? @finding "allow_credentials")
  (#eq? @_true "true"))
