; tempfile.mktemp(...)
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  (#eq? @_module "tempfile")
  (#eq? @_function "mktemp")) @finding

; from tempfile import mktemp; mktemp(...)
(call
  function: (identifier) @_function
  (#eq? @_function "mktemp")
  (#file-contains? "from tempfile import")) @finding
