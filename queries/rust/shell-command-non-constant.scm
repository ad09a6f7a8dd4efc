; Command::new("sh").arg("-c").arg(script)
(call_expression
  function: (field_expression
    value: (call_expression
      function: (field_expression
        value: (call_expression
          function: (scoped_identifier
            path: (identifier) @_type
            name: (identifier) @_new)
          arguments: (arguments
            (string_literal) @_shell))
        field: (field_identifier) @_arg_c)
      arguments: (arguments
        (string_literal) @_dash_c))
    field: (field_identifier) @_arg)
  arguments: (arguments
    (_) @value)
  (#eq? @_type "Command")
  (#eq? @_new "new")
  (#match? @_shell "^\"(/bin/)?(sh|bash|zsh|cmd|cmd\\.exe|powershell)\"$")
  (#eq? @_arg_c "arg")
  (#match? @_dash_c "^\"(-c|/C|/c|-Command)\"$")
  (#eq? @_arg "arg")
  (#not-constant? @value)) @finding

; Command::new("sh").args(["-c", &script])
(call_expression
  function: (field_expression
    value: (call_expression
      function: (scoped_identifier
        path: (identifier) @_type
        name: (identifier) @_new)
      arguments: (arguments
        (string_literal) @_shell))
    field: (field_identifier) @_args)
  arguments: (arguments
    [
      (array_expression
        .
        (string_literal) @_dash_c
        .
        (_) @value)
      (reference_expression
        value: (array_expression
          .
          (string_literal) @_dash_c
          .
          (_) @value))
    ])
  (#eq? @_type "Command")
  (#eq? @_new "new")
  (#match? @_shell "^\"(/bin/)?(sh|bash|zsh|cmd|cmd\\.exe|powershell)\"$")
  (#eq? @_args "args")
  (#match? @_dash_c "^\"(-c|/C|/c|-Command)\"$")
  (#not-constant? @value)) @finding

; libc::system(ptr)
(call_expression
  function: (scoped_identifier
    path: (identifier) @_crate
    name: (identifier) @_function)
  arguments: (arguments
    .
    (_) @value)
  (#eq? @_crate "libc")
  (#any-of? @_function "system" "popen")
  (#not-constant? @value)) @finding
