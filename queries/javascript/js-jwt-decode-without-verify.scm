; const user = jwt.decode(req.headers.authorization) in a file with no `.verify(` call
(call_expression
  function: (member_expression
    object: (identifier) @_object
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    (_) @value)
  (#any-of? @_object "jwt" "jsonwebtoken" "JWT" "jsonWebToken")
  (#eq? @_function "decode")
  (#file-contains? "jsonwebtoken")
  (#not-file-contains? ".verify(")
  (#context-matches? @value "(?i)(user|role|admin|auth|permission|scope|session|login|account|identity|claims|payload|decoded|req\\b|request|middleware|guard)")) @finding
