; Command::new(program) / std::process::Command::new / tokio::process::Command::new where the
; program visibly comes from a request, argv or stdin. Programs taken from configuration,
; parameters or tool discovery (`$RUSTC`, `$EDITOR`, `which`) are a deliberate choice and stay
; quiet: in real code they are the norm (build scripts, editors, pagers).
(call_expression
  function: (scoped_identifier
    path: (_) @_type
    name: (identifier) @_new)
  arguments: (arguments
    .
    (_) @value
    .)
  (#match? @_type "(^|::)Command$")
  (#eq? @_new "new")
  (#not-constant? @value)
  (#input-source-matches? @value "args|stdin|Path|Query|Form|Json|Multipart|match_info|query_string|route segment|HeaderMap|TypedHeader")
  (#not-binding-matches? @value "current_exe|env!|\\bwhich(_in)?\\(|CARGO|RUSTC|args(_os)?\\(\\)\\.next\\(\\)|args\\[0\\]")) @finding

; Command::new(format!("/opt/tools/{name}")): a program *path* assembled at run time. Names
; composed from toolchain parts (`format!("{prefix}-gcc")`) are left to configuration.
(call_expression
  function: (scoped_identifier
    path: (_) @_type
    name: (identifier) @_new)
  arguments: (arguments
    .
    (_) @value
    .)
  (#match? @_type "(^|::)Command$")
  (#eq? @_new "new")
  (#formatted-matches? @value "/")
  (#not-binding-matches? @value "current_exe|env!|\\bwhich(_in)?\\(|CARGO|RUSTC|OUT_DIR|target_dir")) @finding
