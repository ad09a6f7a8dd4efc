; subprocess.run(cmd, shell=True) and friends with a non-constant command (also through an
; alias such as `import subprocess as sp`)
(call
  function: (attribute
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_) @value
    (keyword_argument
      name: (identifier) @_keyword
      value: (true)))
  (#any-of? @_function "run" "call" "check_call" "check_output" "Popen")
  (#eq? @_keyword "shell")
  (#not-constant? @value)) @finding

; run(cmd, shell=True) after `from subprocess import run`
(call
  function: (identifier) @_function
  arguments: (argument_list
    .
    (_) @value
    (keyword_argument
      name: (identifier) @_keyword
      value: (true)))
  (#any-of? @_function "run" "call" "check_call" "check_output" "Popen")
  (#eq? @_keyword "shell")
  (#not-constant? @value)) @finding

; os.system / os.popen and subprocess.getoutput always use a shell
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_) @value)
  (#any-of? @_module "os" "subprocess" "commands")
  (#any-of? @_function "system" "popen" "getoutput" "getstatusoutput")
  (#not-constant? @value)) @finding

; subprocess.Popen(args=cmd, shell=True)
(call
  function: [
    (attribute
      attribute: (identifier) @_function)
    (identifier) @_function
  ]
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @_args_keyword
      value: (_) @value)
    (keyword_argument
      name: (identifier) @_keyword
      value: (true)))
  (#any-of? @_function "run" "call" "check_call" "check_output" "Popen")
  (#eq? @_args_keyword "args")
  (#eq? @_keyword "shell")
  (#not-constant? @value)) @finding

; asyncio.create_subprocess_shell(cmd) always uses a shell
(call
  function: (attribute
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_) @value)
  (#eq? @_function "create_subprocess_shell")
  (#not-constant? @value)) @finding
