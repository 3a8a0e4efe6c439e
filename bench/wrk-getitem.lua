-- wrk -s bench/wrk-getitem.lua http://127.0.0.1:$DYNAMODB_PORT/: DynamoDB Local's own consistent GetItem of one hash
-- item, from a native client (keep-alive), the floor bench/load.sh reports validate against. $GETITEM_BODY is the
-- request (bench.GetItemBody prints it). DynamoDB Local checks the shape of the Authorization header, not its
-- signature, so a fixed one serves every request.
wrk.method = "POST"
wrk.path = "/"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = "DynamoDB_20120810.GetItem"
wrk.headers["X-Amz-Date"] = "20260101T000000Z"
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, "
  .. "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" .. string.rep("0", 64)
wrk.body = os.getenv("GETITEM_BODY")

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("errors: status>=400 %d, socket %d\n", e.status, e.connect + e.read + e.write + e.timeout))
end
