-- wrk script: the dated 10-record state of dated.lua with its dates reversed (and "2029" made "2029-02", which
-- "2029-07-01" could not be told from), so that the replay in date order takes the records from the last listed
-- to the first, each judged against the records listed after it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"ruleset":"sigal","completed":[' ..
  '{"step":"peace-declaration","parties":["US","DPRK","ROK","PRC"],"date":"2030-11-30"},' ..
  '{"step":"dismantlement","note":"Yongbyon","date":"2030-03"},' ..
  '{"step":"peace-mechanism","date":"2029-07-01"},{"step":"dismantlement","date":"2029-02"},' ..
  '{"step":"four-party-talks","date":"2028-06"},{"step":"normalization","date":"2028-02-14"},' ..
  '{"step":"border-rectification","date":"2028-01"},{"step":"artillery-redeployment","date":"2027-09-10"},' ..
  '{"step":"force-posture-changes","date":"2027-05"},{"step":"missile-restraint","date":"2027-03-01"}]}'
