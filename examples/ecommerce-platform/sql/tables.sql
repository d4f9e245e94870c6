-- Orders, partitioned by day, stored as Parquet (the guide's layout).
CREATE EXTERNAL TABLE IF NOT EXISTS analytics.orders (
  order_id string,
  customer_id string,
  category string,
  total double
)
PARTITIONED BY (order_date string)
STORED AS PARQUET
LOCATION 's3://ecommerce-lake/orders/';
