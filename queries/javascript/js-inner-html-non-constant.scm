; el.innerHTML = `<b>${name}</b>`; the quick fix turns it into textContent
(assignment_expression
  left: (member_expression
    property: (property_identifier) @_property @fix)
  right: (_) @value
  (#eq? @_property "innerHTML")
  (#not-constant? @value)
  (#not-value-matches? @value "(?i)(sanitize|purify|escape|\\.innerHTML$|\\.outerHTML$)")) @finding

; el.outerHTML = html; el.innerHTML += row
(assignment_expression
  left: (member_expression
    property: (property_identifier) @_property)
  right: (_) @value
  (#eq? @_property "outerHTML")
  (#not-constant? @value)
  (#not-value-matches? @value "(?i)(sanitize|purify|escape|\\.innerHTML$|\\.outerHTML$)")) @finding

(augmented_assignment_expression
  left: (member_expression
    property: (property_identifier) @_property)
  right: (_) @value
  (#any-of? @_property "innerHTML" "outerHTML")
  (#not-constant? @value)
  (#not-value-matches? @value "(?i)(sanitize|purify|escape)")) @finding
