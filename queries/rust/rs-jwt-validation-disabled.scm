; validation.insecure_disable_signature_validation()
(call_expression
  function: (field_expression
    field: (field_identifier) @finding)
  (#eq? @finding "insecure_disable_signature_validation"))

; jsonwebtoken::dangerous_insecure_decode(token), jsonwebtoken::dangerous::insecure_decode(token)
(call_expression
  function: [
    (identifier) @finding
    (scoped_identifier
      name: (identifier) @finding)
    (generic_function
      function: [
        (identifier) @finding
        (scoped_identifier
          name: (identifier) @finding)
      ])
  ]
  (#any-of? @finding "dangerous_insecure_decode" "dangerous_insecure_decode_with_validation" "insecure_decode"))

; validation.validate_exp = false;
(assignment_expression
  left: (field_expression
    field: (field_identifier) @finding)
  right: (boolean_literal) @fix
  (#eq? @finding "validate_exp")
  (#eq? @fix "false"))

; Validation { validate_exp: false, .. }
(field_initializer
  field: (field_identifier) @finding
  value: (boolean_literal) @fix
  (#eq? @finding "validate_exp")
  (#eq? @fix "false"))
