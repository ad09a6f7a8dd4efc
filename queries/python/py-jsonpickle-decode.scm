; jsonpickle.decode(data), jsonpickle.loads(data), jsonpickle.unpickler.decode(data)
(call
  function: (attribute
    object: [
      (identifier) @_module
      (attribute
        object: (identifier) @_module)
    ]
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_) @value)
  (#eq? @_module "jsonpickle")
  (#any-of? @_function "decode" "loads")
  (#not-constant? @value)) @finding

; from jsonpickle import decode; decode(data)
(call
  function: (identifier) @_function
  arguments: (argument_list
    .
    (_) @value)
  (#eq? @_function "decode")
  (#file-contains? "from jsonpickle import")
  (#not-constant? @value)) @finding
