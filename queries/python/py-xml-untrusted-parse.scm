; ET.fromstring(request.data), etree.parse(upload) with the default parser (a call that passes
; its own parser is judged by py-lxml-resolve-entities instead)
(call
  function: (attribute
    object: (_) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_) @value
    .)
  (#match? @_module "(^|\\.)(ET|etree|ElementTree|cElementTree|objectify)$")
  (#any-of? @_function "fromstring" "XML" "parse" "iterparse" "XMLID" "fromstringlist")
  (#not-file-contains? "defusedxml")
  (#input-source-matches? @value "^(request\\.|self\\.request|self\\.get_|self\\.kwargs|route parameter)")) @finding

; minidom.parseString(body), xml.sax.parseString(data, handler), pulldom.parse(stream)
(call
  function: (attribute
    object: (_) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_) @value)
  (#match? @_module "(^|\\.)(minidom|sax|pulldom|expatbuilder)$")
  (#any-of? @_function "parse" "parseString")
  (#not-file-contains? "defusedxml")
  (#input-source-matches? @value "^(request\\.|self\\.request|self\\.get_|self\\.kwargs|route parameter)")) @finding
