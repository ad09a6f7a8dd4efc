; app.run(host="0.0.0.0", debug=True) and friends
(call
  function: (attribute
    attribute: (identifier) @_function)
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_host_keyword
      value: (string) @_host) @finding
    (keyword_argument
      name: (identifier) @_keyword
      value: (true)) @fix)
  (#any-of? @_function "run" "run_server" "run_simple")
  (#eq? @_host_keyword "host")
  (#match? @_host "^[\"'](0\\.0\\.0\\.0|::)[\"']$")
  (#eq? @_keyword "debug"))

(call
  function: (attribute
    attribute: (identifier) @_function)
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: (true)) @fix
    (keyword_argument
      name: (identifier) @_host_keyword
      value: (string) @_host) @finding)
  (#any-of? @_function "run" "run_server" "run_simple")
  (#eq? @_host_keyword "host")
  (#match? @_host "^[\"'](0\\.0\\.0\\.0|::)[\"']$")
  (#eq? @_keyword "debug"))

; run_simple("0.0.0.0", 5000, app, use_debugger=True)
(call
  function: [
    (identifier) @_function
    (attribute
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list
    .
    (string) @_host @finding
    (keyword_argument
      name: (identifier) @_keyword
      value: (true)) @fix)
  (#eq? @_function "run_simple")
  (#match? @_host "^[\"'](0\\.0\\.0\\.0|::)[\"']$")
  (#any-of? @_keyword "use_debugger" "use_evalex"))
