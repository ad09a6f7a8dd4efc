-- End-to-end test of vigil-ls in a real Neovim (0.7+), run headless by run.sh.
--
-- It loads the shipped config (editors/neovim/legacy.lua), opens a fixture, and asserts that
-- diagnostics arrive on open and follow edits, that hover explains the finding, and that the
-- "Ignore <rule> here" code action is offered and, once applied, silences the finding.
-- Any failure exits Neovim with status 1 and a message saying what was expected.

local RULE = 'shell-command-non-constant'
local TIMEOUT_MS = tonumber(os.getenv('VIGIL_E2E_TIMEOUT_MS') or '') or 10000

local bin = assert(os.getenv('VIGIL_BIN'), 'VIGIL_BIN is not set')
local repo = assert(os.getenv('VIGIL_REPO'), 'VIGIL_REPO is not set')
local work = assert(os.getenv('VIGIL_WORK'), 'VIGIL_WORK is not set')
local capture_path = os.getenv('VIGIL_CAPTURE')

local captured = {}

local function say(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

local function capture(line)
  table.insert(captured, line)
  say(line)
end

local function fail(message)
  error({ vigil_failure = message }, 0)
end

local function expect(condition, message)
  if not condition then
    fail(message)
  end
end

local function wait_for(what, predicate)
  local ok = vim.wait(TIMEOUT_MS, predicate, 50)
  expect(ok, 'timed out after ' .. TIMEOUT_MS .. ' ms waiting for ' .. what)
end

-- vim.lsp.buf_get_clients is deprecated from 0.10 on; get_clients does not exist before it.
local function clients_of(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr })
  end
  local list = {}
  for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
    table.insert(list, c)
  end
  return list
end

local function findings(bufnr)
  local result = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if code == RULE then
      table.insert(result, d)
    end
  end
  return result
end

local function describe(bufnr)
  local lines = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(lines, vim.inspect({ lnum = d.lnum, col = d.col, code = d.code, message = d.message }, { newline = ' ', indent = '' }))
  end
  return '{' .. table.concat(lines, ', ') .. '}'
end

local severity_names = { 'error', 'warning', 'info', 'hint' }

-- The diagnostics as Neovim holds them, one quickfix-style line each (1-based, like :clist).
local function capture_diagnostics(bufnr, label)
  capture('-- ' .. label)
  local name = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t')
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    capture(string.format('%s:%d:%d: %s [%s] %s (%s)', name, d.lnum + 1, d.col + 1,
      severity_names[d.severity] or tostring(d.severity), tostring(d.code), d.message, tostring(d.source)))
  end
end

-- The LSP form of a vim.diagnostic, for codeAction's context.
local function to_lsp(d)
  local lsp = d.user_data and d.user_data.lsp
  if lsp and lsp.range then
    return lsp
  end
  return {
    range = {
      start = { line = d.lnum, character = d.col },
      ['end'] = { line = d.end_lnum or d.lnum, character = d.end_col or d.col },
    },
    severity = d.severity,
    message = d.message,
    source = d.source,
    code = d.code,
    data = lsp and lsp.data or nil,
  }
end

local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, TIMEOUT_MS)
  expect(responses ~= nil, method .. ' got no response: ' .. tostring(err))
  for _, response in pairs(responses) do
    expect(response.err == nil, method .. ' failed: ' .. vim.inspect(response.err))
    return response.result
  end
  fail(method .. ': no client answered')
end

local function hover_text(result)
  if result == nil then
    return ''
  end
  local contents = result.contents
  if type(contents) == 'string' then
    return contents
  end
  if contents.value then
    return contents.value
  end
  local parts = {}
  for _, part in ipairs(contents) do
    table.insert(parts, type(part) == 'string' and part or part.value)
  end
  return table.concat(parts, '\n')
end

