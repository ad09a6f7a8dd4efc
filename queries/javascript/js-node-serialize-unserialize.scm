; require("node-serialize").unserialize(cookie), serialize.unserialize(body)
(call_expression
  function: [
    (identifier) @_function
    (member_expression
      property: (property_identifier) @_function)
  ]
  arguments: (arguments
    .
    (_) @value)
  (#eq? @_function "unserialize")
  (#file-contains? "node-serialize")
  (#not-constant? @value)) @finding
