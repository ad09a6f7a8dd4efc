; list.insertAdjacentHTML("beforeend", `<li>${item.name}</li>`)
(call_expression
  function: (member_expression
    property: (property_identifier) @_function @fix)
  arguments: (arguments
    .
    (_)
    .
    (_) @value)
  (#eq? @_function "insertAdjacentHTML")
  (#not-constant? @value)
  (#not-value-matches? @value "(?i)(sanitize|purify|escape)")) @finding
