; app.run(debug=True), socketio.run(app, debug=True), app.run_server(debug=True)
; (binding 0.0.0.0 as well is reported by py-debug-server-all-interfaces instead)
(call
  function: (attribute
    attribute: (identifier) @_function)
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: (true)) @finding @fix) @_args
  (#any-of? @_function "run" "run_server" "run_simple")
  (#eq? @_keyword "debug")
  (#not-match? @_args "[\"']0\\.0\\.0\\.0[\"']|[\"']::[\"']"))

; app.debug = True
(assignment
  left: (attribute
    object: (identifier) @_object
    attribute: (identifier) @_attribute)
  right: (true) @fix_value
  (#match? @_object "(?i)app|application|server")
  (#eq? @_attribute "debug")) @finding

; app.config["DEBUG"] = True, app.config.update(DEBUG=True)
(assignment
  left: (subscript
    value: (attribute
      attribute: (identifier) @_config)
    subscript: (string) @_key)
  right: (true) @fix_value
  (#eq? @_config "config")
  (#match? @_key "^[\"']DEBUG[\"']$")) @finding

(call
  function: (attribute
    object: (attribute
      attribute: (identifier) @_config)
    attribute: (identifier) @_function)
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: (true) @fix_value) @finding)
  (#eq? @_config "config")
  (#any-of? @_function "update" "from_mapping")
  (#eq? @_keyword "DEBUG"))
