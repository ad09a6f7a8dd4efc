; eval / exec of a non-constant string
(call
  function: (identifier) @_function
  arguments: (argument_list
    .
    (_) @value)
  (#any-of? @_function "eval" "exec")
  (#not-constant? @value)) @finding

; compile(source, filename, mode) of a non-constant source
(call
  function: (identifier) @_function
  arguments: (argument_list
    .
    (_) @value
    .
    (_)
    .
    (_))
  (#eq? @_function "compile")
  (#not-constant? @value)) @finding
