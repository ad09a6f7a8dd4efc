; shell.exec(`git checkout ${branch}`) with shelljs
(call_expression
  function: (member_expression
    object: (identifier) @_object
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    (_) @value)
  (#any-of? @_object "shell" "shelljs" "sh")
  (#eq? @_function "exec")
  (#file-contains? "shelljs")
  (#not-constant? @value)) @finding

; execaCommand(`git checkout ${branch}`), execaCommandSync(cmd)
(call_expression
  function: (identifier) @_function
  arguments: (arguments
    .
    (_) @value)
  (#any-of? @_function "execaCommand" "execaCommandSync")
  (#not-constant? @value)) @finding

; execa.command(cmd), execa.commandSync(cmd)
(call_expression
  function: (member_expression
    object: (identifier) @_object
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    (_) @value)
  (#eq? @_object "execa")
  (#any-of? @_function "command" "commandSync")
  (#not-constant? @value)) @finding
