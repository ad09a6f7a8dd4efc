; mark_safe(f"<b>{name}</b>"), Markup("<b>%s</b>" % name), SafeString("…" + name), in a function
; that escapes nothing (a function that calls escape()/format_html/bleach is trusted to have
; escaped the pieces)
(call
  function: [
    (identifier) @_function
    (attribute
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list
    .
    (_) @value @finding)
  (#any-of? @_function "mark_safe" "Markup" "SafeString" "SafeText")
  (#built-string? @value "")
  (#not-scope-matches? @value "escape\\(|format_html|bleach\\.|clean\\(|json_script|json\\.dumps|urlencode|quote\\("))
