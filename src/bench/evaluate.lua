-- wrk script: POST /v1/evaluate with a 10-step negotiation state.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"ruleset":"sigal","completed":[' ..
  '{"step":"peace-declaration","parties":["US","DPRK","ROK","PRC"]},{"step":"dismantlement","note":"Yongbyon"},' ..
  '{"step":"peace-mechanism"},{"step":"dismantlement"},{"step":"four-party-talks"},{"step":"normalization"},' ..
  '{"step":"border-rectification"},{"step":"artillery-redeployment"},{"step":"force-posture-changes"},' ..
  '{"step":"missile-restraint"}]}'
