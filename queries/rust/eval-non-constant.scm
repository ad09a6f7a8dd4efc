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

; rhai: engine.eval::<i64>(&script), engine.run(&script), engine.eval_with_scope(&mut scope, &script)
; boa / deno: context.eval(Source::from_bytes(&code)), runtime.execute_script("name", code)
(call_expression
  function: [
    (field_expression
      value: (_) @_receiver
      field: (field_identifier) @_method)
    (generic_function
      function: (field_expression
        value: (_) @_receiver
        field: (field_identifier) @_method))
  ]
  arguments: (arguments
    .
    (_) @value)
  (#match? @_receiver "(?i)(engine|rhai|js_?context|boa|quickjs|script_?runtime|js_?runtime)$")
  (#any-of? @_method "eval" "run" "eval_expression" "consume" "eval_ast" "compile")
  (#not-constant? @value)) @finding

(call_expression
  function: [
    (field_expression
      value: (_) @_receiver
      field: (field_identifier) @_method)
    (generic_function
      function: (field_expression
        value: (_) @_receiver
        field: (field_identifier) @_method))
  ]
  arguments: (arguments
    .
    (_)
    .
    (_) @value)
  (#match? @_receiver "(?i)(engine|rhai|runtime|js_?runtime|deno)$")
  (#any-of? @_method "eval_with_scope" "run_with_scope" "consume_with_scope" "execute_script")
  (#not-constant? @value)) @finding
