; os.chmod(path, 0o777) / os.fchmod(fd, 0o666) / path.chmod(0o777)
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_)
    .
    (integer) @fix_777 @finding)
  (#eq? @_module "os")
  (#any-of? @_function "chmod" "fchmod" "lchmod")
  (#any-of? @fix_777 "0o777" "0O777" "511"))

(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_)
    .
    (integer) @fix_666 @finding)
  (#eq? @_module "os")
  (#any-of? @_function "chmod" "fchmod" "lchmod")
  (#any-of? @fix_666 "0o666" "0O666" "438"))

; any other mode with the others-write bit (0o..2, 3, 6, 7) or stat.S_IWOTH / S_IRWXO
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_)
    .
    (_) @finding)
  (#eq? @_module "os")
  (#any-of? @_function "chmod" "fchmod" "lchmod")
  (#not-any-of? @finding "0o777" "0O777" "511" "0o666" "0O666" "438")
  (#match? @finding "^(0[oO]?[0-7]*[2367]|mode\\s*=\\s*0[oO]?[0-7]*[2367])$|S_IWOTH|S_IRWXO"))

; Path(p).chmod(0o777)
(call
  function: (attribute
    object: (_)
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (integer) @fix_777 @finding
    .)
  (#eq? @_function "chmod")
  (#any-of? @fix_777 "0o777" "0O777"))

(call
  function: (attribute
    object: (_)
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (integer) @fix_666 @finding
    .)
  (#eq? @_function "chmod")
  (#any-of? @fix_666 "0o666" "0O666"))

; os.umask(0) as a statement: every file created afterwards is world-writable unless a mode says
; otherwise (`old = os.umask(0); os.umask(old)`, which only reads the mask, stays quiet)
(expression_statement
  (call
    function: (attribute
      object: (identifier) @_module
      attribute: (identifier) @_function)
    arguments: (argument_list
      .
      (integer) @finding
      .))
  (#eq? @_module "os")
  (#eq? @_function "umask")
  (#match? @finding "^(0|0[oO]0*|0[oO][0-7]*[0145])$"))
