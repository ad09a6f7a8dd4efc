; Askama / Rinja: #[template(path = "page.html", escape = "none")]
(attribute_item
  (attribute
    (identifier) @_template
    arguments: (token_tree
      (identifier) @_escape
      .
      "="
      .
      (string_literal) @finding @fix_escape))
  (#eq? @_template "template")
  (#eq? @_escape "escape")
  (#eq? @finding "\"none\""))

; Tera: tera.autoescape_on(vec![]) turns autoescaping off for every template.
(call_expression
  function: (field_expression
    field: (field_identifier) @finding)
  arguments: (arguments
    .
    [
      (macro_invocation
        macro: (identifier) @_vec
        (token_tree) @_empty)
      (array_expression) @_empty
    ]
    .)
  (#eq? @finding "autoescape_on")
  (#eq? @_vec "vec")
  (#match? @_empty "^[\\[(]\\s*[\\])]$"))

; Tera::one_off(template, &context, false)
(call_expression
  function: (scoped_identifier
    name: (identifier) @finding)
  arguments: (arguments
    (_)
    (_)
    .
    (boolean_literal) @fix
    .)
  (#eq? @finding "one_off")
  (#eq? @fix "false"))

; Handlebars: hb.register_escape_fn(handlebars::no_escape)
(call_expression
  function: (field_expression
    field: (field_identifier) @finding)
  arguments: (arguments
    .
    [
      (identifier) @fix_fn
      (scoped_identifier
        name: (identifier) @fix_fn)
    ]
    .)
  (#eq? @finding "register_escape_fn")
  (#eq? @fix_fn "no_escape"))
