; tar.extractall(dest) / tar.extract(member, dest) without filter= or members=
(call
  function: (attribute
    object: (_) @_object
    attribute: (identifier) @_function)
  arguments: (argument_list
    (_) @fix
    .) @_args
  (#any-of? @_function "extractall" "extract")
  (#lacks-kwarg? @_args "filter" "members")
  (#match? @_object "(?i)(tar|^tf$|^t$|archive|^arc$|bundle)")
  (#not-match? @_object "(?i)zip|^zf$|^z$|ZipFile")
  (#file-contains? "tarfile")
  (#not-file-contains? "extraction_filter")) @finding

; tar.extractall() with no arguments at all
(call
  function: (attribute
    object: (_) @_object
    attribute: (identifier) @_function)
  arguments: (argument_list) @fix_empty
  (#eq? @_function "extractall")
  (#eq? @fix_empty "()")
  (#match? @_object "(?i)(tar|^tf$|^t$|archive|^arc$|bundle)")
  (#not-match? @_object "(?i)zip|^zf$|^z$|ZipFile")
  (#file-contains? "tarfile")
  (#not-file-contains? "extraction_filter")) @finding

; shutil.unpack_archive(filename, dest) of a non-constant archive without filter=
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_) @value
    (_) @fix
    .) @_args
  (#eq? @_module "shutil")
  (#eq? @_function "unpack_archive")
  (#lacks-kwarg? @_args "filter")
  (#not-constant? @value)) @finding
