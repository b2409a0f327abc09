-- dmscope daily aggregate, Spark SQL (spark.apache.org/docs/latest/sql-ref-syntax-qry-select-groupby.html,
-- .../sql-ref-syntax-dml-insert-overwrite-directory.html).
--
-- Input: a table or view raw_results, one row per result a device reported (see sql/README.md):
-- event_time TIMESTAMP, device_id STRING, family STRING (a dmscope family id), result_code INT (NULL when
-- the platform gives a status word only), status STRING (NULL when the code decides), model, firmware,
-- region, server STRING.
-- Output: one row per day × family × code × status × model × firmware × region × server, with
-- operations (the raw rows: dmscope's count column) and devices (distinct devices of the row: exact per row,
-- summed by dmscope as an upper bound). Rows without a code or a status are kept: dmscope rejects them
-- visibly. Spark writes a folder of part files: give them all to dmscope, which reads them as one dataset.

-- days are UTC days, whatever the cluster's zone
SET spark.sql.session.timeZone = UTC;

CREATE OR REPLACE TEMPORARY VIEW dmscope_daily AS
SELECT
  to_date(event_time) AS day,
  family,
  result_code,
  status,
  model,
  firmware,
  region,
  server,
  COUNT(*) AS operations,
  -- exact, never approx_count_distinct: an estimate can fall below the truth, and the sum must not
  COUNT(DISTINCT device_id) AS devices
FROM raw_results
GROUP BY to_date(event_time), family, result_code, status, model, firmware, region, server;

INSERT OVERWRITE DIRECTORY '/tmp/dmscope-daily'
USING parquet
SELECT * FROM dmscope_daily;
