; redirect(request.args["next"]), HttpResponseRedirect(request.GET.get("next")), RedirectResponse(url)
(call
  function: [
    (identifier) @_function
    (attribute
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list
    .
    (_) @value @finding)
  (#any-of? @_function "redirect" "HttpResponseRedirect" "HttpResponsePermanentRedirect" "RedirectResponse")
  (#not-match? @value "^\\w+\\s*=")
  (#input-source-matches? @value "^(request\\.(args|form|values|json|GET|POST|query|query_params|get_json|cookies|headers)|self\\.request|self\\.get_|self\\.kwargs|route parameter)" "(?i)url_has_allowed_host_and_scheme|is_safe_url|is_safe_redirect|safe_redirect|allowed_hosts|allow_?list|white_?list|\\.netloc|urlsplit|urlparse|startswith\\(\\s*[\"']/")
  (#not-bound-value-matches? @value "^(url_for|reverse|resolve_url)\\(|^[fbrFBR]*[\"']/[^/\\\\]"))

; RedirectResponse(url=...), redirect(location=...)
(call
  function: [
    (identifier) @_function
    (attribute
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: (_) @value @finding))
  (#any-of? @_function "redirect" "RedirectResponse" "HttpResponseRedirect")
  (#any-of? @_keyword "url" "location" "redirect_to")
  (#input-source-matches? @value "^(request\\.(args|form|values|json|GET|POST|query|query_params|get_json|cookies|headers)|self\\.request|self\\.get_|self\\.kwargs|route parameter)" "(?i)url_has_allowed_host_and_scheme|is_safe_url|is_safe_redirect|safe_redirect|allowed_hosts|allow_?list|white_?list|\\.netloc|urlsplit|urlparse|startswith\\(\\s*[\"']/")
  (#not-bound-value-matches? @value "^(url_for|reverse|resolve_url)\\(|^[fbrFBR]*[\"']/[^/\\\\]"))
