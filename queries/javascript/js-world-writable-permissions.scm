; fs.chmodSync(path, 0o777), fs.promises.chmod(dir, "666")
(call_expression
  function: [
    (identifier) @_function
    (member_expression
      property: (property_identifier) @_function)
  ]
  arguments: (arguments
    .
    (_)
    .
    [
      (number)
      (string)
    ] @finding)
  (#any-of? @_function "chmod" "chmodSync" "fchmod" "fchmodSync" "lchmod" "lchmodSync")
  (#match? @finding "^(0[oO]?0?[0-7][0-7][2367]|511|438|510|[\"'`]0?[0-7][0-7][2367][\"'`])$"))

; process.umask(0): every file and directory created afterwards keeps its default 0o666/0o777
(call_expression
  function: (member_expression
    object: (identifier) @_object
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    (number) @_mask .)
  (#eq? @_object "process")
  (#eq? @_function "umask")
  (#match? @_mask "^(0|0[oO]?[0-7]*[0145])$")) @finding
