; out_dir.join(file.name()), PathBuf::from(file.name()), File::create(entry.path()?),
; dest.join(entry.path().unwrap()) — where the entry comes from a zip or tar archive.
(call_expression
  function: (_) @_callee
  arguments: (arguments
    .
    (_) @_entry_name)
  (#match? @_callee "(\\.join|\\.push|PathBuf::from|Path::new|File::create|fs::write|fs::create_dir_all|fs::create_dir)$")
  (#match? @_entry_name "^&?\\*?[A-Za-z_][A-Za-z0-9_]*\\.(name|path|name_raw)\\(\\)(\\?|\\.unwrap\\(\\)|\\.expect\\([^)]*\\))?$")
  (#binding-matches? @_entry_name "by_index|by_name|by_index_raw|\\.entries\\(|entries_with_seek|next_entry|read_zipfile_from_stream|ZipFile")
  (#not-scope-matches? @_entry_name "enclosed_name|canonicalize|starts_with|Component::ParentDir|sanitize|unpack_in")) @finding
