; diesel::sql_query(format!(…)), sql_query(&q), diesel::dsl::sql::<Bool>(&format!(…))
(call_expression
  function: [
    (identifier) @_function
    (scoped_identifier
      name: (identifier) @_function)
    (generic_function
      function: [
        (identifier) @_function
        (scoped_identifier
          name: (identifier) @_function)
      ])
  ]
  arguments: (arguments
    .
    (_) @value)
  (#any-of? @_function "sql_query" "sql")
  (#file-contains? "diesel")
  (#formatted-matches? @value ".")) @finding
