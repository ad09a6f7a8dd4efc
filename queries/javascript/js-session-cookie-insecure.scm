; res.cookie("session", id, { httpOnly: false }), res.cookie("token", jwt, { secure: false })
(call_expression
  function: (member_expression
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    (_) @_name
    .
    (_)
    .
    (object
      (pair
        key: (property_identifier) @_key
        value: (false) @fix) @finding))
  (#eq? @_function "cookie")
  (#eq? @_key "httpOnly")
  (#match? @_name "(?i)(sess|\\bsid|token|auth|jwt|login|remember|connect\\.sid|credential)"))

(call_expression
  function: (member_expression
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    (_) @_name
    .
    (_)
    .
    (object
      (pair
        key: (property_identifier) @_key
        value: (false)) @finding))
  (#eq? @_function "cookie")
  (#eq? @_key "secure")
  (#match? @_name "(?i)(sess|\\bsid|token|auth|jwt|login|remember|connect\\.sid|credential)"))

; session({ cookie: { httpOnly: false, secure: false } }) with express-session
(pair
  key: (property_identifier) @_cookie
  value: (object
    (pair
      key: (property_identifier) @_key
      value: (false) @fix) @finding)
  (#eq? @_cookie "cookie")
  (#eq? @_key "httpOnly")
  (#file-contains? "session")) 

(pair
  key: (property_identifier) @_cookie
  value: (object
    (pair
      key: (property_identifier) @_key
      value: (false)) @finding)
  (#eq? @_cookie "cookie")
  (#eq? @_key "secure")
  (#file-contains? "session"))

; cookieSession({ name: "session", httpOnly: false })
(call_expression
  function: (identifier) @_function
  arguments: (arguments
    (object
      (pair
        key: (property_identifier) @_key
        value: (false) @fix) @finding))
  (#eq? @_function "cookieSession")
  (#eq? @_key "httpOnly"))

(call_expression
  function: (identifier) @_function
  arguments: (arguments
    (object
      (pair
        key: (property_identifier) @_key
        value: (false)) @finding))
  (#eq? @_function "cookieSession")
  (#eq? @_key "secure"))
