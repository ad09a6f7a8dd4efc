; path.join(__dirname, "uploads", req.params.name): reported where the request value
; first becomes a path
(call_expression
  function: (member_expression
    object: (identifier) @_object
    property: (property_identifier) @_function)
  arguments: (arguments
    (_) @value)
  (#eq? @_object "path")
  (#any-of? @_function "join" "resolve")
  (#from-input? @value "^(req|request|ctx|event)\\.")
  (#not-value-matches? @value "(?i)(basename|sanitize|normali[sz]eFilename|req\\.files?(\\[\\w+\\])?\\.(filename|path|destination)\\b)")
  (#not-guarded? @value)) @finding

; fs.readFile(req.query.file), fs.createReadStream(name) with `const name = req.params.name`
(call_expression
  function: (member_expression
    object: (_) @_object
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    (_) @value)
  (#match? @_object "^(fs|fsp|fse|fsExtra|fsPromises|promises|fs\\.promises)$")
  (#any-of? @_function "readFile" "readFileSync" "createReadStream" "writeFile" "writeFileSync" "createWriteStream" "appendFile" "appendFileSync" "unlink" "unlinkSync" "rm" "rmSync" "rmdir" "readdir" "readdirSync" "open" "openSync" "copyFile" "copyFileSync" "rename" "renameSync" "outputFile" "outputFileSync" "remove" "removeSync" "readJson" "readJSON" "readJsonSync" "writeJson" "readlink" "symlink")
  (#from-input? @value "^(req|request|ctx|event)\\.")
  (#not-value-matches? @value "(?i)(basename|sanitize|normali[sz]eFilename|req\\.files?(\\[\\w+\\])?\\.(filename|path|destination)\\b|path\\.(join|resolve)\\()")
  (#not-guarded? @value)) @finding

; res.sendFile(req.params.name), res.download(file) without a `root` option
(call_expression
  function: (member_expression
    object: (_) @_response
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    (_) @value) @_arguments
  (#match? @_response "^(res|response)\\b")
  (#any-of? @_function "sendFile" "download")
  (#from-input? @value "^(req|request)\\.")
  (#not-match? @_arguments "\\broot\\s*:")
  (#not-value-matches? @value "(?i)(basename|sanitize|normali[sz]eFilename|req\\.files?(\\[\\w+\\])?\\.(filename|path|destination)\\b|path\\.(join|resolve)\\()")
  (#not-guarded? @value)) @finding
