; open("/tmp/app.log", "w"), logging.FileHandler("/tmp/x.log"), os.path.join("/tmp", "x"),
; open(os.path.join(tempfile.gettempdir(), "app.lock")), or a name bound to such a path
(call
  function: [
    (identifier) @_function
    (attribute
      attribute: (identifier) @_function)
  ]
  arguments: (argument_list
    .
    (_) @value @finding)
  (#any-of? @_function "open" "FileHandler" "RotatingFileHandler" "TimedRotatingFileHandler" "WatchedFileHandler" "mkdir" "makedirs" "symlink" "copy" "copyfile" "move" "connect" "mkfifo" "savefig" "to_csv" "save")
  (#bound-value-matches? @value "^([fbrFBR]*[\"'](/var)?/tmp/[^\"'{]|(os\\.path\\.join|Path)\\(\\s*[\"'](/var)?/tmp/?[\"']\\s*,\\s*[fbrFBR]*[\"'][^{\"']+[\"']\\s*\\)|(os\\.path\\.join|Path)\\(\\s*tempfile\\.gettempdir\\(\\)\\s*,\\s*[fbrFBR]*[\"'][^{\"']+[\"']\\s*\\))"))
