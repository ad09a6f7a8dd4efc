; etree.XMLParser(resolve_entities=True), objectify.makeparser(resolve_entities=True)
(call
  function: [
    (identifier) @_function
    (attribute
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: (true) @fix) @finding)
  (#any-of? @_function "XMLParser" "makeparser" "XSLTAccessControl" "ETCompatXMLParser")
  (#eq? @_keyword "resolve_entities"))

; XMLParser(no_network=False)
(call
  function: [
    (identifier) @_function
    (attribute
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: (false) @fix_network) @finding)
  (#any-of? @_function "XMLParser" "makeparser" "ETCompatXMLParser")
  (#eq? @_keyword "no_network"))

; XMLParser(load_dtd=True) / XMLParser(dtd_validation=True) with entities not explicitly off
(call
  function: [
    (identifier) @_function
    (attribute
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_keyword
      value: (true) @fix_dtd) @finding) @_args
  (#any-of? @_function "XMLParser" "makeparser" "ETCompatXMLParser")
  (#eq? @_keyword "load_dtd")
  (#not-match? @_args "resolve_entities\\s*=\\s*False"))
