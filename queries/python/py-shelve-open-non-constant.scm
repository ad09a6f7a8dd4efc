; shelve.open(path) where the path is not a constant
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_) @value)
  (#eq? @_module "shelve")
  (#any-of? @_function "open" "DbfilenameShelf")
  (#not-constant? @value)) @finding
