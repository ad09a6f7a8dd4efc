-- vigil-ls for Neovim 0.11+, in the `vim.lsp.config` format.
--
-- Put this file on your 'runtimepath' as `lsp/vigil.lua` (for example
-- ~/.config/nvim/lsp/vigil.lua) and enable it from init.lua:
--
--     vim.lsp.enable('vigil')
--
-- Override any field without copying the file:
--
--     vim.lsp.config('vigil', { settings = { vigil = { rules = { disabled = { 'eval-non-constant' } } } } })
--
-- The settings use the same keys as `.vigil.toml` (see editors/settings-keys.json); the
-- project file wins for anything you leave out here.

---@type vim.lsp.Config
return {
  cmd = { 'vigil', 'lsp' },
  -- The six languages vigil parses, then file types where secrets often live. The server
  -- treats every other language id as plain text and runs its secret checks there.
  -- To check every buffer, remove the `filetypes` field: vim.lsp.enable then attaches
  -- to all file types.
  filetypes = {
    'rust',
    'python',
    'javascript',
    'javascriptreact',
    'typescript',
    'typescriptreact',
    'sh',
    'bash',
    'zsh',
    'yaml',
    'toml',
    'json',
    'jsonc',
    'dockerfile',
    'terraform',
    'hcl',
    'conf',
    'dosini',
    'properties',
    'xml',
    'go',
    'java',
    'ruby',
    'php',
    'cs',
    'kotlin',
    'swift',
    'markdown',
    'text',
  },
  root_markers = { '.vigil.toml', '.git' },
  -- Answered to workspace/configuration (section `vigil`); empty means "use .vigil.toml
  -- and the server's defaults".
  settings = {
    vigil = {},
  },
  init_options = {},
}
