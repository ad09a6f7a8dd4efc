; crypto.createCipher("aes-256-cbc", password): no IV, MD5 key derivation (Node's API; node-forge's
; forge.cipher.createCipher takes an explicit IV and is judged by its algorithm below)
(call_expression
  function: [
    (member_expression
      object: (identifier) @_object
      property: (property_identifier) @_function)
    (identifier) @_function
  ]
  arguments: (arguments)
  (#match? @_object "^(crypto|nodeCrypto|Crypto)$")
  (#any-of? @_function "createCipher" "createDecipher")
  (#file-contains? "crypto")) @finding

; crypto.createCipheriv("des-ede3-cbc", key, iv), createCipheriv("aes-128-ecb", key, null)
(call_expression
  function: (member_expression
    property: (property_identifier) @_function)
  arguments: (arguments
    .
    (string) @_algorithm)
  (#any-of? @_function "createCipheriv" "createDecipheriv" "createCipher" "createDecipher")
  (#match? @_algorithm "^[\"'`](?i:(des|des3|des-ede|des-ede3|des-ede3-cbc|des-cbc|des-ecb|rc4|rc4-40|rc2|rc2-cbc|bf|bf-cbc|bf-ecb|blowfish|cast5?-cbc|[a-z0-9-]+-ecb))[\"'`]$")) @finding
