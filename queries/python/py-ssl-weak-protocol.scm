; ssl.SSLContext(ssl.PROTOCOL_TLSv1), SSL.Context(SSL.SSLv3_METHOD),
; wrap_socket(sock, ssl_version=ssl.PROTOCOL_SSLv3): a weak version used to configure a connection
; (compatibility tables that merely name the constants stay quiet)
(call
  arguments: (argument_list
    [
      (attribute
        object: (identifier) @_module
        attribute: (identifier) @_constant)
      (keyword_argument
        value: (attribute
          object: (identifier) @_module
          attribute: (identifier) @_constant))
    ] @finding)
  (#any-of? @_module "ssl" "SSL")
  (#any-of? @_constant "PROTOCOL_SSLv2" "PROTOCOL_SSLv3" "PROTOCOL_TLSv1" "PROTOCOL_TLSv1_1" "SSLv2_METHOD" "SSLv3_METHOD" "TLSv1_METHOD" "TLSv1_1_METHOD"))

; ctx.minimum_version = ssl.TLSVersion.TLSv1
(assignment
  left: (attribute
    attribute: (identifier) @_attribute)
  right: (attribute
    object: (attribute
      attribute: (identifier) @_enum)
    attribute: (identifier) @_version) @finding
  (#any-of? @_attribute "minimum_version" "maximum_version")
  (#eq? @_enum "TLSVersion")
  (#any-of? @_version "SSLv3" "TLSv1" "TLSv1_1"))
