-- vigil-ls for Neovim 0.7–0.10 without plugins.
--
-- Usage, from init.lua (adjust the path to where you keep this file):
--
--     local vigil = dofile(vim.fn.expand('~/.config/nvim/vigil-legacy.lua'))
--     vigil.setup({ cmd = { 'vigil', 'lsp' }, settings = {} })
--
-- It starts one server per project root (the nearest directory with `.vigil.toml`, else
-- with `.git`, else the file's directory) when a buffer of a supported file type opens.
-- On 0.8+ it uses vim.lsp.start; on 0.7 it uses vim.lsp.start_client and attaches buffers
-- itself. The end-to-end test (tests/e2e/neovim) runs exactly this file.

local M = {}

M.filetypes = {
  'rust', 'python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact',
  -- File types where secrets often live; the server checks them as plain text.
  'sh', 'bash', 'zsh', 'yaml', 'toml', 'json', 'jsonc', 'dockerfile', 'terraform', 'hcl',
  'conf', 'dosini', 'properties', 'xml', 'go', 'java', 'ruby', 'php', 'markdown', 'text',
}

M.root_markers = { '.vigil.toml', '.git' }

-- Client ids by root directory, for Neovim 0.7 which has no vim.lsp.start to reuse them.
local clients_by_root = {}

--- The project root of a buffer: the nearest ancestor holding a root marker, in marker order.
function M.root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or vim.fn.getcwd()
  -- findfile/finddir take a 'path'-style list where spaces and commas must be escaped.
  local search = dir:gsub('([ ,\\])', '\\%1') .. ';'
  for _, marker in ipairs(M.root_markers) do
    -- `;` makes findfile/finddir search upwards; `.git` is a file in worktrees.
    local file = vim.fn.findfile(marker, search)
    if file ~= '' then
      return vim.fn.fnamemodify(file, ':p:h')
    end
    local directory = vim.fn.finddir(marker, search)
    if directory ~= '' then
      -- ':p' gives a directory a trailing slash, so its parent is two ':h' away.
      return vim.fn.fnamemodify(directory, ':p:h:h')
    end
  end
  return dir
end

local function client_config(opts, root)
  local settings = opts.settings or {}
  return {
    name = 'vigil',
    cmd = opts.cmd or { 'vigil', 'lsp' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    -- The same object answers workspace/configuration (section `vigil`) and is sent as
    -- initializationOptions; keys are those of .vigil.toml.
    init_options = settings,
    settings = { vigil = settings },
    on_attach = opts.on_attach,
    capabilities = opts.capabilities,
  }
end

--- Starts (or reuses) the server for `bufnr` and attaches the buffer. Returns the client id.
function M.start(bufnr, opts)
  opts = opts or {}
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local root = M.root_dir(bufnr)
  local config = client_config(opts, root)
  if vim.lsp.start then
    local id
    vim.api.nvim_buf_call(bufnr, function()
      id = vim.lsp.start(config)
    end)
    return id
  end
  local id = clients_by_root[root]
  if id == nil or vim.lsp.client_is_stopped(id) then
    id = vim.lsp.start_client(config)
    clients_by_root[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

--- Starts the server for every buffer of a supported file type, now and when one opens.
function M.setup(opts)
  opts = opts or {}
  local filetypes = opts.filetypes or M.filetypes
  local group = vim.api.nvim_create_augroup('vigil_ls', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = filetypes,
    callback = function(args)
      if vim.bo[args.buf].buftype == '' then
        M.start(args.buf, opts)
      end
    end,
  })
end

return M
