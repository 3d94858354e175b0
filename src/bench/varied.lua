-- wrk script: POST /v1/evaluate with a record that changes from request to request, so that no answer is the
-- one before it over again: each wrk thread draws 64 records at random from the ten records of evaluate.lua
-- (each kept with a chance of 0.7, in a shuffled order) and sends them in turn. Set varied_dates = true before
-- running it (varied-dated.lua does) for every record dated, as dated.lua dates them, so that each is also
-- replayed in date order. unseen-dated.lua sets varied_shuffled = true as well, and draws 2,048 records a thread:
-- each record then has the ten dates in a shuffled order, so that few records share their first records in
-- date order, and more records are sent than a server keeps the replays of (4,096 records in all).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local records = {
  {'"step":"peace-declaration","parties":["US","DPRK","ROK","PRC"]', "2027-03-01"},
  {'"step":"dismantlement","note":"Yongbyon"', "2027-05"},
  {'"step":"peace-mechanism"', "2027-09-10"},
  {'"step":"dismantlement"', "2028-01"},
  {'"step":"four-party-talks"', "2028-02-14"},
  {'"step":"normalization"', "2028-06"},
  {'"step":"border-rectification"', "2029"},
  {'"step":"artillery-redeployment"', "2029-07-01"},
  {'"step":"force-posture-changes"', "2030-03"},
  {'"step":"missile-restraint"', "2030-11-30"},
}
local bodies = {}
local sent = 0

function init(args)
  -- each thread its own draw: a seed from the clock and from where this thread's state lies in memory
  math.randomseed(os.time() + tonumber(tostring(bodies):match("0x(%x+)") or "0", 16) % 100000)
  for b = 1, (varied_bodies or 64) do
    local dates = {}
    for i, record in ipairs(records) do
      dates[i] = record[2]
    end
    if varied_shuffled then
      for i = #dates, 2, -1 do
        local j = math.random(i)
        dates[i], dates[j] = dates[j], dates[i]
      end
    end
    local kept = {}
    for i, record in ipairs(records) do
      if math.random() < 0.7 then
        kept[#kept + 1] = "{" .. record[1] .. (varied_dates and (',"date":"' .. dates[i] .. '"') or "") .. "}"
      end
    end
    for i = #kept, 2, -1 do
      local j = math.random(i)
      kept[i], kept[j] = kept[j], kept[i]
    end
    bodies[b] = '{"ruleset":"sigal","completed":[' .. table.concat(kept, ",") .. ']}'
  end
end

function request()
  sent = sent % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[sent])
end
