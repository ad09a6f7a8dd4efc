; conn.execute(&format!("DELETE … {id}"), []), client.query(&sql, &[]), conn.prepare(&q),
; client.batch_execute(&script), conn.query_drop(format!(…)) — SQL text built at run time.
(call_expression
  function: [
    (field_expression
      field: (field_identifier) @finding)
    (generic_function
      function: (field_expression
        field: (field_identifier) @finding))
  ]
  arguments: (arguments
    .
    (_) @value)
  (#any-of? @finding "execute" "execute_unprepared" "execute_batch" "batch_execute" "prepare" "prepare_cached" "prepare_typed" "query" "query_row" "query_row_and_then" "query_one" "query_opt" "query_raw" "query_map" "simple_query" "query_drop" "query_first" "query_iter" "exec" "exec_drop" "exec_first" "fetch_all" "fetch_one" "fetch_optional")
  (#formatted-matches? @value "(?i)(\\bselect\\b[\\s\\S]*\\bfrom\\b|\\binsert\\s+(or\\s+\\w+\\s+)?into\\b|\\bupdate\\b[\\s\\S]*\\bset\\b|\\bdelete\\s+from\\b|\\b(create|drop|alter|truncate)\\s+(table|index|view|database|schema)\\b|\\bwhere\\b|\\bvalues\\s*\\(|\\border\\s+by\\b)"))

; sea-orm: db.execute_unprepared(&sql), Statement::from_string(backend, format!(…))
(call_expression
  function: (scoped_identifier
    path: (_) @_type
    name: (identifier) @finding)
  arguments: (arguments
    .
    (_)
    .
    (_) @value)
  (#match? @_type "(^|::)Statement$")
  (#eq? @finding "from_string")
  (#formatted-matches? @value "(?i)(\\bselect\\b[\\s\\S]*\\bfrom\\b|\\binsert\\s+(or\\s+\\w+\\s+)?into\\b|\\bupdate\\b[\\s\\S]*\\bset\\b|\\bdelete\\s+from\\b|\\b(create|drop|alter|truncate)\\s+(table|index|view|database|schema)\\b|\\bwhere\\b|\\bvalues\\s*\\(|\\border\\s+by\\b)"))
