; sqlx::query(&format!(…)), sqlx::query_as::<_, User>(&sql), sqlx::query_scalar(q.as_str())
(call_expression
  function: [
    (scoped_identifier
      path: (identifier) @_crate
      name: (identifier) @_function)
    (generic_function
      function: (scoped_identifier
        path: (identifier) @_crate
        name: (identifier) @_function))
  ]
  arguments: (arguments
    .
    (_) @value)
  (#eq? @_crate "sqlx")
  (#any-of? @_function "query" "query_as" "query_scalar" "query_with" "query_as_with" "query_scalar_with" "raw_sql")
  (#formatted-matches? @value ".")) @finding

; use sqlx::{query, query_as}; query(&sql)
(call_expression
  function: [
    (identifier) @_function
    (generic_function
      function: (identifier) @_function)
  ]
  arguments: (arguments
    .
    (_) @value)
  (#any-of? @_function "query" "query_as" "query_scalar" "query_with" "query_as_with" "query_scalar_with" "raw_sql")
  (#file-contains? "sqlx")
  (#formatted-matches? @value ".")) @finding

; sqlx::QueryBuilder::new(format!(…)) and builder.push(format!(…)) — push_bind is the safe twin.
(call_expression
  function: (scoped_identifier
    path: (_) @_type
    name: (identifier) @_new)
  arguments: (arguments
    .
    (_) @value)
  (#match? @_type "(^|::)QueryBuilder$")
  (#eq? @_new "new")
  (#formatted-matches? @value ".")) @finding

(call_expression
  function: (field_expression
    value: (identifier) @_builder
    field: (field_identifier) @_push)
  arguments: (arguments
    .
    (_) @value
    .)
  (#eq? @_push "push")
  (#binding-matches? @_builder "QueryBuilder::")
  (#formatted-matches? @value ".")) @finding
