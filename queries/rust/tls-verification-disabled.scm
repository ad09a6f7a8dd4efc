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
