; re.compile(request.args["q"]), re.search(pattern, text) with a request-derived pattern
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_) @value @finding)
  (#any-of? @_module "re" "regex")
  (#any-of? @_function "compile" "match" "search" "fullmatch" "findall" "finditer" "sub" "subn" "split")
  (#input-source-matches? @value "^(request\\.|self\\.request|self\\.get_|self\\.kwargs|route parameter)")
  (#not-bound-value-matches? @value "escape\\("))

; Model.objects.filter(name__regex=request.GET["q"])
(call
  function: (attribute
    attribute: (identifier) @_function)
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: (_) @value @finding))
  (#any-of? @_function "filter" "exclude" "get")
  (#match? @_keyword "__i?regex$")
  (#input-source-matches? @value "^(request\\.|self\\.request|self\\.get_|self\\.kwargs|route parameter)")
  (#not-bound-value-matches? @value "escape\\("))
