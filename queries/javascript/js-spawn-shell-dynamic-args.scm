; spawn("convert", [input, output], { shell: true }): the program is fixed (so
; shell-command-non-constant is silent) but the shell re-parses the joined arguments.
(call_expression
  function: [
    (identifier) @_function
    (member_expression
      property: (property_identifier) @_function)
  ]
  arguments: (arguments
    .
    (_) @_program
    .
    (array) @value
    .
    (object
      (pair
        key: (property_identifier) @_key
        value: [
          (true)
          (string)
        ])))
  (#any-of? @_function "spawn" "spawnSync" "execFile" "execFileSync")
  (#file-contains? "child_process")
  (#eq? @_key "shell")
  (#constant? @_program)
  (#not-constant? @value)) @finding
