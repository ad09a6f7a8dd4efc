; pyo3: py.eval(code, None, None) / py.run(code, None, None)
(call_expression
  function: (field_expression
    value: (identifier) @_receiver
    field: (field_identifier) @_method)
  arguments: (arguments
    .
    (_) @value)
  (#eq? @_receiver "py")
  (#any-of? @_method "eval" "run" "eval_bound" "run_bound")
  (#not-constant? @value)) @finding

; mlua / rlua: lua.load(code).exec() / .eval()
(call_expression
  function: (field_expression
    value: (call_expression
      function: (field_expression
        value: (identifier) @_receiver
        field: (field_identifier) @_load)
      arguments: (arguments
        .
        (_) @value))
    field: (field_identifier) @_run)
  (#match? @_receiver "^(lua|vm|state)$")
  (#eq? @_load "load")
  (#any-of? @_run "exec" "eval" "call" "into_function")
  (#not-constant? @value)) @finding
