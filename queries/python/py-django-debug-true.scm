; DEBUG = True at the top level of a settings module (not inside an `if` choosing an environment)
(module
  (expression_statement
    (assignment
      left: (identifier) @_name
      right: (true) @fix) @finding)
  (#eq? @_name "DEBUG")
  (#file-contains? "INSTALLED_APPS" "ALLOWED_HOSTS" "ROOT_URLCONF" "DATABASES"))

(module
  (expression_statement
    (assignment
      left: (identifier) @_name
      right: (true) @fix) @finding)
  (#eq? @_name "DEBUG")
  (#path-matches? "(^|/)settings(/(__init__|base|common|prod|production|deploy)\\.py|\\.py)$"))

; DEBUG = env.bool("DEBUG", default=True), DEBUG = config("DEBUG", default=True, cast=bool)
(module
  (expression_statement
    (assignment
      left: (identifier) @_name
      right: (call
        arguments: (argument_list
          (keyword_argument
            name: (identifier) @_keyword
            value: (true))))) @finding)
  (#eq? @_name "DEBUG")
  (#eq? @_keyword "default")
  (#file-contains? "INSTALLED_APPS" "ALLOWED_HOSTS" "ROOT_URLCONF" "DATABASES"))

; DEBUG = os.environ.get("DJANGO_DEBUG", "True") == "True": on unless the variable says otherwise
(module
  (expression_statement
    (assignment
      left: (identifier) @_name
      right: (_) @_value) @finding)
  (#eq? @_name "DEBUG")
  (#match? @_value "^(os\\.environ\\.get|os\\.getenv|env|config|getenv)\\(\\s*[\"'][A-Z_]+[\"']\\s*,\\s*[\"'](?i:true|1|yes|on)[\"']\\s*\\)")
  (#file-contains? "INSTALLED_APPS" "ALLOWED_HOSTS" "ROOT_URLCONF" "DATABASES"))
