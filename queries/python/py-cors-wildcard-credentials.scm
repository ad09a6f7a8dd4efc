; CORS(app, supports_credentials=True) with origins "*" or no origins (flask-cors defaults to "*")
(call
  function: [
    (identifier) @_function
    (attribute
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: (true))) @_args
  (#any-of? @_function "CORS" "cross_origin")
  (#eq? @_keyword "supports_credentials")
  (#not-match? @_args "origins")) @finding

(call
  function: [
    (identifier) @_function
    (attribute
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: (true))) @_args
  (#any-of? @_function "CORS" "cross_origin")
  (#eq? @_keyword "supports_credentials")
  (#match? @_args "origins[\"']?\\s*[:=]\\s*(\\[\\s*)?[rR]?[\"'](\\*|\\.\\*)[\"']")) @finding

; CORS(app, resources={r"/*": {"origins": "*", "supports_credentials": True}})
(call
  function: [
    (identifier) @_function
    (attribute
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list) @_args
  (#any-of? @_function "CORS" "cross_origin")
  (#match? @_args "[\"']supports_credentials[\"']\\s*:\\s*True")
  (#match? @_args "origins[\"']?\\s*[:=]\\s*(\\[\\s*)?[rR]?[\"'](\\*|\\.\\*)[\"']")) @finding

; app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)
(call
  function: (attribute
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (identifier) @_middleware
    (keyword_argument
      name: (identifier) @_keyword
      value: (true))) @_args
  (#eq? @_function "add_middleware")
  (#eq? @_middleware "CORSMiddleware")
  (#eq? @_keyword "allow_credentials")
  (#match? @_args "allow_origins\\s*=\\s*\\[\\s*[\"']\\*[\"']\\s*\\]|allow_origin_regex\\s*=\\s*[rR]?[\"']\\.\\*")) @finding

; Django (django-cors-headers): CORS_ALLOW_ALL_ORIGINS = True with CORS_ALLOW_CREDENTIALS = True
(assignment
  left: (identifier) @_name
  right: (true)
  (#any-of? @_name "CORS_ALLOW_ALL_ORIGINS" "CORS_ORIGIN_ALLOW_ALL")
  (#file-contains? "CORS_ALLOW_CREDENTIALS = True")) @finding
