; client.set_missing_host_key_policy(paramiko.AutoAddPolicy()), WarningPolicy, or the class itself
(call
  function: (attribute
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_) @_policy)
  (#eq? @_function "set_missing_host_key_policy")
  (#match? @_policy "^(paramiko\\.(client\\.)?)?(AutoAddPolicy|WarningPolicy)(\\(\\))?$")) @finding
