; cursor.execute(f"SELECT … {x}"), conn.executemany("… %s" % x), executescript, exec_driver_sql
(call
  function: (attribute
    attribute: (identifier) @_method)
  arguments: (argument_list
    .
    (_) @value @finding)
  (#any-of? @_method "execute" "executemany" "executescript" "exec_driver_sql" "read_sql" "read_sql_query")
  (#built-string? @value "(?is)\\b(select\\b.*\\bfrom|insert\\b.*\\binto|update\\b.*\\bset\\b|delete\\b.*\\bfrom|create\\s+(table|index|view|database|schema)|drop\\s+(table|index|view|database|schema)|alter\\s+table|truncate\\s|pragma\\s|where\\b|order\\s+by\\b)"))

; pandas.read_sql(sql=f"…", con=conn)
(call
  function: (attribute
    attribute: (identifier) @_method)
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: (_) @value @finding))
  (#any-of? @_method "execute" "read_sql" "read_sql_query")
  (#any-of? @_keyword "sql" "operation" "statement")
  (#built-string? @value "(?is)\\b(select\\b.*\\bfrom|insert\\b.*\\binto|update\\b.*\\bset\\b|delete\\b.*\\bfrom|create\\s+(table|index|view|database|schema)|drop\\s+(table|index|view|database|schema)|alter\\s+table|truncate\\s|pragma\\s|where\\b|order\\s+by\\b)"))
