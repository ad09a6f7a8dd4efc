; axum Redirect::to(&q.next), Redirect::temporary(…), actix web::Redirect::to(…),
; rocket Redirect::to(…) — with a request-derived target and no same-site check in the function.
(call_expression
  function: (scoped_identifier
    path: (_) @_type
    name: (identifier) @_function)
  arguments: (arguments
    .
    (_) @value)
  (#match? @_type "(^|::)Redirect$")
  (#any-of? @_function "to" "temporary" "permanent" "see_other" "found" "moved")
  (#destination-source-matches? @value "Path|Query|Form|Json|match_info|query_string|route segment|HeaderMap|TypedHeader")
  (#not-scope-matches? @value "starts_with|host_str\\(\\)|allow_?list|is_safe|ALLOWED|same_origin")) @finding

; actix: HttpResponse::Found().append_header((header::LOCATION, url)) / insert_header(("Location", url))
(call_expression
  function: (field_expression
    field: (field_identifier) @_method @finding)
  arguments: (arguments
    .
    (tuple_expression
      .
      (_) @_header
      .
      (_) @value
      .))
  (#any-of? @_method "append_header" "insert_header" "header")
  (#match? @_header "(?i)location")
  (#destination-source-matches? @value "Path|Query|Form|Json|match_info|query_string|route segment|HeaderMap|TypedHeader")
  (#not-scope-matches? @value "starts_with|host_str\\(\\)|allow_?list|is_safe|ALLOWED|same_origin"))
