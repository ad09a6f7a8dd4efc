; serialize(state, { isJSON: true, unsafe: true }) from serialize-javascript
(call_expression
  function: (identifier)
  arguments: (arguments
    .
    (_) @value
    .
    (object
      (pair
        key: (property_identifier) @_key
        value: (true)) @finding @fix))
  (#eq? @_key "unsafe")
  (#file-contains? "serialize-javascript")
  (#not-constant? @value))

; const options = { space: 2, unsafe: true }; … serialize(state, options)
(variable_declarator
  value: (object
    (pair
      key: (property_identifier) @_key
      value: (true)) @finding @fix)
  (#eq? @_key "unsafe")
  (#file-contains? "serialize-javascript"))
