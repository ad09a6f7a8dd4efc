-- vigil-ls for nvim-lspconfig users (Neovim 0.8–0.10 with nvim-lspconfig 0.x/1.x).
--
-- nvim-lspconfig does not ship a `vigil` config, so this registers one, then sets it up.
-- Paste it into init.lua (or `require` it from your config directory).
-- On Neovim 0.11+ prefer editors/neovim/lsp/vigil.lua with `vim.lsp.enable('vigil')`.

local configs = require('lspconfig.configs')
local util = require('lspconfig.util')

if not configs.vigil then
  configs.vigil = {
    default_config = {
      cmd = { 'vigil', 'lsp' },
      filetypes = {
        'rust', 'python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact',
        -- File types where secrets often live; the server checks them as plain text.
        'sh', 'bash', 'zsh', 'yaml', 'toml', 'json', 'jsonc', 'dockerfile', 'terraform', 'hcl',
        'conf', 'dosini', 'properties', 'xml', 'go', 'java', 'ruby', 'php', 'markdown', 'text',
      },
      root_dir = util.root_pattern('.vigil.toml', '.git'),
      single_file_support = true,
      settings = { vigil = {} },
    },
    docs = {
      description = 'vigil-ls: security diagnostics and secret detection. Install with `cargo install --path server` from a vigil-ls checkout.',
    },
  }
end

require('lspconfig').vigil.setup({
  -- Same keys as .vigil.toml, for example:
  -- settings = { vigil = { rules = { severity = { ['tls-verification-disabled'] = 'error' } } } },
})
