; requests.get(url, verify=False), httpx.Client(verify=False), session.request(..., verify=False)
(call
  function: [
    (attribute
      attribute: (identifier) @_function)
    (identifier) @_function
  ]
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: (false)) @finding @fix)
  (#any-of? @_function "get" "post" "put" "patch" "delete" "head" "options" "request" "stream" "Session" "Client" "AsyncClient" "urlopen")
  (#eq? @_keyword "verify"))

; session.verify = False, context.check_hostname = False
(assignment
  left: (attribute
    attribute: (identifier) @_attribute)
  right: (false)
  (#any-of? @_attribute "verify" "check_hostname")) @finding

; ssl._create_unverified_context()
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @fix_context)
  (#eq? @_module "ssl")
  (#eq? @fix_context "_create_unverified_context")) @finding

; ctx.verify_mode = ssl.CERT_NONE, wrap_socket(cert_reqs=ssl.CERT_NONE)
(assignment
  right: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_constant) @finding
  (#eq? @_module "ssl")
  (#eq? @_constant "CERT_NONE"))

(keyword_argument
  value: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_constant) @finding
  (#eq? @_module "ssl")
  (#eq? @_constant "CERT_NONE"))

; aiohttp: session.get(url, ssl=False), TCPConnector(ssl=False), verify_ssl=False
(call
  function: [
    (attribute
      attribute: (identifier) @_function)
    (identifier) @_function
  ]
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: (false)) @finding @fix)
  (#any-of? @_function "get" "post" "put" "patch" "delete" "head" "options" "request" "ws_connect" "TCPConnector" "ClientSession")
  (#any-of? @_keyword "ssl" "verify_ssl"))

; ctx.verify_mode = CERT_NONE after `from ssl import CERT_NONE`; urllib3 cert_reqs="CERT_NONE"
(assignment
  left: (attribute
    attribute: (identifier) @_attribute)
  right: (identifier) @finding
  (#eq? @_attribute "verify_mode")
  (#eq? @finding "CERT_NONE"))

(keyword_argument
  name: (identifier) @_keyword
  value: [
    (identifier) @_value
    (string) @_value
  ]
  (#eq? @_keyword "cert_reqs")
  (#match? @_value "^([\"']CERT_NONE[\"']|CERT_NONE|[\"']none[\"'])$")) @finding
