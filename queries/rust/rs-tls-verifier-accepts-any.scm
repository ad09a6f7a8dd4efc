; impl ServerCertVerifier for NoVerification {
;     fn verify_server_cert(…) -> Result<ServerCertVerified, Error> { Ok(ServerCertVerified::assertion()) }
; }
(impl_item
  trait: (_) @_trait
  body: (declaration_list
    (function_item
      name: (identifier) @_function
      body: (block
        (call_expression
          function: (identifier) @_ok
          arguments: (arguments
            .
            (call_expression
              function: (scoped_identifier
                name: (identifier) @_assertion)) @finding
            .))
        .) @_body))
  (#match? @_trait "(^|::)(ServerCertVerifier|ClientCertVerifier)$")
  (#any-of? @_function "verify_server_cert" "verify_client_cert")
  (#eq? @_ok "Ok")
  (#eq? @_assertion "assertion")
  (#not-match? @_body "Err\\(|\\?|verify|==|!=|pinned|compare|return"))
