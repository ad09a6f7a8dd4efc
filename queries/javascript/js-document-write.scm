; document.write("<a href='" + location.hash.slice(1) + "'>"), popup.document.writeln(html)
(call_expression
  function: (member_expression
    object: (_) @_object
    property: (property_identifier) @_function)
  arguments: (arguments
    (_) @value)
  (#match? @_object "^((window|self|top|parent|\\w+)\\.)?document$")
  (#any-of? @_function "write" "writeln")
  (#not-constant? @value)
  (#not-value-matches? @value "(?i)(sanitize|purify|escape)")) @finding
