; subprocess.run([program, ...]) whose program comes from a web request (argv, the environment
; and configuration choosing a tool are the normal, intended case and stay quiet)
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (list
      .
      (_) @value) @finding)
  (#any-of? @_module "subprocess" "sp")
  (#any-of? @_function "run" "call" "check_call" "check_output" "Popen")
  (#not-constant? @value)
  (#input-source-matches? @value "^(request\\.|self\\.request|self\\.get_|self\\.kwargs|route parameter)"))

; os.execv(path, args), os.execlp(file, ...), os.posix_spawn(path, ...), pty.spawn(program)
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_) @value @finding)
  (#any-of? @_module "os" "pty")
  (#any-of? @_function "execv" "execve" "execvp" "execvpe" "execl" "execle" "execlp" "execlpe" "posix_spawn" "posix_spawnp" "spawn")
  (#not-constant? @value)
  (#input-source-matches? @value "^(request\\.|self\\.request|self\\.get_|self\\.kwargs|route parameter)"))

; os.spawnv(mode, path, args) and friends: the program is the second argument
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_)
    .
    (_) @value @finding)
  (#eq? @_module "os")
  (#any-of? @_function "spawnv" "spawnve" "spawnvp" "spawnvpe" "spawnl" "spawnle" "spawnlp" "spawnlpe")
  (#not-constant? @value)
  (#input-source-matches? @value "^(request\\.|self\\.request|self\\.get_|self\\.kwargs|route parameter)"))

; asyncio.create_subprocess_exec(program, ...)
(call
  function: (attribute
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_) @value @finding)
  (#eq? @_function "create_subprocess_exec")
  (#not-constant? @value)
  (#input-source-matches? @value "^(request\\.|self\\.request|self\\.get_|self\\.kwargs|route parameter)"))

; subprocess.run(program) with a single string and no shell: the string is the program to run
; (with shell=True the shell rule reports it instead)
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    [(identifier) (subscript) (call) (attribute)] @value @finding) @_args
  (#any-of? @_module "subprocess" "sp")
  (#any-of? @_function "run" "call" "check_call" "check_output" "Popen")
  (#lacks-kwarg? @_args "shell")
  (#not-constant? @value)
  (#input-source-matches? @value "^(request\\.|self\\.request|self\\.get_|self\\.kwargs|route parameter)"))
