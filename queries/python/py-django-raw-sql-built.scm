; Person.objects.raw(f"…"), RawSQL("… %s" % x, [])
(call
  function: [
    (attribute
      attribute: (identifier) @_function)
    (identifier) @_function
  ]
  arguments: (argument_list
    .
    (_) @value @finding)
  (#any-of? @_function "raw" "RawSQL")
  (#built-string? @value "(?is)\\b(select\\b.*\\bfrom|insert\\b.*\\binto|update\\b.*\\bset\\b|delete\\b.*\\bfrom|where\\b|order\\s+by\\b)"))

; queryset.extra(where=[f"…"]), .extra(select={"x": "…" % y})
(call
  function: (attribute
    attribute: (identifier) @_function)
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: [
        (list
          (_) @value @finding)
        (dictionary
          (pair
            value: (_) @value @finding))
      ]))
  (#eq? @_function "extra")
  (#any-of? @_keyword "where" "select" "tables" "order_by")
  (#built-string? @value ""))
