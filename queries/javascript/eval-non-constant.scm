; eval(code)
(call_expression
  function: (identifier) @_function
  arguments: (arguments
    .
    (_) @value)
  (#eq? @_function "eval")
  (#not-constant? @value)) @finding

; new Function("a", body) / Function(body)
(new_expression
  constructor: (identifier) @_function
  arguments: (arguments
    (_) @value .)
  (#eq? @_function "Function")
  (#not-constant? @value)) @finding

(call_expression
  function: (identifier) @_function
  arguments: (arguments
    (_) @value .)
  (#eq? @_function "Function")
  (#not-constant? @value)) @finding

; setTimeout("code" + x, 10): a string (not a function) evaluated later
(call_expression
  function: [
    (identifier) @_function
    (member_expression
      property: (property_identifier) @_function)
  ]
  arguments: (arguments
    .
    [
      (template_string)
      (binary_expression)
    ] @value)
  (#any-of? @_function "setTimeout" "setInterval" "setImmediate")
  (#not-constant? @value)) @finding

; vm.runInNewContext(code), vm.runInThisContext(code), new vm.Script(code)
(call_expression
  function: (member_expression
    object: (identifier) @_module
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    (_) @value)
  (#eq? @_module "vm")
  (#any-of? @_function "runInNewContext" "runInThisContext" "runInContext" "compileFunction")
  (#not-constant? @value)) @finding

(new_expression
  constructor: (member_expression
    object: (identifier) @_module
    property: (property_identifier) @_class)
  arguments: (arguments
    .
    (_) @value)
  (#eq? @_module "vm")
  (#eq? @_class "Script")
  (#not-constant? @value)) @finding

; const { runInNewContext } = require("vm"); runInNewContext(code), require("vm").runInThisContext(code)
(call_expression
  function: [
    (identifier) @_function
    (member_expression
      object: (call_expression
        function: (identifier) @_require
        arguments: (arguments
          (string) @_module))
      property: (property_identifier) @_function)
  ]
  arguments: (arguments
    .
    (_) @value)
  (#any-of? @_function "runInNewContext" "runInThisContext" "runInContext" "compileFunction")
  (#file-contains? "vm")
  (#not-constant? @value)) @finding
