; render_template_string(f"<h1>{name}</h1>"), Template("…" + name), env.from_string("…" % name)
(call
  function: [
    (identifier) @_function
    (attribute
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list
    .
    (_) @value @finding)
  (#any-of? @_function "render_template_string" "from_string" "Template")
  (#file-contains? "jinja2" "flask" "mako" "django.template")
  (#built-string? @value ""))

; render_template_string(request.args["template"]): the whole template comes from the request
(call
  function: [
    (identifier) @_function
    (attribute
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list
    .
    (_) @value @finding)
  (#any-of? @_function "render_template_string" "from_string" "Template")
  (#file-contains? "jinja2" "flask" "mako" "django.template")
  (#not-constant? @value)
  (#input-source-matches? @value "^(request\\.|self\\.request|self\\.get_|self\\.kwargs|route parameter)"))
