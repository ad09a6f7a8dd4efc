; std::env::temp_dir().join("app.lock") / env::temp_dir().join(NAME)
(call_expression
  function: (field_expression
    value: (call_expression
      function: [
        (identifier) @_temp
        (scoped_identifier
          name: (identifier) @_temp)
      ])
    field: (field_identifier) @_join)
  arguments: (arguments
    .
    (_) @value
    .)
  (#eq? @_temp "temp_dir")
  (#eq? @_join "join")
  (#constant? @value)) @finding

; File::create("/tmp/app.log"), fs::write("/tmp/x", …), OpenOptions::new()….open("/tmp/x")
(call_expression
  function: [
    (scoped_identifier
      name: (identifier) @_function)
    (field_expression
      field: (field_identifier) @_function)
  ]
  arguments: (arguments
    .
    (string_literal) @value)
  (#any-of? @_function "create" "create_new" "open" "write" "create_dir" "create_dir_all" "read_to_string" "read" "copy" "rename" "symlink")
  (#match? @value "^\"/(var/)?tmp/[^\"]+\"$")) @finding
