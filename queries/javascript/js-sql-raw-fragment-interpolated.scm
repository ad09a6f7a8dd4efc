; knex.raw(`SELECT … ${id}`), query.whereRaw("id = " + id), Prisma.raw(sql)
(call_expression
  function: (member_expression
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    [
      (template_string)
      (binary_expression)
    ] @value)
  (#any-of? @_function "raw" "whereRaw" "orWhereRaw" "andWhereRaw" "whereNotRaw" "havingRaw" "orHavingRaw" "orderByRaw" "groupByRaw" "joinRaw" "selectRaw" "fromRaw" "onRaw")
  (#not-value-matches? @value "(?i)\\bescape(Id|Literal|Identifier)?\\(|\\bformat\\(\\s*[\"'`][^\"'`]*%[LIs]")
  (#not-constant? @value)) @finding

(call_expression
  function: (member_expression
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    (identifier) @value)
  (#any-of? @_function "raw" "whereRaw" "orWhereRaw" "andWhereRaw" "whereNotRaw" "havingRaw" "orHavingRaw" "orderByRaw" "groupByRaw" "joinRaw" "selectRaw" "fromRaw" "onRaw")
  (#value-matches? @value "\\$\\{|[\"'`]\\s*\\+|\\+\\s*[\"'`]")
  (#not-value-matches? @value "(?i)\\bescape(Id|Literal|Identifier)?\\(|\\bformat\\(\\s*[\"'`][^\"'`]*%[LIs]")
  (#not-constant? @value)) @finding

; sequelize.literal(`(SELECT COUNT(*) FROM likes WHERE post_id = ${id})`)
(call_expression
  function: (member_expression
    object: (identifier) @_object
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    [
      (template_string)
      (binary_expression)
    ] @value)
  (#match? @_object "^(sequelize|Sequelize|db)$")
  (#eq? @_function "literal")
  (#not-value-matches? @value "(?i)\\bescape(Id|Literal|Identifier)?\\(|\\bformat\\(\\s*[\"'`][^\"'`]*%[LIs]")
  (#not-constant? @value)) @finding

; TypeORM: qb.where(`user.name = '${name}'`), .andWhere("id = " + id)
(call_expression
  function: (member_expression
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    [
      (template_string)
      (binary_expression)
    ] @value)
  (#any-of? @_function "where" "andWhere" "orWhere" "having" "andHaving" "orHaving")
  (#match? @value "(?i)(=|<|>|\\blike\\b|\\bin\\s*\\()")
  (#not-value-matches? @value "(?i)\\bescape(Id|Literal|Identifier)?\\(|\\bformat\\(\\s*[\"'`][^\"'`]*%[LIs]")
  (#not-constant? @value)) @finding
