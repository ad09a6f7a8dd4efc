; yaml.load(stream) with no Loader (PyYAML < 6 falls back to an unsafe loader)
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @fix)
  arguments: (argument_list
    .
    (_) @value
    .)
  (#eq? @_module "yaml")
  (#any-of? @fix "load" "load_all")
  (#not-match? @value "^(Loader|stream)\\s*=")) @finding

; yaml.load(stream, Loader=yaml.Loader | UnsafeLoader | FullLoader | CLoader)
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_) @value
    .
    [
      (keyword_argument
        name: (identifier) @_keyword
        value: (_) @_loader)
      (_) @_loader
    ]
    .)
  (#eq? @_module "yaml")
  (#any-of? @_function "load" "load_all")
  (#match? @_loader "(^|\\.)(Loader|UnsafeLoader|FullLoader|CLoader|CUnsafeLoader|CFullLoader)$")) @finding @fix_call

; yaml.unsafe_load(stream), yaml.full_load(stream)
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @fix_name)
  (#eq? @_module "yaml")
  (#any-of? @fix_name "unsafe_load" "full_load")) @finding

; from yaml import load; load(stream)
(call
  function: (identifier) @_function
  arguments: (argument_list
    .
    (_) @value
    .)
  (#eq? @_function "load")
  (#file-contains? "from yaml import")
  (#not-match? @value "^(Loader|stream)\\s*=")) @finding
