; Command::new("sh").arg("-c").arg(script), std::process::Command / tokio::process::Command,
; and a shell or flag held in a name (`let (shell, flag) = if cfg!(windows) { ("cmd", "/C") } …`).
(call_expression
  function: (field_expression
    value: (call_expression
      function: (field_expression
        value: (call_expression
          function: (scoped_identifier
            path: (_) @_type
            name: (identifier) @_new)
          arguments: (arguments
            (_) @_shell))
        field: (field_identifier) @_arg_c)
      arguments: (arguments
        (_) @_dash_c))
    field: (field_identifier) @_arg)
  arguments: (arguments
    (_) @value)
  (#match? @_type "(^|::)Command$")
  (#eq? @_new "new")
  (#binding-matches? @_shell "\"(/usr)?(/bin/)?(sh|bash|zsh|dash|ksh|cmd|cmd\\.exe|powershell|pwsh)\"")
  (#eq? @_arg_c "arg")
  (#binding-matches? @_dash_c "\"(-c|/C|/c|-Command)\"")
  (#eq? @_arg "arg")
  (#not-constant? @value)) @finding

; Command::new("sh").args(["-c", &script]) / .args(&["-c", …]) / .args(vec!["-c", …])
(call_expression
  function: (field_expression
    value: (call_expression
      function: (scoped_identifier
        path: (_) @_type
        name: (identifier) @_new)
      arguments: (arguments
        (_) @_shell))
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
  (#match? @_type "(^|::)Command$")
  (#eq? @_new "new")
  (#binding-matches? @_shell "\"(/usr)?(/bin/)?(sh|bash|zsh|dash|ksh|cmd|cmd\\.exe|powershell|pwsh)\"")
  (#eq? @_args "args")
  (#match? @_dash_c "^\"(-c|/C|/c|-Command)\"$")
  (#not-constant? @value)) @finding

(call_expression
  function: (field_expression
    value: (call_expression
      function: (scoped_identifier
        path: (_) @_type
        name: (identifier) @_new)
      arguments: (arguments
        (_) @_shell))
    field: (field_identifier) @_args)
  arguments: (arguments
    (macro_invocation
      macro: (identifier) @_vec
      (token_tree
        .
        "["
        .
        (string_literal) @_dash_c
        .
        ","
        .
        (_) @value)))
  (#match? @_type "(^|::)Command$")
  (#eq? @_new "new")
  (#binding-matches? @_shell "\"(/usr)?(/bin/)?(sh|bash|zsh|dash|ksh|cmd|cmd\\.exe|powershell|pwsh)\"")
  (#eq? @_args "args")
  (#eq? @_vec "vec")
  (#match? @_dash_c "^\"(-c|/C|/c|-Command)\"$")
  (#not-constant? @value)) @finding

; let mut cmd = Command::new("bash"); cmd.arg("-c").arg(&script);
(call_expression
  function: (field_expression
    value: (call_expression
      function: (field_expression
        value: (identifier) @_cmd
        field: (field_identifier) @_arg_c)
      arguments: (arguments
        (string_literal) @_dash_c))
    field: (field_identifier) @_arg)
  arguments: (arguments
    (_) @value)
  (#binding-matches? @_cmd "Command::new\\(\\s*\"(/usr)?(/bin/)?(sh|bash|zsh|dash|ksh|cmd|cmd\\.exe|powershell|pwsh)\"")
  (#eq? @_arg_c "arg")
  (#match? @_dash_c "^\"(-c|/C|/c|-Command)\"$")
  (#eq? @_arg "arg")
  (#not-constant? @value)) @finding

; let mut cmd = Command::new("sh"); cmd.arg("-c"); cmd.arg(script);
(call_expression
  function: (field_expression
    value: (identifier) @_cmd
    field: (field_identifier) @_arg)
  arguments: (arguments
    .
    (_) @value
    .)
  (#eq? @_arg "arg")
  (#scope-matches? @_cmd "\\.arg\\(\\s*\"(-c|/C|/c|-Command)\"\\s*\\)\\s*;")
  (#binding-matches? @_cmd "Command::new\\(\\s*\"(/usr)?(/bin/)?(sh|bash|zsh|dash|ksh|cmd|cmd\\.exe|powershell|pwsh)\"")
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
