; torch.load(path) with no weights_only argument
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    (_) @fix
    .) @_args
  (#eq? @_module "torch")
  (#eq? @_function "load")
  (#lacks-kwarg? @_args "weights_only")) @finding

; torch.load(path, weights_only=False)
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: (false) @fix_flag))
  (#eq? @_module "torch")
  (#eq? @_function "load")
  (#eq? @_keyword "weights_only")) @finding
