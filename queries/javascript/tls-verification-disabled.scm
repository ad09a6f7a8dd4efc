; { rejectUnauthorized: false } in https/tls/axios/got/request options
(pair
  key: [
    (property_identifier)
    (string)
  ] @_key
  value: (false)
  (#match? @_key "^[\"']?(rejectUnauthorized|strictSSL)[\"']?$")) @finding @fix

; process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"
(assignment_expression
  left: (member_expression
    property: (property_identifier) @_variable)
  right: [
    (string)
    (number)
  ] @_value
  (#eq? @_variable "NODE_TLS_REJECT_UNAUTHORIZED")
  (#match? @_value "^[\"'`]?0[\"'`]?$")) @finding

(assignment_expression
  left: (subscript_expression
    index: (string) @_variable)
  right: [
    (string)
    (number)
  ] @_value
  (#match? @_variable "^[\"']NODE_TLS_REJECT_UNAUTHORIZED[\"']$")
  (#match? @_value "^[\"'`]?0[\"'`]?$")) @finding
