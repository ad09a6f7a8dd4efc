; jinja2.Environment(autoescape=False), Template(src, autoescape=False)
(call
  function: [
    (identifier) @_function
    (attribute
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: (false) @fix) @finding)
  (#any-of? @_function "Environment" "Template" "SandboxedEnvironment" "NativeEnvironment")
  (#eq? @_keyword "autoescape")
  (#file-contains? "jinja2"))

; jinja2.Environment(loader=…) with no autoescape argument, in a file that renders HTML
(call
  function: [
    (identifier) @_function
    (attribute
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list
    (_) @fix_last
    .) @_args
  (#any-of? @_function "Environment" "SandboxedEnvironment")
  (#match? @_args "^\\(\\s*\\w+\\s*=")
  (#lacks-kwarg? @_args "autoescape")
  (#not-match? @_args "\\*\\*")
  (#file-contains? "jinja2")
  (#file-contains? "html")) @finding

(call
  function: [
    (identifier) @_function
    (attribute
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list) @fix_empty
  (#any-of? @_function "Environment" "SandboxedEnvironment")
  (#eq? @fix_empty "()")
  (#file-contains? "jinja2")
  (#file-contains? "html")) @finding
