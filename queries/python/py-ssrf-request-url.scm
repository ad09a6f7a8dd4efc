; requests.get(url), httpx.post(url), session.get(url), client.get(url) with a request-derived URL
(call
  function: (attribute
    object: (_) @_object
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_) @value @finding)
  (#match? @_object "(?i)(^|\\.)(requests|httpx|session|sess|s|client|http_?client|http|http_session|aiohttp|async_client)$")
  (#any-of? @_function "get" "post" "put" "patch" "delete" "head" "options" "stream")
  (#not-match? @value "^\\w+\\s*=")
  (#input-source-matches? @value "^(request\\.(args|form|values|json|GET|POST|view_args|match_info|query|query_params|path_params|get_json|data|get_data|headers|cookies|text|read|body|content)|self\\.request|self\\.get_|self\\.kwargs|route parameter)" "(?i)allowed_?(hosts|domains|urls|origins)|allow_?list|white_?list|\\.(hostname|netloc)\\s+(not\\s+)?in\\b|validate_url|is_safe_url|url_has_allowed_host")
  (#not-bound-value-matches? @value "^[fbrFBR]*[\"']https?://[^{/\"'?#]+[/?#]|^[fF][rR]?[\"']\\{(settings\\.|config\\.|self\\.|cls\\.)?[A-Z][A-Z0-9_]*\\}|^[fF][rR]?[\"']\\{self\\.[a-z_]*(url|host|base|endpoint)[a-z_]*\\}|^(settings\\.|config\\.)?[A-Z][A-Z0-9_]*\\s*\\+"))

; requests.get(url=…), httpx.post(url=…)
(call
  function: (attribute
    object: (_) @_object
    attribute: (identifier) @_function)
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: (_) @value @finding))
  (#match? @_object "(?i)(^|\\.)(requests|httpx|session|sess|s|client|http_?client|http|pool|pool_manager|aiohttp|async_client)$")
  (#any-of? @_function "get" "post" "put" "patch" "delete" "head" "options" "stream" "request" "urlopen")
  (#eq? @_keyword "url")
  (#input-source-matches? @value "^(request\\.(args|form|values|json|GET|POST|view_args|match_info|query|query_params|path_params|get_json|data|get_data|headers|cookies|text|read|body|content)|self\\.request|self\\.get_|self\\.kwargs|route parameter)" "(?i)allowed_?(hosts|domains|urls|origins)|allow_?list|white_?list|\\.(hostname|netloc)\\s+(not\\s+)?in\\b|validate_url|is_safe_url|url_has_allowed_host")
  (#not-bound-value-matches? @value "^[fbrFBR]*[\"']https?://[^{/\"'?#]+[/?#]|^[fF][rR]?[\"']\\{(settings\\.|config\\.|self\\.|cls\\.)?[A-Z][A-Z0-9_]*\\}|^[fF][rR]?[\"']\\{self\\.[a-z_]*(url|host|base|endpoint)[a-z_]*\\}|^(settings\\.|config\\.)?[A-Z][A-Z0-9_]*\\s*\\+"))

; requests.request("GET", url), http.request("GET", url)
(call
  function: (attribute
    object: (_) @_object
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_)
    .
    (_) @value @finding)
  (#match? @_object "(?i)(^|\\.)(requests|httpx|session|sess|s|client|http_?client|http|pool|pool_manager|aiohttp|async_client)$")
  (#any-of? @_function "request" "urlopen")
  (#not-match? @value "^\\w+\\s*=")
  (#input-source-matches? @value "^(request\\.(args|form|values|json|GET|POST|view_args|match_info|query|query_params|path_params|get_json|data|get_data|headers|cookies|text|read|body|content)|self\\.request|self\\.get_|self\\.kwargs|route parameter)" "(?i)allowed_?(hosts|domains|urls|origins)|allow_?list|white_?list|\\.(hostname|netloc)\\s+(not\\s+)?in\\b|validate_url|is_safe_url|url_has_allowed_host")
  (#not-bound-value-matches? @value "^[fbrFBR]*[\"']https?://[^{/\"'?#]+[/?#]|^[fF][rR]?[\"']\\{(settings\\.|config\\.|self\\.|cls\\.)?[A-Z][A-Z0-9_]*\\}|^[fF][rR]?[\"']\\{self\\.[a-z_]*(url|host|base|endpoint)[a-z_]*\\}|^(settings\\.|config\\.)?[A-Z][A-Z0-9_]*\\s*\\+"))

; urllib.request.urlopen(url), urlopen(url), urllib.request.Request(url)
(call
  function: [
    (identifier) @_function
    (attribute
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list
    .
    (_) @value @finding)
  (#any-of? @_function "urlopen" "Request" "urlretrieve")
  (#not-match? @value "^\\w+\\s*=")
  (#input-source-matches? @value "^(request\\.(args|form|values|json|GET|POST|view_args|match_info|query|query_params|path_params|get_json|data|get_data|headers|cookies|text|read|body|content)|self\\.request|self\\.get_|self\\.kwargs|route parameter)" "(?i)allowed_?(hosts|domains|urls|origins)|allow_?list|white_?list|\\.(hostname|netloc)\\s+(not\\s+)?in\\b|validate_url|is_safe_url|url_has_allowed_host")
  (#not-bound-value-matches? @value "^[fbrFBR]*[\"']https?://[^{/\"'?#]+[/?#]|^[fF][rR]?[\"']\\{(settings\\.|config\\.|self\\.|cls\\.)?[A-Z][A-Z0-9_]*\\}|^[fF][rR]?[\"']\\{self\\.[a-z_]*(url|host|base|endpoint)[a-z_]*\\}|^(settings\\.|config\\.)?[A-Z][A-Z0-9_]*\\s*\\+"))
