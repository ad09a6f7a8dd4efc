; text(f"SELECT … {x}"), sqlalchemy.text("…" % x), sa.text("…".format(x))
(call
  function: [
    (identifier) @_function
    (attribute
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list
    .
    (_) @value @finding)
  (#eq? @_function "text")
  (#file-contains? "sqlalchemy")
  (#built-string? @value "(?is)\\b(select\\b.*\\bfrom|insert\\b.*\\binto|update\\b.*\\bset\\b|delete\\b.*\\bfrom|create\\s+(table|index|view|database|schema)|drop\\s+(table|index|view|database|schema)|alter\\s+table|truncate\\s|pragma\\s|where\\b|order\\s+by\\b)"))
