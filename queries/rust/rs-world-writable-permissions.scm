; Permissions::from_mode(0o777), PermissionsExt::from_mode(0o666), perms.set_mode(0o777),
; libc::chmod(path, 0o777): a literal mode whose "others" digit has the write bit (sticky
; directories such as 0o1777 are left alone).
(call_expression
  function: (_) @_callee
  arguments: (arguments
    .
    (integer_literal) @finding @fix_rwx
    .)
  (#match? @_callee "(^|::|\\.)(from_mode|set_mode)$")
  (#any-of? @finding "0o777" "0o0777"))

(call_expression
  function: (_) @_callee
  arguments: (arguments
    .
    (integer_literal) @finding @fix_rw
    .)
  (#match? @_callee "(^|::|\\.)(from_mode|set_mode)$")
  (#any-of? @finding "0o666" "0o0666"))

(call_expression
  function: (_) @_callee
  arguments: (arguments
    .
    (integer_literal) @finding
    .)
  (#match? @_callee "(^|::|\\.)(from_mode|set_mode)$")
  (#not-any-of? @finding "0o777" "0o0777" "0o666" "0o0666")
  (#match? @finding "^0o[0246]?[0-7]?[0-7]?[2367]$"))

(call_expression
  function: (scoped_identifier
    path: (identifier) @_crate
    name: (identifier) @_function)
  arguments: (arguments
    (_)
    .
    [
      (integer_literal) @finding
      (type_cast_expression
        value: (integer_literal) @finding)
    ]
    .)
  (#eq? @_crate "libc")
  (#any-of? @_function "chmod" "fchmod" "mkdir")
  (#match? @finding "^0o[0246]?[0-7]?[0-7]?[2367]$"))