local function run()
  say('neovim: ' .. tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch))
  vim.cmd('filetype on')

  -- The shipped configs name every language the server parses (editors/languages.json).
  local languages = vim.fn.json_decode(table.concat(vim.fn.readfile(repo .. '/editors/languages.json'), '\n'))
  local modern = dofile(repo .. '/editors/neovim/lsp/vigil.lua')
  local vigil = dofile(repo .. '/editors/neovim/legacy.lua')
  expect(vim.deep_equal(modern.cmd, { 'vigil', 'lsp' }), 'lsp/vigil.lua starts `vigil lsp`')
  expect(vim.deep_equal(modern.root_markers, { '.vigil.toml', '.git' }), 'lsp/vigil.lua root markers')
  expect(vim.deep_equal(vigil.root_markers, modern.root_markers), 'legacy.lua and lsp/vigil.lua agree on root markers')
  for _, language in ipairs(languages) do
    expect(vim.tbl_contains(modern.filetypes, language.languageId), 'lsp/vigil.lua filetypes include ' .. language.languageId)
    expect(vim.tbl_contains(vigil.filetypes, language.languageId), 'legacy.lua filetypes include ' .. language.languageId)
  end

  vigil.setup({ cmd = { bin, 'lsp' } })

  vim.cmd('edit ' .. vim.fn.fnameescape(work .. '/insecure.py'))
  local bufnr = vim.api.nvim_get_current_buf()
  expect(vim.bo[bufnr].filetype == 'python', 'the fixture should be detected as python, got ' .. vim.bo[bufnr].filetype)

  wait_for('the vigil client to attach', function()
    return #clients_of(bufnr) > 0
  end)
  local client = clients_of(bufnr)[1]
  expect(client.name == 'vigil', 'the attached client is vigil, got ' .. tostring(client.name))
  expect(client.config.root_dir == work, 'the root is the directory with .vigil.toml (' .. work .. '), got ' .. tostring(client.config.root_dir))

  -- 1. Diagnostics on open.
  wait_for('a ' .. RULE .. ' diagnostic after opening the file (have ' .. describe(bufnr) .. ')', function()
    return #findings(bufnr) > 0
  end)
  local found = findings(bufnr)
  expect(#found == 1, 'exactly one ' .. RULE .. ' diagnostic, got ' .. describe(bufnr))
  expect(found[1].lnum == 1, RULE .. ' on line 2, got line ' .. (found[1].lnum + 1))
  expect(found[1].source == 'vigil', 'source is vigil, got ' .. tostring(found[1].source))
  capture_diagnostics(bufnr, ':edit insecure.py')

  -- 2. After an edit: two lines inserted above move the finding to line 4.
  vim.api.nvim_buf_set_lines(bufnr, 0, 0, false, { '# two new lines', '' })
  wait_for('the diagnostic to move to line 4 after inserting two lines (have ' .. describe(bufnr) .. ')', function()
    local f = findings(bufnr)
    return #f == 1 and f[1].lnum == 3
  end)
  capture_diagnostics(bufnr, 'after inserting two lines at the top')

  -- 3. A constant command is not a finding; restoring the input brings it back.
  vim.api.nvim_buf_set_lines(bufnr, 3, 4, false, { 'os.system("ls")' })
  wait_for('the diagnostic to disappear once the command is constant (have ' .. describe(bufnr) .. ')', function()
    return #findings(bufnr) == 0
  end)
  capture_diagnostics(bufnr, 'after making the command constant (no findings)')
  vim.api.nvim_buf_set_lines(bufnr, 3, 4, false, { 'os.system("ls " + sys.argv[1])' })
  wait_for('the diagnostic to return on line 4 (have ' .. describe(bufnr) .. ')', function()
    local f = findings(bufnr)
    return #f == 1 and f[1].lnum == 3
  end)
  local finding = findings(bufnr)[1]

  -- 4. Hover over the finding explains it.
  local hover = request(bufnr, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = finding.lnum, character = finding.col + 1 },
  })
  local text = hover_text(hover)
  expect(text:find('Attacker', 1, true) ~= nil, "hover over the finding mentions the attacker's view, got: " .. text)
  capture('-- hover at line ' .. (finding.lnum + 1) .. ', column ' .. (finding.col + 2) .. ' (first lines)')
  local shown = 0
  for line in text:gmatch('[^\n]+') do
    if shown < 6 then
      capture(line)
      shown = shown + 1
    end
  end

  -- 5. Code actions: "Ignore <rule> here" is offered, and applying it silences the finding.
  local lsp_diagnostic = to_lsp(finding)
  local actions = request(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = lsp_diagnostic.range,
    context = { diagnostics = { lsp_diagnostic } },
  }) or {}
  local titles, ignore = {}, nil
  for _, action in ipairs(actions) do
    table.insert(titles, action.title)
    if action.title == 'Ignore ' .. RULE .. ' here' then
      ignore = action
    end
  end
  capture('-- code actions: ' .. table.concat(titles, ' | '))
  expect(ignore ~= nil, "code actions include 'Ignore " .. RULE .. " here', got: " .. vim.inspect(titles))
  if ignore.edit == nil and ignore.data ~= nil then
    ignore = request(bufnr, 'codeAction/resolve', ignore)
  end
  expect(ignore.edit ~= nil, 'the ignore action carries an edit: ' .. vim.inspect(ignore))
  vim.lsp.util.apply_workspace_edit(ignore.edit, client.offset_encoding or 'utf-16')
  wait_for('the finding to disappear after applying the ignore action (have ' .. describe(bufnr) .. ')', function()
    return #findings(bufnr) == 0
  end)
  local suppression = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  expect(suppression:find('vigil: ignore[' .. RULE .. ']', 1, true) ~= nil, 'the buffer has the suppression comment:\n' .. suppression)
  capture('-- after applying the ignore action, the buffer reads:')
  for _, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    capture('   ' .. line)
  end

  vim.lsp.stop_client(client.id)
end

local ok, err = xpcall(run, function(e)
  if type(e) == 'table' and e.vigil_failure then
    return e.vigil_failure
  end
  return debug.traceback(tostring(e), 2)
end)

if capture_path and #captured > 0 then
  local file = io.open(capture_path, 'w')
  if file then
    file:write(table.concat(captured, '\n') .. '\n')
    file:close()
  end
end

if ok then
  say('neovim-e2e: 1 passed, 0 failed')
  vim.cmd('qall!')
else
  io.stderr:write('neovim e2e FAILED: ' .. tostring(err) .. '\n')
  say('neovim-e2e: 0 passed, 1 failed')
  vim.cmd('cquit 1')
end
