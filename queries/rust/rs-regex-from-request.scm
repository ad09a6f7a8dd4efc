; Regex::new(&q.pattern), RegexBuilder::new(&format!("^{}", name)), fancy_regex::Regex::new(p)
; where the pattern visibly comes from an HTTP request and is not passed through regex::escape.
(call_expression
  function: (scoped_identifier) @_function
  arguments: (arguments
    .
    (_) @value)
  (#match? @_function "(^|::)(Regex|RegexBuilder|RegexSet|RegexSetBuilder)::new$")
  (#input-source-matches? @value "Path|Query|Form|Json|Multipart|match_info|query_string|route segment|HeaderMap|TypedHeader")
  (#not-binding-matches? @value "escape\\(")) @finding
