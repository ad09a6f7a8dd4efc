; marshal.loads(data), marshal.load(f)
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_) @value)
  (#eq? @_module "marshal")
  (#any-of? @_function "load" "loads")
  (#not-constant? @value)) @finding
