; db.query(`SELECT * FROM users WHERE id = ${id}`), conn.execute("… WHERE id = " + id),
; sequelize.query(sql) where `sql` was built from strings in the same function
(call_expression
  function: (member_expression
    object: (_) @_object
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    [
      (template_string)
      (binary_expression)
    ] @value)
  (#any-of? @_function "query" "execute" "prepare" "run" "all" "get" "each" "exec" "unsafe" "queryRaw" "executeQuery")
  (#match? @value "(?is)\\b(select\\b.+\\bfrom|insert\\s+into|update\\b.+\\bset\\b|delete\\s+from|replace\\s+into|create\\s+(table|index|view)|drop\\s+(table|index|view|database)|alter\\s+table|truncate\\s+table|where\\b.+(=|<|>|\\blike\\b|\\bin\\b))")
  (#not-match? @_object "^(child_process|childProcess|cp|shell|shelljs|execa)$")
  (#not-value-matches? @value "\\$\\{\\s*[\\w.]*([pP]laceholder|[mM]arks|qs)\\w*\\s*\\}")
  (#not-value-matches? @value "(?i)\\bescape(Id|Literal|Identifier)?\\(|\\bformat\\(\\s*[\"'`][^\"'`]*%[LIs]")
  (#not-constant? @value)) @finding

(call_expression
  function: (member_expression
    object: (_) @_object
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    (identifier) @value)
  (#any-of? @_function "query" "execute" "prepare" "run" "all" "get" "each" "exec" "unsafe" "queryRaw" "executeQuery")
  (#value-matches? @value "(?is)\\b(select\\b.+\\bfrom|insert\\s+into|update\\b.+\\bset\\b|delete\\s+from|replace\\s+into|create\\s+(table|index|view)|drop\\s+(table|index|view|database)|alter\\s+table|truncate\\s+table|where\\b.+(=|<|>|\\blike\\b|\\bin\\b))")
  (#value-matches? @value "\\$\\{|[\"'`]\\s*\\+|\\+\\s*[\"'`]")
  (#not-match? @_object "^(child_process|childProcess|cp|shell|shelljs|execa)$")
  (#not-value-matches? @value "\\$\\{\\s*[\\w.]*([pP]laceholder|[mM]arks|qs)\\w*\\s*\\}")
  (#not-value-matches? @value "(?i)\\bescape(Id|Literal|Identifier)?\\(|\\bformat\\(\\s*[\"'`][^\"'`]*%[LIs]")
  (#not-constant? @value)) @finding

; TypeScript parses `await db.query<Row>(…)` with the `await` inside the callee.
(call_expression
  function: (await_expression
    (member_expression
      object: (_) @_object
      property: (property_identifier) @_function))
  arguments: (arguments
    .
    [
      (template_string)
      (binary_expression)
    ] @value)
  (#any-of? @_function "query" "execute" "prepare" "run" "all" "get" "each" "exec" "unsafe" "queryRaw" "executeQuery")
  (#match? @value "(?is)\\b(select\\b.+\\bfrom|insert\\s+into|update\\b.+\\bset\\b|delete\\s+from|replace\\s+into|create\\s+(table|index|view)|drop\\s+(table|index|view|database)|alter\\s+table|truncate\\s+table|where\\b.+(=|<|>|\\blike\\b|\\bin\\b))")
  (#not-match? @_object "^(child_process|childProcess|cp|shell|shelljs|execa)$")
  (#not-value-matches? @value "\\$\\{\\s*[\\w.]*([pP]laceholder|[mM]arks|qs)\\w*\\s*\\}")
  (#not-value-matches? @value "(?i)\\bescape(Id|Literal|Identifier)?\\(|\\bformat\\(\\s*[\"'`][^\"'`]*%[LIs]")
  (#not-constant? @value)) @finding
