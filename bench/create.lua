-- wrk script of the benchmark's closed-loop create throughput (docs/benchmark.md): POSTs one enquiry per
-- request, each with a fresh x-document-identification, to the hub (BENCH_PATH=/api/v1/direct-messages)
-- or to the bare baseline (/create). Environment: BENCH_TOKEN, BENCH_PATH, BENCH_CUSTOMERS (comma-separated
-- customer EICs). Prints one line "WRK {json}" with the counts at the end.
local token = os.getenv("BENCH_TOKEN") or ""
local path = os.getenv("BENCH_PATH") or "/api/v1/direct-messages"
local customers = {}
for eic in string.gmatch(os.getenv("BENCH_CUSTOMERS") or "38X-AVP-ZW6700C6", "[^,]+") do
  customers[#customers + 1] = eic
end
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
end

function init(args)
  math.randomseed(os.time() * 1000 + (thread_number or 0) * 7919)
end

local function hex(digits)
  local parts = {}
  for i = 1, digits / 4 do
    parts[i] = string.format("%04x", math.random(0, 65535))
  end
  return table.concat(parts)
end

local function uuid()
  return hex(8) .. "-" .. hex(4) .. "-4" .. hex(4):sub(2) .. "-a" .. hex(4):sub(2) .. "-" .. hex(12)
end

local template = '{"marketParticipantContext":{"marketParticipantIdentification":"38X-EIN-OS-----J",'
  .. '"marketParticipantRole":"OPEN_SUPPLIER","commodityType":"ELECTRICITY"},"directMessageRequest":[{'
  .. '"meterEic":"38ZGO-1000002U-9","customerEic":"%s","topic":"INVOICE","reference":{"referenceType":"INVOICE",'
  .. '"referenceValue":"BENCH-%08d"},"requestStatus":"OPEN","requestComment":"The customer disputes the network fee '
  .. 'of the last invoice and asks for the meter readings it was based on."}]}'

request = function()
  local body = string.format(template, customers[math.random(#customers)], math.random(0, 99999999))
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["x-document-identification"] = uuid(),
    ["x-document-date-time"] = os.date("!%Y-%m-%dT%H:%M:%SZ"),
  }
  return wrk.format("POST", path, headers, body)
end

done = function(summary, latency, requests)
  io.write(string.format('WRK {"requests":%d,"duration_us":%d,"non2xx":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d}\n',
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end
