; child_process.exec(`ls ${dir}`), cp.execSync("ls " + dir)
(call_expression
  function: (member_expression
    object: (_) @_object
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    (_) @value)
  (#match? @_object "^(child_process|childProcess|cp|require\\([\"'](node:)?child_process[\"']\\))$")
  (#any-of? @_function "exec" "execSync")
  (#not-constant? @value)) @finding

; exec(cmd) after `const { exec } = require("child_process")` or an import of it
(call_expression
  function: (identifier) @_function
  arguments: (arguments
    .
    (_) @value)
  (#any-of? @_function "exec" "execSync")
  (#file-contains? "child_process")
  (#not-constant? @value)) @finding

; spawn("sh", ["-c", cmd]) and spawn(cmd, { shell: true })
(call_expression
  function: [
    (identifier) @_function
    (member_expression
      property: (property_identifier) @_function)
  ]
  arguments: (arguments
    .
    (string) @_shell
    .
    (array
      .
      (string) @_dash_c
      .
      (_) @value))
  (#any-of? @_function "spawn" "spawnSync" "execFile" "execFileSync")
  (#match? @_shell "^[\"'](/bin/)?(sh|bash|zsh|cmd|cmd\\.exe|powershell)[\"']$")
  (#match? @_dash_c "^[\"'](-c|/c|-Command)[\"']$")
  (#not-constant? @value)) @finding

(call_expression
  function: [
    (identifier) @_function
    (member_expression
      property: (property_identifier) @_function)
  ]
  arguments: (arguments
    .
    (_) @value
    (object
      (pair
        key: (property_identifier) @_key
        value: (true))))
  (#any-of? @_function "spawn" "spawnSync" "execFile" "execFileSync")
  (#file-contains? "child_process")
  (#eq? @_key "shell")
  (#not-constant? @value)) @finding

; const execAsync = util.promisify(exec); await execAsync(`git log ${ref}`)
(call_expression
  function: (identifier) @_function
  arguments: (arguments
    .
    (_) @value)
  (#match? @_function "^(exec|execSync)(Async|Promise|Promisified|P)$|^(pExec|execp|execPromise|promiseExec)$")
  (#file-contains? "child_process")
  (#not-constant? @value)) @finding

; import * as child from "child_process"; child.exec(`ls ${dir}`)
(call_expression
  function: (member_expression
    object: (identifier) @_object
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    (_) @value)
  (#any-of? @_object "child" "proc" "childProc" "child_proc" "childprocess" "ChildProcess" "subprocess" "processes")
  (#any-of? @_function "exec" "execSync")
  (#file-contains? "child_process")
  (#not-constant? @value)) @finding
