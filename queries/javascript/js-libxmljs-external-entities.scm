; libxmljs.parseXml(body, { noent: true }) or an options object with noent in a libxmljs file
(pair
  key: [
    (property_identifier)
    (string)
  ] @_key
  value: (true)
  (#match? @_key "^[\"']?noent[\"']?$")
  (#file-contains? "libxml")) @finding @fix
