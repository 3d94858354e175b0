-- wrk script: POST /v1/evaluate with the 10-record state of evaluate.lua, every record dated, as the
-- workbench's timeline sends it (so the record is also replayed in date order).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"ruleset":"sigal","completed":[' ..
  '{"step":"peace-declaration","parties":["US","DPRK","ROK","PRC"],"date":"2027-03-01"},' ..
  '{"step":"dismantlement","note":"Yongbyon","date":"2027-05"},' ..
  '{"step":"peace-mechanism","date":"2027-09-10"},{"step":"dismantlement","date":"2028-01"},' ..
  '{"step":"four-party-talks","date":"2028-02-14"},{"step":"normalization","date":"2028-06"},' ..
  '{"step":"border-rectification","date":"2029"},{"step":"artillery-redeployment","date":"2029-07-01"},' ..
  '{"step":"force-posture-changes","date":"2030-03"},{"step":"missile-restraint","date":"2030-11-30"}]}'
