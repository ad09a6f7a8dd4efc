; (a round trip, `pickle.loads(pickle.dumps(x))`, only copies an object and stays quiet)
; pickle.loads(data), cPickle.load(f), dill.loads(x), joblib.load(path), pickle.Unpickler(f)
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_) @value)
  (#any-of? @_module "pickle" "cPickle" "_pickle" "pkl" "dill" "cloudpickle" "joblib")
  (#any-of? @_function "load" "loads" "Unpickler")
  (#not-constant? @value)
  (#not-bound-value-matches? @value "^(pickle|cPickle|_pickle|pkl|dill|cloudpickle)\\.dumps\\(")) @finding

; pandas.read_pickle(path) / pd.read_pickle(buffer)
(call
  function: (attribute
    object: (identifier) @_module
    attribute: (identifier) @_function)
  arguments: (argument_list
    .
    (_) @value)
  (#any-of? @_module "pd" "pandas")
  (#eq? @_function "read_pickle")
  (#not-constant? @value)
  (#not-bound-value-matches? @value "^(pickle|cPickle|_pickle|pkl|dill|cloudpickle)\\.dumps\\(")) @finding

; from pickle import loads; loads(data)
(call
  function: (identifier) @_function
  arguments: (argument_list
    .
    (_) @value)
  (#any-of? @_function "loads" "load" "Unpickler")
  (#file-contains? "from pickle import")
  (#not-constant? @value)
  (#not-bound-value-matches? @value "^(pickle|cPickle|_pickle|pkl|dill|cloudpickle)\\.dumps\\(")) @finding
