; { checkServerIdentity: () => undefined }, { checkServerIdentity() {} } is left to review
(pair
  key: (property_identifier) @_key
  value: [
    (arrow_function)
    (function_expression)
  ] @_value
  (#eq? @_key "checkServerIdentity")
  (#match? @_value "^(async\\s+)?(function\\s*\\w*\\s*)?(\\([^)]*\\)|\\w+)\\s*(=>)?\\s*(\\{\\s*(return\\s*(undefined|null|void 0)?\\s*;?\\s*)?\\}|undefined|null|void 0)$")) @finding @fix
