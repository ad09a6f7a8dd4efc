; jwt.decode(token, options={"verify_signature": False})
(pair
  key: (string) @_key
  value: (false) @fix
  (#match? @_key "^[\"']verify_signature[\"']$")) @finding

; PyJWT 1.x: jwt.decode(token, key, verify=False)
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: (false) @fix) @finding)
  (#eq? @_module "jwt")
  (#eq? @_function "decode")
  (#eq? @_keyword "verify"))

; algorithms=["none"], algorithm="none"
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: [
        (string) @_algorithm
        (list
          (string) @_algorithm)
      ]) @finding)
  (#eq? @_module "jwt")
  (#any-of? @_function "decode" "encode")
  (#any-of? @_keyword "algorithms" "algorithm")
  (#match? @_algorithm "^[\"'](?i:none)[\"']$"))
