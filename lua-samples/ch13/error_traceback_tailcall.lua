-- A traceback through tail calls says where frames are missing.
local function a() local t = nil; return t.x end
local function b() return a() end
local function c() return b() end
c()
