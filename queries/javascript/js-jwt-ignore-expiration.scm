; jwt.verify(token, key, { ignoreExpiration: true }) or an options object in a jsonwebtoken file
(pair
  key: [
    (property_identifier)
    (string)
  ] @_key
  value: (true)
  (#match? @_key "^[\"']?ignoreExpiration[\"']?$")
  (#file-contains? "jsonwebtoken")) @finding @fix
