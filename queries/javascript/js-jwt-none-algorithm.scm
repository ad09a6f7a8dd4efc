; jwt.verify(token, key, { algorithms: ["HS256", "none"] })
(pair
  key: (property_identifier) @_key
  value: [
    (array
      (string) @_algorithm)
    (_
      (array
        (string) @_algorithm))
  ]
  (#eq? @_key "algorithms")
  (#match? @_algorithm "^[\"'`](?i:none)[\"'`]$")) @finding

; jwt.sign(claims, "", { algorithm: "none" }), new SignJWT(claims).setProtectedHeader({ alg: "none" })
(pair
  key: (property_identifier) @_key
  value: [
    (string) @_algorithm
    (_
      .
      (string) @_algorithm)
  ]
  (#any-of? @_key "algorithm" "alg")
  (#match? @_algorithm "^[\"'`](?i:none)[\"'`]$")) @finding
