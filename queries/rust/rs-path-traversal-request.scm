; File::open(p), fs::read_to_string(p), tokio::fs::write(p, …), NamedFile::open(p), ServeFile::new(p)
; where p visibly comes from an axum/actix/warp request extractor, in a function without a
; containment check (canonicalize + starts_with, file_name(), `..` rejection).
(call_expression
  function: (scoped_identifier) @_function
  arguments: (arguments
    .
    (_) @value)
  (#match? @_function "(^|::)(File::(open|create|create_new)|fs::(read|read_to_string|read_dir|read_link|write|remove_file|remove_dir|remove_dir_all|create_dir|create_dir_all|copy|rename|symlink_metadata|File::open|File::create)|NamedFile::(open|open_async)|ServeFile::new)$")
  (#input-source-matches? @value "Path|Query|Form|Json|Multipart|match_info|query_string|HeaderMap|TypedHeader")
  (#not-scope-matches? @value "canonicalize|starts_with|(Path::new|PathBuf::from)\\([^;]*?\\)\\s*\\.file_name\\(\\)|[Pp]ath\\w*\\s*\\.file_name\\(\\)|\\.\\.|Component::|sanitize|enclosed_name|normalize|path_clean|secure_join")) @finding

; OpenOptions::new().write(true).open(p)
(call_expression
  function: (field_expression
    value: (_) @_options
    field: (field_identifier) @_open)
  arguments: (arguments
    .
    (_) @value
    .)
  (#eq? @_open "open")
  (#match? @_options "OpenOptions")
  (#input-source-matches? @value "Path|Query|Form|Json|Multipart|match_info|query_string|HeaderMap|TypedHeader")
  (#not-scope-matches? @value "canonicalize|starts_with|(Path::new|PathBuf::from)\\([^;]*?\\)\\s*\\.file_name\\(\\)|[Pp]ath\\w*\\s*\\.file_name\\(\\)|\\.\\.|Component::|sanitize|enclosed_name|normalize|path_clean|secure_join")) @finding
