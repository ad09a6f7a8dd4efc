; reqwest / native-tls builders: .danger_accept_invalid_certs(true), .danger_accept_invalid_hostnames(true)
(call_expression
  function: (field_expression
    field: (field_identifier) @finding)
  arguments: (arguments
    .
    (boolean_literal) @fix
    .)
  (#any-of? @finding "danger_accept_invalid_certs" "danger_accept_invalid_hostnames")
  (#eq? @fix "true"))

; rustls: config.dangerous().set_certificate_verifier(...)
(call_expression
  function: (field_expression
    value: (call_expression
      function: (field_expression
        field: (field_identifier) @_dangerous))
    field: (field_identifier) @finding)
  (#eq? @_dangerous "dangerous")
  (#eq? @finding "set_certificate_verifier"))

; rustls 0.22+: ClientConfig::builder().dangerous().with_custom_certificate_verifier(…)
(call_expression
  function: (field_expression
    value: (call_expression
      function: (field_expression
        field: (field_identifier) @_dangerous))
    field: (field_identifier) @finding)
  (#eq? @_dangerous "dangerous")
  (#eq? @finding "with_custom_certificate_verifier"))

; openssl: builder.set_verify(SslVerifyMode::NONE)
(call_expression
  function: (field_expression
    field: (field_identifier) @finding)
  arguments: (arguments
    .
    (scoped_identifier) @_mode
    .)
  (#any-of? @finding "set_verify" "set_verify_callback")
  (#match? @_mode "(^|::)SslVerifyMode::NONE$"))

; openssl: config.set_verify_hostname(false) / connector.configure()?.verify_hostname(false)
(call_expression
  function: (field_expression
    field: (field_identifier) @finding)
  arguments: (arguments
    .
    (boolean_literal) @_false
    .)
  (#any-of? @finding "set_verify_hostname" "verify_hostname" "use_server_name_indication")
  (#eq? @_false "false")
  (#file-contains? "openssl"))

; let insecure = true; builder.danger_accept_invalid_certs(insecure)
(call_expression
  function: (field_expression
    field: (field_identifier) @finding)
  arguments: (arguments
    .
    (identifier) @_flag
    .)
  (#any-of? @finding "danger_accept_invalid_certs" "danger_accept_invalid_hostnames")
  (#binding-matches? @_flag "\\n\\s*true\\s*$"))
