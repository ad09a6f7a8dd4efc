; <div dangerouslySetInnerHTML={{ __html: post.body }} />, React.createElement("div",
; { dangerouslySetInnerHTML: { __html: html } }): `__html` exists only for this prop, so the
; pair itself is matched (which also keeps the query valid for the TypeScript grammar,
; which has no JSX nodes).
(pair
  key: [
    (property_identifier)
    (string)
  ] @_key
  value: (_) @value
  (#match? @_key "^[\"']?__html[\"']?$")
  (#not-constant? @value)
  (#not-value-matches? @value "(?i)(sanitize|purify|escape|xss\\()")) @finding
