-- wrk -s bench/wrk-validate.lua: POST /v1/validate with the value in $LATCHKEY_API_TOKEN (the runner's owner token),
-- asking about its organization ($LATCHKEY_ORG, default demo-org). Used for the runner's validate throughput.
wrk.method = "POST"
wrk.path = "/v1/validate"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"token":"%s","organizationId":"%s"}', os.getenv("LATCHKEY_API_TOKEN"), os.getenv("LATCHKEY_ORG") or "demo-org")

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("errors: status>=400 %d, socket %d\n", e.status, e.connect + e.read + e.write + e.timeout))
end
