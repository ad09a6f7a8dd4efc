; reqwest::get(url), reqwest::blocking::get(url), ureq::get(url), surf::get(url)
(call_expression
  function: (scoped_identifier) @_function
  arguments: (arguments
    .
    (_) @value)
  (#match? @_function "^(reqwest(::blocking)?|ureq|surf|isahc|attohttpc|minreq)::(get|post|put|delete|head|patch)$")
  (#destination-source-matches? @value "Path|Query|Form|Json|Multipart|match_info|query_string|route segment|HeaderMap|TypedHeader")
  (#not-scope-matches? @value "host_str\\(\\)|allow_?list|allowed_hosts|ALLOWED_HOSTS|is_allowed")) @finding

; client.get(url), state.http.post(url), reqwest::Client::new().get(url), agent.get(url)
(call_expression
  function: (field_expression
    value: (_) @_client
    field: (field_identifier) @_method)
  arguments: (arguments
    .
    (_) @value
    .)
  (#any-of? @_method "get" "post" "put" "delete" "patch" "head")
  (#match? @_client "(?i)(client|http|reqwest|agent|ureq)")
  (#binding-matches? @value "(?i)(url|uri|link|href|host|endpoint|target|callback|hook|http|addr|server|domain|site|feed|src|image|avatar|redirect|dest|location|proxy|remote)")
  (#destination-source-matches? @value "Path|Query|Form|Json|Multipart|match_info|query_string|route segment|HeaderMap|TypedHeader")
  (#not-scope-matches? @value "host_str\\(\\)|allow_?list|allowed_hosts|ALLOWED_HOSTS|is_allowed")) @finding

; client.request(Method::GET, url)
(call_expression
  function: (field_expression
    value: (_) @_client
    field: (field_identifier) @_method)
  arguments: (arguments
    .
    (_)
    .
    (_) @value
    .)
  (#eq? @_method "request")
  (#match? @_client "(?i)(client|http|reqwest)")
  (#destination-source-matches? @value "Path|Query|Form|Json|Multipart|match_info|query_string|route segment|HeaderMap|TypedHeader")
  (#not-scope-matches? @value "host_str\\(\\)|allow_?list|allowed_hosts|ALLOWED_HOSTS|is_allowed")) @finding
