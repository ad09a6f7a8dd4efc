; return f"<h1>Hello {request.args['name']}</h1>" from a view
(return_statement
  ; only the kinds that can be a built string (`#built-string?` is false for the others)
  [(identifier) (parenthesized_expression) (string) (binary_operator) (call)] @value @finding
  (#built-string? @value "<[a-zA-Z!/]")
  (#input-source-matches? @value "^(request\\.(args|form|values|json|GET|POST|query|query_params|get_json|cookies|headers|view_args|match_info)|self\\.request|self\\.get_|self\\.kwargs|route parameter)" "escape\\(|format_html|bleach\\.clean|render_template\\(")
  (#not-bound-value-matches? @value "escape\\(|format_html|bleach\\.clean"))

; make_response(f"…"), HttpResponse("<p>" + q), Response("…" % q), HTMLResponse(…), self.write(…)
(call
  function: [
    (identifier) @_function
    (attribute
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list
    .
    (_) @value @finding)
  (#any-of? @_function "make_response" "HttpResponse" "Response" "HTMLResponse" "write")
  (#built-string? @value "<[a-zA-Z!/]")
  (#input-source-matches? @value "^(request\\.(args|form|values|json|GET|POST|query|query_params|get_json|cookies|headers|view_args|match_info)|self\\.request|self\\.get_|self\\.kwargs|route parameter)" "escape\\(|format_html|bleach\\.clean|render_template\\(")
  (#not-bound-value-matches? @value "escape\\(|format_html|bleach\\.clean"))
