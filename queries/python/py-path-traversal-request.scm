; open(name), io.open(name), send_file(path), FileResponse(path), os.remove(path) with a
; request-derived path and no containment check in the function
(call
  function: [
    (identifier) @_function
    (attribute
      object: (identifier) @_module
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list
    .
    (_) @value)
  (#any-of? @_function "open" "send_file" "FileResponse" "remove" "unlink" "rmtree" "copyfile" "copy" "move" "listdir" "scandir")
  (#not-any-of? @_module "webbrowser" "Image" "tarfile" "zipfile" "wave" "shelve" "dbm")
  (#input-source-matches? @value "^(request\\.(args|form|values|json|GET|POST|view_args|match_info|query|query_params|path_params|get_json|data|get_data|cookies|headers|text|read|body|content)|self\\.request|self\\.get_|self\\.kwargs|route parameter)" "secure_filename|safe_join|basename|realpath|abspath|\\.resolve\\(|is_relative_to|commonpath|normpath|[\"']\\.\\.[\"']|send_from_directory")) @finding

; Path(name).read_text(), pathlib.Path(base, name).write_bytes(data)
(call
  function: (attribute
    object: (call
      function: [
        (identifier) @_class
        (attribute
          attribute: (identifier) @_class)
      ]
      arguments: (argument_list) @value)
    attribute: (identifier) @_method)
  (#eq? @_class "Path")
  (#any-of? @_method "read_text" "read_bytes" "write_text" "write_bytes" "open" "unlink")
  (#input-source-matches? @value "^(request\\.(args|form|values|json|GET|POST|view_args|match_info|query|query_params|path_params|get_json|data|get_data|cookies|headers|text|read|body|content)|self\\.request|self\\.get_|self\\.kwargs|route parameter)" "secure_filename|safe_join|basename|realpath|abspath|\\.resolve\\(|is_relative_to|commonpath|normpath|[\"']\\.\\.[\"']|send_from_directory")) @finding

; upload = request.files["f"]; upload.save(os.path.join(UPLOADS, upload.filename))
(call
  function: (attribute
    attribute: (identifier) @_method)
  arguments: (argument_list
    .
    (_) @value)
  (#eq? @_method "save")
  (#match? @value "\\.filename\\b")
  (#input-source-matches? @value "^request\\.(files|FILES)" "secure_filename|safe_join|basename|realpath|abspath|\\.resolve\\(|is_relative_to|commonpath|normpath|[\"']\\.\\.[\"']|send_from_directory")) @finding
