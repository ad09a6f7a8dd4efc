; prisma.$queryRawUnsafe(sql), tx.$executeRawUnsafe("DELETE … " + id)
(call_expression
  function: (member_expression
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    [
      (identifier)
      (binary_expression)
      (call_expression)
      (member_expression)
      (subscript_expression)
      (parenthesized_expression)
    ] @value)
  (#any-of? @_function "$queryRawUnsafe" "$executeRawUnsafe")
  (#not-constant? @value)) @finding

; A template with further arguments ($1 placeholders mixed with interpolation): no quick fix.
(call_expression
  function: (member_expression
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    (template_string) @value
    .
    (_))
  (#any-of? @_function "$queryRawUnsafe" "$executeRawUnsafe")
  (#not-constant? @value)) @finding

; A template alone after TypeScript type arguments (`$queryRawUnsafe<User[]>(…)`, which the
; TypeScript grammar parses with the `await` inside the callee): no quick fix, which would
; drop the type arguments.
(call_expression
  function: (member_expression
    property: (property_identifier) @_function)
  .
  (_)
  .
  arguments: (arguments
    .
    (template_string) @value
    .)
  (#any-of? @_function "$queryRawUnsafe" "$executeRawUnsafe")
  (#not-constant? @value)) @finding

(call_expression
  function: (await_expression
    (member_expression
      property: (property_identifier) @_function))
  arguments: (arguments
    .
    (_) @value)
  (#any-of? @_function "$queryRawUnsafe" "$executeRawUnsafe")
  (#not-match? @value "^[\"']")
  (#not-constant? @value)) @finding

; The template alone, right after the callee: the tagged `$queryRaw` form is the same query,
; parameterised.
(call_expression
  function: (member_expression
    object: (_) @_client
    property: (property_identifier) @_function)
  .
  arguments: (arguments
    .
    (template_string) @value
    .)
  (#eq? @_function "$queryRawUnsafe")
  (#not-constant? @value)) @finding @fix_query

(call_expression
  function: (member_expression
    object: (_) @_client
    property: (property_identifier) @_function)
  .
  arguments: (arguments
    .
    (template_string) @value
    .)
  (#eq? @_function "$executeRawUnsafe")
  (#not-constant? @value)) @finding @fix_execute
