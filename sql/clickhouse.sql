-- dmscope daily aggregate, ClickHouse (clickhouse.com/docs/sql-reference/statements/select/group-by,
-- .../select/into-outfile, .../aggregate-functions/reference/uniqexact).
--
-- Input: a table or view raw_results, one row per result a device reported (see sql/README.md):
-- event_time DateTime or DateTime64, device_id String, family String (a dmscope family id),
-- result_code Nullable(Int32) (NULL when the platform gives a status word only), status Nullable(String)
-- (NULL when the code decides), model, firmware, region, server String.
-- Output: one row per day × family × code × status × model × firmware × region × server, with
-- operations (the raw rows: dmscope's count column) and devices (distinct devices of the row: exact per row,
-- summed by dmscope as an upper bound). Rows without a code or a status are kept: dmscope rejects them
-- visibly. Run with clickhouse-client, which writes the file where it runs.

SELECT
  toDate(event_time, 'UTC') AS day,
  family,
  result_code,
  status,
  model,
  firmware,
  region,
  server,
  count() AS operations,
  -- exact, never uniq or uniqHLL12: an estimate can fall below the truth, and the sum must not
  uniqExact(device_id) AS devices
FROM raw_results
GROUP BY day, family, result_code, status, model, firmware, region, server
ORDER BY day, family, result_code, status, model, firmware, region, server
INTO OUTFILE 'dmscope-daily.parquet'
FORMAT Parquet;
